// `profile` takes one of the template's `enum` values, not any string.
#[path = "../stubs/build_tools.rs"]
mod build_tools;

fn main() {
    let _call = build_tools::compile("src/", "fast");
}
