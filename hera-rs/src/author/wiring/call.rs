//! Invoking a template: which template, and with which arguments.

use crate::author::template::TemplateDef;
use crate::author::wiring::expr::{Condition, Expr, Source, Text, Untyped};
use crate::author::wiring::loops::{Looped, NotLooped, ParamLoop};
use crate::author::wiring::params::Artifact;
use crate::model;
use std::marker::PhantomData;
use std::sync::Arc;

/// What a task or step runs.
#[derive(Clone, Debug)]
pub(crate) enum Target {
    /// A template defined in this program; it is added to the workflow.
    Local(Arc<TemplateDef>),
    /// A template of the same workflow, by name (for recursion).
    Named(String),
    /// A template of a (Cluster)WorkflowTemplate.
    Ref(model::TemplateRef),
}

/// A call of a template with its arguments, ready to become a DAG task
/// (`dag.task("a", call)`) or a step (`steps.step("a", call)`).
///
/// `O` is the type of the template's result, when known (`#[script]`).
/// `L` says whether the call loops: [`Looped`] for one made with
/// [`Expr::each`], which carries its `withParam`; [`NotLooped`] otherwise.
///
/// ```
/// use hera::prelude::*;
/// let echo = Container::new("echo").image("busybox").input("message");
/// let call = echo.call().argument("message", "hello");
/// # let _ = call;
/// ```
#[derive(Debug)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Call<O = crate::author::wiring::expr::Untyped, L = NotLooped> {
    pub(crate) target: Target,
    pub(crate) arguments: model::Arguments,
    pub(crate) sources: Vec<Source>,
    /// The list a looped call runs over (`Looped` calls only).
    pub(crate) looping: Option<ParamLoop>,
    _output: PhantomData<fn() -> (O, L)>,
}

impl<O, L> Clone for Call<O, L> {
    fn clone(&self) -> Self {
        Call {
            target: self.target.clone(),
            arguments: self.arguments.clone(),
            sources: self.sources.clone(),
            looping: self.looping.clone(),
            _output: PhantomData,
        }
    }
}

impl Call {
    /// Calls the template called `name` of the same workflow, e.g. a template
    /// calling itself recursively.
    pub fn named(name: impl Into<String>) -> Call {
        Call::new(Target::Named(name.into()))
    }
}

impl<O> Call<O> {
    pub(crate) fn new(target: Target) -> Self {
        Call {
            target,
            arguments: model::Arguments::default(),
            sources: Vec::new(),
            looping: None,
            _output: PhantomData,
        }
    }

    /// The same call, run once per element of `list` (see [`Expr::each`]).
    pub(crate) fn looping(self, list: ParamLoop) -> Call<O, Looped> {
        Call {
            target: self.target,
            arguments: self.arguments,
            sources: self.sources,
            looping: Some(list),
            _output: PhantomData,
        }
    }
}

impl<O, L> Call<O, L> {
    /// Passes `value` to the input parameter `name`. Strings go as they are;
    /// numbers, booleans and other values are JSON-encoded; a reference to a
    /// DAG task's output makes the calling task depend on that task.
    pub fn argument(mut self, name: impl Into<String>, value: impl Into<Arg>) -> Self {
        let value = value.into();
        self.sources.extend(value.sources);
        self.arguments.parameters.get_or_insert_with(Vec::new).push(model::Parameter {
            name: name.into(),
            value: Some(value.text),
            ..Default::default()
        });
        self
    }

    /// Passes an artifact to the input artifact `name`: another task's output
    /// (`task.output_artifact("x")`) or an [`Artifact`] with a location.
    pub fn argument_artifact(mut self, name: impl Into<String>, from: impl Into<ArtifactArg>) -> Self {
        let mut artifact = match from.into() {
            ArtifactArg::From(value) => {
                self.sources.extend(value.sources);
                model::Artifact { from: Some(value.text), ..Default::default() }
            }
            ArtifactArg::Artifact(artifact) => {
                self.sources.extend(artifact.sources);
                artifact.model
            }
        };
        artifact.name = name.into();
        self.arguments.artifacts.get_or_insert_with(Vec::new).push(artifact);
        self
    }

    /// The old name of [`argument`](Self::argument), the name workflows use for the same field.
    #[deprecated(since = "0.2.0", note = "renamed to `argument`, as on workflows")]
    pub fn arg(self, name: impl Into<String>, value: impl Into<Arg>) -> Self {
        self.argument(name, value)
    }

    /// The old name of [`argument_artifact`](Self::argument_artifact).
    #[deprecated(since = "0.2.0", note = "renamed to `argument_artifact`, as on workflows")]
    pub fn artifact(self, name: impl Into<String>, from: impl Into<ArtifactArg>) -> Self {
        self.argument_artifact(name, from)
    }

    /// The same call with its result typed as `P` (used by `#[script]`).
    #[doc(hidden)]
    pub fn typed<P>(self) -> Call<P, L> {
        Call {
            target: self.target,
            arguments: self.arguments,
            sources: self.sources,
            looping: self.looping,
            _output: PhantomData,
        }
    }

    /// The same call with its result type forgotten.
    pub fn untyped(self) -> Call<Untyped, L> {
        self.typed()
    }

    /// The same call — its arguments, its result type, its loop — run by
    /// `template` instead: a `#[script]` function's template customised
    /// beyond its attribute keeps the typed `call`.
    ///
    /// ```
    /// use hera::prelude::*;
    ///
    /// #[script(image = "app:1")]
    /// fn process(path: String) -> u64 {
    ///     path.len() as u64
    /// }
    ///
    /// # fn main() {
    /// let patient = process::template().retry(Retry::limit(5).backoff("10s", 2, "5m")).memory_request("4Gi");
    /// let dag = Dag::new("main", |d| {
    ///     let size = d.task("process", process::call("/data/in.csv").using(&patient));
    ///     let _: Expr<u64> = size.result();
    /// });
    /// let yaml = Workflow::generate_name("p-").entrypoint(dag).to_yaml().unwrap();
    /// assert!(yaml.contains("limit: 5") && yaml.contains("memory: 4Gi"), "{yaml}");
    /// # }
    /// ```
    ///
    /// The template is added to the workflow in place of the one the call
    /// had, so it must take the same inputs (`hera lint` reports an argument
    /// it does not declare). Using both the customised and the original
    /// template in one workflow is an error (two templates with one name);
    /// rename one with `.with_model(|t| t.name = ..)` to run both.
    pub fn using<T: crate::TemplateBuilder>(mut self, template: &T) -> Self {
        self.target = Target::Local(template.def().clone());
        self
    }

    /// The same call, run by reference: a `templateRef` to this template in
    /// the WorkflowTemplate `holder` (a library's published template, say)
    /// instead of a copy in the workflow. It type-checks as the inline call
    /// does; the template is not added to the workflow.
    ///
    /// ```
    /// use hera::prelude::*;
    /// let add = Container::new("add").image("busybox").input("a");
    /// let library = WorkflowTemplate::new("math-wt").versioned("1.2.0").template(add.clone());
    /// let dag = Dag::new("main", |d| {
    ///     d.task("a", add.call().argument("a", "1").by_reference(&library));
    /// });
    /// let reference = dag.to_model().dag.unwrap().tasks[0].template_ref.clone().unwrap();
    /// assert_eq!(reference.name.as_deref(), Some("math-wt-v1.2.0"));
    /// assert_eq!(reference.template.as_deref(), Some("add"));
    /// ```
    pub fn by_reference(self, holder: &crate::WorkflowTemplate) -> Self {
        self.referenced(holder.name(), false)
    }

    /// [`by_reference`](Self::by_reference) for a template of a ClusterWorkflowTemplate.
    pub fn by_cluster_reference(self, holder: &crate::ClusterWorkflowTemplate) -> Self {
        self.referenced(holder.name(), true)
    }

    fn referenced(mut self, holder: &str, cluster: bool) -> Self {
        let template = self.template_name().to_owned();
        self.target = Target::Ref(model::TemplateRef {
            name: Some(holder.to_owned()),
            template: Some(template),
            cluster_scope: cluster.then_some(true),
        });
        self
    }

    /// The name of the template called.
    pub fn template_name(&self) -> &str {
        match &self.target {
            Target::Local(def) => def.name(),
            Target::Named(name) => name,
            Target::Ref(reference) => reference.template.as_deref().unwrap_or_default(),
        }
    }
}

/// A value passed to a parameter: its text, and the tasks whose outputs it
/// mentions.
///
/// `Arg` (untyped) takes anything: strings as they are, numbers and other
/// values JSON-encoded, references to outputs. `Arg<T>` is what a
/// `#[script]` function's `call` takes for a parameter of type `T`: a value
/// of type `T`, a reference to an output of type `T`, or an untyped
/// reference such as `item()` or a workflow parameter. A reference to an
/// output of another type does not convert, so miswiring is a compile error.
pub struct Arg<T = Untyped> {
    pub(crate) text: String,
    pub(crate) sources: Vec<Source>,
    _type: PhantomData<fn() -> T>,
}

impl<T> Clone for Arg<T> {
    fn clone(&self) -> Self {
        Arg { text: self.text.clone(), sources: self.sources.clone(), _type: PhantomData }
    }
}

impl<T> std::fmt::Debug for Arg<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Arg").field("text", &self.text).finish()
    }
}

impl<T> Arg<T> {
    fn new(text: String, sources: Vec<Source>) -> Self {
        Arg { text, sources, _type: PhantomData }
    }

    /// The text Argo receives.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The same value with its type forgotten.
    pub fn untyped(self) -> Arg {
        Arg::new(self.text, self.sources)
    }
}

/// Hera's encoding of a parameter value: a string as it is, anything else as JSON.
pub(crate) fn encode(value: serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::new(text.to_owned(), Vec::new())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::new(text, Vec::new())
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::new(text.clone(), Vec::new())
    }
}

macro_rules! json_arg {
    ($($t:ty)*) => {$(
        impl From<$t> for Arg {
            /// JSON-encoded, as Hera encodes non-string values.
            fn from(value: $t) -> Self {
                Arg::new(serde_json::Value::from(value).to_string(), Vec::new())
            }
        }
    )*};
}
json_arg!(i8 i16 i32 i64 isize u8 u16 u32 u64 usize f32 f64 bool);

impl From<serde_json::Value> for Arg {
    /// Strings as they are, anything else JSON-encoded.
    fn from(value: serde_json::Value) -> Self {
        Arg::new(encode(value), Vec::new())
    }
}

impl<T> From<Expr<T>> for Arg {
    fn from(expr: Expr<T>) -> Self {
        Arg::new(expr.to_string(), expr.sources)
    }
}

impl<T> From<&Expr<T>> for Arg {
    fn from(expr: &Expr<T>) -> Self {
        Arg::new(expr.to_string(), expr.sources.clone())
    }
}

impl From<Text> for Arg {
    fn from(text: Text) -> Self {
        Arg::new(text.text, text.sources)
    }
}

impl From<Condition> for Arg {
    fn from(condition: Condition) -> Self {
        Arg::new(condition.to_string(), condition.sources)
    }
}

/// What a `#[script]` function's `call` takes for a parameter of type `T`:
/// a value of type `T`, an output of type `T` (`task.result()`, a named
/// output), or an untyped reference (`item()`, a workflow parameter, an
/// `Expr` made `.untyped()`), which is passed unchecked.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be passed to a parameter of type `{T}`",
    label = "expected a `{T}`, an output of type `{T}`, or an untyped reference such as `item()`",
    note = "a task's `result()` has the type its script returns, a declared workflow parameter its declared type; to pass a reference unchecked, call `.untyped()` on it",
    note = "a list where one element is expected? run the step once per element: `list.each(|x| step::call(x))`"
)]
pub trait IntoArg<T> {
    /// The argument.
    fn into_arg(self) -> Arg<T>;
}

/// A type a `#[script]` function can take or return: anything serde can
/// write and read (strings travel as they are, the rest as JSON).
pub trait ScriptValue: serde::Serialize + serde::de::DeserializeOwned {}

impl<T: serde::Serialize + serde::de::DeserializeOwned> ScriptValue for T {}

fn literal<T, V: serde::Serialize>(value: &V) -> Arg<T> {
    let text = serde_json::to_value(value).map(encode).unwrap_or_default();
    Arg::new(text, Vec::new())
}

impl<T: ScriptValue> IntoArg<T> for T {
    /// A literal value of the parameter's type, encoded as Hera does.
    fn into_arg(self) -> Arg<T> {
        literal(&self)
    }
}

impl IntoArg<String> for &str {
    fn into_arg(self) -> Arg<String> {
        Arg::new(self.to_owned(), Vec::new())
    }
}

impl<T: ScriptValue> IntoArg<T> for Expr<T> {
    /// An output of the same type.
    fn into_arg(self) -> Arg<T> {
        Arg::new(self.to_string(), self.sources)
    }
}

impl<T: ScriptValue> IntoArg<T> for &Expr<T> {
    fn into_arg(self) -> Arg<T> {
        Arg::new(self.to_string(), self.sources.clone())
    }
}

impl<T: ScriptValue> IntoArg<T> for Expr<Untyped> {
    /// An untyped reference (`item()`, a workflow parameter): not checked.
    fn into_arg(self) -> Arg<T> {
        Arg::new(self.to_string(), self.sources)
    }
}

impl<T: ScriptValue> IntoArg<T> for &Expr<Untyped> {
    fn into_arg(self) -> Arg<T> {
        Arg::new(self.to_string(), self.sources.clone())
    }
}

impl<T: ScriptValue> IntoArg<Option<T>> for Expr<T> {
    /// An output of type `T` for an optional parameter.
    fn into_arg(self) -> Arg<Option<T>> {
        Arg::new(self.to_string(), self.sources)
    }
}

impl<T: ScriptValue> IntoArg<Option<T>> for T {
    /// A value for an optional parameter.
    fn into_arg(self) -> Arg<Option<T>> {
        literal(&self)
    }
}

/// What an input artifact is given: another node's output or a location.
#[derive(Clone, Debug)]
pub enum ArtifactArg {
    /// `from: {{...}}`.
    From(Arg),
    /// A full artifact (S3, HTTP, Git, raw, ...); its name is set by the call.
    Artifact(Box<Artifact>),
}

impl<T> From<Expr<T>> for ArtifactArg {
    fn from(expr: Expr<T>) -> Self {
        ArtifactArg::From(expr.into())
    }
}

impl From<&str> for ArtifactArg {
    fn from(text: &str) -> Self {
        ArtifactArg::From(text.into())
    }
}

impl From<model::Artifact> for ArtifactArg {
    /// A full artifact as a model value (its name is set by the call).
    fn from(artifact: model::Artifact) -> Self {
        ArtifactArg::Artifact(Box::new(artifact.into()))
    }
}

impl From<Artifact> for ArtifactArg {
    fn from(artifact: Artifact) -> Self {
        ArtifactArg::Artifact(Box::new(artifact))
    }
}
