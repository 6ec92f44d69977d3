//! Argo's `loops-param-result` example: loop over the JSON list a script printed.
//!
//! ```text
//! cargo run --example loops_param_result
//! ```

use hera::prelude::*;

/// Generate a list of numbers, then sleep for each.
pub fn objects() -> Vec<Object> {
    let gen_numbers = Script::new("gen-number-list")
        .image("python:alpine3.23")
        .command(["python"])
        .source("import json\nimport sys\njson.dump([i for i in range(20, 31)], sys.stdout)\n");
    let sleep = Container::new("sleep-n-sec")
        .input("seconds")
        .image("alpine:3.23")
        .command(["sh", "-c"])
        .args(["echo sleeping for {{inputs.parameters.seconds}} seconds; sleep {{inputs.parameters.seconds}}; echo done"]);
    let main = Steps::new("loop-param-result-example", |s| {
        let generate = s.step("generate", gen_numbers.call());
        s.step("sleep", sleep.call().argument("seconds", item())).with_param(generate.result());
    });
    vec![
        Workflow::generate_name("loops-param-result-")
            .label("workflows.argoproj.io/no-test", "duration")
            .entrypoint(main)
            .into(),
    ]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
