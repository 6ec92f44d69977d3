//! Argo's `container-set-template/sequence-workflow` example: three
//! containers of one pod, run one after another.
//!
//! ```text
//! cargo run --example sequence_workflow
//! ```

use hera::prelude::*;

/// `a`, then `b`, then `c`, in one pod.
pub fn objects() -> Vec<Object> {
    let node = |name: &str| ContainerNode::new(name).image("argoproj/argosay:v2");
    let main = ContainerSet::new("main")
        .container(node("a"))
        .container(node("b").dependencies(["a"]))
        .container(node("c").dependencies(["b"]));
    let workflow = Workflow::generate_name("sequence-")
        .annotation(
            "workflows.argoproj.io/description",
            "This workflow demonstrates running a sequence of containers within a single pod.\n",
        )
        .annotation("workflows.argoproj.io/version", ">= 3.1.0")
        .entrypoint(main);
    vec![workflow.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
