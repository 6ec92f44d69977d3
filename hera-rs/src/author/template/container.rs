//! `Container`: a template that runs a container.

use super::{TemplateDef, container_fields::sealed::HasContainer, named, template_builder, template_mut};
use crate::model::{self, ContainerFieldsMut};
use std::sync::Arc;

/// A template that runs one container.
///
/// ```
/// use hera::prelude::*;
/// let echo = Container::new("echo").input("message").image("busybox").command(["echo"]).arg(hera::input("message"));
/// let model = echo.to_model();
/// assert_eq!(model.container.unwrap().args.unwrap(), ["{{inputs.parameters.message}}"]);
/// ```
#[derive(Clone, Debug)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Container {
    def: Arc<TemplateDef>,
}

impl Container {
    /// A container template called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        let mut def = named(name);
        Arc::make_mut(&mut def).template.container = Some(model::Container::default());
        Container { def }
    }
}

template_builder!(Container);

impl HasContainer for Container {
    fn container_fields(&mut self) -> ContainerFieldsMut<'_> {
        template_mut(self).container.get_or_insert_with(Default::default).fields_mut()
    }
}

impl super::ContainerBuilder for Container {}
