//! Loops in the types: a call made with [`Expr::each`] loops over its list,
//! and only a looped task or step offers the aggregated outputs.
//!
//! `{{item}}` means something only in a step or task that loops. A typed
//! item comes from [`Expr::each`], which takes the list and a closure that
//! builds the call from the item: the call it returns carries the loop
//! (`withParam`), so the item cannot end up in a node that does not loop.
//! [`Call`], [`Handle`](crate::Handle), [`Task`](crate::Task) and
//! [`Step`](crate::Step) carry a marker, [`NotLooped`] or [`Looped`]:
//! `results()` and `outputs_parameters()` need [`Looped`], which
//! `each`, `with_items`, `with_param` and `with_sequence` give.
//!
//! The untyped [`item()`](crate::item) and [`item_field`](crate::item_field)
//! remain for loops written with `with_items`/`with_param`; `hera lint`
//! (rule `loop-item`) reports them outside a loop.

use crate::author::wiring::call::{Arg, Call};
use crate::author::wiring::expr::{Expr, Source, Untyped};

/// Marks a [`Call`] or a task or step handle that runs once: it has
/// `result()`, not `results()`.
#[derive(Debug)]
pub enum NotLooped {}

/// Marks a [`Call`] or a task or step handle that loops (`each`,
/// `with_items`, `with_param`, `with_sequence`): it offers the outputs of
/// every iteration, `results()` and `outputs_parameters()`.
#[derive(Debug)]
pub enum Looped {}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Looped {}
    impl Sealed for super::NotLooped {}
}

/// The bound of what only a looped task or step has (`results()`,
/// `outputs_parameters()`): implemented by [`Looped`] alone.
#[diagnostic::on_unimplemented(
    message = "this task or step does not loop, so it has no aggregated outputs",
    label = "`results()` and `outputs_parameters()` are the outputs of every iteration of a loop",
    note = "loop it (`list.each(|x| ..)`, `.with_items(..)`, `.with_param(..)`, `.with_sequence(..)`) and use the handle that returns, or use `result()` for a node that runs once"
)]
pub trait IsLooped: sealed::Sealed {}
impl IsLooped for Looped {}

/// The `withParam` a call made with [`Expr::each`] loops over.
#[derive(Clone, Debug)]
pub(crate) struct ParamLoop {
    pub text: String,
    pub sources: Vec<Source>,
}

/// What [`Expr::each`] takes: a closure (or a function such as a
/// `#[script]` function's `call`) that makes the call of one iteration from
/// the item.
#[diagnostic::on_unimplemented(
    message = "`each` takes a closure that makes the call of one iteration from the item",
    label = "expected a closure such as `|x| square::call(x)`, taking the item (an `Expr<{T}>`) and returning a call",
    note = "the call must not loop itself: one task or step has one loop"
)]
pub trait EachBody<T>: Sized {
    /// The call with its loop: a `Call<O, Looped>`.
    type Looped;
    #[doc(hidden)]
    fn looped(self, list: Expr, item: Expr<T>) -> Self::Looped;
}

impl<T, O, F: FnOnce(Expr<T>) -> Call<O>> EachBody<T> for F {
    type Looped = Call<O, Looped>;
    fn looped(self, list: Expr, item: Expr<T>) -> Call<O, Looped> {
        let list = Arg::from(list);
        self(item).looping(ParamLoop { text: list.text, sources: list.sources })
    }
}

impl<T> Expr<Vec<T>> {
    /// Runs a call once per element of this list (Argo's `withParam`):
    /// `call` builds it from the element, `{{item}}` typed as a `T`. The
    /// call that returns loops, so `d.task(..)` or `s.step(..)` gives a
    /// looped handle, which offers `results()`; in a DAG the task depends
    /// on the list's producer.
    ///
    /// ```
    /// use hera::prelude::*;
    ///
    /// #[script]
    /// fn numbers(count: u32) -> Vec<i64> {
    ///     (0..i64::from(count)).collect()
    /// }
    ///
    /// #[script]
    /// fn square(x: i64) -> i64 {
    ///     x * x
    /// }
    ///
    /// #[script]
    /// fn total(values: Vec<i64>) -> i64 {
    ///     values.iter().sum()
    /// }
    ///
    /// # fn main() {
    /// let dag = Dag::new("main", |d| {
    ///     let list = d.task("numbers", numbers::call(5));
    ///     // `square::call` gets `{{item}}` as an `Expr<i64>`, and type-checks it;
    ///     // a closure builds a call with more arguments: `|x| add::call(x, 1)`.
    ///     let squares = d.task("square", list.result().each(square::call));
    ///     d.task("total", total::call(squares.results()));
    /// });
    /// let tasks = dag.to_model().dag.unwrap().tasks;
    /// assert_eq!(tasks[1].with_param.as_deref(), Some("{{tasks.numbers.outputs.result}}"));
    /// assert_eq!(tasks[1].depends.as_deref(), Some("numbers"));
    /// assert_eq!(tasks[1].arguments.as_ref().unwrap().parameters.as_ref().unwrap()[0].value.as_deref(), Some("{{item}}"));
    /// # }
    /// ```
    pub fn each<O, F>(&self, call: F) -> <F as EachBody<T>>::Looped
    where
        F: FnOnce(Expr<T>) -> Call<O> + EachBody<T>,
    {
        call.looped(self.untyped(), Expr::typed_var("item"))
    }
}

impl Expr<Untyped> {
    /// [`each`](Expr::each) for a list whose element type is not known (a
    /// container's output, `outputs_parameters()`): the item is untyped,
    /// `x.field("key")` reads a field of it.
    ///
    /// ```
    /// use hera::prelude::*;
    /// let generate = Script::new("gen").image("python:3.12").command(["python"]).source("print('[1, 2]')");
    /// let show = Container::new("show").input("n").image("busybox").command(["echo"]).arg(hera::input("n"));
    /// let steps = Steps::new("main", |s| {
    ///     let list = s.step("gen", generate.call());
    ///     s.step("show", list.result().each(|n| show.call().argument("n", n)));
    /// });
    /// let step = &steps.to_model().steps.unwrap()[1][0];
    /// assert_eq!(step.with_param.as_deref(), Some("{{steps.gen.outputs.result}}"));
    /// ```
    pub fn each<O, F>(&self, call: F) -> <F as EachBody<Untyped>>::Looped
    where
        F: FnOnce(Expr) -> Call<O> + EachBody<Untyped>,
    {
        call.looped(self.clone(), Expr::var("item"))
    }
}
