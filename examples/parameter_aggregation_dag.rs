//! Argo's `parameter-aggregation-dag` example: a looped task's outputs are
//! gathered into a list that later tasks loop over.
//!
//! ```text
//! cargo run --example parameter_aggregation_dag
//! ```

use hera::prelude::*;

/// Odd or even for 1..4, then halve the even ones and print the results.
pub fn objects() -> Vec<Object> {
    let odd_or_even = Container::new("odd-or-even")
        .input("num")
        .image("alpine:3.23")
        .command(["sh", "-c"])
        .args([concat!(
            "sleep 1 &&\n",
            "echo {{inputs.parameters.num}} > /tmp/num &&\n",
            "if [ $(({{inputs.parameters.num}}%2)) -eq 0 ]; then\n",
            "  echo \"even\" > /tmp/even;\n",
            "else\n",
            "  echo \"odd\" > /tmp/even;\n",
            "fi\n",
        )])
        .output(Parameter::new("num").value_from_path("/tmp/num"))
        .output(Parameter::new("evenness").value_from_path("/tmp/even"));
    let divide_by_2 = Container::new("divide-by-2")
        .input("num")
        .image("alpine:3.23")
        .command(["sh", "-c"])
        .args(["echo $(({{inputs.parameters.num}}/2))"]);
    let print_message = Container::new("print-message")
        .input("message")
        .image("busybox")
        .command(["echo"])
        .arg(hera::input("message"));

    let dag = Dag::new("parameter-aggregation", |d| {
        let numbers =
            d.task("odd-or-even", odd_or_even.call().argument("num", item())).with_items([1, 2, 3, 4]);
        // Each of these reads `numbers`' outputs, so each depends on it.
        d.task("print-nums", print_message.call().argument("message", numbers.output("num")));
        d.task("print-evenness", print_message.call().argument("message", numbers.output("evenness")));
        let halves = d
            .task("divide-by-2", divide_by_2.call().argument("num", item_field("num")))
            .with_param(numbers.outputs_parameters())
            .when(item_field("evenness").equals("even"));
        d.task("print", print_message.call().argument("message", item())).with_param(halves.result());
    });

    vec![Workflow::generate_name("parameter-aggregation-dag-").entrypoint(dag).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
