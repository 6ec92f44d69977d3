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
//!     d.task("say", echo.call().arg("message", coin.result()));
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

mod call;
pub mod cli;
mod dag;
mod depends;
pub mod diff;
mod error;
mod expr;
pub mod graph;
mod io;
pub mod json;
pub mod lint;
pub mod model;
mod node;
mod object;
pub mod path;
#[doc(hidden)]
pub mod private;
pub mod project;
mod script;
mod steps;
mod suggest;
mod template;
mod version;
pub mod yaml;

pub use call::{Arg, ArtifactArg, Call, IntoArg, ScriptValue, TemplateRef};
pub use dag::{Dag, DagScope, Task, Then};
pub use depends::{Depends, TaskResult};
pub use error::{Error, Result};
pub use expr::{
    Condition, Expr, Referenced, Text, Untyped, input, input_artifact, item, item_field, workflow_parameter,
};
pub use hera_rs_macros::{Outputs, script};
pub use io::{Artifact, Parameter, S3, secret_key_ref};
pub use node::{Hook, Sequence};
pub use object::{
    ClusterWorkflowTemplate, CronWorkflow, Object, ObjectBuilder, Workflow, WorkflowSpecBuilder,
    WorkflowTemplate,
};
#[doc(hidden)]
pub use private as __private;
pub use project::{Environments, Project};
pub use script::{InputArtifact, NodeOutputs, OutputArtifact, Outputs};
pub use steps::{Step, Steps, StepsScope};
pub use template::{
    Container, ContainerBuilder, ContainerNode, ContainerSet, Data, Http, Resource, Retry, Script, Suspend,
    TemplateBuilder, UserContainer,
};

/// Everything a workflow program uses: `use hera::prelude::*;`.
pub mod prelude {
    pub use crate::{
        Artifact, Call, ClusterWorkflowTemplate, Condition, Container, ContainerBuilder, ContainerNode,
        ContainerSet, CronWorkflow, Dag, Data, Depends, Environments, Expr, Hook, Http, InputArtifact,
        Object, ObjectBuilder, OutputArtifact, Outputs, Parameter, Project, Resource, Retry, S3, Script,
        Sequence, Steps, Suspend, TemplateBuilder, TemplateRef, Text, Then, UserContainer, Workflow,
        WorkflowSpecBuilder, WorkflowTemplate, item, item_field, script, text, workflow_parameter,
    };
}
