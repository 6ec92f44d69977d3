//! Argo's `exit-handlers` example: a template that runs when the workflow
//! ends, however it ended.
//!
//! ```text
//! cargo run --example exit_handlers
//! ```

use hera::prelude::*;

fn shell(name: &str, script: &str) -> Container {
    Container::new(name).image("alpine:3.23").command(["sh", "-c"]).args([script])
}

/// A failing entrypoint and an exit handler that reacts to the status.
pub fn objects() -> Vec<Object> {
    let intentional_fail = shell("intentional-fail", "echo intentional failure; exit 1");
    let send_email = shell(
        "send-email",
        "echo send e-mail: {{workflow.name}} {{workflow.status}} {{workflow.duration}}. Failed steps {{workflow.failures}}",
    );
    let celebrate = shell("celebrate", "echo hooray!");
    let cry = shell("cry", "echo boohoo!");
    let status = Expr::var("workflow.status");

    let exit_handler = Steps::new("exit-handler", |s| {
        s.parallel(|p| {
            p.step("notify", send_email.call());
            p.step("celebrate", celebrate.call()).when(status.equals("Succeeded"));
            p.step("cry", cry.call()).when(status.not_equals("Succeeded"));
        });
    });

    let workflow = Workflow::generate_name("exit-handlers-")
        .label("workflows.argoproj.io/no-test", "expected-failure")
        .entrypoint(intentional_fail)
        .on_exit(exit_handler);
    vec![workflow.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
