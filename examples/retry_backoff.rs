//! Argo's `retry-backoff` example: retries with exponential backoff.
//!
//! ```text
//! cargo run --example retry_backoff
//! ```

use hera::prelude::*;

/// A container that fails two times in three, retried up to ten times.
pub fn objects() -> Vec<Object> {
    // Durations are strings: plain numbers are seconds, or "2m", "6h".
    let retry = Retry::limit("10").backoff("1", "2", "1m").backoff_cap("5");
    let flaky = Container::new("retry-backoff")
        .retry(retry)
        .image("python:alpine3.23")
        .command(["python", "-c"])
        .args(["import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"]);
    vec![
        Workflow::generate_name("retry-backoff-")
            .label("workflows.argoproj.io/no-test", "duration")
            .entrypoint(flaky)
            .into(),
    ]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
