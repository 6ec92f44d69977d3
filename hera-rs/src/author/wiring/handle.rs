//! One implementation of DAG tasks and steps.
//!
//! A [`Task`](crate::Task) and a [`Step`](crate::Step) are both a
//! [`Handle`] to a node of the template being built: they call a template
//! with arguments, loop, have a condition and hooks, and their outputs can
//! be referred to. The fields they share are one generated view
//! ([`model::NodeFieldsMut`]), so every method here is written once; what
//! only a DAG task has (`depends`, chaining) lives in `dag.rs`.

use crate::author::template::TemplateDef;
use crate::author::wiring::call::{Arg, Call};
use crate::author::wiring::depends::Depends;
use crate::author::wiring::expr::{Expr, IntoCondition, Source, Untyped};
use crate::author::wiring::loops::{IsLooped, Looped, NotLooped};
use crate::author::wiring::shared::{Hook, Sequence, bind, items, on_exit_takes_a_name};
use crate::lint::rules::builder;
use crate::lint::{Finding, Rule};
use crate::model;
use crate::path::FieldPath;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashSet;
use std::marker::PhantomData;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Marks a [`Handle`] as a task of a DAG: [`Task`](crate::Task).
#[derive(Debug)]
pub enum InDag {}

/// Marks a [`Handle`] as a step of a steps template: [`Step`](crate::Step).
#[derive(Debug)]
pub enum InSteps {}

/// Whether the nodes are DAG tasks or steps: the words Argo uses for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Dag,
    Steps,
}

impl Kind {
    /// The variable prefix: `{{tasks.x...}}` or `{{steps.x...}}`.
    fn prefix(self) -> &'static str {
        match self {
            Kind::Dag => "tasks",
            Kind::Steps => "steps",
        }
    }

    fn word(self) -> &'static str {
        match self {
            Kind::Dag => "task",
            Kind::Steps => "step",
        }
    }

    fn whole(self) -> &'static str {
        match self {
            Kind::Dag => "a task of this DAG",
            Kind::Steps => "a step of this template",
        }
    }
}

/// A node's model: a DAG task or a step.
#[derive(Debug)]
pub(crate) enum NodeModel {
    Task(model::DagTask),
    Step(model::WorkflowStep),
}

impl NodeModel {
    fn fields_mut(&mut self) -> model::NodeFieldsMut<'_> {
        match self {
            NodeModel::Task(task) => task.fields_mut(),
            NodeModel::Step(step) => step.fields_mut(),
        }
    }
}

/// A node while its template is built.
#[derive(Debug)]
pub(crate) struct NodeState {
    pub name: Arc<str>,
    /// The steps group it belongs to (0 in a DAG).
    pub group: usize,
    /// Its position in the DAG's task list, or in its steps group.
    pub position: usize,
    pub model: NodeModel,
    /// The templates it calls (its own, exit handlers, hooks).
    pub uses: Vec<Arc<TemplateDef>>,
    /// DAG only: an expression set with `depends(...)`.
    pub explicit: Option<Depends>,
    /// DAG only: dependencies added by inference and chaining, in order.
    pub added: Vec<Depends>,
    /// DAG only: every task named by `explicit` or `added` (kept so that
    /// adding a dependency stays constant time in large fan-ins).
    pub named: HashSet<Arc<str>>,
}

/// The nodes of one DAG or steps template while it is built.
#[derive(Debug)]
pub(crate) struct Nodes {
    /// Tells references to these nodes from references to other templates' nodes.
    pub id: u64,
    /// The template's name, for messages.
    pub template: Arc<str>,
    pub kind: Kind,
    pub nodes: RefCell<Vec<NodeState>>,
    /// Problems found while building, at paths relative to the template.
    pub problems: RefCell<Vec<Finding>>,
}

impl Nodes {
    pub fn new(kind: Kind, template: &str) -> Nodes {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Nodes {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            template: template.into(),
            kind,
            nodes: RefCell::new(Vec::new()),
            problems: RefCell::new(Vec::new()),
        }
    }

    /// Adds a node running `call` at `group`/`position`; returns its handle.
    pub fn add<K, O, L>(
        &self,
        name: String,
        group: usize,
        position: usize,
        call: Call<O, L>,
    ) -> Handle<'_, K, O, L> {
        let bound = bind(call);
        let mut model = match self.kind {
            Kind::Dag => NodeModel::Task(model::DagTask { name: name.clone(), ..Default::default() }),
            Kind::Steps => {
                NodeModel::Step(model::WorkflowStep { name: Some(name.clone()), ..Default::default() })
            }
        };
        let fields = model.fields_mut();
        *fields.template = bound.template;
        *fields.template_ref = bound.template_ref;
        *fields.arguments = bound.arguments;
        *fields.with_param = bound.with_param;
        let state = NodeState {
            name: name.into(),
            group,
            position,
            model,
            uses: bound.uses.into_iter().collect(),
            explicit: None,
            added: Vec::new(),
            named: HashSet::new(),
        };
        let index = {
            let mut nodes = self.nodes.borrow_mut();
            nodes.push(state);
            nodes.len() - 1
        };
        let handle = Handle { nodes: self, index, _kind: PhantomData };
        handle.uses_outputs_of(&bound.sources);
        handle
    }

    pub fn with<R>(&self, index: usize, f: impl FnOnce(&mut NodeState) -> R) -> R {
        f(&mut self.nodes.borrow_mut()[index])
    }

    /// The node's path inside its template: `dag.tasks[name]` or `steps[1][name]`.
    fn path(&self, index: usize) -> FieldPath {
        self.with(index, |node| match self.kind {
            Kind::Dag => FieldPath::root().key("dag").key("tasks").named(node.position, &node.name),
            Kind::Steps => FieldPath::root().key("steps").index(node.group).named(node.position, &node.name),
        })
    }

    fn problem(&self, rule: &'static Rule, path: FieldPath, message: String) {
        self.problems.borrow_mut().push(Finding::builder(rule, path, message));
    }
}

/// A task of a DAG or a step of a steps template: configure it, refer to
/// its outputs. Use it as [`Task`](crate::Task) or [`Step`](crate::Step).
///
/// Handles are `Copy`; every method changes the node in its template and
/// returns the handle, so calls chain and ignoring the result is fine.
/// `O` is the type of its result when the template's is known (`#[script]`).
/// `L` is [`Looped`] for a node that loops (made from a call of
/// [`Expr::each`], or given `with_items`, `with_param` or `with_sequence`),
/// which offers the outputs of every iteration (`results()`), and
/// [`NotLooped`] otherwise.
pub struct Handle<'s, K, O = Untyped, L = NotLooped> {
    nodes: &'s Nodes,
    index: usize,
    _kind: PhantomData<Markers<K, O, L>>,
}

/// A handle's type parameters, owned by no value (`Handle` stays `Copy`
/// and `Send`-neutral whatever they are).
type Markers<K, O, L> = fn() -> (K, O, L);

impl<K, O, L> Clone for Handle<'_, K, O, L> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K, O, L> Copy for Handle<'_, K, O, L> {}

impl<'s, K, O, L> Handle<'s, K, O, L> {
    /// The node's name.
    pub fn name(&self) -> String {
        self.arc_name().to_string()
    }

    pub(crate) fn arc_name(&self) -> Arc<str> {
        self.nodes.with(self.index, |node| node.name.clone())
    }

    pub(crate) fn nodes(&self) -> &'s Nodes {
        self.nodes
    }

    pub(crate) fn index(&self) -> usize {
        self.index
    }

    fn source(&self) -> Source {
        Source { scope: self.nodes.id, node: self.arc_name(), template: self.nodes.template.clone() }
    }

    fn prefix(&self) -> String {
        format!("{}.{}", self.nodes.kind.prefix(), self.arc_name())
    }

    fn reference<T>(&self, what: &str) -> Expr<T> {
        Expr::produced_by(format!("{}.{what}", self.prefix()), self.source())
    }

    /// Records that the node uses these references: a reference into another
    /// template is refused; in a DAG, a task whose output is used becomes a
    /// dependency.
    fn uses_outputs_of(&self, sources: &[Source]) {
        let kind = self.nodes.kind;
        let mut name = None;
        for source in sources {
            let name = name.get_or_insert_with(|| self.arc_name());
            if source.scope != self.nodes.id {
                self.nodes.problem(
                    &builder::FOREIGN_REFERENCE,
                    self.nodes.path(self.index),
                    format!(
                        "{} '{name}' refers to '{}' of template '{}', which is not {}",
                        kind.word(),
                        source.node,
                        source.template,
                        kind.whole()
                    ),
                );
            } else if kind == Kind::Dag && *source.node != **name {
                self.add_dependency(Depends::task(&source.node));
            }
        }
    }

    /// Adds `dependency` unless every task it names is already a dependency.
    pub(crate) fn add_dependency(&self, dependency: Depends) {
        self.nodes.with(self.index, |node| {
            let names = dependency.task_names();
            if !names.iter().all(|n| node.named.contains(n)) {
                node.named.extend(names);
                node.added.push(dependency);
            }
        });
    }

    fn edit(&self, f: impl FnOnce(model::NodeFieldsMut<'_>, &mut Vec<Arc<TemplateDef>>)) {
        self.nodes.with(self.index, |node| f(node.model.fields_mut(), &mut node.uses));
    }

    /// `{{tasks.<name>.outputs.result}}` (or `steps.`): what the node printed.
    pub fn result(&self) -> Expr<O> {
        self.reference("outputs.result")
    }

    /// Typed references to the named outputs of a `#[script]` function
    /// returning a struct that derives [`Outputs`](crate::Outputs): `task.outputs().sum`.
    pub fn outputs(&self) -> O::Refs
    where
        O: crate::Outputs,
    {
        O::refs(&crate::NodeOutputs { prefix: self.prefix(), source: self.source() })
    }

    /// `{{tasks.<name>.outputs.result}}` of a looped node: the results of
    /// every iteration, as one JSON list. Only a looped node has it: a
    /// handle made from [`Expr::each`]'s call, or given `with_items`,
    /// `with_param` or `with_sequence`; on any other it is a compile error.
    ///
    /// ```
    /// use hera::prelude::*;
    ///
    /// #[script]
    /// fn double(x: i64) -> i64 {
    ///     2 * x
    /// }
    ///
    /// #[script]
    /// fn total(values: Vec<i64>) -> i64 {
    ///     values.iter().sum()
    /// }
    ///
    /// # fn main() {
    /// let dag = Dag::new("main", |d| {
    ///     let doubled = d.task("double", double::call(hera::item())).with_items([1, 2, 3]);
    ///     d.task("total", total::call(doubled.results()));
    /// });
    /// let tasks = dag.to_model().dag.unwrap().tasks;
    /// assert_eq!(tasks[1].depends.as_deref(), Some("double"));
    /// # }
    /// ```
    ///
    /// ```compile_fail
    /// use hera::prelude::*;
    /// let echo = Container::new("echo").image("busybox");
    /// Dag::new("main", |d| {
    ///     let once = d.task("once", echo.call());
    ///     d.task("all", echo.call().argument("message", once.results())); // `once` does not loop
    /// });
    /// ```
    pub fn results(&self) -> Expr<Vec<O>>
    where
        L: IsLooped,
    {
        self.reference("outputs.result")
    }

    /// `{{tasks.<name>.outputs.parameters.<parameter>}}`.
    pub fn output(&self, parameter: &str) -> Expr {
        self.reference(&format!("outputs.parameters.{parameter}"))
    }

    /// `{{tasks.<name>.outputs.parameters}}`: the output parameters of every
    /// iteration of a looped node, as a JSON list (for `each` or
    /// `with_param`). Only a node given `with_items` or `with_param`, or made
    /// from [`Expr::each`]'s call, has it (for a `with_sequence` node,
    /// Argo's validator does not know it; `hera lint` reports that).
    pub fn outputs_parameters(&self) -> Expr
    where
        L: IsLooped,
    {
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

    /// `{{tasks.<name>.ip}}`: the pod IP of a daemon.
    pub fn ip(&self) -> Expr {
        self.reference("ip")
    }

    /// `{{tasks.<name>.id}}`.
    pub fn id(&self) -> Expr {
        self.reference("id")
    }

    /// Runs the node only when `condition` holds (`r.result().equals("heads")`,
    /// or a string in Argo's syntax). In a DAG, references in it add dependencies.
    pub fn when(self, condition: impl IntoCondition) -> Self {
        let condition = condition.into_condition();
        self.edit(|fields, _| *fields.when = Some(condition.to_string()));
        self.uses_outputs_of(&condition.sources);
        self
    }

    /// The same node, marked as looped.
    fn looped(self) -> Handle<'s, K, O, Looped> {
        Handle { nodes: self.nodes, index: self.index, _kind: PhantomData }
    }

    /// Runs the node once per item (`{{item}}`, see [`item()`](crate::item));
    /// maps give `{{item.key}}`. Returns the looped handle, which offers
    /// [`results()`](Self::results).
    pub fn with_items<I: Serialize>(self, values: impl IntoIterator<Item = I>) -> Handle<'s, K, O, Looped> {
        let mut problems = Vec::new();
        let items = items(values, &mut problems, &self.nodes.path(self.index).key("withItems"));
        self.nodes.problems.borrow_mut().extend(problems);
        self.edit(|fields, _| *fields.with_items = Some(items));
        self.looped()
    }

    /// Runs the node once per element of a JSON list, usually another node's
    /// output (`t.result()`), which a DAG task then depends on; the call
    /// reads the element with the untyped [`item()`](crate::item). For a
    /// typed element, build the call with [`Expr::each`] instead. Returns
    /// the looped handle, which offers [`results()`](Self::results).
    pub fn with_param(self, list: impl Into<Arg>) -> Handle<'s, K, O, Looped> {
        let list = list.into();
        self.edit(|fields, _| *fields.with_param = Some(list.text.clone()));
        self.uses_outputs_of(&list.sources);
        self.looped()
    }

    /// Runs the node once per number. Returns the looped handle, which
    /// offers [`results()`](Self::results).
    pub fn with_sequence(self, sequence: Sequence) -> Handle<'s, K, O, Looped> {
        self.edit(|fields, _| *fields.with_sequence = Some(sequence.into()));
        self.looped()
    }

    /// Carries on when this node fails.
    pub fn continue_on_failed(self) -> Self {
        self.edit(|fields, _| fields.continue_on.get_or_insert_with(Default::default).failed = Some(true));
        self
    }

    /// Carries on when this node errors.
    pub fn continue_on_error(self) -> Self {
        self.edit(|fields, _| fields.continue_on.get_or_insert_with(Default::default).error = Some(true));
        self
    }

    /// Runs `handler` when the node ends, whatever its result. Argo's
    /// `onExit` names a template only: to pass arguments or call a
    /// `templateRef`, use `.hook("exit", call)`.
    pub fn on_exit<H>(self, handler: Call<H>) -> Self {
        let bound = bind(handler);
        if bound.arguments.is_some() || bound.template_ref.is_some() {
            self.nodes.problem(
                &builder::ON_EXIT_ARGUMENTS,
                self.nodes.path(self.index).key("onExit"),
                on_exit_takes_a_name(self.nodes.kind.word(), self.name()),
            );
        }
        self.edit(|fields, uses| {
            *fields.on_exit = bound.template;
            uses.extend(bound.uses);
        });
        self
    }

    /// A lifecycle hook of the node (`"exit"`, or a name with an expression).
    pub fn hook(self, event: impl Into<String>, hook: impl Into<Hook>) -> Self {
        let hook = hook.into();
        self.edit(|fields, uses| {
            fields.hooks.get_or_insert_with(Default::default).insert(event.into(), hook.model);
            uses.extend(hook.uses);
        });
        self.uses_outputs_of(&hook.sources);
        self
    }

    /// Changes the model value directly, outside the borrow of the template
    /// so that the closure may use other handles of it.
    pub(crate) fn edit_model(&self, f: impl FnOnce(&mut NodeModel)) {
        let placeholder = match self.nodes.kind {
            Kind::Dag => NodeModel::Task(Default::default()),
            Kind::Steps => NodeModel::Step(Default::default()),
        };
        let mut model = self.nodes.with(self.index, |node| std::mem::replace(&mut node.model, placeholder));
        f(&mut model);
        self.nodes.with(self.index, |node| node.model = model);
    }
}
