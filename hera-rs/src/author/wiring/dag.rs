//! `Dag`: a template whose tasks run as soon as what they depend on is done.

use crate::author::template::{TemplateDef, template_builder};
use crate::author::wiring::call::{Arg, Call};
use crate::author::wiring::depends::{Depends, TaskResult};
use crate::author::wiring::expr::{Expr, Untyped, input};
use crate::author::wiring::handle::{Handle, InDag, Kind, NodeModel, Nodes};
use crate::author::wiring::loops::NotLooped;
use crate::lint::Finding;
use crate::model;
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

/// A DAG template: tasks and the dependencies between them.
///
/// Dependencies come from three places: passing a task's output to another
/// task (inferred), chains (`a.then(b)`, see [`Then`]), and explicit
/// [`Task::depends`] expressions.
///
/// ```
/// use hera::prelude::*;
/// let echo = Container::new("echo").input("message").image("busybox").command(["echo", "{{inputs.parameters.message}}"]);
/// let diamond = Dag::new("diamond", |d| {
///     let a = d.task("A", echo.call().argument("message", "A"));
///     let b = d.task("B", echo.call().argument("message", "B"));
///     let c = d.task("C", echo.call().argument("message", "C"));
///     let dd = d.task("D", echo.call().argument("message", "D"));
///     a.then([b, c]).then(dd);
/// });
/// let tasks = diamond.to_model().dag.unwrap().tasks;
/// assert_eq!(tasks[3].depends.as_deref(), Some("B && C"));
/// ```
#[derive(Clone, Debug)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Dag {
    def: Arc<TemplateDef>,
}

impl Dag {
    /// A DAG template called `name`; `build` adds its tasks.
    pub fn new(name: impl Into<String>, build: impl FnOnce(&DagScope)) -> Dag {
        let name: String = name.into();
        let scope = DagScope {
            nodes: Nodes::new(Kind::Dag, &name),
            dag: RefCell::new(model::DagTemplate::default()),
        };
        build(&scope);
        let (dag, uses, problems) = scope.finish();
        let template = model::Template { name: Some(name), dag: Some(Box::new(dag)), ..Default::default() };
        Dag { def: Arc::new(TemplateDef { template, uses, problems, runner: None }) }
    }
}

template_builder!(Dag);

/// The DAG being built, handed to the closure of [`Dag::new`].
pub struct DagScope {
    nodes: Nodes,
    dag: RefCell<model::DagTemplate>,
}

impl DagScope {
    /// Adds the task `name` running `call`; returns its handle. A call made
    /// with [`Expr::each`] loops, and so does the task (a [`Looped`](crate::Looped) handle).
    pub fn task<O, L>(&self, name: impl Into<String>, call: impl Into<Call<O, L>>) -> Task<'_, O, L> {
        let position = self.nodes.nodes.borrow().len();
        self.nodes.add(name.into(), 0, position, call.into())
    }

    /// `{{inputs.parameters.name}}`: an input of this DAG template.
    pub fn input(&self, name: &str) -> Expr {
        input(name)
    }

    /// A call of this DAG template itself (recursion).
    pub fn call_self(&self) -> Call {
        Call::named(self.nodes.template.to_string())
    }

    /// Runs only these tasks (and what they depend on): Argo's `target`, a
    /// space-separated list or a reference.
    pub fn target(&self, target: impl Into<Arg>) {
        self.dag.borrow_mut().target = Some(target.into().text);
    }

    /// Whether one failed task stops the scheduling of new tasks (Argo's default: true).
    pub fn fail_fast(&self, fail_fast: bool) {
        self.dag.borrow_mut().fail_fast = Some(fail_fast);
    }

    /// The finished DAG, the templates its tasks call, and its problems.
    /// Unknown dependencies and cycles are left to [`crate::lint`], which
    /// checks every DAG, written with hera or not.
    fn finish(self) -> (model::DagTemplate, Vec<Arc<TemplateDef>>, Vec<Finding>) {
        let mut dag = self.dag.into_inner();
        let problems = self.nodes.problems.into_inner();
        let mut uses: Vec<Arc<TemplateDef>> = Vec::new();
        let mut seen_uses = HashSet::new();
        for state in self.nodes.nodes.into_inner() {
            let NodeModel::Task(mut task) = state.model else { unreachable!("a DAG holds tasks") };
            let mut parts = state.explicit.into_iter().chain(state.added);
            if let Some(first) = parts.next() {
                let depends = parts.fold(first, |all, part| all & part);
                task.depends = Some(depends.to_string());
            }
            for used in state.uses {
                if seen_uses.insert(Arc::as_ptr(&used)) {
                    uses.push(used);
                }
            }
            dag.tasks.push(task);
        }
        (dag, uses, problems)
    }
}

/// A task of a [`Dag`]: configure it, refer to its outputs, chain it.
///
/// Handles are `Copy`; every method changes the task in its DAG.
/// `O` is the type of its result when the template's is known (`#[script]`);
/// `L` is [`Looped`](crate::Looped) for a task that loops, [`NotLooped`](crate::NotLooped) otherwise.
///
/// ```
/// use hera::prelude::*;
/// let generate = Script::new("gen").image("python:3.12").command(["python"]).source("print('[1, 2, 3]')");
/// let show = Container::new("show").input("n").image("busybox").command(["echo"]).arg(hera::input("n"));
/// let dag = Dag::new("main", |d| {
///     let numbers = d.task("gen", generate.call());
///     d.task("show", show.call().argument("n", item())).with_param(numbers.result()).continue_on_failed();
/// });
/// let task = &dag.to_model().dag.unwrap().tasks[1];
/// assert_eq!(task.with_param.as_deref(), Some("{{tasks.gen.outputs.result}}"));
/// assert_eq!(task.depends.as_deref(), Some("gen"));
/// ```
pub type Task<'s, O = Untyped, L = NotLooped> = Handle<'s, InDag, O, L>;

/// What only DAG tasks have: result conditions, `depends`, `dependencies`.
impl<'s, O, L> Handle<'s, InDag, O, L> {
    fn on(&self, result: TaskResult) -> Depends {
        Depends::Task { name: self.arc_name(), result: Some(result) }
    }

    /// `<name>.Succeeded`
    pub fn succeeded(&self) -> Depends {
        self.on(TaskResult::Succeeded)
    }
    /// `<name>.Failed`
    pub fn failed(&self) -> Depends {
        self.on(TaskResult::Failed)
    }
    /// `<name>.Errored`
    pub fn errored(&self) -> Depends {
        self.on(TaskResult::Errored)
    }
    /// `<name>.Skipped`
    pub fn skipped(&self) -> Depends {
        self.on(TaskResult::Skipped)
    }
    /// `<name>.Omitted`
    pub fn omitted(&self) -> Depends {
        self.on(TaskResult::Omitted)
    }
    /// `<name>.Daemoned`
    pub fn daemoned(&self) -> Depends {
        self.on(TaskResult::Daemoned)
    }
    /// `<name>.AnySucceeded` (looped tasks).
    pub fn any_succeeded(&self) -> Depends {
        self.on(TaskResult::AnySucceeded)
    }
    /// `<name>.AllFailed` (looped tasks).
    pub fn all_failed(&self) -> Depends {
        self.on(TaskResult::AllFailed)
    }

    /// Replaces the inferred and chained dependencies with an expression
    /// (`a.succeeded() | b.failed()`, or Argo's syntax as a string). Tasks
    /// whose outputs the task uses are still added unless the expression names them.
    pub fn depends(self, depends: impl Into<Depends>) -> Self {
        let depends = depends.into();
        self.nodes().with(self.index(), |s| {
            let names: HashSet<Arc<str>> = depends.task_names().into_iter().collect();
            s.added.retain(|part| !part.task_names().iter().all(|n| names.contains(n)));
            s.named = names;
            s.named.extend(s.added.iter().flat_map(Depends::task_names));
            s.explicit = Some(depends);
        });
        self
    }

    /// Argo's older `dependencies: [a, b]` list (do not mix with `depends`).
    pub fn dependencies<S: Into<String>>(self, names: impl IntoIterator<Item = S>) -> Self {
        let names = names.into_iter().map(Into::into).collect();
        self.edit_task(|task| task.dependencies = Some(names));
        self
    }

    /// Changes the model value directly.
    pub fn with_model(self, f: impl FnOnce(&mut model::DagTask)) -> Self {
        self.edit_task(f);
        self
    }

    fn edit_task(&self, f: impl FnOnce(&mut model::DagTask)) {
        self.edit_model(|node| {
            if let NodeModel::Task(task) = node {
                f(task)
            }
        });
    }
}

impl<O, L> From<Task<'_, O, L>> for Depends {
    fn from(task: Task<'_, O, L>) -> Depends {
        Depends::Task { name: task.arc_name(), result: None }
    }
}

impl<O, L> From<&Task<'_, O, L>> for Depends {
    fn from(task: &Task<'_, O, L>) -> Depends {
        Depends::from(*task)
    }
}

/// Chaining tasks: `a.then(b)` makes `b` run after `a`; `a.then([b, c])`
/// fans out, `[b, c].then(d)` joins, and each returns its argument so chains
/// continue: `a.then([b, c]).then(d)`. The `>>` operator does the same in
/// expressions (`let d = a >> b;`); as a statement on its own Rust warns
/// that its value is unused, so prefer `then` there.
///
/// ```
/// use hera::prelude::*;
/// let step = Container::new("step").image("busybox");
/// let dag = Dag::new("main", |d| {
///     let (a, b, c) = (d.task("a", step.call()), d.task("b", step.call()), d.task("c", step.call()));
///     let last = a.then([b, c]).then(d.task("d", step.call()));
///     let _ = last >> d.task("e", step.call());
/// });
/// let depends: Vec<_> = dag.to_model().dag.unwrap().tasks.into_iter().map(|t| t.depends).collect();
/// assert_eq!(depends[3].as_deref(), Some("b && c"));
/// assert_eq!(depends[4].as_deref(), Some("d"));
/// ```
pub trait Then<Next> {
    /// Makes `next` run after `self`; returns `next`.
    fn then(self, next: Next) -> Next;
}

impl<'s, A, LA, B, LB> Then<Task<'s, B, LB>> for Task<'s, A, LA> {
    fn then(self, next: Task<'s, B, LB>) -> Task<'s, B, LB> {
        next.add_dependency(Depends::from(self));
        next
    }
}

impl<'s, A, LA, B, LB, const N: usize> Then<[Task<'s, B, LB>; N]> for Task<'s, A, LA> {
    fn then(self, next: [Task<'s, B, LB>; N]) -> [Task<'s, B, LB>; N] {
        for task in &next {
            task.add_dependency(Depends::from(self));
        }
        next
    }
}

impl<'s, A, LA, B, LB, const N: usize> Then<Task<'s, B, LB>> for [Task<'s, A, LA>; N] {
    fn then(self, next: Task<'s, B, LB>) -> Task<'s, B, LB> {
        for task in self {
            next.add_dependency(Depends::from(task));
        }
        next
    }
}

impl<'s, A, LA, B, LB> Then<Task<'s, B, LB>> for Vec<Task<'s, A, LA>> {
    fn then(self, next: Task<'s, B, LB>) -> Task<'s, B, LB> {
        for task in self {
            next.add_dependency(Depends::from(task));
        }
        next
    }
}

impl<'s, A, LA, B, LB> std::ops::Shr<Task<'s, B, LB>> for Task<'s, A, LA> {
    type Output = Task<'s, B, LB>;
    /// `a >> b`, the same as `a.then(b)`.
    fn shr(self, next: Task<'s, B, LB>) -> Task<'s, B, LB> {
        self.then(next)
    }
}

impl<'s, A, LA, B, LB, const N: usize> std::ops::Shr<[Task<'s, B, LB>; N]> for Task<'s, A, LA> {
    type Output = [Task<'s, B, LB>; N];
    /// `a >> [b, c]`, the same as `a.then([b, c])`.
    fn shr(self, next: [Task<'s, B, LB>; N]) -> [Task<'s, B, LB>; N] {
        self.then(next)
    }
}

impl<'s, A, LA, B, LB, const N: usize> std::ops::Shr<Task<'s, B, LB>> for [Task<'s, A, LA>; N] {
    type Output = Task<'s, B, LB>;
    /// `[a, b] >> c`, the same as `[a, b].then(c)`.
    fn shr(self, next: Task<'s, B, LB>) -> Task<'s, B, LB> {
        self.then(next)
    }
}

impl<'s, A, LA, B, LB> std::ops::Shr<Task<'s, B, LB>> for Vec<Task<'s, A, LA>> {
    type Output = Task<'s, B, LB>;
    /// `tasks >> c`, the same as `tasks.then(c)`.
    fn shr(self, next: Task<'s, B, LB>) -> Task<'s, B, LB> {
        self.then(next)
    }
}

impl<A, LA, B, LB> std::ops::BitAnd<Task<'_, B, LB>> for Task<'_, A, LA> {
    type Output = Depends;
    fn bitand(self, other: Task<'_, B, LB>) -> Depends {
        Depends::from(self) & Depends::from(other)
    }
}

impl<A, LA, B, LB> std::ops::BitOr<Task<'_, B, LB>> for Task<'_, A, LA> {
    type Output = Depends;
    fn bitor(self, other: Task<'_, B, LB>) -> Depends {
        Depends::from(self) | Depends::from(other)
    }
}

impl<A, LA> std::ops::BitAnd<Depends> for Task<'_, A, LA> {
    type Output = Depends;
    fn bitand(self, other: Depends) -> Depends {
        Depends::from(self) & other
    }
}

impl<A, LA> std::ops::BitOr<Depends> for Task<'_, A, LA> {
    type Output = Depends;
    fn bitor(self, other: Depends) -> Depends {
        Depends::from(self) | other
    }
}

impl<B, LB> std::ops::BitAnd<Task<'_, B, LB>> for Depends {
    type Output = Depends;
    /// `expression && task`: `a.failed() & b`.
    fn bitand(self, task: Task<'_, B, LB>) -> Depends {
        self & Depends::from(task)
    }
}

impl<B, LB> std::ops::BitOr<Task<'_, B, LB>> for Depends {
    type Output = Depends;
    /// `expression || task`.
    fn bitor(self, task: Task<'_, B, LB>) -> Depends {
        self | Depends::from(task)
    }
}

impl<A, LA> std::ops::Not for Task<'_, A, LA> {
    type Output = Depends;
    fn not(self) -> Depends {
        !Depends::from(self)
    }
}
