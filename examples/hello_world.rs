//! Quickstart: Argo's `hello-world` workflow.
//!
//! ```text
//! cargo run --example hello_world
//! ```
//!
//! prints the workflow as YAML, ready for `argo submit -` or `kubectl create -f -`.

use hera::prelude::*;

/// The workflow: one container that runs `echo "hello world"` in busybox.
pub fn objects() -> Vec<Object> {
    let hello = Container::new("hello-world").image("busybox").command(["echo"]).args(["hello world"]);
    let workflow = Workflow::generate_name("hello-world-")
        .label("workflows.argoproj.io/archive-strategy", "false")
        .annotation("workflows.argoproj.io/description", "This is a simple hello world example.\n")
        .entrypoint(hello);
    vec![workflow.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
