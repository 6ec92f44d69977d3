//! Argo's `global-parameters` example: any template can read a workflow argument.
//!
//! ```text
//! cargo run --example global_parameters
//! ```

use hera::prelude::*;

/// The container reads `{{workflow.parameters.message}}` directly.
pub fn objects() -> Vec<Object> {
    let print_message =
        Container::new("print-message").image("busybox").command(["echo"]).arg(workflow_parameter("message"));
    vec![
        Workflow::generate_name("global-parameters-")
            .argument("message", "hello world")
            .entrypoint(print_message)
            .into(),
    ]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
