//! The complete Argo Workflows object model.
//!
//! Every type here is generated from Argo's own JSON schema by the
//! repository's `xtask` generator and never edited by hand; the few sum types
//! that the schema cannot express ([`IntOrString`], [`Quantity`]) and the
//! free-form [`Value`] are written in this module. The builders of hera-rs
//! produce these values, and every builder lets you reach the raw model, so
//! anything Argo accepts can be expressed.
//!
//! # How the model maps to YAML
//!
//! * Names are Argo's without the package prefix (`Template`, `DagTask`,
//!   `Container`, `ObjectMeta`); fields are snake_case and (de)serialise under
//!   Argo's camelCase names.
//! * A field that may be absent is an `Option`: `None` is omitted, `Some(vec![])`
//!   is written as `[]`. Absent and empty are never confused.
//! * Maps are [`IndexMap`]s and keep their order; free-form
//!   values ([`Item`], [`Plugin`], [`FieldsV1`]) are [`Value`]s and keep their
//!   shape.
//! * Numbers stay numbers and strings stay strings: `retryStrategy.limit: 10`
//!   is [`IntOrString::Int`], `limit: "10"` is [`IntOrString::String`].
//! * Unknown fields are refused when reading, as `argo lint --strict` does.
//! * Fields are declared, and therefore written, in one fixed order:
//!   `apiVersion`, `kind`, `metadata`, `spec` first in resources, `name` first
//!   everywhere, then what the object runs, then the rest alphabetically, and
//!   long bodies (`source`, `templates`, a template's `dag`) last.
//!
//! ```
//! use hera::model::{Template, ScriptTemplate, IntOrString, RetryStrategy};
//!
//! let template = Template {
//!     name: Some("hello".into()),
//!     retry_strategy: Some(RetryStrategy { limit: Some(IntOrString::Int(3)), ..Default::default() }),
//!     script: Some(ScriptTemplate {
//!         image: Some("python:3.12".into()),
//!         source: Some("print('hello')".into()),
//!         ..Default::default()
//!     }),
//!     ..Default::default()
//! };
//! assert_eq!(template.name.as_deref(), Some("hello"));
//! ```

mod document;
mod int_or_string;
// Lint uses `merge_to`; the joins of a whole spec are the engine's.
#[cfg_attr(not(feature = "run"), allow(dead_code))]
pub(crate) mod merge;
mod quantity;
pub(crate) mod removed;

#[allow(clippy::all)]
#[rustfmt::skip]
mod generated;

pub use document::{ARGO_API_VERSION, ARGO_KINDS, Document};
pub use generated::*;
/// The map of the model: keeps the order of its keys.
pub use indexmap::IndexMap;
pub use int_or_string::IntOrString;
pub use quantity::Quantity;

/// Any YAML/JSON value; maps keep their key order.
pub type Value = serde_json::Value;

/// A JSON number kept as written: an integer stays an integer.
pub type Number = serde_json::Number;
