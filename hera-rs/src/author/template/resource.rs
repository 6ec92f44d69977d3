//! `Resource`: a template that creates, applies, patches or deletes a
//! Kubernetes object.

use super::{TemplateDef, named, template_builder, template_mut};
use crate::model;
use std::sync::Arc;

/// A template that acts on a Kubernetes object with `kubectl`-like actions.
///
/// ```
/// use hera::prelude::*;
/// let create = Resource::new("create-route", "create").manifest("apiVersion: v1\nkind: ConfigMap\n")
///     .flags(["--validate=false"]);
/// assert_eq!(create.to_model().resource.unwrap().action, "create");
/// ```
#[derive(Clone, Debug)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Resource {
    def: Arc<TemplateDef>,
}

impl Resource {
    /// A resource template called `name` doing `action`: `get`, `create`,
    /// `apply`, `delete`, `replace` or `patch`.
    pub fn new(name: impl Into<String>, action: impl Into<String>) -> Self {
        let mut def = named(name);
        Arc::make_mut(&mut def).template.resource =
            Some(model::ResourceTemplate { action: action.into(), ..Default::default() });
        Resource { def }
    }

    fn resource(&mut self) -> &mut model::ResourceTemplate {
        template_mut(self).resource.get_or_insert_with(Default::default)
    }

    /// The object, as YAML or JSON.
    pub fn manifest(mut self, manifest: impl Into<String>) -> Self {
        self.resource().manifest = Some(manifest.into());
        self
    }

    /// The object, serialised from a model value (a workflow, for example).
    /// An object that cannot be serialised is an error of the template.
    pub fn manifest_of<T: serde::Serialize>(mut self, object: &T) -> Self {
        match crate::yaml::to_string(object) {
            Ok(text) => self.manifest(text),
            Err(error) => {
                let path = crate::path::FieldPath::keys("resource.manifest");
                let problem = crate::lint::Finding::builder(
                    &crate::lint::rules::builder::SERIALISE,
                    path,
                    format!("cannot serialise the manifest: {error}"),
                );
                Arc::make_mut(&mut self.def).problems.push(problem);
                self
            }
        }
    }

    /// The step succeeds when this label/field selector matches the object.
    pub fn success_condition(mut self, condition: impl Into<String>) -> Self {
        self.resource().success_condition = Some(condition.into());
        self
    }

    /// The step fails when this selector matches the object.
    pub fn failure_condition(mut self, condition: impl Into<String>) -> Self {
        self.resource().failure_condition = Some(condition.into());
        self
    }

    /// Extra `kubectl` flags.
    pub fn flags<S: Into<String>>(mut self, flags: impl IntoIterator<Item = S>) -> Self {
        self.resource().flags = Some(flags.into_iter().map(Into::into).collect());
        self
    }

    /// Makes the workflow the owner of the object, so deleting the workflow deletes it.
    pub fn set_owner_reference(mut self, owned: bool) -> Self {
        self.resource().set_owner_reference = Some(owned);
        self
    }

    /// For `patch`: `strategic`, `merge` or `json`.
    pub fn merge_strategy(mut self, strategy: impl Into<String>) -> Self {
        self.resource().merge_strategy = Some(strategy.into());
        self
    }
}

template_builder!(Resource);
