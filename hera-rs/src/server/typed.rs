//! Reading the server's JSON into the model types.

use super::error::ServerError;
use crate::model::{ARGO_API_VERSION, Value};
use serde::de::DeserializeOwned;

/// `value` as a `kind` object. The server leaves `apiVersion` and `kind`
/// out of single objects and list items; they are filled in first.
pub(crate) fn typed<T: DeserializeOwned>(mut value: Value, kind: &str, what: &str) -> Result<T, ServerError> {
    fill_kind(&mut value, kind);
    serde_json::from_value(value)
        .map_err(|e| ServerError::Malformed { what: what.to_owned(), reason: e.to_string() })
}

/// Sets `apiVersion` and `kind` when missing, keeping them first.
pub(crate) fn fill_kind(value: &mut Value, kind: &str) {
    let Value::Object(map) = value else { return };
    if map.contains_key("apiVersion") && map.contains_key("kind") {
        return;
    }
    let mut filled = serde_json::Map::new();
    filled.insert("apiVersion".into(), map.remove("apiVersion").unwrap_or_else(|| ARGO_API_VERSION.into()));
    filled.insert("kind".into(), map.remove("kind").unwrap_or_else(|| kind.into()));
    filled.extend(std::mem::take(map));
    *map = filled;
}
