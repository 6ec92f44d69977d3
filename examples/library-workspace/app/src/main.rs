//! Uses the `shapes` library two ways: inline (its functions run in this
//! program's image, as this program's `exec`) and by reference (a
//! `templateRef` to the library's published, versioned template).

use hera::prelude::*;

/// The library's template, and one workflow per way of using it.
pub fn objects() -> Vec<Object> {
    let library = shapes::workflow_template();
    let inline = Workflow::generate_name("shapes-inline-").image("ghcr.io/acme/app:v0.1.0").entrypoint(Dag::new(
        "main",
        |d| {
            let area = d.task("area", shapes::area::call(3.0, 4.0));
            d.task("double", shapes::double::call(area.result()));
        },
    ));
    let by_reference = Workflow::generate_name("shapes-by-reference-").entrypoint(Dag::new("main", |d| {
        let area = d.task("area", shapes::area::call(3.0, 4.0).by_reference(&library));
        d.task("double", shapes::double::call(area.result()).by_reference(&library));
    }));
    vec![library.into(), inline.into(), by_reference.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
