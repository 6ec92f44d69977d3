//! Argo's `template-defaults` example: a timeout and a retry strategy for
//! every template.
//!
//! ```text
//! cargo run --example template_defaults
//! ```

use hera::prelude::*;

/// Defaults built like a template, applied to every template by Argo.
pub fn objects() -> Vec<Object> {
    let hello = Container::new("hello-world").image("busybox").command(["echo"]).args(["hello world"]);
    let flaky = Container::new("retry-backoff")
        .image("python:alpine3.23")
        .command(["python", "-c"])
        .args(["import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"]);
    let main = Steps::new("main", |s| {
        s.step("retry-backoff", flaky.call());
        s.step("hello-world", hello.call());
    });
    let defaults = Container::new("defaults").timeout("30s").retry(Retry::limit("2"));
    let workflow = Workflow::generate_name("template-defaults-")
        .label("workflows.argoproj.io/no-test", "expected-failure")
        .annotation(
            "workflows.argoproj.io/description",
            "Template defaults will provide the fixability to configure the defaults values for all templates in workflow.\n\
             Individual template can be overide default values.\n",
        )
        .annotation("workflows.argoproj.io/version", ">= 3.1.0")
        .annotation(
            "workflows.argoproj.io/no-test-reasons",
            "This tests requires interaction and we can't test it automatically.\n",
        )
        .template_defaults(defaults)
        .entrypoint(main);
    vec![workflow.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
