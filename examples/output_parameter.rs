//! Argo's `output-parameter` example: one step writes a file, its content
//! becomes an output parameter, the next step prints it.
//!
//! ```text
//! cargo run --example output_parameter
//! ```

use hera::prelude::*;

/// Generate, then consume, a parameter.
pub fn objects() -> Vec<Object> {
    let hello_to_file = Container::new("hello-world-to-file")
        .image("busybox")
        .command(["sh", "-c"])
        .args(["sleep 1; echo -n hello world > /tmp/hello_world.txt"])
        .output(
            Parameter::new("hello-param")
                .value_from_path("/tmp/hello_world.txt")
                .value_from_default("Foobar"),
        );
    let print_message = Container::new("print-message")
        .input("message")
        .image("busybox")
        .command(["echo"])
        .arg(hera::input("message"));

    let main = Steps::new("output-parameter", |s| {
        let generate = s.step("generate-parameter", hello_to_file.call());
        s.step("consume-parameter", print_message.call().argument("message", generate.output("hello-param")));
    });

    vec![Workflow::generate_name("output-parameter-").entrypoint(main).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
