//! Pieces tasks, steps and hooks share: binding a call, loop items, hooks, sequences.

use crate::author::template::TemplateDef;
use crate::author::wiring::call::{Call, Target};
use crate::author::wiring::expr::Source;
use crate::lint::Finding;
use crate::model::{self, IntOrString};
use crate::path::FieldPath;
use serde::Serialize;
use std::sync::Arc;

/// A call taken apart into the fields a task, step or hook has.
pub(crate) struct Bound {
    pub template: Option<String>,
    pub template_ref: Option<model::TemplateRef>,
    pub arguments: Option<model::Arguments>,
    pub uses: Option<Arc<TemplateDef>>,
    /// The references in the arguments and in the loop's list.
    pub sources: Vec<Source>,
    /// The `withParam` of a call made with `Expr::each`.
    pub with_param: Option<String>,
}

pub(crate) fn bind<O, L>(call: Call<O, L>) -> Bound {
    let (template, template_ref, uses) = match call.target {
        Target::Local(def) => (Some(def.name().to_owned()), None, Some(def)),
        Target::Named(name) => (Some(name), None, None),
        Target::Ref(reference) => (None, Some(reference), None),
    };
    let empty = call.arguments.parameters.is_none() && call.arguments.artifacts.is_none();
    let mut sources = call.sources;
    let with_param = call.looping.map(|list| {
        sources.extend(list.sources);
        list.text
    });
    Bound { template, template_ref, arguments: (!empty).then_some(call.arguments), uses, sources, with_param }
}

/// `withItems` entries from any serialisable values; maps give `{{item.key}}`.
pub(crate) fn items<I: Serialize>(
    values: impl IntoIterator<Item = I>,
    problems: &mut Vec<Finding>,
    path: &FieldPath,
) -> Vec<model::Item> {
    values
        .into_iter()
        .filter_map(|value| match serde_json::to_value(value) {
            Ok(item) => Some(item),
            Err(error) => {
                problems.push(Finding::builder(
                    &crate::lint::rules::builder::SERIALISE,
                    path.clone(),
                    format!("withItems entry cannot be serialised: {error}"),
                ));
                None
            }
        })
        .collect()
}

/// A lifecycle hook: a template run when an event happens (`exit`, or when
/// an expression becomes true).
///
/// ```
/// use hera::prelude::*;
/// let notify = Http::new("http", "https://example.com/hook");
/// let hook = Hook::new(notify.call()).expression("workflow.status == \"Running\"");
/// # let _ = hook;
/// ```
#[derive(Clone, Debug)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Hook {
    pub(crate) model: model::LifecycleHook,
    pub(crate) uses: Option<Arc<TemplateDef>>,
    pub(crate) sources: Vec<Source>,
}

impl Hook {
    /// A hook running `call`.
    pub fn new<O>(call: Call<O>) -> Hook {
        let bound = bind(call);
        Hook {
            model: model::LifecycleHook {
                template: bound.template,
                template_ref: bound.template_ref,
                arguments: bound.arguments,
                expression: None,
            },
            uses: bound.uses,
            sources: bound.sources,
        }
    }

    /// Runs the hook when this expression becomes true (not needed for `exit`).
    pub fn expression(mut self, expression: impl Into<String>) -> Hook {
        self.model.expression = Some(expression.into());
        self
    }
}

impl<O> From<Call<O>> for Hook {
    fn from(call: Call<O>) -> Self {
        Hook::new(call)
    }
}

/// A numeric loop: `withSequence`.
///
/// ```
/// use hera::Sequence;
/// let s: hera::model::Sequence = Sequence::count(5).into();
/// assert_eq!(s.count, Some(5.into()));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Sequence(model::Sequence);

impl Sequence {
    /// `count` items, numbered from 0.
    pub fn count(count: impl Into<IntOrString>) -> Self {
        Sequence(model::Sequence { count: Some(count.into()), ..Default::default() })
    }

    /// The numbers from `start` to `end`, both included.
    pub fn range(start: impl Into<IntOrString>, end: impl Into<IntOrString>) -> Self {
        Sequence(model::Sequence { start: Some(start.into()), end: Some(end.into()), ..Default::default() })
    }

    /// The first number (with [`count`](Self::count)).
    pub fn start(mut self, start: impl Into<IntOrString>) -> Self {
        self.0.start = Some(start.into());
        self
    }

    /// A printf-style format for each number (`"2020-05-%02X"`).
    pub fn format(mut self, format: impl Into<String>) -> Self {
        self.0.format = Some(format.into());
        self
    }
}

impl From<Sequence> for model::Sequence {
    fn from(sequence: Sequence) -> Self {
        sequence.0
    }
}

/// Why an `on_exit` handler with arguments or a `templateRef` is refused:
/// Argo's `onExit` of a step or task is a bare template name.
pub(crate) fn on_exit_takes_a_name(node: &str, name: String) -> String {
    format!(
        "{node} '{name}': onExit names a template only, so its arguments or templateRef would be lost; \
         use .hook(\"exit\", call) instead"
    )
}
