//! Argo's `timeouts-step` example: a pod stopped after ten seconds.
//!
//! ```text
//! cargo run --example timeouts_step
//! ```

use hera::prelude::*;

/// A container that would sleep a day, stopped by `activeDeadlineSeconds`.
pub fn objects() -> Vec<Object> {
    let sleep = Container::new("sleep")
        .image("argoproj/argosay:v2")
        .command(["bash", "-c"])
        .args(["echo 123; sleep 1d"])
        .active_deadline_seconds(10);
    let workflow = Workflow::generate_name("timeouts-step-")
        .label("workflows.argoproj.io/no-test", "expected-failure")
        .annotation(
            "workflows.argoproj.io/no-test-reason",
            "It looks like the container does not terminate in a clean way\n\n\
             time=2025-11-28T16:47:21.850Z level=DEBUG msg=\"ignore signal\" argo=true signal=\"child exited\"\n\
             time=2025-11-28T16:47:22.858Z level=DEBUG msg=\"forwarding signal\" argo=true signal=terminated\n\
             time=2025-11-28T16:47:23.327Z level=INFO msg=\"sub-process exited\" argo=true error=\"exit status 143\"\n\
             time=2025-11-28T16:47:23.327Z level=DEBUG msg=\"ignore signal\" argo=true signal=\"urgent I/O condition\"\n\
             Error: exit status 143\n",
        )
        .entrypoint(sleep);
    vec![workflow.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
