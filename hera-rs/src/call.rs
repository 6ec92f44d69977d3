//! Invoking a template: which template, and with which arguments.

use crate::expr::{Condition, Expr, Source, Text};
use crate::io::Artifact;
use crate::model;
use crate::template::TemplateDef;
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
///
/// ```
/// use hera::prelude::*;
/// let echo = Container::new("echo").image("busybox").input("message");
/// let call = echo.call().arg("message", "hello");
/// # let _ = call;
/// ```
#[derive(Debug)]
pub struct Call<O = crate::expr::Untyped> {
    pub(crate) target: Target,
    pub(crate) arguments: model::Arguments,
    pub(crate) sources: Vec<Source>,
    _output: PhantomData<fn() -> O>,
}

impl<O> Clone for Call<O> {
    fn clone(&self) -> Self {
        Call {
            target: self.target.clone(),
            arguments: self.arguments.clone(),
            sources: self.sources.clone(),
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
        Call { target, arguments: model::Arguments::default(), sources: Vec::new(), _output: PhantomData }
    }

    /// Passes `value` to the input parameter `name`. Strings go as they are;
    /// numbers, booleans and other values are JSON-encoded; a reference to a
    /// DAG task's output makes the calling task depend on that task.
    pub fn arg(mut self, name: impl Into<String>, value: impl Into<Arg>) -> Self {
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
    pub fn artifact(mut self, name: impl Into<String>, from: impl Into<ArtifactArg>) -> Self {
        let mut artifact = match from.into() {
            ArtifactArg::From(value) => {
                self.sources.extend(value.sources);
                model::Artifact { from: Some(value.text), ..Default::default() }
            }
            ArtifactArg::Artifact(artifact) => *artifact,
        };
        artifact.name = name.into();
        self.arguments.artifacts.get_or_insert_with(Vec::new).push(artifact);
        self
    }

    /// The same call with its result type forgotten.
    pub fn untyped(self) -> Call {
        Call { target: self.target, arguments: self.arguments, sources: self.sources, _output: PhantomData }
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

/// A value passed to a parameter: text, and the tasks whose outputs it mentions.
#[derive(Clone, Debug, Default)]
pub struct Arg {
    pub(crate) text: String,
    pub(crate) sources: Vec<Source>,
}

impl Arg {
    /// The text Argo receives.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg { text: text.to_owned(), sources: Vec::new() }
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg { text, sources: Vec::new() }
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg { text: text.clone(), sources: Vec::new() }
    }
}

macro_rules! json_arg {
    ($($t:ty)*) => {$(
        impl From<$t> for Arg {
            /// JSON-encoded, as Hera encodes non-string values.
            fn from(value: $t) -> Self {
                Arg { text: serde_json::Value::from(value).to_string(), sources: Vec::new() }
            }
        }
    )*};
}
json_arg!(i8 i16 i32 i64 isize u8 u16 u32 u64 usize f32 f64 bool);

impl From<serde_json::Value> for Arg {
    /// Strings as they are, anything else JSON-encoded.
    fn from(value: serde_json::Value) -> Self {
        let text = match value {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        Arg { text, sources: Vec::new() }
    }
}

impl<T> From<Expr<T>> for Arg {
    fn from(expr: Expr<T>) -> Self {
        Arg { text: expr.to_string(), sources: expr.sources }
    }
}

impl<T> From<&Expr<T>> for Arg {
    fn from(expr: &Expr<T>) -> Self {
        Arg { text: expr.to_string(), sources: expr.sources.clone() }
    }
}

impl From<Text> for Arg {
    fn from(text: Text) -> Self {
        Arg { text: text.text, sources: text.sources }
    }
}

impl From<Condition> for Arg {
    fn from(condition: Condition) -> Self {
        Arg { text: condition.to_string(), sources: condition.sources }
    }
}

/// What an input artifact is given: another node's output or a location.
#[derive(Clone, Debug)]
pub enum ArtifactArg {
    /// `from: {{...}}`.
    From(Arg),
    /// A full artifact (S3, HTTP, Git, raw, ...); its name is set by the call.
    Artifact(Box<model::Artifact>),
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

impl From<Artifact> for ArtifactArg {
    fn from(artifact: Artifact) -> Self {
        ArtifactArg::Artifact(Box::new(artifact.into()))
    }
}

/// A template of a WorkflowTemplate (or, with [`cluster_scope`](Self::cluster_scope),
/// of a ClusterWorkflowTemplate) deployed separately.
///
/// ```
/// use hera::TemplateRef;
/// let call = TemplateRef::new("workflow-template-print-message", "print-message").call().arg("message", "hi");
/// assert_eq!(call.template_name(), "print-message");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateRef(model::TemplateRef);

impl TemplateRef {
    /// The template `template` of the WorkflowTemplate `workflow_template`.
    pub fn new(workflow_template: impl Into<String>, template: impl Into<String>) -> Self {
        TemplateRef(model::TemplateRef {
            name: Some(workflow_template.into()),
            template: Some(template.into()),
            ..Default::default()
        })
    }

    /// Refers to a ClusterWorkflowTemplate instead.
    pub fn cluster_scope(mut self) -> Self {
        self.0.cluster_scope = Some(true);
        self
    }

    /// A call of the referenced template.
    pub fn call(&self) -> Call {
        Call::new(Target::Ref(self.0.clone()))
    }
}
