//! Argo's additions to the environment (`util/expr/env/env.go`
//! `GetFuncMap`): `asInt`, `asFloat`, `jsonpath`, `toJson` and `sprig`,
//! and the expansion of dotted variable names into nested maps
//! (`util/expand.Expand`).

use super::Value;
use super::builtins::{to_float, to_int};
use std::collections::BTreeMap;

/// The names Argo adds next to the variables.
pub const FUNCTIONS: [&str; 5] = ["asInt", "asFloat", "jsonpath", "toJson", "sprig"];

/// Nests `a.b.c = v` as `{a: {b: {c: v}}}` (`expand.Expand`). A key that
/// is also a prefix of the next key in sorted order is dropped first
/// (`removeConflicts`), so `inputs.parameters` (the JSON list) gives way to
/// `inputs.parameters.x`.
pub(crate) fn expand(vars: impl IntoIterator<Item = (String, Value)>) -> BTreeMap<String, Value> {
    let mut root: BTreeMap<String, Value> = BTreeMap::new();
    let mut flat = Vec::new();
    for (key, value) in vars {
        flat.push((key, value));
    }
    flat.sort_by(|a, b| a.0.cmp(&b.0));
    // removeConflicts compares each key with the next one only, as Argo does.
    let conflicting: Vec<bool> = (0..flat.len())
        .map(|i| flat.get(i + 1).is_some_and(|next| next.0.starts_with(&format!("{}.", flat[i].0))))
        .collect();
    let flat = flat.into_iter().zip(conflicting).filter(|(_, c)| !c).map(|(kv, _)| kv);
    for (key, value) in flat {
        let parts: Vec<&str> = key.split('.').collect();
        insert(&mut root, &parts, value);
    }
    root
}

fn insert(map: &mut BTreeMap<String, Value>, parts: &[&str], value: Value) {
    match parts {
        [] => {}
        [last] => {
            map.insert((*last).to_owned(), value);
        }
        [first, rest @ ..] => {
            if let Value::Map(m) =
                map.entry((*first).to_owned()).or_insert_with(|| Value::Map(BTreeMap::new()))
            {
                insert(m, rest, value);
            }
        }
    }
}

/// Argo's functions and sprig's, as environment values.
pub(crate) fn functions() -> BTreeMap<String, Value> {
    let mut env = BTreeMap::new();
    for name in ["asInt", "asFloat", "jsonpath", "toJson"] {
        env.insert(name.to_owned(), Value::Function(name.to_owned()));
    }
    let sprig = super::sprig::NAMES
        .iter()
        .map(|n| ((*n).to_owned(), Value::Function(format!("sprig.{n}"))))
        .collect();
    env.insert("sprig".to_owned(), Value::Map(sprig));
    env
}

/// Calls an environment function by name (Argo's or `sprig.<name>`).
pub(crate) fn call(name: &str, args: &[Value]) -> Result<Value, String> {
    let need = |n: usize| {
        if args.len() == n {
            Ok(())
        } else {
            Err(format!("{name}: expected {n} arguments, got {}", args.len()))
        }
    };
    // `jsonpath(jsonStr, path string)`: strings, as reflect's Call checks.
    let s = |i: usize| match &args[i] {
        Value::String(s) => Ok(s.clone()),
        Value::Nil => Ok(String::new()),
        other => Err(format!("reflect: Call using {} as type string", other.type_name())),
    };
    Ok(match name {
        "asInt" => {
            need(1)?;
            to_int(&args[0])?
        }
        "asFloat" => {
            need(1)?;
            to_float(&args[0])?
        }
        "toJson" => {
            need(1)?;
            Value::String(super::sprig::to_json(&args[0]))
        }
        "jsonpath" => {
            need(2)?;
            super::jsonpath::jsonpath(&s(0)?, &s(1)?)?
        }
        other => match other.strip_prefix("sprig.") {
            Some(function) => super::sprig::call(function, args)?,
            None => return Err(format!("{other} is not a function")),
        },
    })
}
