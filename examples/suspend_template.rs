//! Argo's `suspend-template` example: pause for approval, then for a while.
//!
//! ```text
//! cargo run --example suspend_template
//! ```

use hera::prelude::*;

/// Build, wait for approval, wait 20 seconds, release.
pub fn objects() -> Vec<Object> {
    let hello = Container::new("hello-world").image("busybox").command(["echo"]).args(["hello world"]);
    let approve = Suspend::new("approve");
    // A string: plain numbers are seconds, or "2m", "6h".
    let delay = Suspend::new("delay").duration("20");
    let main = Steps::new("suspend", |s| {
        s.step("build", hello.call());
        s.step("approve", approve.call());
        s.step("delay", delay.call());
        s.step("release", hello.call());
    });
    vec![
        Workflow::generate_name("suspend-template-")
            .label("workflows.argoproj.io/no-test", "environment")
            .entrypoint(main)
            .into(),
    ]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
