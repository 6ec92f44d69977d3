//! Argo's `input-artifact-s3` example: an input artifact downloaded from S3.
//!
//! ```text
//! cargo run --example input_artifact_s3
//! ```

use hera::prelude::*;

/// List the downloaded artifact.
pub fn objects() -> Vec<Object> {
    let s3 = S3::bucket("my-bucket-name")
        .endpoint("s3.amazonaws.com")
        .key("path/in/bucket")
        .region("us-west-2")
        .credentials("my-s3-credentials", "accessKey", "secretKey");
    let list = Container::new("input-artifact-s3-example")
        .input_artifact(Artifact::new("my-art").path("/my-artifact").s3(s3))
        .image("debian:latest")
        .command(["sh", "-c"])
        .args(["ls -l /my-artifact"]);
    vec![
        Workflow::generate_name("input-artifact-s3-")
            .label("workflows.argoproj.io/no-test", "environment")
            .entrypoint(list)
            .into(),
    ]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
