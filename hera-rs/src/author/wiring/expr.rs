//! References to values Argo fills in at run time (`{{...}}`), as values.
//!
//! An [`Expr`] renders as the `{{...}}` Argo expects and remembers which DAG
//! task produced it, so passing `a.result()` to another task makes that task
//! depend on `a`. Build them from task and step handles (`task.result()`,
//! `step.output("x")`) or with the functions here.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

/// The type of an untyped reference: Argo passes every value as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Untyped {}

/// Which DAG task (or step) a reference points at. (Opaque.)
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Source {
    /// The DAG or steps template the task belongs to (its scope id).
    pub(crate) scope: u64,
    /// The task or step name.
    pub(crate) node: Arc<str>,
    /// The name of the template that scope builds, for messages.
    pub(crate) template: Arc<str>,
}

/// A reference to a value known only when the workflow runs, such as
/// `{{tasks.a.outputs.result}}` or `{{inputs.parameters.message}}`.
///
/// `T` is the Rust type of the value when it is known (for `#[script]`
/// outputs); references built here are [`Untyped`].
///
/// ```
/// use hera::{item_field, workflow_parameter};
/// assert_eq!(workflow_parameter("message").to_string(), "{{workflow.parameters.message}}");
/// assert_eq!(item_field("image").to_string(), "{{item.image}}");
/// ```
pub struct Expr<T = Untyped> {
    path: String,
    pub(crate) sources: Vec<Source>,
    _type: PhantomData<fn() -> T>,
}

impl<T> Clone for Expr<T> {
    fn clone(&self) -> Self {
        Expr { path: self.path.clone(), sources: self.sources.clone(), _type: PhantomData }
    }
}

impl<T> fmt::Debug for Expr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Expr({{{{{}}}}})", self.path)
    }
}

impl<T> fmt::Display for Expr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{{{{}}}}}", self.path)
    }
}

impl Expr {
    /// A reference to any Argo variable, written without the braces:
    /// `Expr::var("workflow.name")` is `{{workflow.name}}`.
    pub fn var(path: impl Into<String>) -> Expr {
        Expr { path: path.into(), sources: Vec::new(), _type: PhantomData }
    }
}

impl<T> Expr<T> {
    /// A reference to an Argo variable, typed as `T` (`{{item}}` in a typed
    /// loop, a typed workflow parameter).
    pub(crate) fn typed_var(path: impl Into<String>) -> Self {
        Expr { path: path.into(), sources: Vec::new(), _type: PhantomData }
    }

    pub(crate) fn produced_by(path: String, source: Source) -> Self {
        Expr { path, sources: vec![source], _type: PhantomData }
    }

    /// The variable path without braces (`tasks.a.outputs.result`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The same reference with its type forgotten.
    pub fn untyped(&self) -> Expr {
        Expr { path: self.path.clone(), sources: self.sources.clone(), _type: PhantomData }
    }

    /// A field of a JSON value: `item().field("tag")` is `{{item.tag}}`.
    pub fn field(&self, key: &str) -> Expr {
        Expr { path: format!("{}.{key}", self.path), sources: self.sources.clone(), _type: PhantomData }
    }

    /// The condition `{{...}} == value` (Argo's govaluate `when` syntax).
    pub fn equals(&self, value: impl fmt::Display + Referenced) -> Condition {
        Condition::compare(self, "==", value)
    }

    /// The condition `{{...}} != value`.
    pub fn not_equals(&self, value: impl fmt::Display + Referenced) -> Condition {
        Condition::compare(self, "!=", value)
    }
}

/// Types whose values Argo's `when` compares by order: numbers (govaluate
/// reads every number as a float64) and untyped references.
pub trait Ordered: sealed::Ordered {}

mod sealed {
    pub trait Ordered {}
}

macro_rules! ordered {
    ($($t:ty)*) => {$(
        impl sealed::Ordered for $t {}
        impl Ordered for $t {}
    )*};
}
ordered!(i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 Untyped);

impl<T: Ordered> Expr<T> {
    /// The condition `{{...}} > value`.
    pub fn gt(&self, value: impl fmt::Display + Referenced) -> Condition {
        Condition::compare(self, ">", value)
    }

    /// The condition `{{...}} >= value`.
    pub fn ge(&self, value: impl fmt::Display + Referenced) -> Condition {
        Condition::compare(self, ">=", value)
    }

    /// The condition `{{...}} < value`.
    pub fn lt(&self, value: impl fmt::Display + Referenced) -> Condition {
        Condition::compare(self, "<", value)
    }

    /// The condition `{{...}} <= value`.
    pub fn le(&self, value: impl fmt::Display + Referenced) -> Condition {
        Condition::compare(self, "<=", value)
    }
}

/// `{{item}}`: the current element inside a loop (`with_items`, `with_param`).
pub fn item() -> Expr {
    Expr::var("item")
}

/// `{{item.key}}`: a field of the current element when looping over maps.
pub fn item_field(key: &str) -> Expr {
    Expr::var(format!("item.{key}"))
}

/// `{{workflow.parameters.name}}`: a workflow argument.
pub fn workflow_parameter(name: &str) -> Expr {
    Expr::var(format!("workflow.parameters.{name}"))
}

/// `{{inputs.parameters.name}}`: an input parameter of the template being defined.
pub fn input(name: &str) -> Expr {
    Expr::var(format!("inputs.parameters.{name}"))
}

/// `{{inputs.artifacts.name}}`: an input artifact of the template being defined.
pub fn input_artifact(name: &str) -> Expr {
    Expr::var(format!("inputs.artifacts.{name}"))
}

/// A `when` condition. Build one from a reference — `flip.result().equals("heads")`
/// renders `{{tasks.flip.outputs.result}} == heads` and makes the task depend on
/// `flip`; `ratio.result().gt(0.05)` compares numbers — from [`text!`](crate::text)
/// (which keeps the references it formats), or from a string literal in Argo's
/// syntax. Combine with `&`/`and`, `|`/`or` and `not`.
///
/// A `String` is not a condition: `format!("{} > 0.05", ratio.result())` would
/// lose the reference to `ratio`, and the task would no longer wait for it.
///
/// ```
/// use hera::{Condition, Expr, text};
/// let status = Expr::var("workflow.status");
/// let both = status.equals("Succeeded") & Condition::from("{{workflow.parameters.notify}} == true");
/// assert_eq!(both.to_string(), "{{workflow.status}} == Succeeded && {{workflow.parameters.notify}} == true");
/// let ratio = Expr::var("tasks.ratio.outputs.result");
/// assert_eq!(ratio.gt(0.05).or(ratio.lt(0.0)).not().to_string(), "!({{tasks.ratio.outputs.result}} > 0.05 || {{tasks.ratio.outputs.result}} < 0)");
/// assert_eq!(Condition::from(text!("{} > 0.05", ratio)).to_string(), "{{tasks.ratio.outputs.result}} > 0.05");
/// ```
#[derive(Clone, Debug)]
pub struct Condition {
    text: String,
    /// `&&` or `||` at the top level, for parenthesising when combined.
    top: Option<&'static str>,
    pub(crate) sources: Vec<Source>,
}

impl Condition {
    /// `left op right`, keeping the producers of both sides: a task compared
    /// with another (`a.result().gt(b.result())`) depends on both.
    fn compare<T>(left: &Expr<T>, op: &str, right: impl fmt::Display + Referenced) -> Condition {
        let mut sources = left.sources.clone();
        sources.extend(right.sources().iter().filter(|s| !left.sources.contains(s)).cloned());
        Condition { text: format!("{left} {op} {right}"), top: None, sources }
    }

    /// Both conditions (`&&`); the same as `self & other`.
    pub fn and(self, other: Condition) -> Condition {
        self.join("&&", other)
    }

    /// Either condition (`||`); the same as `self | other`.
    pub fn or(self, other: Condition) -> Condition {
        self.join("||", other)
    }

    /// The opposite condition: `!(...)`.
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Condition {
        let text = match self.top {
            None if self.text.starts_with('!') || !self.text.contains(' ') => format!("!{}", self.text),
            _ => format!("!({})", self.text),
        };
        Condition { text, top: None, sources: self.sources }
    }

    fn join(self, op: &'static str, other: Condition) -> Condition {
        let wrap = |c: Condition| match c.top {
            Some(top) if top != op => format!("({})", c.text),
            _ => c.text,
        };
        let mut sources = self.sources.clone();
        sources.extend(other.sources.iter().cloned());
        Condition { text: format!("{} {op} {}", wrap(self), wrap(other)), top: Some(op), sources }
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<&str> for Condition {
    fn from(text: &str) -> Self {
        Condition { text: text.to_owned(), top: None, sources: Vec::new() }
    }
}

/// What `when` takes: a [`Condition`], a string literal in Argo's syntax, or
/// a [`Text`] made with [`text!`](crate::text) — not a `String`, which would
/// have lost the references it was formatted from.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `when` condition",
    label = "use `text!(..)` instead of `format!(..)`, or a comparison such as `task.result().gt(5)`",
    note = "a `String` has lost the references it was formatted from, so the task would not wait for the tasks it reads"
)]
pub trait IntoCondition {
    /// The condition.
    fn into_condition(self) -> Condition;
}

#[diagnostic::do_not_recommend]
impl<T: Into<Condition>> IntoCondition for T {
    fn into_condition(self) -> Condition {
        self.into()
    }
}

impl From<Text> for Condition {
    /// A condition formatted with [`text!`](crate::text): the references it
    /// formats stay dependencies.
    fn from(text: Text) -> Self {
        Condition { text: text.text, top: None, sources: text.sources }
    }
}

impl std::ops::Not for Condition {
    type Output = Condition;
    fn not(self) -> Condition {
        Condition::not(self)
    }
}

impl std::ops::BitAnd for Condition {
    type Output = Condition;
    fn bitand(self, other: Condition) -> Condition {
        self.join("&&", other)
    }
}

impl std::ops::BitOr for Condition {
    type Output = Condition;
    fn bitor(self, other: Condition) -> Condition {
        self.join("||", other)
    }
}

/// A text with references in it, such as a command line that mentions a
/// step's IP: `text!("curl http://{}:8086", influx.ip())`. Unlike
/// `format!`, it keeps the references' producers, so a DAG task that takes
/// it as an argument still depends on them.
#[derive(Clone, Debug, Default)]
pub struct Text {
    pub(crate) text: String,
    pub(crate) sources: Vec<Source>,
}

impl Text {
    #[doc(hidden)]
    pub fn __new(text: String) -> Text {
        Text { text, sources: Vec::new() }
    }

    #[doc(hidden)]
    pub fn __add<'v, T: Referenced + ?Sized>(&mut self, part: &'v T) -> &'v T {
        self.sources.extend(part.sources().iter().cloned());
        part
    }

    #[doc(hidden)]
    pub fn __finish(mut self, text: String) -> Text {
        self.text = text;
        self
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Something that may carry references to task outputs (used by [`text!`](crate::text)).
pub trait Referenced {
    #[doc(hidden)]
    fn sources(&self) -> &[Source];
}

impl<T> Referenced for Expr<T> {
    fn sources(&self) -> &[Source] {
        &self.sources
    }
}

impl Referenced for Condition {
    fn sources(&self) -> &[Source] {
        &self.sources
    }
}

impl Referenced for Text {
    fn sources(&self) -> &[Source] {
        &self.sources
    }
}

macro_rules! plain_referenced {
    ($($t:ty)*) => {$(
        impl Referenced for $t {
            fn sources(&self) -> &[Source] {
                &[]
            }
        }
    )*};
}
plain_referenced!(str String i8 i16 i32 i64 u8 u16 u32 u64 usize isize f32 f64 bool char);

impl<T: Referenced + ?Sized> Referenced for &T {
    fn sources(&self) -> &[Source] {
        (**self).sources()
    }
}

/// Formats a [`Text`](crate::Text) like `format!`, keeping the task outputs it
/// mentions so DAG dependencies are still inferred. Pass references as
/// arguments (`text!("{}", t.result())`): a name captured inside the braces
/// (`{ip}`) is formatted, but its task is not recorded.
///
/// ```
/// use hera::{text, Expr};
/// let ip = Expr::var("steps.influx.ip");
/// assert_eq!(text!("curl http://{}:8086", ip).to_string(), "curl http://{{steps.influx.ip}}:8086");
/// ```
#[macro_export]
macro_rules! text {
    ($fmt:literal $(, $arg:expr)* $(,)?) => {{
        let mut refs = $crate::Text::__new(::std::string::String::new());
        let text = ::std::format!($fmt $(, refs.__add(&$arg))*);
        refs.__finish(text)
    }};
}
