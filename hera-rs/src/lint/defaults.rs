//! The controller's `workflowDefaults`, merged in before linting as the
//! controller merges them before validating.
//!
//! Argo's workflow controller reads `workflowDefaults` (a Workflow) from its
//! ConfigMap and, for a Workflow that does not use `workflowTemplateRef`,
//! merges it into the workflow (`setWorkflowDefaults` →
//! `workflow/util/merge.go` `MergeTo`, a strategic merge patch where the
//! workflow's own fields win) before `validate.Workflow` runs. Every
//! validation (`validate.Workflow`, and through it the WorkflowTemplate,
//! ClusterWorkflowTemplate and CronWorkflow ones) also counts the labels
//! and annotations of the defaults' `spec.workflowMetadata` as defined for
//! `{{workflow.labels.x}}` / `{{workflow.annotations.x}}`. [`WorkflowDefaults`]
//! does both for [`super::lint_with`] and [`super::lint_sources_with`].

use crate::model::{Document, ObjectMeta, Value, WorkflowSpec};
use crate::yaml::{self, Node};

/// The controller's `workflowDefaults`: a Workflow (without `apiVersion`
/// and `kind`) whose fields a Workflow lacks are filled in.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkflowDefaults {
    /// The defaults as a Workflow-shaped mapping (`metadata`, `spec`).
    value: Value,
    /// Its `spec`, typed.
    spec: WorkflowSpec,
    /// Its `metadata`, typed.
    metadata: ObjectMeta,
}

/// Why a `workflowDefaults` file could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DefaultsError {
    /// The text is not YAML, or not one document.
    #[error("{0}")]
    Yaml(#[from] yaml::Error),
    /// A ConfigMap or controller configuration without `workflowDefaults`.
    #[error("no workflowDefaults in this {0}")]
    Missing(&'static str),
    /// `workflowDefaults` (or the ConfigMap's `data.config`) is not the
    /// right shape.
    #[error("{path}: {message}")]
    Shape {
        /// The field path of the value.
        path: String,
        /// What is wrong with it.
        message: String,
    },
}

impl WorkflowDefaults {
    /// Reads `workflowDefaults` from any of the forms it is kept in: the
    /// `workflow-controller-configmap` ConfigMap (`data.workflowDefaults`,
    /// or `workflowDefaults` inside `data.config`), the controller's
    /// configuration (a mapping with a `workflowDefaults` key), or the
    /// Workflow itself (`metadata`/`spec`, `apiVersion`/`kind` optional).
    /// The spec is read as strictly as a linted document.
    ///
    /// ```
    /// let defaults = hera::lint::WorkflowDefaults::from_yaml(
    ///     "kind: ConfigMap\napiVersion: v1\nmetadata: {name: workflow-controller-configmap}\n\
    ///      data:\n  workflowDefaults: |\n    spec:\n      entrypoint: main\n",
    /// )
    /// .unwrap();
    /// assert_eq!(defaults.spec().entrypoint.as_deref(), Some("main"));
    /// ```
    pub fn from_yaml(text: &str) -> Result<Self, DefaultsError> {
        let value: Value = yaml::from_str(text)?;
        let workflow = match value.get("kind").and_then(Value::as_str) {
            Some("ConfigMap") => from_config_map(&value)?,
            Some("Workflow") | None if value.get("workflowDefaults").is_none() => value,
            Some("Workflow") | None => value["workflowDefaults"].clone(),
            Some(other) => {
                return Err(DefaultsError::Shape {
                    path: "kind".into(),
                    message: format!(
                        "expected a ConfigMap, the controller's configuration or a Workflow, found kind {other}"
                    ),
                });
            }
        };
        Self::from_value(workflow)
    }

    /// Takes the defaults as a Workflow-shaped value (`metadata`, `spec`).
    pub fn from_value(mut value: Value) -> Result<Self, DefaultsError> {
        let Some(object) = value.as_object_mut() else {
            return Err(DefaultsError::Shape {
                path: "workflowDefaults".into(),
                message: "expected a mapping (a Workflow: metadata, spec)".into(),
            });
        };
        object.insert("apiVersion".into(), crate::model::ARGO_API_VERSION.into());
        object.insert("kind".into(), "Workflow".into());
        for part in ["metadata", "spec"] {
            object.entry(part).or_insert_with(|| Value::Object(Default::default()));
        }
        let Document::Workflow(workflow) = Document::from_node(&Node::from(value.clone()))? else {
            unreachable!("the kind was set to Workflow")
        };
        Ok(WorkflowDefaults { value, spec: workflow.spec, metadata: workflow.metadata })
    }

    /// The defaults' spec.
    pub fn spec(&self) -> &WorkflowSpec {
        &self.spec
    }

    /// The defaults' metadata (labels and annotations a Workflow lacks).
    pub fn metadata(&self) -> &ObjectMeta {
        &self.metadata
    }

    /// `document` as the controller validates it: a Workflow without
    /// `workflowTemplateRef` with the defaults merged in (its own fields
    /// win); any other document unchanged (`None`).
    pub fn apply(&self, document: &Document) -> Option<Document> {
        let Document::Workflow(workflow) = document else { return None };
        if workflow.spec.workflow_template_ref.is_some() {
            return None;
        }
        let mut target = serde_json::to_value(document).ok()?;
        crate::model::merge::merge_to(&self.value, &mut target);
        Document::from_node(&Node::from(target)).ok()
    }
}

/// `workflowDefaults` of the controller's ConfigMap: the key itself, or in
/// `data.config` (as `config/config.go`'s loader reads either).
fn from_config_map(config_map: &Value) -> Result<Value, DefaultsError> {
    let data = config_map.get("data");
    let text = |key: &str| -> Result<Option<Value>, DefaultsError> {
        match data.and_then(|d| d.get(key)) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(yaml::from_str(text)?)),
            Some(_) => Err(DefaultsError::Shape {
                path: format!("data.{key}"),
                message: "expected a string holding YAML".into(),
            }),
        }
    };
    if let Some(defaults) = text("workflowDefaults")? {
        return Ok(defaults);
    }
    match text("config")? {
        Some(config) => config.get("workflowDefaults").cloned().ok_or(DefaultsError::Missing("ConfigMap")),
        None => Err(DefaultsError::Missing("ConfigMap")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_the_file_reads() {
        let forms = [
            "spec: {entrypoint: main}\n",
            "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec: {entrypoint: main}\n",
            "workflowDefaults:\n  spec: {entrypoint: main}\n",
            "kind: ConfigMap\ndata:\n  workflowDefaults: |\n    spec: {entrypoint: main}\n",
            "kind: ConfigMap\ndata:\n  config: |\n    workflowDefaults:\n      spec: {entrypoint: main}\n",
        ];
        for form in forms {
            let defaults = WorkflowDefaults::from_yaml(form).unwrap_or_else(|e| panic!("{form}: {e}"));
            assert_eq!(defaults.spec().entrypoint.as_deref(), Some("main"), "{form}");
        }
    }

    #[test]
    fn bad_files_say_why() {
        let error = |text| WorkflowDefaults::from_yaml(text).unwrap_err().to_string();
        assert_eq!(error("kind: ConfigMap\ndata: {other: x}\n"), "no workflowDefaults in this ConfigMap");
        assert!(error("kind: Secret\n").contains("found kind Secret"));
        assert!(
            error("spec: {entrypointt: main}\n").contains("entrypointt"),
            "{}",
            error("spec: {entrypointt: main}\n")
        );
        assert_eq!(error("- a\n"), "workflowDefaults: expected a mapping (a Workflow: metadata, spec)");
    }
}
