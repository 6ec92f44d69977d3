//! Reading and writing Argo YAML: the only module that knows the YAML library.
//!
//! # Writing
//!
//! [`to_string`] writes what kubectl and Argo (which read YAML 1.1) read back
//! exactly as meant:
//!
//! * a string that a YAML 1.1 reader would take for something else is quoted:
//!   `"yes"`, `"no"`, `"on"`, `"off"`, `"y"`, `"n"` in any case, numbers
//!   (`"1.0"`, `"0755"`, `"1_000"`), dates, `"null"`, `"~"`;
//! * multi-line strings (scripts, manifests) are literal `|` blocks, and long
//!   lines are never folded;
//! * keys come in the model's fixed order (see [`crate::model`]): `apiVersion`,
//!   `kind`, `metadata`, `spec` first, `name` first inside objects;
//! * lists under a key are not indented, as kubectl writes them;
//! * the same value always gives the same bytes.
//!
//! ```
//! use hera::model::EnvVar;
//! let env = EnvVar { name: "ENABLED".into(), value: Some("on".into()), ..Default::default() };
//! assert_eq!(hera::yaml::to_string(&env).unwrap(), "name: ENABLED\nvalue: \"on\"\n");
//! ```
//!
//! # Reading
//!
//! [`documents`] reads a multi-document stream the way kubectl and Argo do:
//! scalars resolve as in YAML 1.1 (`mode: 0755` is 493, `yes` is `true`), and
//! anchors, aliases and merge keys are expanded within limits generous enough
//! for 50 MB documents but fatal to alias bombs. It is as strict as
//! `argo lint --strict`: unknown fields, duplicate keys and values of the
//! wrong type are errors, each a [`Problem`] with its line, column and field
//! path:
//!
//! ```
//! let err = hera::yaml::documents(
//!     "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: x}\n\
//!      spec:\n  templates:\n  - name: main\n    script:\n      sorce: echo\n",
//! )
//! .unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "8:7: spec.templates[0].script.sorce: unknown field, did you mean 'source'?"
//! );
//! ```

pub mod any_string;
mod comments;
pub(crate) mod decode;
mod document;
pub(crate) mod emit;
mod fast;
mod node;
mod problem;
mod read;
mod stack;

pub use comments::{Comment, attached_comments, has_comments, leading_comments};
pub use emit::{to_string, to_string_all};
pub use node::{Key, Node, NodeValue};
pub use problem::{Error, Location, Problem};
pub use read::{MAX_DEPTH, MAX_DOCUMENTS, MAX_INPUT_BYTES};

use crate::model::Document;
use serde::de::DeserializeOwned;

/// Parses every document of a YAML stream into [`Node`] trees (values with
/// their locations). An empty stream has no documents.
pub fn parse(source: &str) -> Result<Vec<Node>, Error> {
    read::parse_stream(source)
}

/// Decodes a parsed value into `T`, with the field path and location of each
/// problem. Fields that Argo v4 removed are explained.
pub fn from_node<T: DeserializeOwned>(node: &Node) -> Result<T, Error> {
    decode::from_node(node, crate::model::removed::removed_field_hint)
}

/// Reads a single-document YAML source into `T`.
///
/// ```
/// let t: hera::model::Template = hera::yaml::from_str("name: main\ncontainer: {image: alpine}\n").unwrap();
/// assert_eq!(t.name.as_deref(), Some("main"));
/// ```
pub fn from_str<T: DeserializeOwned>(source: &str) -> Result<T, Error> {
    match parse(source)?.as_slice() {
        [node] => from_node(node),
        [] => Err(Problem::new("expected one YAML document, found none").into()),
        [_, second, ..] => {
            Err(Problem::new("expected one YAML document, found several").at(second.location).into())
        }
    }
}

/// Reads every document of a YAML stream: Argo's kinds typed, others untyped.
/// Problems of all documents are reported together.
pub fn documents(source: &str) -> Result<Vec<Document>, Error> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for node in parse(source)? {
        match Document::from_node(&node) {
            Ok(document) => out.push(document),
            Err(error) => problems.extend_from_slice(error.problems()),
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(Error::new(problems)) }
}
