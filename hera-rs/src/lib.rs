//! hera-rs: author Argo Workflows in Rust.
//!
//! A workflow is Rust code; the output is the YAML Argo runs. Templates are
//! values, calls wire them together, and references to outputs are values
//! too, so DAG dependencies follow from the data:
//!
//! ```
//! use hera::prelude::*;
//!
//! let echo = Container::new("echo")
//!     .input("message")
//!     .image("busybox")
//!     .command(["echo", "{{inputs.parameters.message}}"]);
//! let flip = Script::new("flip-coin").image("python:3.12").command(["python"])
//!     .source("import random\nprint(random.choice(['heads', 'tails']))\n");
//!
//! let main = Dag::new("main", |d| {
//!     let coin = d.task("flip", flip.call());
//!     // Uses `flip`'s result, so it depends on `flip`.
//!     d.task("say", echo.call().argument("message", coin.result()));
//! });
//! let workflow = Workflow::generate_name("coin-").entrypoint(main);
//!
//! let yaml = workflow.to_yaml().unwrap();
//! assert!(yaml.contains("depends: flip"));
//! assert!(yaml.contains("value: \"{{tasks.flip.outputs.result}}\""));
//! ```
//!
//! Modules:
//! * [`model`] — the complete Argo Workflows v4.1.2 object model, generated
//!   from Argo's schema; every builder's result, and its escape hatch.
//! * [`yaml`] and [`json`] — reading with kubectl's YAML 1.1 rules and
//!   `argo lint --strict`'s strictness, writing YAML that YAML 1.1 readers
//!   read back exactly.
//! * [`lint`] — Argo's validation rules, which every builder applies.
//! * [`diff`] — semantic differences between objects, field path by field path.
//! * [`graph`] — drawings of a workflow's DAG or steps (Graphviz DOT, Mermaid).
//! * [`cli`] — `hera::cli::main` for a program's `main`, and the `hera` command.
#![deny(missing_docs)]

// `#[script]` expansions name `::hera`, including in this crate's own tests.
extern crate self as hera;

mod author;
pub mod cli;
pub mod diff;
mod error;
pub mod graph;
pub mod json;
pub mod lint;
pub mod model;
pub mod path;
pub mod project;
mod script;
mod support;
pub mod syntax;
mod version;
pub mod yaml;

pub use author::object::{
    BuildOptions, COMMIT_VARIABLES, ClusterWorkflowTemplate, CronWorkflow, IMAGE_NAME_VAR, Object,
    ObjectBuilder, Workflow, WorkflowSpecBuilder, WorkflowTemplate,
};
pub use author::template::{
    Container, ContainerBuilder, ContainerNode, ContainerSet, Data, Http, Resource, Retry, Script, Suspend,
    TemplateBuilder, TemplateRef, UserContainer,
};
pub use author::wiring::call::{Arg, ArtifactArg, Call, IntoArg, ScriptValue};
pub use author::wiring::dag::{Dag, DagScope, Task, Then};
pub use author::wiring::depends::{Depends, TaskResult};
pub use author::wiring::expr::{
    Condition, Expr, Referenced, Text, Untyped, input, input_artifact, item, item_field, workflow_parameter,
};
pub use author::wiring::handle::{Handle, InDag, InSteps};
pub use author::wiring::params::{Artifact, Parameter, S3, secret_key_ref};
pub use author::wiring::shared::{Hook, Sequence};
pub use author::wiring::steps::{Step, Steps, StepsScope};
pub use error::{Error, Result};
pub use hera_rs_macros::{Outputs, script};
pub use project::{Environments, Project};
pub use script::{InputArtifact, NodeOutputs, OutputArtifact, Outputs};

/// What `#[script]` and `#[derive(Outputs)]` expansions call. Not public API:
/// it changes in any release, which its versioned name says.
#[doc(hidden)]
pub use script::expansion as __private_0_1;

/// Everything a workflow program uses: `use hera::prelude::*;`.
pub mod prelude {
    pub use crate::{
        Artifact, BuildOptions, Call, ClusterWorkflowTemplate, Condition, Container, ContainerBuilder,
        ContainerNode, ContainerSet, CronWorkflow, Dag, Data, Depends, Environments, Expr, Hook, Http,
        InputArtifact, Object, ObjectBuilder, OutputArtifact, Outputs, Parameter, Project, Resource, Retry,
        S3, Script, Sequence, Steps, Suspend, TemplateBuilder, TemplateRef, Text, Then, UserContainer,
        Workflow, WorkflowSpecBuilder, WorkflowTemplate, item, item_field, script, text, workflow_parameter,
    };
}
