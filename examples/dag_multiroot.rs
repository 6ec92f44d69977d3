//! Argo's `dag-multiroot` example: two roots, `A` and `B`; `C` needs `A`,
//! `D` needs both.
//!
//! ```text
//! cargo run --example dag_multiroot
//! ```

use hera::prelude::*;

/// The multi-root DAG.
pub fn objects() -> Vec<Object> {
    let echo = Container::new("echo")
        .input("message")
        .image("busybox")
        .command(["echo", "{{inputs.parameters.message}}"]);

    let multiroot = Dag::new("multiroot", |d| {
        let a = d.task("A", echo.call().argument("message", "A"));
        let b = d.task("B", echo.call().argument("message", "B"));
        let c = d.task("C", echo.call().argument("message", "C"));
        let last = d.task("D", echo.call().argument("message", "D"));
        a.then(c);
        [a, b].then(last);
    });

    vec![Workflow::generate_name("dag-multiroot-").entrypoint(multiroot).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
