//! A diamond of Rust functions: each step is a `#[script]` function, wired
//! with typed outputs, and run in the pod by this same program.
//!
//! ```text
//! cargo run --example script_diamond              # the YAML
//! cargo run --example script_diamond -- exec add FILE   # what a pod runs
//! ```
//!
//! `a = 1 + 2`, `b = a × 10`, `c = a + 20`, `d = b + c` (= 53).

use hera::prelude::*;

/// Adds two numbers.
#[script]
pub fn add(a: i64, b: i64) -> i64 {
    a + b
}

/// Multiplies two numbers.
#[script]
pub fn multiply(a: i64, b: i64) -> i64 {
    a * b
}

/// The workflow: typed wiring, dependencies inferred from the data.
pub fn objects() -> Vec<Object> {
    let diamond = Dag::new("diamond", |d| {
        let a = d.task("a", add::call(1, 2));
        let b = d.task("b", multiply::call(a.result(), 10));
        let c = d.task("c", add::call(a.result(), 20));
        d.task("d", add::call(b.result(), c.result()));
    });
    let workflow = Workflow::generate_name("script-diamond-")
        .image(format!("ghcr.io/hera-rs/examples:v{}", hera::package_version!()))
        .entrypoint(diamond);
    vec![workflow.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_functions_are_plain_rust() {
        assert_eq!(super::add(1, 2), 3);
        assert_eq!(super::multiply(3, 10), 30);
    }
}
