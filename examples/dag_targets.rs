//! Argo's `dag-targets` example: run only the tasks a workflow argument
//! names (and what they depend on).
//!
//! ```text
//! cargo run --example dag_targets
//! ```

use hera::prelude::*;

/// A diamond plus `E`; the `target` argument picks what runs.
pub fn objects() -> Vec<Object> {
    let echo = Container::new("echo")
        .input("message")
        .image("busybox")
        .command(["echo", "{{inputs.parameters.message}}"]);

    let dag = Dag::new("dag-target", |d| {
        d.target(workflow_parameter("target"));
        let a = d.task("A", echo.call().argument("message", "A"));
        let b = d.task("B", echo.call().argument("message", "B"));
        let c = d.task("C", echo.call().argument("message", "C"));
        let last = d.task("D", echo.call().argument("message", "D"));
        let e = d.task("E", echo.call().argument("message", "E"));
        a.then([b, c]).then(last);
        c.then(e);
    });

    vec![Workflow::generate_name("dag-target-").argument("target", "E").entrypoint(dag).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
