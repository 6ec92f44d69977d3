//! JSON output and input, with the same model and checks as [`crate::yaml`].

use crate::yaml::{self, Problem};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Writes `value` as pretty-printed JSON (two-space indent) ending in a newline.
/// Key order is the model's, as in YAML.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, yaml::Error> {
    let mut out = serde_json::to_string_pretty(value)
        .map_err(|e| yaml::Error::from(Problem::new(format!("cannot write JSON: {e}"))))?;
    out.push('\n');
    Ok(out)
}

/// Reads one JSON document into `T`. JSON is a subset of YAML, so this is the
/// YAML reader with all its checks: unknown fields, duplicate keys and wrong
/// types are refused with their line, column and field path.
pub fn from_str<T: DeserializeOwned>(source: &str) -> Result<T, yaml::Error> {
    yaml::from_str(source)
}
