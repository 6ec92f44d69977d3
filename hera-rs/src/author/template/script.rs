//! `Script`: a template that runs a script in any language.

use super::{TemplateDef, container_fields::sealed::HasContainer, named, template_builder, template_mut};
use crate::model::{self, ContainerFieldsMut};
use std::sync::Arc;

/// A template that runs `source` with `command` (python, bash, node, ...);
/// what it prints becomes its result (`task.result()`).
///
/// ```
/// use hera::prelude::*;
/// let flip = Script::new("flip-coin").image("python:3.12").command(["python"])
///     .source("import random\nprint('heads' if random.random() < 0.5 else 'tails')\n");
/// assert_eq!(flip.to_model().script.unwrap().command.unwrap(), ["python"]);
/// ```
#[derive(Clone, Debug)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Script {
    def: Arc<TemplateDef>,
}

impl Script {
    /// A script template called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        let mut def = named(name);
        Arc::make_mut(&mut def).template.script = Some(model::ScriptTemplate::default());
        Script { def }
    }

    /// The template of a `#[script]` function, run in the pod by `runner`.
    pub(crate) fn with_runner(name: &str, runner: crate::script::runner::RunnerEntry) -> Self {
        let mut script = Script::new(name);
        Arc::make_mut(&mut script.def).runner = Some(runner);
        script
    }

    /// The script's text.
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.script().source = Some(source.into());
        self
    }

    fn script(&mut self) -> &mut model::ScriptTemplate {
        template_mut(self).script.get_or_insert_with(Default::default)
    }
}

template_builder!(Script);

impl HasContainer for Script {
    fn container_fields(&mut self) -> ContainerFieldsMut<'_> {
        self.script().fields_mut()
    }
}

impl super::ContainerBuilder for Script {}
