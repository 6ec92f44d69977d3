//! Argo's `artifact-passing` example: a file produced by one step is the
//! input of the next.
//!
//! ```text
//! cargo run --example artifact_passing
//! ```

use hera::prelude::*;

/// Generate an artifact, then print it.
pub fn objects() -> Vec<Object> {
    let hello_to_file = Container::new("hello-world-to-file")
        .image("busybox")
        .command(["sh", "-c"])
        .args(["sleep 1; echo hello world | tee /tmp/hello_world.txt"])
        .output_artifact(Artifact::new("hello-art").path("/tmp/hello_world.txt"));
    let print_from_file = Container::new("print-message-from-file")
        .input_artifact(Artifact::new("message").path("/tmp/message"))
        .image("busybox")
        .command(["sh", "-c"])
        .args(["cat /tmp/message"]);

    let main = Steps::new("artifact-example", |s| {
        let generate = s.step("generate-artifact", hello_to_file.call());
        s.step(
            "consume-artifact",
            print_from_file.call().argument_artifact("message", generate.output_artifact("hello-art")),
        );
    });

    vec![Workflow::generate_name("artifact-passing-").entrypoint(main).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
