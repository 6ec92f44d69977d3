//! JSON output and input, with the same model and checks as [`crate::yaml`].

use crate::yaml::{self, Node, Problem};
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

/// Reads JSON into `T`, refusing unknown fields, duplicate keys and wrong
/// types with their field paths (JSON has no line numbers in those messages;
/// syntax errors have them).
pub fn from_str<T: DeserializeOwned>(source: &str) -> Result<T, yaml::Error> {
    let node: Node = serde_json::from_str(source).map_err(|e| {
        let location = (e.line() > 0).then(|| yaml::Location {
            line: u32::try_from(e.line()).unwrap_or(u32::MAX),
            column: u32::try_from(e.column()).unwrap_or(u32::MAX),
        });
        yaml::Error::from(Problem::new(format!("invalid JSON: {e}")).at(location))
    })?;
    yaml::from_node(&node)
}
