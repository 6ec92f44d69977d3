//! Every supported signature shape compiles and makes a template.

use hera::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Point {
    x: i64,
    y: i64,
}

#[derive(Outputs)]
struct Stats {
    count: usize,
    mean: f64,
    report: OutputArtifact,
}

#[script]
fn nothing() {}

#[script]
fn constant() -> i64 {
    42
}

#[script(name = "custom-name", image = "alpine", command = "/app/bin", env(A = "1"), env(B = "2"))]
pub fn renamed(text: String) -> String {
    text
}

#[script]
fn optional(label: Option<String>, #[default(2)] factor: i64) -> String {
    format!("{label:?} {factor}")
}

#[script]
fn structured(points: Vec<Point>, origin: Point) -> Point {
    Point { x: points.iter().map(|p| p.x).sum::<i64>() - origin.x, y: origin.y }
}

#[script]
fn fallible(text: String) -> Result<u16, std::num::ParseIntError> {
    text.parse()
}

#[script]
fn stats(values: Vec<f64>) -> Stats {
    let mean = values.iter().sum::<f64>() / values.len().max(1) as f64;
    Stats { count: values.len(), mean, report: OutputArtifact::new("/tmp/report") }
}

#[script]
fn fallible_stats(input: InputArtifact) -> Result<Stats, std::io::Error> {
    let text = input.read_to_string()?;
    Ok(Stats { count: text.len(), mean: 0.0, report: OutputArtifact::new(input.path()) })
}

#[script]
fn raw_identifier(r#type: String) -> String {
    r#type
}

fn main() {
    assert_eq!(constant(), 42);
    let dag = Dag::new("main", |d| {
        d.task("nothing", nothing::call());
        let c = d.task("constant", constant::call());
        d.task("renamed", renamed::call("x"));
        d.task("optional", optional::call(None, 3));
        d.task("optional-some", optional::call(Some("a".to_owned()), c.result()));
        d.task("structured", structured::call(vec![Point { x: 1, y: 2 }], Point { x: 0, y: 0 }));
        d.task("fallible", fallible::call(hera::workflow_parameter("port")));
        let s = d.task("stats", stats::call(vec![1.0, 2.0]));
        d.task("fallible-stats", fallible_stats::call(s.outputs().report));
        d.task("raw", raw_identifier::call("t"));
    });
    let yaml = Workflow::generate_name("shapes-").image("img").argument("port", "8080").entrypoint(dag).to_yaml().unwrap();
    assert!(yaml.contains("name: custom-name"));
    // Repeated list options add up.
    assert!(yaml.contains("- name: A\n") && yaml.contains("- name: B\n"), "{yaml}");
}
