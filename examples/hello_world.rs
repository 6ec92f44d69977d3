//! Quickstart: Argo's `hello-world` workflow, written against the typed model.
//!
//! ```text
//! cargo run --example hello_world
//! ```
//!
//! prints the workflow as YAML, ready for `argo submit -` or `kubectl create -f -`.

use hera::model::{Container, ObjectMeta, Template, Workflow, WorkflowSpec};
use std::io::Write;
use std::process::ExitCode;

/// The workflow: one template that runs `echo "hello world"` in busybox.
pub fn workflow() -> Workflow {
    Workflow {
        metadata: ObjectMeta {
            generate_name: Some("hello-world-".into()),
            labels: Some([("workflows.argoproj.io/archive-strategy".into(), "false".into())].into()),
            annotations: Some(
                [(
                    "workflows.argoproj.io/description".into(),
                    "This is a simple hello world example.\n".into(),
                )]
                .into(),
            ),
            ..Default::default()
        },
        spec: WorkflowSpec {
            entrypoint: Some("hello-world".into()),
            templates: Some(vec![Template {
                name: Some("hello-world".into()),
                container: Some(Container {
                    image: Some("busybox".into()),
                    command: Some(vec!["echo".into()]),
                    args: Some(vec!["hello world".into()]),
                    ..Default::default()
                }),
                ..Default::default()
            }]),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn main() -> ExitCode {
    match hera::yaml::to_string(&workflow()) {
        Ok(yaml) => {
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = std::io::stdout().write_all(yaml.as_bytes());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
