//! Decoding a parsed YAML document into a [`Document`]: Argo's kinds typed,
//! anything else untyped. It lives here, not in `model`, so the model does
//! not depend on the YAML layer.

use super::{Node, NodeValue, Problem};
use crate::model::{ARGO_API_VERSION, ARGO_KINDS, Document, Value};
use serde::{Deserialize, Deserializer};

impl Document {
    /// Decodes a parsed document: by its `kind` for Argo's kinds (which must
    /// carry `apiVersion: argoproj.io/v1alpha1`), untyped for any other.
    pub fn from_node(node: &Node) -> Result<Document, super::Error> {
        if !matches!(node.value, NodeValue::Map(_)) {
            return Err(Problem::new(format!(
                "a document must be a mapping with apiVersion and kind, found {}",
                node.value.describe()
            ))
            .at(node.location)
            .into());
        }
        let Some(kind_node) = node.get("kind") else {
            return Err(Problem::new("not a Kubernetes object: the document has no `kind` (hera reads Kubernetes objects: Argo's kinds typed, any other kind untyped)")
                .at(node.location)
                .into());
        };
        let kind = kind_node.as_str().unwrap_or_default();
        if !ARGO_KINDS.contains(&kind) {
            return super::from_node::<Value>(node).map(Document::Other);
        }
        let api_version = node.get("apiVersion");
        if api_version.and_then(Node::as_str) != Some(ARGO_API_VERSION) {
            let found = api_version.map_or("none".to_owned(), |v| v.value.describe());
            return Err(Problem::new(format!("{kind} needs apiVersion {ARGO_API_VERSION}, found {found}"))
                .at_path("apiVersion")
                .at(api_version.map_or(node.location, |v| v.location))
                .into());
        }
        // Numbers and booleans where Argo's AnyString reads a string.
        let node = &*super::any_string::as_argo_reads(node);
        Ok(match kind {
            "Workflow" => Document::Workflow(super::from_node(node)?),
            "WorkflowTemplate" => Document::WorkflowTemplate(super::from_node(node)?),
            "ClusterWorkflowTemplate" => Document::ClusterWorkflowTemplate(super::from_node(node)?),
            "CronWorkflow" => Document::CronWorkflow(super::from_node(node)?),
            _ => Document::WorkflowEventBinding(super::from_node(node)?),
        })
    }
}

impl<'de> Deserialize<'de> for Document {
    /// Works with any serde format and applies the same checks as
    /// [`super::documents`], without line numbers; the error is the problems'
    /// text. Prefer [`super::documents`] for YAML.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let node = Node::from(Value::deserialize(deserializer)?);
        Document::from_node(&node).map_err(serde::de::Error::custom)
    }
}
