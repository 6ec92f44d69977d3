//! A synthetic workflow for benchmarks: a WorkflowTemplate whose DAG has N
//! tasks calling one `#[script]` function, `add`.
//!
//! ```text
//! cargo run --release --example scale -- --tasks 1000 --shape chain
//! cargo run --release --example scale -- --tasks 2000 --shape fanin
//! ```
//!
//! `chain`: task `t<i>` adds one to `t<i-1>`'s `sum` (typed, and the
//! dependency is inferred). `fanin`: N independent tasks and a `final` task
//! after all of them. Argo's CRDs allow at most 200 tasks in a DAG; beyond
//! that lint reports an error, which would stop `yaml` and `json`: this
//! program opts out with `Project::allow_invalid` (it is a benchmark), so
//! the finding goes to stderr and the YAML is printed anyway (`scale lint`
//! and `scale emit` still refuse it). In the pod the same binary runs the
//! function: `scale exec add FILE`.

use hera::prelude::*;

/// The output of `add`: one named output parameter, `sum`.
#[derive(Outputs)]
pub struct Sum {
    /// `a + b`.
    pub sum: i64,
}

/// Adds two numbers.
#[script]
pub fn add(a: i64, b: i64) -> Sum {
    Sum { sum: a + b }
}

/// The shape of the DAG.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Shape {
    /// Each task depends on the one before.
    Chain,
    /// Independent tasks joined by `final`.
    Fanin,
}

/// `bench-<shape>-<tasks>`.
pub fn template(shape: Shape, tasks: usize) -> WorkflowTemplate {
    let main = Dag::new("main", |d| match shape {
        Shape::Chain => {
            let mut previous = d.task("t0", add::call(0, 1));
            for i in 1..tasks {
                previous = d.task(format!("t{i}"), add::call(previous.outputs().sum, 1));
            }
        }
        Shape::Fanin => {
            let parts: Vec<_> = (0..tasks).map(|i| d.task(format!("t{i}"), add::call(i as i64, 1))).collect();
            parts.then(d.task("final", add::call(0, 0)));
        }
    });
    let name = match shape {
        Shape::Chain => "chain",
        Shape::Fanin => "fanin",
    };
    WorkflowTemplate::new(format!("bench-{name}-{tasks}"))
        .image(format!("ghcr.io/hera-rs/examples:v{}", hera::package_version!()))
        .entrypoint(main)
}

/// The chain of 10 (what `cargo run --example scale` prints).
pub fn objects() -> Vec<Object> {
    vec![template(Shape::Chain, 10).into()]
}

/// `--tasks N --shape chain|fanin`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Number of tasks.
    #[arg(long, default_value_t = 10)]
    tasks: usize,
    /// Shape of the DAG.
    #[arg(long, value_enum, default_value_t = Shape::Chain)]
    shape: Shape,
}

fn main() -> std::process::ExitCode {
    // Beyond 200 tasks the objects break the CRD's cap on purpose: print
    // them anyway (benchmarks and .ci/run rely on it).
    hera::cli::main_with(|args: &Args| Project::new([template(args.shape, args.tasks)]).allow_invalid())
}
