// The stubs of another team's WorkflowTemplate, used as a DAG's tasks.
#[path = "../stubs/build_tools.rs"]
mod build_tools;

use hera::prelude::*;

fn main() {
    let dag = Dag::new("ship", |d| {
        let compile = d.task(
            "compile",
            build_tools::compile("src/", build_tools::CompileProfile::Release).jobs(8),
        );
        let outputs = build_tools::compile_outputs(&compile);
        d.task("notify", build_tools::notify(text!("built {}", outputs.binary_path)));
    });
    let tasks = dag.to_model().dag.unwrap().tasks;
    assert_eq!(tasks[0].template_ref.as_ref().unwrap().name.as_deref(), Some(build_tools::TEMPLATE));
    assert_eq!(tasks[1].depends.as_deref(), Some("compile"));
}
