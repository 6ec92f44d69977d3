//! Argo's `conditionals` example: steps that run only when a condition holds,
//! in govaluate and in expr syntax.
//!
//! ```text
//! cargo run --example conditionals
//! ```

use hera::prelude::*;

/// Three ways of writing "print hello if should-print is true".
pub fn objects() -> Vec<Object> {
    let argosay =
        Container::new("argosay").image("argoproj/argosay:v1").command(["sh", "-c"]).args(["cowsay hello"]);
    let main = Steps::new("conditional-example", |s| {
        s.parallel(|p| {
            p.step("print-hello-govaluate", argosay.call()).when(s.input("should-print").equals(true));
            // A dash in the name needs brackets and quotes in expr syntax.
            p.step("print-hello-expr", argosay.call())
                .when("{{= inputs.parameters[\"should-print\"] == 'true'}}");
            p.step("print-hello-expr-json", argosay.call())
                .when("{{=jsonpath(workflow.parameters.json, '$[0].value') == 'true'}}");
        });
    })
    .input("should-print");
    vec![Workflow::generate_name("conditional-").argument("should-print", "true").entrypoint(main).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
