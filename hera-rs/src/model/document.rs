//! One document of a YAML stream: an Argo object, or anything else untouched.

use super::{
    ClusterWorkflowTemplate, CronWorkflow, ObjectMeta, Value, Workflow, WorkflowEventBinding, WorkflowSpec,
    WorkflowTemplate,
};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// The API version of every Argo Workflows object.
pub const ARGO_API_VERSION: &str = "argoproj.io/v1alpha1";

/// A document of a YAML stream. Argo's five kinds are typed; any other object
/// (a ConfigMap, a PersistentVolumeClaim next to a workflow) passes through as
/// an untyped [`Value`], its content and key order kept.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    /// `kind: Workflow`.
    Workflow(Box<Workflow>),
    /// `kind: WorkflowTemplate`.
    WorkflowTemplate(Box<WorkflowTemplate>),
    /// `kind: ClusterWorkflowTemplate`.
    ClusterWorkflowTemplate(Box<ClusterWorkflowTemplate>),
    /// `kind: CronWorkflow`.
    CronWorkflow(Box<CronWorkflow>),
    /// `kind: WorkflowEventBinding`.
    WorkflowEventBinding(Box<WorkflowEventBinding>),
    /// Any other kind, untyped.
    Other(Value),
}

/// The kinds [`Document`] types.
pub const ARGO_KINDS: [&str; 5] =
    ["Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow", "WorkflowEventBinding"];

impl Document {
    /// The document's `kind` (empty if an untyped document has none).
    pub fn kind(&self) -> &str {
        match self {
            Document::Workflow(_) => "Workflow",
            Document::WorkflowTemplate(_) => "WorkflowTemplate",
            Document::ClusterWorkflowTemplate(_) => "ClusterWorkflowTemplate",
            Document::CronWorkflow(_) => "CronWorkflow",
            Document::WorkflowEventBinding(_) => "WorkflowEventBinding",
            Document::Other(value) => value.get("kind").and_then(Value::as_str).unwrap_or(""),
        }
    }

    /// `metadata.name`, or else `metadata.generateName`.
    pub fn name(&self) -> Option<&str> {
        let Some(meta) = self.metadata() else {
            let meta = self.as_other()?.get("metadata")?;
            return meta.get("name").or_else(|| meta.get("generateName")).and_then(Value::as_str);
        };
        meta.name.as_deref().or(meta.generate_name.as_deref())
    }

    /// The metadata of a typed document (`None` for [`Document::Other`]).
    pub fn metadata(&self) -> Option<&ObjectMeta> {
        match self {
            Document::Workflow(d) => Some(&d.metadata),
            Document::WorkflowTemplate(d) => Some(&d.metadata),
            Document::ClusterWorkflowTemplate(d) => Some(&d.metadata),
            Document::CronWorkflow(d) => Some(&d.metadata),
            Document::WorkflowEventBinding(d) => Some(&d.metadata),
            Document::Other(_) => None,
        }
    }

    /// The metadata of a typed document, to change.
    pub fn metadata_mut(&mut self) -> Option<&mut ObjectMeta> {
        match self {
            Document::Workflow(d) => Some(&mut d.metadata),
            Document::WorkflowTemplate(d) => Some(&mut d.metadata),
            Document::ClusterWorkflowTemplate(d) => Some(&mut d.metadata),
            Document::CronWorkflow(d) => Some(&mut d.metadata),
            Document::WorkflowEventBinding(d) => Some(&mut d.metadata),
            Document::Other(_) => None,
        }
    }

    /// The workflow spec of a Workflow, (Cluster)WorkflowTemplate or
    /// CronWorkflow (its `spec.workflowSpec`); `None` for other kinds.
    pub fn workflow_spec(&self) -> Option<&WorkflowSpec> {
        match self {
            Document::Workflow(d) => Some(&d.spec),
            Document::WorkflowTemplate(d) => Some(&d.spec),
            Document::ClusterWorkflowTemplate(d) => Some(&d.spec),
            Document::CronWorkflow(d) => Some(&d.spec.workflow_spec),
            Document::WorkflowEventBinding(_) | Document::Other(_) => None,
        }
    }

    /// The workflow spec, to change.
    pub fn workflow_spec_mut(&mut self) -> Option<&mut WorkflowSpec> {
        match self {
            Document::Workflow(d) => Some(&mut d.spec),
            Document::WorkflowTemplate(d) => Some(&mut d.spec),
            Document::ClusterWorkflowTemplate(d) => Some(&mut d.spec),
            Document::CronWorkflow(d) => Some(&mut d.spec.workflow_spec),
            Document::WorkflowEventBinding(_) | Document::Other(_) => None,
        }
    }

    pub(crate) fn as_other(&self) -> Option<&Value> {
        match self {
            Document::Other(value) => Some(value),
            _ => None,
        }
    }
}

macro_rules! document_from {
    ($($kind:ident)*) => {$(
        impl From<$kind> for Document {
            fn from(value: $kind) -> Self {
                Document::$kind(Box::new(value))
            }
        }
    )*};
}
document_from!(Workflow WorkflowTemplate ClusterWorkflowTemplate CronWorkflow WorkflowEventBinding);

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Document::Workflow(d) => d.serialize(serializer),
            Document::WorkflowTemplate(d) => d.serialize(serializer),
            Document::ClusterWorkflowTemplate(d) => d.serialize(serializer),
            Document::CronWorkflow(d) => d.serialize(serializer),
            Document::WorkflowEventBinding(d) => d.serialize(serializer),
            Document::Other(Value::Object(map)) => {
                // The envelope first, like the typed kinds; the rest as written.
                const ENVELOPE: [&str; 4] = ["apiVersion", "kind", "metadata", "spec"];
                let mut out = serializer.serialize_map(Some(map.len()))?;
                for key in ENVELOPE {
                    if let Some(value) = map.get(key) {
                        out.serialize_entry(key, value)?;
                    }
                }
                for (key, value) in map.iter().filter(|(k, _)| !ENVELOPE.contains(&k.as_str())) {
                    out.serialize_entry(key, value)?;
                }
                out.end()
            }
            Document::Other(value) => value.serialize(serializer),
        }
    }
}
