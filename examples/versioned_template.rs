//! The versioning practice hera-rs is built for: a WorkflowTemplate named
//! after the package version (`my-package-wt-v0.1.0`), running the image of
//! the same version, and a Workflow variant of it for end-to-end tests.
//!
//! ```text
//! cargo run --example versioned_template
//! IMAGE_NAME=ghcr.io/acme/my-package:pr-42 cargo run --example versioned_template
//! ```
//!
//! CI publishes the template; a published version is never changed, a new
//! release gets a new name. `IMAGE_NAME` replaces the default image when CI
//! tests a freshly built image.

use hera::prelude::*;

/// The versioned template and its end-to-end test workflow.
pub fn objects() -> Vec<Object> {
    let version = hera::package_version!();
    let greet = Script::new("greet")
        .input(Parameter::new("name").default("world"))
        .command(["python"])
        .source("print('hello {{inputs.parameters.name}} from my-package')\n");
    let report = Container::new("report").command(["sh", "-c"]).args(["echo done"]);
    let main = Dag::new("main", |d| {
        let hello = d.task("greet", greet.call().arg("name", d.input("name")));
        hello.then(d.task("report", report.call()));
    })
    .input("name");

    let template = WorkflowTemplate::new("my-package-wt")
        .versioned(version)
        .label("app.kubernetes.io/version", version)
        .image(format!("ghcr.io/acme/my-package:v{version}"))
        .argument("name", "world")
        .entrypoint(main);
    let e2e = template.as_workflow("my-package-wt-test-");
    vec![template.into(), e2e.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
