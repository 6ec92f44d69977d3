//! A synthetic workflow for benchmarks: a WorkflowTemplate whose DAG has N
//! tasks calling one template `add`.
//!
//! ```text
//! cargo run --release --example scale -- --tasks 1000 --shape chain
//! cargo run --release --example scale -- --tasks 2000 --shape fanin
//! ```
//!
//! `chain`: task `t<i>` adds one to `t<i-1>`'s sum (the dependency is
//! inferred). `fanin`: N independent tasks and a `final` task after all of
//! them. Argo's CRDs allow at most 200 tasks in a DAG; beyond that hera-rs
//! warns on stderr and still prints.

use hera::prelude::*;

/// The shape of the DAG.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Shape {
    /// Each task depends on the one before.
    Chain,
    /// Independent tasks joined by `final`.
    Fanin,
}

/// `bench-<shape>-<tasks>`.
pub fn template(shape: Shape, tasks: usize) -> WorkflowTemplate {
    let add = Container::new("add")
        .input("a")
        .input("b")
        .image("alpine:3.23")
        .command(["sh", "-c"])
        .args(["echo $(({{inputs.parameters.a}} + {{inputs.parameters.b}})) | tee /tmp/sum"])
        .output(Parameter::new("sum").value_from_path("/tmp/sum"));
    let main = Dag::new("main", |d| match shape {
        Shape::Chain => {
            let mut previous = d.task("t0", add.call().arg("a", 0).arg("b", 1));
            for i in 1..tasks {
                previous = d.task(format!("t{i}"), add.call().arg("a", previous.output("sum")).arg("b", 1));
            }
        }
        Shape::Fanin => {
            let parts: Vec<_> =
                (0..tasks).map(|i| d.task(format!("t{i}"), add.call().arg("a", i).arg("b", 1))).collect();
            parts.then(d.task("final", add.call().arg("a", 0).arg("b", 0)));
        }
    });
    let name = match shape {
        Shape::Chain => "chain",
        Shape::Fanin => "fanin",
    };
    WorkflowTemplate::new(format!("bench-{name}-{tasks}")).entrypoint(main)
}

/// The chain of 10 (what `cargo run --example scale` prints).
pub fn objects() -> Vec<Object> {
    vec![template(Shape::Chain, 10).into()]
}

/// `--tasks N --shape chain|fanin`.
#[derive(Debug, clap::Parser)]
struct Args {
    /// Number of tasks.
    #[arg(long, default_value_t = 10)]
    tasks: usize,
    /// Shape of the DAG.
    #[arg(long, value_enum, default_value_t = Shape::Chain)]
    shape: Shape,
}

fn main() -> std::process::ExitCode {
    let args = <Args as clap::Parser>::parse();
    let objects = [template(args.shape, args.tasks).into()];
    hera::cli::run(["scale"], &objects, &mut hera::cli::Output::standard()).into()
}
