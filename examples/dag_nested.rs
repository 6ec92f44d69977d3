//! Argo's `dag-nested` example: a diamond of diamonds.
//!
//! ```text
//! cargo run --example dag_nested
//! ```

use hera::prelude::*;

/// A diamond of `name` tasks, each calling `call(label)`.
fn diamond(name: &str, call: impl Fn(&str) -> Call) -> Dag {
    Dag::new(name, |d| {
        let a = d.task("A", call("A"));
        let b = d.task("B", call("B"));
        let c = d.task("C", call("C"));
        let last = d.task("D", call("D"));
        a.then([b, c]).then(last);
    })
}

/// The outer diamond runs the inner one four times.
pub fn objects() -> Vec<Object> {
    let echo = Container::new("echo")
        .input("message")
        .image("busybox")
        .command(["echo", "{{inputs.parameters.message}}"]);
    let nested = diamond("nested-diamond", |label| {
        echo.call().argument("message", text!("{}{label}", hera::input("message")))
    })
    .input("message");
    let outer = diamond("diamond", |label| nested.call().argument("message", label));

    vec![
        Workflow::generate_name("dag-nested-")
            .label("workflows.argoproj.io/no-test", "flaky")
            .entrypoint(outer)
            .into(),
    ]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
