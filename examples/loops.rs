//! Argo's `loops` example: one step per item.
//!
//! ```text
//! cargo run --example loops
//! ```

use hera::prelude::*;

/// Print each message.
pub fn objects() -> Vec<Object> {
    let print_message = Container::new("print-message")
        .input("message")
        .image("busybox")
        .command(["echo"])
        .arg(hera::input("message"));
    let main = Steps::new("loop-example", |s| {
        s.step("print-message-loop", print_message.call().argument("message", item()))
            .with_items(["hello world", "goodbye world"]);
    });
    vec![Workflow::generate_name("loops-").entrypoint(main).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
