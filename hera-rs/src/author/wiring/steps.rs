//! `Steps`: a template that runs groups of steps one after another.

use crate::author::template::{TemplateDef, template_builder};
use crate::author::wiring::call::Call;
use crate::author::wiring::expr::{Expr, Untyped, input};
use crate::author::wiring::handle::{Handle, InSteps, Kind, NodeModel, Nodes};
use crate::author::wiring::loops::NotLooped;
use crate::model;
use std::cell::Cell;
use std::sync::Arc;

/// A steps template: a list of groups run one after another; the steps of a
/// group run in parallel.
///
/// ```
/// use hera::prelude::*;
/// let print = Container::new("print-message").input("message").image("busybox").command(["echo"]);
/// let steps = Steps::new("hello-hello-hello", |s| {
///     s.step("hello1", print.call().argument("message", "hello1"));
///     s.parallel(|p| {
///         p.step("hello2a", print.call().argument("message", "hello2a"));
///         p.step("hello2b", print.call().argument("message", "hello2b"));
///     });
/// });
/// let groups = steps.to_model().steps.unwrap();
/// assert_eq!((groups.len(), groups[1].len()), (2, 2));
/// ```
#[derive(Clone, Debug)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Steps {
    def: Arc<TemplateDef>,
}

impl Steps {
    /// A steps template called `name`; `build` adds its steps.
    pub fn new(name: impl Into<String>, build: impl FnOnce(&StepsScope)) -> Steps {
        let name: String = name.into();
        let scope = StepsScope {
            nodes: Nodes::new(Kind::Steps, &name),
            groups: Cell::new(0),
            in_group: Cell::new(0),
            in_parallel: Cell::new(false),
        };
        build(&scope);
        let mut uses = Vec::new();
        let mut groups: Vec<Vec<model::WorkflowStep>> = vec![Vec::new(); scope.groups.get()];
        for state in scope.nodes.nodes.into_inner() {
            let NodeModel::Step(step) = state.model else { unreachable!("a steps template holds steps") };
            uses.extend(state.uses);
            groups[state.group].push(step);
        }
        let template = model::Template { name: Some(name), steps: Some(groups), ..Default::default() };
        Steps {
            def: Arc::new(TemplateDef {
                template,
                uses,
                problems: scope.nodes.problems.into_inner(),
                runner: None,
            }),
        }
    }
}

template_builder!(Steps);

/// The steps template being built, handed to the closure of [`Steps::new`].
pub struct StepsScope {
    nodes: Nodes,
    /// How many groups there are so far.
    groups: Cell<usize>,
    /// How many steps the last group has.
    in_group: Cell<usize>,
    in_parallel: Cell<bool>,
}

impl StepsScope {
    /// Adds the step `name` running `call`: a group of its own, or a member
    /// of the current [`parallel`](Self::parallel) group. A call made with
    /// [`Expr::each`] loops, and so does the step (a [`Looped`](crate::Looped) handle).
    pub fn step<O, L>(&self, name: impl Into<String>, call: impl Into<Call<O, L>>) -> Step<'_, O, L> {
        if !self.in_parallel.get() || self.groups.get() == 0 {
            self.new_group();
        }
        let position = self.in_group.replace(self.in_group.get() + 1);
        self.nodes.add(name.into(), self.groups.get() - 1, position, call.into())
    }

    fn new_group(&self) {
        self.groups.set(self.groups.get() + 1);
        self.in_group.set(0);
    }

    /// Adds a group whose steps (added by `build`) run in parallel.
    pub fn parallel(&self, build: impl FnOnce(&StepsScope)) {
        let outer = self.in_parallel.replace(true);
        if !outer {
            self.new_group();
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
        Call::named(self.nodes.template.to_string())
    }
}

/// A step of a [`Steps`] template: configure it and refer to its outputs.
/// `L` is [`Looped`](crate::Looped) for a step that loops, [`NotLooped`](crate::NotLooped) otherwise.
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
pub type Step<'s, O = Untyped, L = NotLooped> = Handle<'s, InSteps, O, L>;

/// What only steps have: their model type.
impl<O, L> Handle<'_, InSteps, O, L> {
    /// Changes the model value directly.
    pub fn with_model(self, f: impl FnOnce(&mut model::WorkflowStep)) -> Self {
        self.edit_model(|node| {
            if let NodeModel::Step(step) = node {
                f(step)
            }
        });
        self
    }
}
