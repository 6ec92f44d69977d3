//! Argo's `dag-enhanced-depends` example: dependencies on task results,
//! written as typed expressions.
//!
//! ```text
//! cargo run --example dag_enhanced_depends
//! ```

use hera::prelude::*;

/// Tasks that run depending on which others succeeded or failed.
pub fn objects() -> Vec<Object> {
    let pass = Container::new("pass").image("busybox").command(["sh", "-c", "exit 0"]);
    let fail = Container::new("fail").image("busybox").command(["sh", "-c", "exit 1"]);

    let diamond = Dag::new("diamond", |d| {
        let a = d.task("A", pass.call());
        let b = d.task("B", pass.call());
        let c = d.task("C", fail.call());
        a.then([b, c]);
        d.task("should-execute-1", pass.call()).depends(Depends::from(a) & (c.succeeded() | c.failed()));
        let two = d.task("should-execute-2", pass.call()).depends(b | c);
        let not = d.task("should-not-execute", pass.call()).depends(b & c);
        d.task("should-execute-3", pass.call()).depends(two.succeeded() | not);
    });

    vec![Workflow::generate_name("dag-diamond-").entrypoint(diamond).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
