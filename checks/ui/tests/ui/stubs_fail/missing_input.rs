// `compile` has two required inputs: leaving one out does not compile.
#[path = "../stubs/build_tools.rs"]
mod build_tools;

fn main() {
    let _call = build_tools::compile("src/");
}
