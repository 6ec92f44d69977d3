//! Argo's `resource-flags` example: create a resource, and retry without
//! validation if that fails.
//!
//! ```text
//! cargo run --example resource_flags
//! ```

use hera::prelude::*;

const ROUTE: &str = "apiVersion: route.openshift.io/v1
kind: Route
metadata:
  name: host-route
spec:
  to:
    kind: Service
    name: service-name
";

/// Two resource templates; the second runs only if the first failed.
pub fn objects() -> Vec<Object> {
    let create = Resource::new("create-route", "create").manifest(ROUTE);
    let create_unvalidated = Resource::new("create-route-without-validation", "create")
        .flags(["--validate=false"])
        .manifest(ROUTE);
    let main = Steps::new("resource-validate-example", |s| {
        let submit = s.step("submit-resource", create.call()).continue_on_failed();
        s.step("submit-resource-without-validation", create_unvalidated.call())
            .when(submit.status().equals("Failed"));
    });
    let workflow = Workflow::generate_name("resource-validate-")
        .label("workflows.argoproj.io/no-test", "environment")
        .annotation("workflows.argoproj.io/no-test-reasons", "route openshift crd not installed\n")
        .entrypoint(main);
    vec![workflow.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
