//! Argo's `workflow-template/templates` example: five WorkflowTemplates from
//! one program, some calling templates of the others through `TemplateRef`.
//!
//! ```text
//! cargo run --example templates
//! ```

use hera::prelude::*;

fn print_message() -> Container {
    Container::new("print-message")
        .input("message")
        .image("busybox")
        .command(["echo"])
        .arg(hera::input("message"))
}

/// The five templates, in the order Argo's file has them.
pub fn objects() -> Vec<Object> {
    let print = print_message();
    let shared_print = TemplateRef::new("workflow-template-print-message", "print-message");

    let print_message_wt = WorkflowTemplate::new("workflow-template-print-message").entrypoint(print.clone());

    let random_fail = Container::new("random-fail-template")
        .retry(10)
        .image("python:alpine3.23")
        .command(["python", "-c"])
        .args(["import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"]);
    let random_fail_wt =
        WorkflowTemplate::new("workflow-template-random-fail-template").template(random_fail);

    let inner_steps = Steps::new("inner-steps", |s| {
        s.step("inner-hello1", shared_print.call().argument("message", "inner-hello1"));
        s.parallel(|p| {
            p.step("inner-hello2a", shared_print.call().argument("message", "inner-hello2a"));
            p.step("inner-hello2b", print.call().argument("message", "inner-hello2b"));
        });
    });
    let inner_steps_wt =
        WorkflowTemplate::new("workflow-template-inner-steps").template(print.clone()).template(inner_steps);

    let inner_dag = Dag::new("inner-diamond", |d| {
        let a = d.task("inner-A", shared_print.call().argument("message", "inner-A"));
        let b = d.task("inner-B", print.call().argument("message", "inner-B"));
        let c = d.task("inner-C", print.call().argument("message", "inner-C"));
        let last = d.task("inner-D", shared_print.call().argument("message", "inner-D"));
        a.then([b, c]).then(last);
    });
    let inner_dag_wt =
        WorkflowTemplate::new("workflow-template-inner-dag").template(print.clone()).template(inner_dag);

    let submittable = WorkflowTemplate::new("workflow-template-submittable")
        .argument("message", "hello world")
        .entrypoint(print);

    vec![
        print_message_wt.into(),
        random_fail_wt.into(),
        inner_steps_wt.into(),
        inner_dag_wt.into(),
        submittable.into(),
    ]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
