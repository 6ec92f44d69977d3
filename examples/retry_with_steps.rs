//! Argo's `retry-with-steps` example: every step of a steps template retries.
//!
//! ```text
//! cargo run --example retry_with_steps
//! ```

use hera::prelude::*;

/// Three runs of a flaky container, each retried.
pub fn objects() -> Vec<Object> {
    let random_fail = Container::new("random-fail").retry(Retry::limit("10")).image("python:alpine3.23").command(["python", "-c"]).args([
        "import random; import sys; print('retries: {{retries}}'); exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)",
    ]);
    let main = Steps::new("retry-with-steps", |s| {
        s.step("hello1", random_fail.call());
        s.parallel(|p| {
            p.step("hello2a", random_fail.call());
            p.step("hello2b", random_fail.call());
        });
    });
    vec![
        Workflow::generate_name("retry-with-steps-")
            .label("workflows.argoproj.io/no-test", "flaky")
            .entrypoint(main)
            .into(),
    ]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
