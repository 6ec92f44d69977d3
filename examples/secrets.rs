//! Argo's `secrets` example: a Secret as an environment variable and as files.
//!
//! ```text
//! cargo run --example secrets
//! ```

use hera::prelude::*;

/// Print a secret both ways.
pub fn objects() -> Vec<Object> {
    let print_secret = Container::new("print-secret")
        .image("alpine:3.23")
        .command(["sh", "-c"])
        .args([" echo \"secret from env: $MYSECRETPASSWORD\"; echo \"secret from file: `cat /secret/mountpath/mypassword`\" "])
        .env_from_secret("MYSECRETPASSWORD", "my-secret", "mypassword")
        .volume_mount("my-secret-vol", "/secret/mountpath");
    vec![
        Workflow::generate_name("secrets-")
            .label("workflows.argoproj.io/no-test", "environment")
            .secret_volume("my-secret-vol", "my-secret")
            .entrypoint(print_secret)
            .into(),
    ]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
