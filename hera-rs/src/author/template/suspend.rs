//! `Suspend`: a template that pauses the workflow.

use super::{TemplateBuilder, TemplateDef, named, template_builder, template_mut};
use crate::author::wiring::params::Parameter;
use crate::model;
use std::sync::Arc;

/// A template that pauses the workflow until it is resumed, or for a duration.
///
/// ```
/// use hera::prelude::*;
/// let wait = Suspend::new("delay").duration("20");
/// assert_eq!(wait.to_model().suspend.unwrap().duration.as_deref(), Some("20"));
/// ```
#[derive(Clone, Debug)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Suspend {
    def: Arc<TemplateDef>,
}

impl Suspend {
    /// A suspend template called `name`, resumed by hand.
    pub fn new(name: impl Into<String>) -> Self {
        let mut def = named(name);
        Arc::make_mut(&mut def).template.suspend = Some(model::SuspendTemplate::default());
        Suspend { def }
    }

    /// Resumes by itself after this long (`"20"` seconds, `"5m"`).
    pub fn duration(mut self, duration: impl Into<String>) -> Self {
        template_mut(&mut self).suspend.get_or_insert_with(Default::default).duration = Some(duration.into());
        self
    }

    /// An output parameter whose value is supplied when the workflow is
    /// resumed (Argo's intermediate parameters), with a default.
    pub fn intermediate_parameter(
        self,
        name: impl Into<String>,
        default: impl Into<crate::author::wiring::call::Arg>,
    ) -> Self {
        self.output(Parameter::new(name).value_from_supplied().default_value(default))
    }
}

template_builder!(Suspend);
