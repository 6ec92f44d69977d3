//! Argo's `scripts-python` example: a Python script's output passed to the next step.
//!
//! ```text
//! cargo run --example scripts_python
//! ```

use hera::prelude::*;

/// Generate a random number in Python, print it in a shell.
pub fn objects() -> Vec<Object> {
    let gen_random_int = Script::new("gen-random-int")
        .image("python:alpine3.23")
        .command(["python"])
        .source("import random\ni = random.randint(1, 100)\nprint(i)\n");
    let print_message = Container::new("print-message")
        .input("message")
        .image("alpine:3.23")
        .command(["sh", "-c"])
        .arg(text!("echo result was: {}", hera::input("message")));
    let main = Steps::new("python-script-example", |s| {
        let generate = s.step("generate", gen_random_int.call());
        s.step("print", print_message.call().argument("message", generate.result()));
    });
    vec![Workflow::generate_name("scripts-python-").entrypoint(main).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
