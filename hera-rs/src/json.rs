//! JSON output and input, with the same model and checks as [`crate::yaml`].

use crate::yaml;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why JSON could not be written or read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The value cannot be written as JSON (a map with non-string keys, a
    /// `Serialize` implementation that failed).
    #[error("cannot write JSON: {0}")]
    Write(#[source] serde_json::Error),
    /// The text is not valid for the type: each problem names its line,
    /// column and field path (JSON is read by the YAML reader, see [`from_str`]).
    #[error(transparent)]
    Read(#[from] yaml::Error),
}

/// Writes `value` as pretty-printed JSON (two-space indent) ending in a newline.
/// Key order is the model's, as in YAML.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, Error> {
    let mut out =
        serde_json::to_string_pretty(&to_value(value).map_err(Error::Write)?).map_err(Error::Write)?;
    out.push('\n');
    Ok(out)
}

/// Reads one JSON document into `T`. JSON is a subset of YAML, so this is the
/// YAML reader with all its checks: unknown fields, duplicate keys and wrong
/// types are refused with their line, column and field path.
pub fn from_str<T: DeserializeOwned>(source: &str) -> Result<T, Error> {
    Ok(yaml::from_str(source)?)
}

// The model has some 400 types, and each serde format they go through is a
// copy of all their (de)serialisation code in every binary that links them:
// one format was about a megabyte of a pod's binary. So inside the crate,
// model values become JSON through `serde_json::Value` only, and come back
// from JSON through the YAML reader's decoder (which YAML needs anyway).

/// `value` as a JSON value: the one serde serializer model types are
/// written with for JSON (see above).
pub(crate) fn to_value<T: Serialize>(value: &T) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::to_value(value)
}

/// `value` as compact JSON text, through [`to_value`].
#[cfg(any(feature = "run", feature = "server"))]
pub(crate) fn to_compact<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    Ok(to_value(value)?.to_string())
}

/// A JSON value read into `T` by the YAML reader's decoder, with its checks
/// and field paths (no line numbers: a value has none).
#[cfg(feature = "run")]
pub(crate) fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, yaml::Error> {
    yaml::from_node(&yaml::Node::from(value))
}

/// [`from_value`] skipping the fields the model does not know: for what a
/// server sends, which may be newer than the model (serde's own reading).
#[cfg(feature = "server")]
pub(crate) fn from_value_ignoring_unknown<T: DeserializeOwned>(
    value: serde_json::Value,
) -> Result<T, yaml::Error> {
    yaml::decode::from_node_ignoring_unknown(
        &yaml::Node::from(value),
        crate::model::removed::removed_field_hint,
    )
}
