//! Fan-out and fan-in with `#[script]` functions: one step returns a list,
//! one task per element squares it, and the last adds the squares up.
//!
//! ```text
//! cargo run --example script_fanout
//! ```

use hera::prelude::*;

/// The numbers `0..count`.
#[script]
pub fn numbers(count: u32) -> Vec<i64> {
    (0..i64::from(count)).collect()
}

/// The square of `x`.
#[script]
pub fn square(x: i64) -> i64 {
    x * x
}

/// The sum of all values.
#[script]
pub fn total(values: Vec<i64>) -> i64 {
    values.iter().sum()
}

/// `numbers` → one `square` per element → `total`.
pub fn objects() -> Vec<Object> {
    let main = Dag::new("main", |d| {
        let list = d.task("numbers", numbers::call(5));
        // One `square` per element: the task loops over the list
        // (`withParam`), and `square::call` gets `{{item}}`, typed as an
        // element of the list (a closure, `|x| add::call(x, 1)`, builds a
        // call with more arguments).
        let squares = d.task("square", list.result().each(square::call));
        // The results of every iteration, as one JSON list (only a looped
        // task has them).
        d.task("total", total::call(squares.results()));
    });
    let workflow = Workflow::generate_name("script-fanout-")
        .image(format!("ghcr.io/hera-rs/examples:v{}", hera::package_version!()))
        .entrypoint(main);
    vec![workflow.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
