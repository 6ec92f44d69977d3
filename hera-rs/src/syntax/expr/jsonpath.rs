//! The JSONPath subset Argo's examples use with `jsonpath(json, path)`
//! (Argo calls github.com/evilmonkeyinc/jsonpath): `$`, `.key`,
//! `['key']`, `[n]` (negative from the end), `[*]` and `.*`.

use super::Value;

/// Evaluates `path` on the JSON text `json`.
pub(crate) fn jsonpath(json: &str, path: &str) -> Result<Value, String> {
    let document: serde_json::Value = serde_json::from_str(json).map_err(|e| format!("invalid data. {e}"))?;
    let mut current = vec![Value::from_json(&document)];
    let mut wildcard = false;
    let rest = path.strip_prefix('$').ok_or("invalid parameter. path must start with '$'")?;
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (selector, next) = if bytes[i] == b'.' {
            let end = rest[i + 1..].find(['.', '[']).map_or(rest.len(), |n| n + i + 1);
            (Selector::Key(rest[i + 1..end].to_owned()), end)
        } else if bytes[i] == b'[' {
            let end = rest[i..].find(']').ok_or("invalid token. '[' is not closed")? + i;
            let inner = rest[i + 1..end].trim();
            let selector = if inner == "*" {
                Selector::Key("*".into())
            } else if let Some(q) = inner.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
                Selector::Key(q.to_owned())
            } else if let Some(q) = inner.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
                Selector::Key(q.to_owned())
            } else {
                Selector::Index(
                    inner.parse().map_err(|_| format!("unsupported JSONPath selector [{inner}]"))?,
                )
            };
            (selector, end + 1)
        } else {
            return Err(format!("invalid token at {i} of JSONPath {path}"));
        };
        let mut out = Vec::new();
        for value in current {
            match (&selector, value) {
                (Selector::Key(k), Value::Map(m)) if k == "*" => out.extend(m.into_values()),
                (Selector::Key(k), Value::Array(a)) if k == "*" => out.extend(a),
                (Selector::Key(k), Value::Map(mut m)) => match m.remove(k) {
                    Some(v) => out.push(v),
                    None if !wildcard => return Err(format!("key error: {k} not found in object")),
                    None => {}
                },
                (Selector::Index(n), Value::Array(a)) => {
                    let idx = if *n < 0 { *n + a.len() as i64 } else { *n };
                    match usize::try_from(idx).ok().and_then(|i| a.get(i)) {
                        Some(v) => out.push(v.clone()),
                        None if !wildcard => {
                            return Err(format!("index error: index [{n}] out of range: len: {}", a.len()));
                        }
                        None => {}
                    }
                }
                (_, other) if !wildcard => {
                    return Err(format!(
                        "invalid parameter. expected map or array, got {}",
                        other.type_name()
                    ));
                }
                _ => {}
            }
        }
        if matches!(&selector, Selector::Key(k) if k == "*") {
            wildcard = true;
        }
        current = out;
        i = next;
    }
    Ok(if wildcard { Value::Array(current) } else { current.into_iter().next().unwrap_or(Value::Nil) })
}

enum Selector {
    Key(String),
    Index(i64),
}
