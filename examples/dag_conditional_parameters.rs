//! Argo's `dag-conditional-parameters` example: tasks run on a coin flip,
//! and the DAG's output comes from whichever ran.
//!
//! ```text
//! cargo run --example dag_conditional_parameters
//! ```

use hera::prelude::*;

fn python(name: &str, source: &str) -> Script {
    Script::new(name).image("python:alpine3.23").command(["python"]).source(source)
}

/// Heads or tails, and the result of the branch taken.
pub fn objects() -> Vec<Object> {
    let flip_coin =
        python("flip-coin", "import random\nprint(\"heads\" if random.randint(0,1) == 0 else \"tails\")\n");
    let heads = python("heads", "print(\"heads\")\n");
    let tails = python("tails", "print(\"tails\")\n");

    let main = Dag::new("main", |d| {
        let flip = d.task("flip-coin", flip_coin.call());
        // The conditions read `flip`'s result, so both depend on `flip`.
        d.task("heads", heads.call()).when(flip.result().equals("heads"));
        d.task("tails", tails.call()).when(flip.result().equals("tails"));
    })
    .output(Parameter::new("stepresult").value_from_expression(
        "tasks['flip-coin'].outputs.result == 'heads' ? tasks.heads.outputs.result : tasks.tails.outputs.result",
    ));

    let workflow = Workflow::generate_name("dag-conditional-parameter-")
        .annotation(
            "workflows.argoproj.io/description",
            "Conditional parameters provide a way to choose the output parameters based on expression.\n\n\
             In this example DAG template has two task which will run conditionally based on `when`.\n\n\
             Based on this condition one of task may not execute. The template's output parameter will be set to the\n\
             executed taks's output result.\n",
        )
        .annotation("workflows.argoproj.io/version", ">= 3.1.0")
        .entrypoint(main);
    vec![workflow.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
