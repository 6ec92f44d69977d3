//! `Dag`: a template whose tasks run as soon as what they depend on is done.

use crate::author::template::{TemplateDef, template_builder};
use crate::author::wiring::call::{Arg, Call};
use crate::author::wiring::depends::{Depends, TaskResult};
use crate::author::wiring::expr::{Condition, Expr, Source, Untyped, input};
use crate::author::wiring::shared::{Hook, Sequence, bind, items, next_scope_id, on_exit_takes_a_name};
use crate::lint::Finding;
use crate::model;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashSet;
use std::marker::PhantomData;
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
///     let a = d.task("A", echo.call().arg("message", "A"));
///     let b = d.task("B", echo.call().arg("message", "B"));
///     let c = d.task("C", echo.call().arg("message", "C"));
///     let dd = d.task("D", echo.call().arg("message", "D"));
///     a.then([b, c]).then(dd);
/// });
/// let tasks = diamond.to_model().dag.unwrap().tasks;
/// assert_eq!(tasks[3].depends.as_deref(), Some("B && C"));
/// ```
#[derive(Clone, Debug)]
pub struct Dag {
    def: Arc<TemplateDef>,
}

impl Dag {
    /// A DAG template called `name`; `build` adds its tasks.
    pub fn new(name: impl Into<String>, build: impl FnOnce(&DagScope)) -> Dag {
        let name: String = name.into();
        let scope = DagScope {
            id: next_scope_id(),
            name: name.as_str().into(),
            tasks: RefCell::new(Vec::new()),
            dag: RefCell::new(model::DagTemplate::default()),
            problems: RefCell::new(Vec::new()),
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
    id: u64,
    name: Arc<str>,
    tasks: RefCell<Vec<TaskState>>,
    dag: RefCell<model::DagTemplate>,
    problems: RefCell<Vec<Finding>>,
}

struct TaskState {
    name: Arc<str>,
    model: model::DagTask,
    uses: Vec<Arc<TemplateDef>>,
    /// An expression set with `depends(...)`.
    explicit: Option<Depends>,
    /// Dependencies added by inference and chaining, in order.
    added: Vec<Depends>,
    /// Every task named by `explicit` or `added` (kept so that adding a
    /// dependency stays constant time in large fan-ins).
    named: HashSet<Arc<str>>,
}

impl DagScope {
    /// Adds the task `name` running `call`; returns its handle.
    pub fn task<O>(&self, name: impl Into<String>, call: impl Into<Call<O>>) -> Task<'_, O> {
        let name: String = name.into();
        let bound = bind(call.into());
        let state = TaskState {
            name: name.as_str().into(),
            model: model::DagTask {
                name: name.clone(),
                template: bound.template,
                template_ref: bound.template_ref,
                arguments: bound.arguments,
                ..Default::default()
            },
            uses: bound.uses.into_iter().collect(),
            explicit: None,
            added: Vec::new(),
            named: HashSet::new(),
        };
        let index = {
            let mut tasks = self.tasks.borrow_mut();
            tasks.push(state);
            tasks.len() - 1
        };
        let task = Task { scope: self, index, _output: PhantomData };
        task.infer(&bound.sources);
        task
    }

    /// `{{inputs.parameters.name}}`: an input of this DAG template.
    pub fn input(&self, name: &str) -> Expr {
        input(name)
    }

    /// A call of this DAG template itself (recursion).
    pub fn call_self(&self) -> Call {
        Call::named(self.name.to_string())
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

    fn with<R>(&self, index: usize, f: impl FnOnce(&mut TaskState) -> R) -> R {
        f(&mut self.tasks.borrow_mut()[index])
    }

    fn problem(&self, message: String) {
        self.problems.borrow_mut().push(Finding::error(format!("templates[{}].dag", self.name), message));
    }

    /// The finished DAG, the templates its tasks call, and its problems.
    /// Unknown dependencies and cycles are left to [`crate::lint`], which
    /// checks every DAG, written with hera or not.
    fn finish(self) -> (model::DagTemplate, Vec<Arc<TemplateDef>>, Vec<Finding>) {
        let mut dag = self.dag.into_inner();
        let problems = self.problems.into_inner();
        let mut uses: Vec<Arc<TemplateDef>> = Vec::new();
        let mut seen_uses = HashSet::new();
        for mut state in self.tasks.into_inner() {
            let mut parts = state.explicit.take().into_iter().chain(state.added);
            if let Some(first) = parts.next() {
                let depends = parts.fold(first, |all, part| all & part);
                state.model.depends = Some(depends.to_string());
            }
            for used in state.uses {
                if seen_uses.insert(Arc::as_ptr(&used)) {
                    uses.push(used);
                }
            }
            dag.tasks.push(state.model);
        }
        (dag, uses, problems)
    }
}

/// A task of a [`Dag`]: configure it, refer to its outputs, chain it.
///
/// Handles are `Copy`; every method changes the task in its DAG.
/// `O` is the type of its result when the template's is known (`#[script]`).
///
/// ```
/// use hera::prelude::*;
/// let generate = Script::new("gen").image("python:3.12").command(["python"]).source("print('[1, 2, 3]')");
/// let show = Container::new("show").input("n").image("busybox").command(["echo"]).arg(hera::input("n"));
/// let dag = Dag::new("main", |d| {
///     let numbers = d.task("gen", generate.call());
///     d.task("show", show.call().arg("n", item())).with_param(numbers.result()).continue_on_failed();
/// });
/// let task = &dag.to_model().dag.unwrap().tasks[1];
/// assert_eq!(task.with_param.as_deref(), Some("{{tasks.gen.outputs.result}}"));
/// assert_eq!(task.depends.as_deref(), Some("gen"));
/// ```
pub struct Task<'s, O = Untyped> {
    scope: &'s DagScope,
    index: usize,
    _output: PhantomData<fn() -> O>,
}

impl<O> Clone for Task<'_, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<O> Copy for Task<'_, O> {}

impl<'s, O> Task<'s, O> {
    /// The task's name.
    pub fn name(&self) -> String {
        self.arc_name().to_string()
    }

    fn arc_name(&self) -> Arc<str> {
        self.scope.with(self.index, |s| s.name.clone())
    }

    fn reference<T>(&self, what: &str) -> Expr<T> {
        let name = self.arc_name();
        let path = format!("tasks.{name}.{what}");
        Expr::produced_by(
            path,
            Source { scope: self.scope.id, node: name, template: self.scope.name.clone() },
        )
    }

    /// `{{tasks.<name>.outputs.result}}`: what the task printed.
    pub fn result(&self) -> Expr<O> {
        self.reference("outputs.result")
    }

    /// Typed references to the named outputs of a `#[script]` function
    /// returning a struct that derives [`Outputs`](crate::Outputs): `task.outputs().sum`.
    pub fn outputs(&self) -> O::Refs
    where
        O: crate::Outputs,
    {
        let name = self.arc_name();
        let source = Source { scope: self.scope.id, node: name.clone(), template: self.scope.name.clone() };
        O::refs(&crate::NodeOutputs { prefix: format!("tasks.{name}"), source })
    }

    /// `{{tasks.<name>.outputs.result}}` of a looped task: the results of
    /// every iteration, as one JSON list.
    pub fn results(&self) -> Expr<Vec<O>> {
        self.reference("outputs.result")
    }

    /// `{{tasks.<name>.outputs.parameters.<parameter>}}`.
    pub fn output(&self, parameter: &str) -> Expr {
        self.reference(&format!("outputs.parameters.{parameter}"))
    }

    /// `{{tasks.<name>.outputs.parameters}}`: the output parameters of every
    /// iteration of a looped task, as a JSON list (for `with_param`).
    pub fn outputs_parameters(&self) -> Expr {
        self.reference("outputs.parameters")
    }

    /// `{{tasks.<name>.outputs.artifacts.<artifact>}}`.
    pub fn output_artifact(&self, artifact: &str) -> Expr {
        self.reference(&format!("outputs.artifacts.{artifact}"))
    }

    /// `{{tasks.<name>.status}}`.
    pub fn status(&self) -> Expr {
        self.reference("status")
    }

    /// `{{tasks.<name>.exitCode}}`.
    pub fn exit_code(&self) -> Expr {
        self.reference("exitCode")
    }

    /// `{{tasks.<name>.ip}}`: the pod IP of a daemon task.
    pub fn ip(&self) -> Expr {
        self.reference("ip")
    }

    /// `{{tasks.<name>.id}}`.
    pub fn id(&self) -> Expr {
        self.reference("id")
    }

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

    /// Adds dependencies on the tasks these references come from (unless
    /// already named), and refuses references into other templates.
    fn infer(&self, sources: &[Source]) {
        let name = self.arc_name();
        for source in sources {
            if source.scope != self.scope.id {
                self.scope.problem(format!(
                    "task '{name}' refers to '{}' of template '{}', which is not a task of this DAG",
                    source.node, source.template
                ));
            } else if *source.node != *name {
                self.add(Depends::task(&source.node));
            }
        }
    }

    fn add(&self, dependency: Depends) {
        self.scope.with(self.index, |state| {
            let names = dependency.task_names();
            if !names.iter().all(|n| state.named.contains(n)) {
                state.named.extend(names);
                state.added.push(dependency);
            }
        });
    }

    /// Runs the task only when `condition` holds (`r.result().equals("heads")`,
    /// or a string in Argo's syntax). References in it add dependencies.
    pub fn when(self, condition: impl Into<Condition>) -> Self {
        let condition = condition.into();
        self.scope.with(self.index, |s| s.model.when = Some(condition.to_string()));
        self.infer(&condition.sources);
        self
    }

    /// Runs the task once per item; maps give `{{item.key}}`.
    pub fn with_items<I: Serialize>(self, values: impl IntoIterator<Item = I>) -> Self {
        let mut problems = Vec::new();
        let path = format!("templates[{}].dag.tasks[{}].withItems", self.scope.name, self.name());
        let items = items(values, &mut problems, &path);
        self.scope.problems.borrow_mut().extend(problems);
        self.scope.with(self.index, |s| s.model.with_items = Some(items));
        self
    }

    /// Runs the task once per element of a JSON list, usually another task's
    /// output (`t.result()`), which it then depends on.
    pub fn with_param(self, list: impl Into<Arg>) -> Self {
        let list = list.into();
        self.scope.with(self.index, |s| s.model.with_param = Some(list.text.clone()));
        self.infer(&list.sources);
        self
    }

    /// Runs the task once per number.
    pub fn with_sequence(self, sequence: Sequence) -> Self {
        self.scope.with(self.index, |s| s.model.with_sequence = Some(sequence.into()));
        self
    }

    /// Replaces the inferred and chained dependencies with an expression
    /// (`a.succeeded() | b.failed()`, or Argo's syntax as a string). Tasks
    /// whose outputs the task uses are still added unless the expression names them.
    pub fn depends(self, depends: impl Into<Depends>) -> Self {
        let depends = depends.into();
        self.scope.with(self.index, |s| {
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
        self.scope.with(self.index, |s| s.model.dependencies = Some(names));
        self
    }

    /// Carries on with the DAG when this task fails.
    pub fn continue_on_failed(self) -> Self {
        self.scope.with(self.index, |s| {
            s.model.continue_on.get_or_insert_with(Default::default).failed = Some(true)
        });
        self
    }

    /// Carries on with the DAG when this task errors.
    pub fn continue_on_error(self) -> Self {
        self.scope.with(self.index, |s| {
            s.model.continue_on.get_or_insert_with(Default::default).error = Some(true)
        });
        self
    }

    /// Runs `handler` when the task ends, whatever its result. Argo's
    /// `onExit` names a template only: to pass arguments or call a
    /// `templateRef`, use `.hook("exit", call)`.
    pub fn on_exit<H>(self, handler: Call<H>) -> Self {
        let bound = bind(handler);
        if bound.arguments.is_some() || bound.template_ref.is_some() {
            self.scope.problem(on_exit_takes_a_name("task", self.name()));
        }
        self.scope.with(self.index, |s| {
            s.model.on_exit = bound.template;
            s.uses.extend(bound.uses);
        });
        self
    }

    /// A lifecycle hook of the task (`"exit"`, or a name with an expression).
    pub fn hook(self, event: impl Into<String>, hook: impl Into<Hook>) -> Self {
        let hook = hook.into();
        self.scope.with(self.index, |s| {
            s.model.hooks.get_or_insert_with(Default::default).insert(event.into(), hook.model);
            s.uses.extend(hook.uses);
        });
        self.infer(&hook.sources);
        self
    }

    /// Changes the model value directly.
    pub fn with_model(self, f: impl FnOnce(&mut model::DagTask)) -> Self {
        // Outside the borrow, so the closure may use other handles of this DAG.
        let mut task = self.scope.with(self.index, |s| std::mem::take(&mut s.model));
        f(&mut task);
        self.scope.with(self.index, |s| s.model = task);
        self
    }
}

impl<O> From<Task<'_, O>> for Depends {
    fn from(task: Task<'_, O>) -> Depends {
        Depends::Task { name: task.arc_name(), result: None }
    }
}

impl<O> From<&Task<'_, O>> for Depends {
    fn from(task: &Task<'_, O>) -> Depends {
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

impl<'s, A, B> Then<Task<'s, B>> for Task<'s, A> {
    fn then(self, next: Task<'s, B>) -> Task<'s, B> {
        next.add(Depends::from(self));
        next
    }
}

impl<'s, A, B, const N: usize> Then<[Task<'s, B>; N]> for Task<'s, A> {
    fn then(self, next: [Task<'s, B>; N]) -> [Task<'s, B>; N] {
        for task in &next {
            task.add(Depends::from(self));
        }
        next
    }
}

impl<'s, A, B, const N: usize> Then<Task<'s, B>> for [Task<'s, A>; N] {
    fn then(self, next: Task<'s, B>) -> Task<'s, B> {
        for task in self {
            next.add(Depends::from(task));
        }
        next
    }
}

impl<'s, A, B> Then<Task<'s, B>> for Vec<Task<'s, A>> {
    fn then(self, next: Task<'s, B>) -> Task<'s, B> {
        for task in self {
            next.add(Depends::from(task));
        }
        next
    }
}

impl<'s, A, B> std::ops::Shr<Task<'s, B>> for Task<'s, A> {
    type Output = Task<'s, B>;
    /// `a >> b`, the same as `a.then(b)`.
    fn shr(self, next: Task<'s, B>) -> Task<'s, B> {
        self.then(next)
    }
}

impl<'s, A, B, const N: usize> std::ops::Shr<[Task<'s, B>; N]> for Task<'s, A> {
    type Output = [Task<'s, B>; N];
    /// `a >> [b, c]`, the same as `a.then([b, c])`.
    fn shr(self, next: [Task<'s, B>; N]) -> [Task<'s, B>; N] {
        self.then(next)
    }
}

impl<'s, A, B, const N: usize> std::ops::Shr<Task<'s, B>> for [Task<'s, A>; N] {
    type Output = Task<'s, B>;
    /// `[a, b] >> c`, the same as `[a, b].then(c)`.
    fn shr(self, next: Task<'s, B>) -> Task<'s, B> {
        self.then(next)
    }
}

impl<'s, A, B> std::ops::Shr<Task<'s, B>> for Vec<Task<'s, A>> {
    type Output = Task<'s, B>;
    /// `tasks >> c`, the same as `tasks.then(c)`.
    fn shr(self, next: Task<'s, B>) -> Task<'s, B> {
        self.then(next)
    }
}

impl<A, B> std::ops::BitAnd<Task<'_, B>> for Task<'_, A> {
    type Output = Depends;
    fn bitand(self, other: Task<'_, B>) -> Depends {
        Depends::from(self) & Depends::from(other)
    }
}

impl<A, B> std::ops::BitOr<Task<'_, B>> for Task<'_, A> {
    type Output = Depends;
    fn bitor(self, other: Task<'_, B>) -> Depends {
        Depends::from(self) | Depends::from(other)
    }
}

impl<A> std::ops::Not for Task<'_, A> {
    type Output = Depends;
    fn not(self) -> Depends {
        !Depends::from(self)
    }
}
