use hera::prelude::*;

// Literal `timeout` and `resources` values are checked as lint checks them.
#[script(timeout = "10 minutes", resources(cpu = "1 core", memory = "512MB", cpu_limit = 2))]
fn heavy() {}

// Placeholders are left to lint, which sees them after substitution.
#[script(timeout = "{{workflow.parameters.timeout}}", resources(memory = "{{inputs.parameters.memory}}"))]
fn templated() {}

fn main() {
    let _ = heavy::template();
    let _ = templated::template();
}
