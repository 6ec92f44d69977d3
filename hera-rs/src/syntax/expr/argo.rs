//! Argo's additions to the environment (`util/expr/env/env.go`
//! `GetFuncMap`): `asInt`, `asFloat`, `jsonpath`, `toJson` and `sprig`,
//! and the expansion of dotted variable names into nested maps
//! (`util/expand.Expand`).

use super::Value;
use super::builtins::{base64_decode, base64_encode, go_split, to_float, to_int};
use std::collections::BTreeMap;

/// The sprig functions hera implements (`sprig.<name>`); any other name is
/// an "unsupported sprig function" error.
pub const SPRIG: [&str; 36] = [
    "add",
    "sub",
    "mul",
    "div",
    "mod",
    "max",
    "min",
    "add1",
    "b64enc",
    "b64dec",
    "upper",
    "lower",
    "title",
    "trim",
    "trimPrefix",
    "trimSuffix",
    "trimAll",
    "replace",
    "contains",
    "hasPrefix",
    "hasSuffix",
    "splitList",
    "join",
    "toString",
    "atoi",
    "int",
    "int64",
    "float64",
    "default",
    "empty",
    "quote",
    "squote",
    "list",
    "first",
    "last",
    "repeat",
];

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
    let sprig = SPRIG.iter().map(|n| ((*n).to_owned(), Value::Function(format!("sprig.{n}")))).collect();
    env.insert("sprig".to_owned(), Value::Map(sprig));
    env
}

/// sprig's `toInt64` (via `cast.ToInt64`): numbers truncate, strings parse, others are 0.
fn int64(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        Value::Float(f) => *f as i64,
        Value::Bool(b) => i64::from(*b),
        Value::String(s) => {
            let t = s.trim();
            t.parse::<i64>().ok().or_else(|| t.parse::<f64>().ok().map(|f| f as i64)).unwrap_or(0)
        }
        _ => 0,
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::Nil => String::new(),
        other => other.go_string(),
    }
}

fn empty(v: &Value) -> bool {
    match v {
        Value::Nil => true,
        Value::Bool(b) => !b,
        Value::Int(i) => *i == 0,
        Value::Float(f) => *f == 0.0,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Map(m) => m.is_empty(),
        Value::Function(_) => false,
    }
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
    let s = |i: usize| args.get(i).map(text).unwrap_or_default();
    let ints = || args.iter().map(int64);
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
            Value::String(args[0].go_json())
        }
        "jsonpath" => {
            need(2)?;
            super::jsonpath::jsonpath(&s(0), &s(1))?
        }
        "sprig.add" => Value::Int(ints().fold(0i64, i64::wrapping_add)),
        "sprig.mul" => Value::Int(ints().fold(1i64, i64::wrapping_mul)),
        "sprig.add1" => Value::Int(ints().next().unwrap_or(0).wrapping_add(1)),
        "sprig.sub" | "sprig.div" | "sprig.mod" => {
            need(2)?;
            let (a, b) = (int64(&args[0]), int64(&args[1]));
            if b == 0 && name != "sprig.sub" {
                return Err("runtime error: integer divide by zero".into());
            }
            Value::Int(match name {
                "sprig.sub" => a.wrapping_sub(b),
                "sprig.div" => a.wrapping_div(b),
                _ => a.wrapping_rem(b),
            })
        }
        "sprig.max" | "sprig.min" => {
            let mut all = ints();
            let first = all.next().ok_or_else(|| format!("{name}: expected at least 1 argument"))?;
            Value::Int(all.fold(first, |a, b| if name == "sprig.max" { a.max(b) } else { a.min(b) }))
        }
        "sprig.b64enc" => Value::String(base64_encode(s(0).as_bytes())),
        "sprig.b64dec" => match base64_decode(&s(0)) {
            Some(bytes) => Value::String(String::from_utf8_lossy(&bytes).into_owned()),
            None => Value::String("illegal base64 data at input byte 0".into()),
        },
        "sprig.upper" => Value::String(s(0).to_uppercase()),
        "sprig.lower" => Value::String(s(0).to_lowercase()),
        "sprig.title" => {
            let mut out = String::new();
            let mut start = true;
            for c in s(0).chars() {
                out.extend(if start { c.to_uppercase().collect::<Vec<_>>() } else { vec![c] });
                start = c.is_whitespace();
            }
            Value::String(out)
        }
        "sprig.trim" => Value::String(s(0).trim().to_owned()),
        "sprig.trimAll" => Value::String(s(1).trim_matches(|c| s(0).contains(c)).to_owned()),
        "sprig.trimPrefix" => Value::String(s(1).strip_prefix(&s(0)).map_or_else(|| s(1), str::to_owned)),
        "sprig.trimSuffix" => Value::String(s(1).strip_suffix(&s(0)).map_or_else(|| s(1), str::to_owned)),
        "sprig.replace" => Value::String(s(2).replace(&s(0), &s(1))),
        "sprig.contains" => Value::Bool(s(1).contains(&s(0))),
        "sprig.hasPrefix" => Value::Bool(s(1).starts_with(&s(0))),
        "sprig.hasSuffix" => Value::Bool(s(1).ends_with(&s(0))),
        "sprig.splitList" => {
            let whole = s(1);
            Value::Array(go_split(&whole, &s(0)).into_iter().map(|p| Value::String(p.to_owned())).collect())
        }
        "sprig.join" => match args.get(1) {
            Some(Value::Array(a)) => Value::String(a.iter().map(text).collect::<Vec<_>>().join(&s(0))),
            _ => Value::String(s(1)),
        },
        "sprig.toString" => Value::String(s(0)),
        "sprig.atoi" => Value::Int(s(0).parse().unwrap_or(0)),
        "sprig.int" | "sprig.int64" => Value::Int(args.first().map_or(0, int64)),
        "sprig.float64" => match args.first() {
            Some(Value::Int(i)) => Value::Float(*i as f64),
            Some(Value::Float(f)) => Value::Float(*f),
            Some(Value::String(t)) => Value::Float(t.trim().parse().unwrap_or(0.0)),
            _ => Value::Float(0.0),
        },
        "sprig.default" => match args {
            [fallback, given] if !empty(given) => given.clone(),
            [fallback, ..] => fallback.clone(),
            [] => Value::Nil,
        },
        "sprig.empty" => Value::Bool(args.first().is_none_or(empty)),
        "sprig.quote" => {
            Value::String(args.iter().map(|a| format!("{:?}", text(a))).collect::<Vec<_>>().join(" "))
        }
        "sprig.squote" => {
            Value::String(args.iter().map(|a| format!("'{}'", text(a))).collect::<Vec<_>>().join(" "))
        }
        "sprig.list" => Value::Array(args.to_vec()),
        "sprig.first" | "sprig.last" => match args.first() {
            Some(Value::Array(a)) => {
                if name == "sprig.first" { a.first() } else { a.last() }.cloned().unwrap_or(Value::Nil)
            }
            _ => Value::Nil,
        },
        "sprig.repeat" => {
            let n = args.first().map_or(0, int64);
            let t = s(1);
            if n < 0 || (t.len() as i64).saturating_mul(n) > 1 << 24 {
                return Err("sprig.repeat: count out of range".into());
            }
            Value::String(t.repeat(n as usize))
        }
        other => {
            if let Some(rest) = other.strip_prefix("sprig.") {
                return Err(format!("sprig function {rest} is not supported by hera"));
            }
            return Err(format!("{other} is not a function"));
        }
    })
}
