//! `Steps`: a template that runs groups of steps one after another.

use crate::author::template::{TemplateDef, template_builder};
use crate::author::wiring::call::{Arg, Call};
use crate::author::wiring::expr::{Condition, Expr, Source, Untyped, input};
use crate::author::wiring::shared::{Hook, Sequence, bind, items, next_scope_id, on_exit_takes_a_name};
use crate::lint::Finding;
use crate::model;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::marker::PhantomData;
use std::sync::Arc;

/// A steps template: a list of groups run one after another; the steps of a
/// group run in parallel.
///
/// ```
/// use hera::prelude::*;
/// let print = Container::new("print-message").input("message").image("busybox").command(["echo"]);
/// let steps = Steps::new("hello-hello-hello", |s| {
///     s.step("hello1", print.call().arg("message", "hello1"));
///     s.parallel(|p| {
///         p.step("hello2a", print.call().arg("message", "hello2a"));
///         p.step("hello2b", print.call().arg("message", "hello2b"));
///     });
/// });
/// let groups = steps.to_model().steps.unwrap();
/// assert_eq!((groups.len(), groups[1].len()), (2, 2));
/// ```
#[derive(Clone, Debug)]
pub struct Steps {
    def: Arc<TemplateDef>,
}

impl Steps {
    /// A steps template called `name`; `build` adds its steps.
    pub fn new(name: impl Into<String>, build: impl FnOnce(&StepsScope)) -> Steps {
        let name: String = name.into();
        let scope = StepsScope {
            id: next_scope_id(),
            name: name.as_str().into(),
            groups: RefCell::new(Vec::new()),
            in_parallel: Cell::new(false),
            problems: RefCell::new(Vec::new()),
        };
        build(&scope);
        let mut uses = Vec::new();
        let groups = scope
            .groups
            .into_inner()
            .into_iter()
            .map(|group| {
                group
                    .into_iter()
                    .map(|state| {
                        uses.extend(state.uses);
                        state.model
                    })
                    .collect()
            })
            .collect();
        let template = model::Template { name: Some(name), steps: Some(groups), ..Default::default() };
        Steps {
            def: Arc::new(TemplateDef {
                template,
                uses,
                problems: scope.problems.into_inner(),
                runner: None,
            }),
        }
    }
}

template_builder!(Steps);

/// The steps template being built, handed to the closure of [`Steps::new`].
pub struct StepsScope {
    id: u64,
    name: Arc<str>,
    groups: RefCell<Vec<Vec<StepState>>>,
    in_parallel: Cell<bool>,
    problems: RefCell<Vec<Finding>>,
}

struct StepState {
    model: model::WorkflowStep,
    uses: Vec<Arc<TemplateDef>>,
}

impl StepsScope {
    /// Adds the step `name` running `call`: a group of its own, or a member
    /// of the current [`parallel`](Self::parallel) group.
    pub fn step<O>(&self, name: impl Into<String>, call: impl Into<Call<O>>) -> Step<'_, O> {
        let bound = bind(call.into());
        let state = StepState {
            model: model::WorkflowStep {
                name: Some(name.into()),
                template: bound.template,
                template_ref: bound.template_ref,
                arguments: bound.arguments,
                ..Default::default()
            },
            uses: bound.uses.into_iter().collect(),
        };
        let (group, index) = {
            let mut groups = self.groups.borrow_mut();
            if !self.in_parallel.get() || groups.is_empty() {
                groups.push(Vec::new());
            }
            let group = groups.len() - 1;
            groups[group].push(state);
            (group, groups[group].len() - 1)
        };
        let step = Step { scope: self, group, index, _output: PhantomData };
        step.check(&bound.sources);
        step
    }

    /// Adds a group whose steps (added by `build`) run in parallel.
    pub fn parallel(&self, build: impl FnOnce(&StepsScope)) {
        let outer = self.in_parallel.replace(true);
        if !outer {
            self.groups.borrow_mut().push(Vec::new());
        }
        build(self);
        self.in_parallel.set(outer);
    }

    /// `{{inputs.parameters.name}}`: an input of this steps template.
    pub fn input(&self, name: &str) -> Expr {
        input(name)
    }

    /// A call of this steps template itself (recursion).
    pub fn call_self(&self) -> Call {
        Call::named(self.name.to_string())
    }

    fn with<R>(&self, group: usize, index: usize, f: impl FnOnce(&mut StepState) -> R) -> R {
        f(&mut self.groups.borrow_mut()[group][index])
    }
}

/// A step of a [`Steps`] template: configure it and refer to its outputs.
///
/// ```
/// use hera::prelude::*;
/// let flip = Script::new("flip").image("python:3.12").command(["python"]).source("print('heads')");
/// let say = Container::new("say").image("busybox").command(["echo", "heads"]);
/// let steps = Steps::new("main", |s| {
///     let coin = s.step("flip", flip.call());
///     s.step("say", say.call()).when(coin.result().equals("heads"));
/// });
/// let groups = steps.to_model().steps.unwrap();
/// assert_eq!(groups[1][0].when.as_deref(), Some("{{steps.flip.outputs.result}} == heads"));
/// ```
pub struct Step<'s, O = Untyped> {
    scope: &'s StepsScope,
    group: usize,
    index: usize,
    _output: PhantomData<fn() -> O>,
}

impl<O> Clone for Step<'_, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<O> Copy for Step<'_, O> {}

impl<'s, O> Step<'s, O> {
    /// The step's name.
    pub fn name(&self) -> String {
        self.scope.with(self.group, self.index, |s| s.model.name.clone().unwrap_or_default())
    }

    fn reference<T>(&self, what: &str) -> Expr<T> {
        let name = self.name();
        let source =
            Source { scope: self.scope.id, node: name.as_str().into(), template: self.scope.name.clone() };
        Expr::produced_by(format!("steps.{name}.{what}"), source)
    }

    /// Refuses references to steps or tasks of other templates.
    fn check(&self, sources: &[Source]) {
        for source in sources.iter().filter(|s| s.scope != self.scope.id) {
            self.scope.problems.borrow_mut().push(Finding::error(
                format!("templates[{}].steps", self.scope.name),
                format!(
                    "step '{}' refers to '{}' of template '{}', which is not a step of this template",
                    self.name(),
                    source.node,
                    source.template
                ),
            ));
        }
    }

    /// `{{steps.<name>.outputs.result}}`: what the step printed.
    pub fn result(&self) -> Expr<O> {
        self.reference("outputs.result")
    }

    /// Typed references to the named outputs of a `#[script]` function
    /// returning a struct that derives [`Outputs`](crate::Outputs).
    pub fn outputs(&self) -> O::Refs
    where
        O: crate::Outputs,
    {
        let name = self.name();
        let source =
            Source { scope: self.scope.id, node: name.as_str().into(), template: self.scope.name.clone() };
        O::refs(&crate::NodeOutputs { prefix: format!("steps.{name}"), source })
    }

    /// `{{steps.<name>.outputs.result}}` of a looped step: the results of
    /// every iteration, as one JSON list.
    pub fn results(&self) -> Expr<Vec<O>> {
        self.reference("outputs.result")
    }

    /// `{{steps.<name>.outputs.parameters.<parameter>}}`.
    pub fn output(&self, parameter: &str) -> Expr {
        self.reference(&format!("outputs.parameters.{parameter}"))
    }

    /// `{{steps.<name>.outputs.parameters}}` of every iteration, as a JSON list.
    pub fn outputs_parameters(&self) -> Expr {
        self.reference("outputs.parameters")
    }

    /// `{{steps.<name>.outputs.artifacts.<artifact>}}`.
    pub fn output_artifact(&self, artifact: &str) -> Expr {
        self.reference(&format!("outputs.artifacts.{artifact}"))
    }

    /// `{{steps.<name>.status}}`.
    pub fn status(&self) -> Expr {
        self.reference("status")
    }

    /// `{{steps.<name>.exitCode}}`.
    pub fn exit_code(&self) -> Expr {
        self.reference("exitCode")
    }

    /// `{{steps.<name>.ip}}`: the pod IP of a daemon step.
    pub fn ip(&self) -> Expr {
        self.reference("ip")
    }

    /// `{{steps.<name>.id}}`.
    pub fn id(&self) -> Expr {
        self.reference("id")
    }

    /// Runs the step only when `condition` holds.
    pub fn when(self, condition: impl Into<Condition>) -> Self {
        let condition = condition.into();
        self.scope.with(self.group, self.index, |s| s.model.when = Some(condition.to_string()));
        self.check(&condition.sources);
        self
    }

    /// Runs the step once per item; maps give `{{item.key}}`.
    pub fn with_items<I: Serialize>(self, values: impl IntoIterator<Item = I>) -> Self {
        let mut problems = Vec::new();
        let path = format!("templates[{}].steps[{}].withItems", self.scope.name, self.name());
        let items = items(values, &mut problems, &path);
        self.scope.problems.borrow_mut().extend(problems);
        self.scope.with(self.group, self.index, |s| s.model.with_items = Some(items));
        self
    }

    /// Runs the step once per element of a JSON list (`step.result()`).
    pub fn with_param(self, list: impl Into<Arg>) -> Self {
        let list = list.into();
        self.scope.with(self.group, self.index, |s| s.model.with_param = Some(list.text.clone()));
        self.check(&list.sources);
        self
    }

    /// Runs the step once per number.
    pub fn with_sequence(self, sequence: Sequence) -> Self {
        self.scope.with(self.group, self.index, |s| s.model.with_sequence = Some(sequence.into()));
        self
    }

    /// Carries on when this step fails.
    pub fn continue_on_failed(self) -> Self {
        self.scope.with(self.group, self.index, |s| {
            s.model.continue_on.get_or_insert_with(Default::default).failed = Some(true)
        });
        self
    }

    /// Carries on when this step errors.
    pub fn continue_on_error(self) -> Self {
        self.scope.with(self.group, self.index, |s| {
            s.model.continue_on.get_or_insert_with(Default::default).error = Some(true)
        });
        self
    }

    /// Runs `handler` when the step ends, whatever its result. Argo's
    /// `onExit` names a template only: to pass arguments or call a
    /// `templateRef`, use `.hook("exit", call)`.
    pub fn on_exit<H>(self, handler: Call<H>) -> Self {
        let bound = bind(handler);
        if bound.arguments.is_some() || bound.template_ref.is_some() {
            self.scope.problems.borrow_mut().push(Finding::error(
                format!("templates[{}].steps", self.scope.name),
                on_exit_takes_a_name("step", self.name()),
            ));
        }
        self.scope.with(self.group, self.index, |s| {
            s.model.on_exit = bound.template;
            s.uses.extend(bound.uses);
        });
        self
    }

    /// A lifecycle hook of the step.
    pub fn hook(self, event: impl Into<String>, hook: impl Into<Hook>) -> Self {
        let hook = hook.into();
        self.scope.with(self.group, self.index, |s| {
            s.model.hooks.get_or_insert_with(Default::default).insert(event.into(), hook.model);
            s.uses.extend(hook.uses);
        });
        self.check(&hook.sources);
        self
    }

    /// Changes the model value directly.
    pub fn with_model(self, f: impl FnOnce(&mut model::WorkflowStep)) -> Self {
        // Outside the borrow, so the closure may use other handles of these steps.
        let mut step = self.scope.with(self.group, self.index, |s| std::mem::take(&mut s.model));
        f(&mut step);
        self.scope.with(self.group, self.index, |s| s.model = step);
        self
    }
}
