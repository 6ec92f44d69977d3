//! Argo's `steps` example: steps run in sequence, and the steps of a group in
//! parallel.
//!
//! ```text
//! cargo run --example steps
//! ```

use hera::prelude::*;

/// The workflow: `hello1`, then `hello2a` and `hello2b` side by side.
pub fn objects() -> Vec<Object> {
    let print_message = Container::new("print-message")
        .input("message")
        .image("busybox")
        .command(["echo"])
        .arg(hera::input("message"));

    let hello = Steps::new("hello-hello-hello", |s| {
        s.step("hello1", print_message.call().argument("message", "hello1"));
        s.parallel(|p| {
            p.step("hello2a", print_message.call().argument("message", "hello2a"));
            p.step("hello2b", print_message.call().argument("message", "hello2b"));
        });
    });

    vec![Workflow::generate_name("steps-").entrypoint(hello).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
