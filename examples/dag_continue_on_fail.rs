//! Argo's `dag-continue-on-fail` example: `D` runs because `B` failed.
//!
//! ```text
//! cargo run --example dag_continue_on_fail
//! ```

use hera::prelude::*;

/// A DAG that carries on past an intentional failure.
pub fn objects() -> Vec<Object> {
    let hello = Container::new("hello-world").image("busybox").command(["echo"]).args(["hello world"]);
    let fail = Container::new("intentional-fail")
        .image("busybox")
        .command(["sh", "-c"])
        .args(["echo intentional failure; exit 1"]);

    let dag = Dag::new("workflow", |d| {
        let a = d.task("A", hello.call());
        let b = d.task("B", fail.call());
        let c = d.task("C", hello.call());
        d.task("D", hello.call()).depends(b.failed() & c);
        let e = d.task("E", fail.call());
        let f = d.task("F", hello.call());
        a.then([b, c, e, f]);
        [e, f].then(d.task("G", hello.call()));
    });

    vec![
        Workflow::generate_name("dag-contiue-on-fail-")
            .label("workflows.argoproj.io/no-test", "expected-failure")
            .entrypoint(dag)
            .into(),
    ]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
