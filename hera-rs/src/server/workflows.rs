//! Workflow endpoints (`/api/v1/workflows/{namespace}…`), bodies as in
//! swagger's `io.argoproj.workflow.v1alpha1.Workflow*Request`.

use super::client::{Client, Method};
use super::error::ServerError;
use super::typed::typed;
use crate::model::{Value, Workflow};
use serde::Serialize;

/// What `submit` from a template may set (swagger `SubmitOpts`).
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubmitOptions {
    /// `NAME=VALUE` parameters.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<String>,
    /// The new workflow's `generateName`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generate_name: Option<String>,
    /// The entrypoint to run instead of the template's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_point: Option<String>,
    /// Labels, `k=v,k2=v2`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<String>,
}

#[derive(Serialize)]
struct CreateRequest<'a> {
    namespace: &'a str,
    workflow: &'a Workflow,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SubmitRequest<'a> {
    namespace: &'a str,
    resource_kind: &'a str,
    resource_name: &'a str,
    submit_options: &'a SubmitOptions,
}

#[derive(Serialize)]
struct ActionRequest<'a> {
    name: &'a str,
    namespace: &'a str,
}

fn collection(namespace: &str) -> String {
    format!("/api/v1/workflows/{namespace}")
}

/// What a workflow action is called in the API path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Retry the failed nodes.
    Retry,
    /// Run a new workflow with the same spec.
    Resubmit,
    /// Stop: run exit handlers, then end.
    Stop,
    /// Terminate: end now, no exit handlers.
    Terminate,
    /// Suspend.
    Suspend,
    /// Resume.
    Resume,
}

impl Action {
    /// The path segment.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Retry => "retry",
            Action::Resubmit => "resubmit",
            Action::Stop => "stop",
            Action::Terminate => "terminate",
            Action::Suspend => "suspend",
            Action::Resume => "resume",
        }
    }
}

impl Client {
    /// Creates `workflow` in `namespace` and returns it as the server stored it.
    pub fn create_workflow(&self, namespace: &str, workflow: &Workflow) -> Result<Workflow, ServerError> {
        let what = format!("Workflow {namespace}/{}", label(workflow));
        let body = CreateRequest { namespace, workflow };
        let value = self.call_value(Method::Post, &collection(namespace), &[], Some(&body), &what)?;
        typed(value, Workflow::KIND, &what)
    }

    /// Asks the server to lint `workflow` (its own validation).
    pub fn lint_workflow(&self, namespace: &str, workflow: &Workflow) -> Result<Workflow, ServerError> {
        let what = format!("Workflow {namespace}/{}", label(workflow));
        let body = CreateRequest { namespace, workflow };
        let path = format!("{}/lint", collection(namespace));
        typed(self.call_value(Method::Post, &path, &[], Some(&body), &what)?, Workflow::KIND, &what)
    }

    /// Submits a workflow from a WorkflowTemplate, ClusterWorkflowTemplate
    /// or CronWorkflow already on the server (`kind` as the object's kind).
    pub fn submit_from(
        &self,
        namespace: &str,
        kind: &str,
        name: &str,
        options: &SubmitOptions,
    ) -> Result<Workflow, ServerError> {
        let what = format!("{kind} {namespace}/{name}");
        let body =
            SubmitRequest { namespace, resource_kind: kind, resource_name: name, submit_options: options };
        let path = format!("{}/submit", collection(namespace));
        typed(self.call_value(Method::Post, &path, &[], Some(&body), &what)?, Workflow::KIND, &what)
    }

    /// The workflow `name`.
    pub fn get_workflow(&self, namespace: &str, name: &str) -> Result<Workflow, ServerError> {
        let what = format!("Workflow {namespace}/{name}");
        let path = format!("{}/{name}", collection(namespace));
        typed(self.call_value::<()>(Method::Get, &path, &[], None, &what)?, Workflow::KIND, &what)
    }

    /// The workflows of `namespace`, optionally filtered by a label selector.
    pub fn list_workflows(
        &self,
        namespace: &str,
        labels: Option<&str>,
    ) -> Result<Vec<Workflow>, ServerError> {
        let what = format!("the Workflows of {namespace}");
        let query: Vec<(&str, &str)> = labels.map(|l| ("listOptions.labelSelector", l)).into_iter().collect();
        let value = self.call_value::<()>(Method::Get, &collection(namespace), &query, None, &what)?;
        items(value, Workflow::KIND, &what)
    }

    /// Deletes the workflow `name`.
    pub fn delete_workflow(&self, namespace: &str, name: &str) -> Result<(), ServerError> {
        let what = format!("Workflow {namespace}/{name}");
        let path = format!("{}/{name}", collection(namespace));
        self.call_value::<()>(Method::Delete, &path, &[], None, &what).map(|_| ())
    }

    /// Retries, resubmits, stops, terminates, suspends or resumes `name`;
    /// returns the workflow (the new one for a resubmit).
    pub fn workflow_action(
        &self,
        namespace: &str,
        name: &str,
        action: Action,
    ) -> Result<Workflow, ServerError> {
        let what = format!("Workflow {namespace}/{name}");
        let path = format!("{}/{name}/{}", collection(namespace), action.as_str());
        let body = ActionRequest { name, namespace };
        typed(self.call_value(Method::Put, &path, &[], Some(&body), &what)?, Workflow::KIND, &what)
    }

    /// The server's `/api/v1/info`.
    pub fn info(&self) -> Result<Value, ServerError> {
        self.call_value::<()>(Method::Get, "/api/v1/info", &[], None, "info")
    }

    /// The server's `/api/v1/version`.
    pub fn version(&self) -> Result<Value, ServerError> {
        self.call_value::<()>(Method::Get, "/api/v1/version", &[], None, "version")
    }
}

/// `items` of a list answer (null when empty), each typed.
pub(crate) fn items<T: serde::de::DeserializeOwned>(
    mut value: Value,
    kind: &str,
    what: &str,
) -> Result<Vec<T>, ServerError> {
    let items = match value.get_mut("items").map(Value::take) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => {
            return Err(ServerError::Malformed {
                what: what.to_owned(),
                reason: "items is not a list".into(),
            });
        }
    };
    items.into_iter().enumerate().map(|(i, item)| typed(item, kind, &format!("{what}, items[{i}]"))).collect()
}

fn label(workflow: &Workflow) -> String {
    let meta = &workflow.metadata;
    meta.name.clone().or_else(|| meta.generate_name.clone()).unwrap_or_default()
}
