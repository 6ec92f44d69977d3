//! Argo's `loops-dag` example: a looped task inside a DAG.
//!
//! ```text
//! cargo run --example loops_dag
//! ```

use hera::prelude::*;

/// `A`, then `B` three times, then `C`.
pub fn objects() -> Vec<Object> {
    let print_message = Container::new("print-message")
        .input("message")
        .image("busybox")
        .command(["echo"])
        .arg(hera::input("message"));
    let dag = Dag::new("loops-dag", |d| {
        let a = d.task("A", print_message.call().argument("message", "A"));
        let b =
            d.task("B", print_message.call().argument("message", item())).with_items(["foo", "bar", "baz"]);
        let c = d.task("C", print_message.call().argument("message", "C"));
        a.then(b).then(c);
    });
    vec![
        Workflow::generate_name("loops-dag-")
            .label("workflows.argoproj.io/no-test", "environment")
            .entrypoint(dag)
            .into(),
    ]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
