// `compile` has no input `job` (it is `jobs`).
#[path = "../stubs/build_tools.rs"]
mod build_tools;

fn main() {
    let _call = build_tools::compile("src/", build_tools::CompileProfile::Debug).job(4);
}
