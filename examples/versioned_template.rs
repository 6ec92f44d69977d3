//! The versioning practice hera-rs is built for: a WorkflowTemplate named
//! after the package version (`my-package-wt-v0.1.0`), running the image of
//! the same version, and a Workflow variant of it for end-to-end tests.
//!
//! ```text
//! cargo run --example versioned_template                       # print the YAML
//! cargo run --example versioned_template -- emit --out deploy  # one file per object
//! cargo run --example versioned_template -- emit --out deploy --check
//! cargo run --example versioned_template -- --env staging emit --out deploy/staging
//! IMAGE_NAME=ghcr.io/acme/my-package:pr-42 cargo run --example versioned_template
//! ```
//!
//! CI publishes the template; a published version is never changed, a new
//! release gets a new name (`emit` refuses to rewrite it). Every object is
//! labelled with the package version and the commit. `IMAGE_NAME` replaces
//! the default image when CI tests a freshly built image. The environments
//! differ only in namespace, image tag and the `name` parameter.

use hera::prelude::*;

/// The versioned template and its end-to-end test workflow.
pub fn objects() -> Vec<Object> {
    let version = hera::package_version!();
    let greet = Script::new("greet")
        .input(Parameter::new("name").default_value("world"))
        .command(["python"])
        .source("print('hello {{inputs.parameters.name}} from my-package')\n");
    let report = Container::new("report").command(["sh", "-c"]).args(["echo done"]);
    let main = Dag::new("main", |d| {
        let hello = d.task("greet", greet.call().argument("name", d.input("name")));
        hello.then(d.task("report", report.call()));
    })
    .input("name");

    let template = WorkflowTemplate::new("my-package-wt")
        .versioned(version)
        .image(format!("ghcr.io/acme/my-package:v{version}"))
        .argument("name", "world")
        .entrypoint(main);
    let e2e = template.as_workflow("my-package-wt-test-");
    vec![template.into(), e2e.into()]
}

/// The objects, with release labels and the environments they are promoted through.
pub fn project() -> Project {
    Project::new(objects()).release_labels(hera::package_version!()).environments(
        Environments::new()
            .env("staging", |e| e.namespace("wf-staging").image_tag("rc").parameter("name", "staging"))
            .env("prod", |e| e.namespace("wf-prod")),
    )
}

fn main() -> std::process::ExitCode {
    hera::cli::main(project())
}
