//! Argo's validation rules, offline: the one place they live.
//!
//! [`lint`] checks documents the way `argo lint --offline` does, plus what
//! Argo leaves to the API server or to run time (object names as
//! Kubernetes names, the CRD's limits, cron schedules and time zones,
//! `depends` syntax, lower-case template names). `templateRef` and
//! `workflowTemplateRef` resolve among the documents linted together; a
//! reference to a workflow template that is not among them is an error of
//! its own rule (`template-ref-not-found`), as with `argo lint --offline`,
//! which a caller makes a warning ([`Levels`]) for templates that live on
//! the cluster.
//!
//! Severity follows Argo: an error is what Argo refuses — its validator
//! (`workflow/validate/validate.go`), the CRD schema the API server applies,
//! or the controller when it creates a pod (each such message says which,
//! and why); everything else is a warning.
//!
//! Each [`Finding`] names the rule ([`RULES`]), the object, the field path
//! (list items by name where they have one:
//! `spec.templates[main].dag.tasks[b].depends`) and, when the document was
//! read from a file, the line and column. The builders run the same rules
//! ([`check`]) on every object they produce.
//!
//! ```
//! let documents = hera::yaml::documents(
//!     "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: x-}\n\
//!      spec:\n  entrypoint: main\n  templates:\n  - name: main\n    dag:\n      tasks:\n\
//!      \x20     - {name: a, template: echo}\n      - {name: b, template: echo, depends: a && c}\n\
//!      \x20 - name: echo\n    container: {image: alpine}\n",
//! )
//! .unwrap();
//! let findings = hera::lint::lint_documents(&documents);
//! assert_eq!(
//!     findings[0].to_string(),
//!     "Workflow x-: spec.templates[main].dag.tasks[b].depends: invalid dependency c: no task of this DAG has that name"
//! );
//! ```
//!
//! Every check is linear in the size of the workflow: DAG ancestry uses
//! bitsets, and `{{...}}` scopes are looked up rather than built per step.

mod at;
mod context;
mod defaults;
mod dependencies;
mod finding;
mod read;
mod rule;
pub(crate) mod rules;

pub use defaults::{DefaultsError, WorkflowDefaults};
pub use finding::{Finding, Severity};
pub use read::{Report, lint_sources, lint_sources_with};
pub use rule::{Level, Levels, Rule, UnknownRule};
pub use rules::RULES;

use crate::model::Document;
use crate::yaml::Node;
use context::{ObjectCx, Set, Sink, TemplateCx};
pub(crate) use context::{StepOrTask, nodes};

/// A document to lint, and where it came from.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// The document.
    pub document: &'a Document,
    /// The file it was read from, named in findings.
    pub file: Option<&'a str>,
    /// Its parsed form, to give findings a line and column.
    pub node: Option<&'a Node>,
}

impl<'a> From<&'a Document> for Input<'a> {
    fn from(document: &'a Document) -> Self {
        Input { document, file: None, node: None }
    }
}

/// Lints documents together (references resolve among them). Findings
/// come document by document, each document's in source order when its
/// source is known.
pub fn lint(inputs: &[Input<'_>]) -> Vec<Finding> {
    lint_with(inputs, None)
}

/// Lints documents together as [`lint`] does, with the controller's
/// `workflowDefaults` merged in first as the controller merges them
/// (see [`WorkflowDefaults`]): what the defaults supply (an entrypoint,
/// arguments, labels for `{{workflow.labels.x}}`) is not missing.
/// Findings keep the paths and lines of the documents as written.
pub fn lint_with(inputs: &[Input<'_>], defaults: Option<&WorkflowDefaults>) -> Vec<Finding> {
    let merged: Vec<Option<Document>> =
        inputs.iter().map(|i| defaults.and_then(|d| d.apply(i.document))).collect();
    let linted = |k: usize| merged[k].as_ref().unwrap_or(inputs[k].document);
    let mut set = Set::new((0..inputs.len()).map(linted));
    set.defaults = defaults.map(WorkflowDefaults::spec);
    let mut out = Vec::new();
    for (k, input) in inputs.iter().enumerate() {
        let mut findings = document_findings(linted(k), &set);
        for finding in &mut findings {
            finding.file = input.file.map(str::to_owned);
            finding.location = input.node.and_then(|node| finding.path.locate(node));
        }
        if input.node.is_some() {
            findings.sort_by_key(|f| f.location);
        }
        out.extend(findings);
    }
    out
}

/// Lints documents together, without source positions.
pub fn lint_documents(documents: &[Document]) -> Vec<Finding> {
    lint(&documents.iter().map(Input::from).collect::<Vec<_>>())
}

/// Lints one document on its own.
pub fn check(document: &Document) -> Vec<Finding> {
    lint(&[Input::from(document)])
}

fn document_findings(document: &Document, set: &Set<'_>) -> Vec<Finding> {
    let mut sink = Sink::default();
    for check in rules::DOCUMENT_CHECKS {
        check(document, &mut sink);
    }
    if let Some(object) = ObjectCx::new(document, set) {
        for check in rules::OBJECT_CHECKS {
            check(&object, &mut sink);
        }
        for template in TemplateCx::all(&object) {
            for check in rules::TEMPLATE_CHECKS {
                check(&object, template, &mut sink);
            }
        }
    }
    let (kind, name) = (document.kind(), document.name().unwrap_or("(unnamed)"));
    sink.into_findings().into_iter().map(|f| f.in_object(kind, name)).collect()
}
