use hera::prelude::*;

#[script]
fn greet(name: String) -> String {
    format!("hello {name}")
}

fn main() {
    let mut template = WorkflowTemplate::new("screening-wt");
    let threshold = template.declare_parameter::<f64>("threshold", 0.05);
    let main = Dag::new("main", |d| {
        // A number where a `String` is expected.
        d.task("greet", greet::call(threshold));
    });
    let _ = template.entrypoint(main);
}
