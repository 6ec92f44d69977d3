//! Argo's `loops-sequence` example: numeric loops.
//!
//! ```text
//! cargo run --example loops_sequence
//! ```

use hera::prelude::*;

/// Five kinds of sequences, in parallel.
pub fn objects() -> Vec<Object> {
    let echo = Container::new("echo")
        .input("msg")
        .image("alpine:3.23")
        .command(["echo", "{{inputs.parameters.msg}}"]);
    let main = Steps::new("loops-sequence", |s| {
        let each = || echo.call().argument("msg", item());
        s.parallel(|p| {
            p.step("sequence-count", each()).with_sequence(Sequence::count("5"));
            p.step("sequence-start-end", each()).with_sequence(Sequence::range("100", "105"));
            p.step("sequence-param", each())
                .with_sequence(Sequence::count(workflow_parameter("count").to_string()).start("200"));
            p.step("sequence-negative", each()).with_sequence(Sequence::range("5", "0"));
            p.step("sequence-format", each()).with_sequence(Sequence::count("5").format("testuser%02X"));
        });
    });
    vec![
        Workflow::generate_name("loops-sequence-")
            .label("workflows.argoproj.io/no-test", "environment")
            .argument("count", "3")
            .entrypoint(main)
            .into(),
    ]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
