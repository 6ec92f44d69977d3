//! Environments: one program, per-environment variants (namespace, image
//! tag, parameter values) declared in code, so promoting a release from one
//! environment to the next changes only those values.

use crate::author::object::{Object, image};
use crate::lint::Finding;
use crate::model::Document;
use indexmap::IndexMap;

/// The environments a program deploys to.
///
/// ```
/// use hera::project::Environments;
/// let environments = Environments::new()
///     .env("staging", |e| e.namespace("wf-staging").image_tag("rc").parameter("replicas", "1"))
///     .env("prod", |e| e.namespace("wf-prod").parameter("replicas", "3"));
/// assert_eq!(environments.names(), ["staging", "prod"]);
/// ```
#[derive(Clone, Debug, Default)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Environments {
    environments: Vec<Environment>,
}

impl Environments {
    /// No environments.
    pub fn new() -> Self {
        Self::default()
    }

    /// Declares the environment `name`, configured by `f`.
    pub fn env(mut self, name: impl Into<String>, f: impl FnOnce(Environment) -> Environment) -> Self {
        self.environments.push(f(Environment { name: name.into(), ..Default::default() }));
        self
    }

    /// The names, in declaration order.
    pub fn names(&self) -> Vec<&str> {
        self.environments.iter().map(|e| e.name.as_str()).collect()
    }

    /// The environment called `name`.
    pub fn get(&self, name: &str) -> Option<&Environment> {
        self.environments.iter().find(|e| e.name == name)
    }
}

/// What one environment changes.
#[derive(Clone, Debug, Default)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Environment {
    name: String,
    namespace: Option<String>,
    image_tag: Option<String>,
    parameters: IndexMap<String, String>,
}

impl Environment {
    /// The namespace of every namespaced object (not ClusterWorkflowTemplates).
    pub fn namespace(mut self, namespace: impl Into<String>) -> Self {
        self.namespace = Some(namespace.into());
        self
    }

    /// The tag of the default image (set with `.image(...)`): `ghcr.io/acme/app:v1.2.3` becomes `ghcr.io/acme/app:TAG`.
    pub fn image_tag(mut self, tag: impl Into<String>) -> Self {
        self.image_tag = Some(tag.into());
        self
    }

    /// The value of the workflow parameter `name` (in `spec.arguments`),
    /// which the objects must declare.
    pub fn parameter(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parameters.insert(name.into(), value.into());
        self
    }

    /// The environment's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The object's default image with this environment's tag, if both are set.
    pub(crate) fn retag(&self, object: &Object, problems: &mut Vec<Finding>) -> Option<String> {
        let tag = self.image_tag.as_ref()?;
        match image::with_tag(object.state().image.as_deref()?, tag) {
            Ok(image) => Some(image),
            Err(message) => {
                problems.push(Finding::builder(
                    &crate::lint::rules::builder::ENVIRONMENT,
                    "spec",
                    format!("environment '{}': {message}", self.name),
                ));
                None
            }
        }
    }

    /// Applies namespace and parameter values to a built document.
    pub(crate) fn apply(&self, document: &mut Document) {
        // A ClusterWorkflowTemplate is cluster-scoped: it has no namespace.
        let namespaced = !matches!(document, Document::ClusterWorkflowTemplate(_));
        if let (true, Some(namespace), Some(meta)) = (namespaced, &self.namespace, document.metadata_mut()) {
            meta.namespace = Some(namespace.clone());
        }
        let Some(spec) = document.workflow_spec_mut() else { return };
        for parameter in spec.arguments.iter_mut().flat_map(|a| a.parameters.iter_mut().flatten()) {
            if let Some(value) = self.parameters.get(&parameter.name) {
                parameter.value = Some(value.clone());
            }
        }
    }

    /// Parameters no document declares (a typo that would otherwise do
    /// nothing), each with the closest declared name when one is near.
    pub(crate) fn undeclared<'a>(&'a self, documents: &'a [Document]) -> Vec<(&'a str, Option<&'a str>)> {
        let declared: Vec<&str> = documents
            .iter()
            .filter_map(Document::workflow_spec)
            .flat_map(|spec| spec.arguments.iter().flat_map(|a| a.parameters.iter().flatten()))
            .map(|p| p.name.as_str())
            .collect();
        self.parameters
            .keys()
            .map(String::as_str)
            .filter(|name| !declared.contains(name))
            .map(|name| (name, crate::support::suggest::closest(name, &declared)))
            .collect()
    }
}
