//! Drawings of workflows: the DAG or steps that an Argo object runs, as
//! Graphviz DOT or a Mermaid flowchart.
//!
//! What is drawn:
//!
//! * the entrypoint of each Workflow, WorkflowTemplate,
//!   ClusterWorkflowTemplate and CronWorkflow (its `workflowSpec`), or one
//!   named template; a template library without an entrypoint shows each of
//!   its DAG and steps templates;
//! * a task or step that runs another DAG or steps template as a cluster
//!   around that template's own drawing, recursively (a template that calls
//!   itself is drawn once, then as a `↻` node);
//! * DAG edges from `depends` (labelled when they wait for something other
//!   than success: `A.Failed`) and legacy `dependencies`; steps group after
//!   group, parallel steps fanning out and in;
//! * `when` conditions and loops (`for each item in …`, a doubled border in
//!   DOT, a subroutine shape in Mermaid) on the node;
//! * exit handlers and lifecycle hooks with dashed edges (`on exit`);
//!   `templateRef` calls as `name/template` nodes.
//!
//! ```
//! let documents = hera::yaml::documents(
//!     "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: diamond-}\n\
//!      spec:\n  entrypoint: main\n  templates:\n  - name: main\n    dag:\n      tasks:\n      \
//!      - {name: a, template: echo}\n      - {name: b, template: echo, depends: a.Failed}\n  \
//!      - {name: echo, container: {image: busybox}}\n",
//! )
//! .unwrap();
//! let dot = hera::graph::render(&documents[0], hera::graph::Format::Dot, None).unwrap();
//! assert!(dot.contains("\"main__a\" -> \"main__b\" [label=<a.Failed>];"));
//! let mermaid = hera::graph::render(&documents[0], hera::graph::Format::Mermaid, None).unwrap();
//! assert!(mermaid.contains("main__a -->|\"a.Failed\"| main__b"));
//! ```

mod build;
mod depends;
mod dot;
mod ids;
mod label;
mod mermaid;
mod model;

use crate::model::Document;

/// The drawing language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Graphviz DOT (`dot -Tsvg`).
    #[default]
    Dot,
    /// A Mermaid `flowchart`.
    Mermaid,
}

/// Why there is nothing to draw.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GraphError {
    /// The input has no Workflow, WorkflowTemplate, ClusterWorkflowTemplate
    /// or CronWorkflow.
    #[error("no Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow to draw")]
    NoWorkflow,
    /// The template asked for is not defined by any object.
    #[error("no template named `{name}`{}", did_you_mean(suggestion))]
    UnknownTemplate {
        /// The name asked for.
        name: String,
        /// A defined name that is close to it.
        suggestion: Option<String>,
    },
    /// An object's entrypoint is not one of its templates.
    #[error("{object}: the entrypoint `{name}` is not one of its templates{}", did_you_mean(suggestion))]
    UnknownEntrypoint {
        /// The object, as `Kind name`.
        object: String,
        /// The entrypoint.
        name: String,
        /// A defined name that is close to it.
        suggestion: Option<String>,
    },
    /// An object has neither templates nor a `workflowTemplateRef`.
    #[error("{object}: nothing to draw: it has no templates")]
    NoTemplates {
        /// The object, as `Kind name`.
        object: String,
    },
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    suggestion.as_ref().map(|s| format!(", did you mean `{s}`?")).unwrap_or_default()
}

/// Draws one document: its entrypoint, or the template `template`.
pub fn render(document: &Document, format: Format, template: Option<&str>) -> Result<String, GraphError> {
    render_all(std::slice::from_ref(document), format, template)
}

/// Draws every workflow object of `documents` in one drawing, each object in
/// a cluster of its own when there are several; documents of other kinds
/// are left out. With `template`, only the objects that define it are drawn,
/// starting at it.
pub fn render_all(
    documents: &[Document],
    format: Format,
    template: Option<&str>,
) -> Result<String, GraphError> {
    let graph = build::graph(documents, template)?;
    Ok(match format {
        Format::Dot => dot::render(&graph),
        Format::Mermaid => mermaid::render(&graph),
    })
}
