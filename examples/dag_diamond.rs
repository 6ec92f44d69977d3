//! Argo's `dag-diamond` example: `A` fans out to `B` and `C`, which join in `D`.
//!
//! ```text
//! cargo run --example dag_diamond
//! ```

use hera::prelude::*;

/// The diamond, wired with `then`.
pub fn objects() -> Vec<Object> {
    let echo = Container::new("echo")
        .input("message")
        .image("busybox")
        .command(["echo", "{{inputs.parameters.message}}"]);

    let diamond = Dag::new("diamond", |d| {
        let a = d.task("A", echo.call().argument("message", "A"));
        let b = d.task("B", echo.call().argument("message", "B"));
        let c = d.task("C", echo.call().argument("message", "C"));
        let last = d.task("D", echo.call().argument("message", "D"));
        a.then([b, c]).then(last);
    });

    vec![Workflow::generate_name("dag-diamond-").entrypoint(diamond).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
