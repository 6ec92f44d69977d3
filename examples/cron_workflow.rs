//! Argo's `cron-workflow` example: hello world every minute.
//!
//! ```text
//! cargo run --example cron_workflow
//! ```

use hera::prelude::*;

/// A CronWorkflow with every scheduling option set.
pub fn objects() -> Vec<Object> {
    let hello = Container::new("hello-world-with-time")
        .image("busybox")
        .command(["echo"])
        .arg(text!("🕓 hello world. Scheduled on: {}", Expr::var("workflow.scheduledTime")));
    let cron = CronWorkflow::new("hello-world")
        .schedule("* * * * *")
        .timezone("America/Los_Angeles")
        .starting_deadline_seconds(0)
        .concurrency_policy("Replace")
        .successful_jobs_history_limit(4)
        .failed_jobs_history_limit(4)
        .suspend(false)
        .entrypoint(hello);
    vec![cron.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
