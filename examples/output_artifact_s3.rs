//! Argo's `output-artifact-s3` example: an output artifact uploaded to S3.
//!
//! ```text
//! cargo run --example output_artifact_s3
//! ```

use hera::prelude::*;

/// Write a file and upload it.
pub fn objects() -> Vec<Object> {
    let s3 = S3::bucket("my-bucket")
        .endpoint("s3.amazonaws.com")
        .region("us-west-2")
        .key("path/in/bucket/hello_world.txt.tgz")
        .credentials("my-s3-credentials", "accessKey", "secretKey");
    let hello = Container::new("hello-world-to-file")
        .image("busybox")
        .command(["sh", "-c"])
        .args(["echo hello world | tee /tmp/hello_world.txt"])
        .output_artifact(Artifact::new("message").path("/tmp").s3(s3));
    vec![
        Workflow::generate_name("output-artifact-s3-")
            .label("workflows.argoproj.io/no-test", "environment")
            .entrypoint(hello)
            .into(),
    ]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
