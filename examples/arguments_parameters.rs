//! Argo's `arguments-parameters` example: a workflow argument passed to the
//! entrypoint's input.
//!
//! ```text
//! cargo run --example arguments_parameters
//! ```

use hera::prelude::*;

/// The entrypoint's `message` input comes from the workflow argument of the same name.
pub fn objects() -> Vec<Object> {
    let print_message = Container::new("print-message")
        .input("message")
        .image("busybox")
        .command(["echo"])
        .arg(hera::input("message"));
    vec![
        Workflow::generate_name("arguments-parameters-")
            .argument("message", "hello world")
            .entrypoint(print_message)
            .into(),
    ]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
