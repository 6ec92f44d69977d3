//! sprig's dictionary functions (`dict.go`). Go ranges over a map in a
//! random order; `keys` and `values` give hera's maps' sorted order.

use super::super::Value;
use super::convert::{empty, strval};
use std::collections::BTreeMap;

type Map = BTreeMap<String, Value>;
type R = Result<Value, String>;

pub(super) fn dict(args: &[Value]) -> Value {
    let mut out = Map::new();
    for pair in args.chunks(2) {
        out.insert(strval(&pair[0]), pair.get(1).cloned().unwrap_or_else(|| Value::String(String::new())));
    }
    Value::Map(out)
}

pub(super) fn pluck(key: &str, dicts: &[Map]) -> Value {
    Value::Array(dicts.iter().filter_map(|d| d.get(key).cloned()).collect())
}

pub(super) fn keys(dicts: &[Map]) -> Value {
    Value::Array(dicts.iter().flat_map(|d| d.keys().cloned().map(Value::String)).collect())
}

pub(super) fn pick(dict: &Map, keys: &[&str]) -> Value {
    Value::Map(keys.iter().filter_map(|k| dict.get(*k).map(|v| ((*k).to_owned(), v.clone()))).collect())
}

pub(super) fn omit(dict: &Map, keys: &[&str]) -> Value {
    Value::Map(
        dict.iter()
            .filter(|(k, _)| !keys.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

/// mergo's `Merge` (`overwrite` false: a key of `dst` keeps a non-empty
/// value) and `MergeWithOverwrite` (a non-empty value of `src` wins), maps
/// within maps merged key by key.
fn merge_into(dst: &mut Map, src: &Map, overwrite: bool) {
    for (key, value) in src {
        match (dst.get_mut(key), value) {
            (Some(Value::Map(inner)), Value::Map(from)) => merge_into(inner, from, overwrite),
            (Some(existing), _) => {
                if empty(existing) || overwrite && !empty(value) {
                    *existing = value.clone();
                }
            }
            (None, _) => {
                dst.insert(key.clone(), value.clone());
            }
        }
    }
}

pub(super) fn merge(mut dst: Map, srcs: &[Map], overwrite: bool) -> Value {
    for src in srcs {
        merge_into(&mut dst, src, overwrite);
    }
    Value::Map(dst)
}

/// `dig(key..., default, dict)`: the value at the path of keys, or the default.
pub(super) fn dig(args: &[Value]) -> R {
    if args.len() < 3 {
        return Err("dig needs at least three arguments".into());
    }
    let Value::Map(mut at) = args[args.len() - 1].clone() else {
        return Err("interface conversion: interface {} is not map[string]interface {}".into());
    };
    let default = &args[args.len() - 2];
    let keys = &args[..args.len() - 2];
    for (i, key) in keys.iter().enumerate() {
        let Value::String(key) = key else {
            return Err(format!("interface conversion: interface {{}} is {}, not string", key.type_name()));
        };
        let Some(step) = at.get(key) else { return Ok(default.clone()) };
        if i + 1 == keys.len() {
            return Ok(step.clone());
        }
        let Value::Map(next) = step else {
            return Err(format!(
                "interface conversion: interface {{}} is {}, not map[string]interface {{}}",
                step.type_name()
            ));
        };
        at = next.clone();
    }
    Ok(default.clone())
}
