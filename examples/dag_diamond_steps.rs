//! Argo's `dag-diamond-steps` example: a diamond whose every node is a steps
//! template echoing three times in parallel.
//!
//! ```text
//! cargo run --example dag_diamond_steps
//! ```

use hera::prelude::*;

/// The diamond of `echo-thrice` steps.
pub fn objects() -> Vec<Object> {
    let echo = Container::new("echo")
        .input("message")
        .image("busybox")
        .command(["echo", "{{inputs.parameters.message}}"]);

    let echo_thrice = Steps::new("echo-thrice", |s| {
        s.step("echo", echo.call().argument("message", text!("{}{}", s.input("message"), item())))
            .with_items([1, 2, 3]);
    })
    .input("message");

    let diamond = Dag::new("diamond", |d| {
        let a = d.task("A", echo_thrice.call().argument("message", "A"));
        let b = d.task("B", echo_thrice.call().argument("message", "B"));
        let c = d.task("C", echo_thrice.call().argument("message", "C"));
        let last = d.task("D", echo_thrice.call().argument("message", "D"));
        a.then([b, c]).then(last);
    });

    vec![Workflow::generate_name("dag-diamond-steps-").entrypoint(diamond).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
