//! Argo's validation rules, offline: the one place they live.
//!
//! The builders run [`check`] on every object before they hand it out, so a
//! program cannot emit a workflow that breaks these rules without being told.
//! Each [`Finding`] names the object, the field path (list items by their
//! name where they have one: `spec.templates[main].dag.tasks[b]`) and what is
//! wrong.
//!
//! Rules so far: the names of objects, templates, steps, tasks and
//! parameters, and their uniqueness (see [`names`]).

mod finding;
pub mod names;
mod walk;

pub use finding::{Finding, Severity};
pub use walk::check;
