//! Argo's `life-cycle-hooks-wf-level` example: workflow-level hooks, on exit
//! and while an expression holds.
//!
//! ```text
//! cargo run --example life_cycle_hooks_wf_level
//! ```

use hera::prelude::*;

/// An HTTP call on exit and while the workflow is running.
pub fn objects() -> Vec<Object> {
    let heads =
        Container::new("heads").image("alpine:3.23").command(["sh", "-c"]).args(["echo \"it was heads\""]);
    let http = Http::new(
        "http",
        "https://raw.githubusercontent.com/argoproj/argo-workflows/4e450e250168e6b4d51a126b784e90b11a0162bc/pkg/apis/workflow/v1alpha1/generated.swagger.json",
    );
    let main = Steps::new("main", |s| {
        s.step("step1", heads.call());
    });
    let workflow = Workflow::generate_name("lifecycle-hook-")
        .entrypoint(main)
        .hook("exit", http.call())
        .hook("running", Hook::new(http.call()).expression("workflow.status == \"Running\""));
    vec![workflow.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
