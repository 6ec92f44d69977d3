//! A `#[script]` function that can fail: an `Err` fails the step with its
//! message (and Argo retries it, up to three times here).
//!
//! ```text
//! cargo run --example script_errors
//! ```

use hera::prelude::*;

/// Parses a TCP port; anything else fails the step.
#[script(retry(limit = 3), timeout = "1m")]
pub fn parse_port(text: String) -> Result<u16, String> {
    text.trim().parse::<u16>().map_err(|e| format!("'{text}' is not a port: {e}"))
}

/// Describes a port.
#[script]
pub fn describe(port: u16) -> String {
    format!("listening on port {port}")
}

/// One good input and one bad; `describe` uses the good one's result and
/// runs whatever happened to the bad one.
pub fn objects() -> Vec<Object> {
    let main = Dag::new("main", |d| {
        let good = d.task("good", parse_port::call("8080"));
        let bad = d.task("bad", parse_port::call("eighty"));
        d.task("describe", describe::call(good.result()))
            .depends(good.succeeded() & (bad.succeeded() | bad.failed()));
    });
    let workflow = Workflow::generate_name("script-errors-")
        .image(format!("ghcr.io/hera-rs/examples:v{}", hera::package_version!()))
        .entrypoint(main);
    vec![workflow.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
