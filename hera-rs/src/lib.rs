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
//! The layers, each using only those above it:
//! * [`model`] — the complete Argo Workflows v4.1.2 object model, generated
//!   from Argo's schema; every builder's result, and its escape hatch.
//!   Beside it [`yaml`] and [`json`](mod@json) (reading with kubectl's YAML 1.1 rules
//!   and `argo lint --strict`'s strictness, writing YAML that YAML 1.1
//!   readers read back exactly), [`path`] (field paths) and [`syntax`]
//!   (Argo's small languages: `depends`, `when`, durations, cron, quantities,
//!   `{{...}}` tags, names).
//! * The builders (re-exported here: [`Workflow`], [`Dag`], [`Container`],
//!   ...): templates, objects and the wiring between them, with
//!   dependencies inferred from the data. [`project`] adds environments and
//!   release labels; [`BuildOptions`] is what assembly may depend on.
//! * `#[script]` ([`script`](macro@script)): Rust functions as script
//!   templates, and the in-pod runner.
//! * Working with the whole: [`lint`] (Argo's validation rules, which every
//!   builder applies), [`diff`] (semantic differences, field path by field
//!   path), [`graph`] (DOT, Mermaid) and [`cli`] (`hera::cli::main` for a
//!   program's `main`, and the `hera` command).
#![doc = include_str!("guide.md")]
#![deny(missing_docs)]

// `#[script]` expansions name `::hera`, including in this crate's own tests.
extern crate self as hera;

mod author;
pub mod cli;
pub mod diff;
mod error;
#[cfg(feature = "generate")]
pub mod generate;
pub mod graph;
pub mod json;
pub mod lint;
pub mod model;
pub mod path;
pub mod project;
#[cfg(feature = "run")]
pub mod run;
mod script;
#[cfg(feature = "server")]
pub mod server;
mod support;
pub mod syntax;
mod version;
pub mod yaml;

pub use author::object::{
    BuildOptions, COMMIT_VARIABLES, ClusterWorkflowTemplate, CronWorkflow, IMAGE_NAME_VAR, Manifest, Object,
    ObjectBuilder, ObjectName, Workflow, WorkflowSpecBuilder, WorkflowTemplate,
};
pub use author::template::{
    Container, ContainerBuilder, ContainerNode, ContainerSet, Data, Http, Resource, Retry, Script, Suspend,
    TemplateBuilder, TemplateRef, UserContainer,
};
pub use author::wiring::call::{Arg, ArtifactArg, Call, IntoArg, ScriptValue};
pub use author::wiring::dag::{Dag, DagScope, Task, Then};
pub use author::wiring::depends::{Depends, TaskResult};
pub use author::wiring::expr::{
    Condition, Expr, IntoCondition, Ordered, Referenced, Text, Untyped, input, input_artifact, item,
    item_field, workflow_parameter,
};
pub use author::wiring::handle::{Handle, InDag, InSteps};
pub use author::wiring::loops::{IsLooped, Looped, NotLooped};
pub use author::wiring::params::{Artifact, Parameter, S3, secret_key_ref};
pub use author::wiring::shared::{Hook, Sequence};
pub use author::wiring::steps::{Step, Steps, StepsScope};
pub use error::{Error, Result};
#[doc(inline)]
pub use hera_rs_macros::{Outputs, script};
pub use project::{Environments, Project};
pub use script::{InputArtifact, NodeOutputs, OutputArtifact, Outputs, ScriptInput, ScriptReturn};
/// `json!({..})`: a free-form JSON value (`withItems` entries, plugin
/// templates), re-exported from `serde_json` so programs need no dependency of their own.
pub use serde_json::json;

/// The examples of `#[script]`'s and `#[derive(Outputs)]`'s reference,
/// which lives on the macros in hera-rs-macros, run as this crate's
/// doctests (the macro crate cannot depend on `hera`).
#[cfg(doctest)]
#[doc = include_str!("../../hera-rs-macros/src/script.md")]
#[doc = include_str!("../../hera-rs-macros/src/outputs.md")]
pub struct MacroReference;

/// What `#[script]` and `#[derive(Outputs)]` expansions call. Not public API:
/// it changes in any release, which its versioned name says.
#[doc(hidden)]
pub use script::expansion as __private_0_1;

/// Everything a workflow program uses: `use hera::prelude::*;`.
pub mod prelude {
    pub use crate::{
        Artifact, BuildOptions, Call, ClusterWorkflowTemplate, Condition, Container, ContainerBuilder,
        ContainerNode, ContainerSet, CronWorkflow, Dag, Data, Depends, Environments, Expr, Hook, Http,
        InputArtifact, Manifest, Object, ObjectBuilder, OutputArtifact, Outputs, Parameter, Project,
        Resource, Retry, S3, Script, Sequence, Steps, Suspend, TemplateBuilder, TemplateRef, Text, Then,
        UserContainer, Workflow, WorkflowSpecBuilder, WorkflowTemplate, item, item_field, script, text,
        workflow_parameter,
    };
}
