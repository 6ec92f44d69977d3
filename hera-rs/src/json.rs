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
    let mut out = serde_json::to_string_pretty(value).map_err(Error::Write)?;
    out.push('\n');
    Ok(out)
}

/// Reads one JSON document into `T`. JSON is a subset of YAML, so this is the
/// YAML reader with all its checks: unknown fields, duplicate keys and wrong
/// types are refused with their line, column and field path.
pub fn from_str<T: DeserializeOwned>(source: &str) -> Result<T, Error> {
    Ok(yaml::from_str(source)?)
}
