//! `ContainerSet`: several containers in one pod, with dependencies.

use super::container_fields::{ContainerBuilder, sealed::HasContainer};
use super::{TemplateDef, named, template_builder, template_mut};
use crate::model::{self, ContainerFieldsMut};
use std::sync::Arc;

/// A template running several containers in one pod, each starting when the
/// ones it depends on have finished.
///
/// ```
/// use hera::prelude::*;
/// let set = ContainerSet::new("main")
///     .container(ContainerNode::new("a").image("argoproj/argosay:v2"))
///     .container(ContainerNode::new("b").image("argoproj/argosay:v2").dependencies(["a"]));
/// assert_eq!(set.to_model().container_set.unwrap().containers.len(), 2);
/// ```
#[derive(Clone, Debug)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct ContainerSet {
    def: Arc<TemplateDef>,
}

impl ContainerSet {
    /// A container-set template called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        let mut def = named(name);
        Arc::make_mut(&mut def).template.container_set = Some(model::ContainerSetTemplate::default());
        ContainerSet { def }
    }

    fn set(&mut self) -> &mut model::ContainerSetTemplate {
        template_mut(self).container_set.get_or_insert_with(Default::default)
    }

    /// Adds a container.
    pub fn container(mut self, container: ContainerNode) -> Self {
        self.set().containers.push(container.0);
        self
    }

    /// Mounts the volume `name` at `path` in every container.
    pub fn volume_mount(mut self, name: impl Into<String>, path: impl Into<String>) -> Self {
        let mount = model::VolumeMount { name: name.into(), mount_path: path.into(), ..Default::default() };
        self.set().volume_mounts.get_or_insert_with(Vec::new).push(mount);
        self
    }
}

template_builder!(ContainerSet);

/// One container of a [`ContainerSet`].
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct ContainerNode(model::ContainerNode);

impl ContainerNode {
    /// A container called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        ContainerNode(model::ContainerNode { name: name.into(), ..Default::default() })
    }

    /// Containers that must finish before this one starts.
    pub fn dependencies<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.0.dependencies = Some(names.into_iter().map(Into::into).collect());
        self
    }
}

impl HasContainer for ContainerNode {
    fn container_fields(&mut self) -> ContainerFieldsMut<'_> {
        self.0.fields_mut()
    }
}

impl ContainerBuilder for ContainerNode {}

impl From<ContainerNode> for model::ContainerNode {
    fn from(node: ContainerNode) -> Self {
        node.0
    }
}
