//! expr v1.17's builtins that take values only (`builtin/builtin.go`);
//! the predicate builtins (`filter`, `map`, ...) are in
//! [`eval`](super::eval), which runs their closures.

use super::Value;
use std::collections::BTreeMap;

/// Builtins taking a closure as their second argument.
pub(crate) const PREDICATES: [&str; 15] = [
    "all",
    "none",
    "any",
    "one",
    "filter",
    "map",
    "find",
    "findIndex",
    "findLast",
    "findLastIndex",
    "count",
    "sum",
    "groupBy",
    "sortBy",
    "reduce",
];

/// The value builtins, called by name.
pub(crate) const BUILTINS: [&str; 45] = [
    "len",
    "first",
    "last",
    "take",
    "keys",
    "values",
    "toPairs",
    "fromPairs",
    "abs",
    "ceil",
    "floor",
    "round",
    "int",
    "float",
    "string",
    "max",
    "min",
    "mean",
    "median",
    "trim",
    "trimPrefix",
    "trimSuffix",
    "upper",
    "lower",
    "split",
    "splitAfter",
    "replace",
    "repeat",
    "indexOf",
    "lastIndexOf",
    "hasPrefix",
    "hasSuffix",
    "join",
    "toJSON",
    "fromJSON",
    "toBase64",
    "fromBase64",
    "type",
    "concat",
    "flatten",
    "uniq",
    "reverse",
    "sort",
    "get",
    "bitnot",
];

type R = Result<Value, String>;

fn arity(name: &str, args: &[Value], min: usize, max: usize) -> Result<(), String> {
    if args.len() < min {
        return Err(format!("not enough arguments to call {name}"));
    }
    if args.len() > max {
        return Err(format!("too many arguments to call {name}"));
    }
    Ok(())
}

fn str_arg<'a>(name: &str, v: &'a Value) -> Result<&'a str, String> {
    match v {
        Value::String(s) => Ok(s),
        other => Err(format!("invalid argument for {name} (type {})", other.type_name())),
    }
}

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// Numbers of an argument list, flattening arrays (`max`, `min`, `mean`, `median`).
fn numbers(name: &str, args: &[Value], out: &mut Vec<Value>) -> Result<(), String> {
    for a in args {
        match a {
            Value::Int(_) | Value::Float(_) => out.push(a.clone()),
            Value::Array(items) => numbers(name, items, out)?,
            other => return Err(format!("invalid argument for {name} (type {})", other.type_name())),
        }
    }
    Ok(())
}

/// expr's `int()`: truncates floats, parses strings.
pub(crate) fn to_int(v: &Value) -> R {
    match v {
        Value::Int(i) => Ok(Value::Int(*i)),
        Value::Float(f) => Ok(Value::Int(*f as i64)),
        Value::String(s) => s
            .parse::<i64>()
            .map(Value::Int)
            .map_err(|_| format!("strconv.Atoi: parsing {s:?}: invalid syntax")),
        other => Err(format!("invalid operation: int({})", other.type_name())),
    }
}

/// expr's `float()`.
pub(crate) fn to_float(v: &Value) -> R {
    match v {
        Value::Int(i) => Ok(Value::Float(*i as f64)),
        Value::Float(f) => Ok(Value::Float(*f)),
        Value::String(s) => s
            .parse::<f64>()
            .map(Value::Float)
            .map_err(|_| format!("strconv.ParseFloat: parsing {s:?}: invalid syntax")),
        other => Err(format!("invalid operation: float({})", other.type_name())),
    }
}

/// Base64 (standard alphabet, padded).
pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Base64 decoding; `None` for invalid input.
pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::new();
    for chunk in bytes.chunks(4) {
        let pad = chunk.iter().rev().take_while(|b| **b == b'=').count();
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            let v = if i >= 4 - pad { 0 } else { value(*c)? };
            n = (n << 6) | u32::from(v);
        }
        let three = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&three[..3 - pad.min(2)]);
    }
    Some(out)
}

/// Calls builtin `name`.
pub(crate) fn call(name: &str, args: &[Value]) -> R {
    let one = |min, max| arity(name, args, min, max);
    match name {
        "len" => {
            one(1, 1)?;
            match &args[0] {
                Value::String(s) => Ok(Value::Int(s.chars().count() as i64)),
                Value::Array(a) => Ok(Value::Int(a.len() as i64)),
                Value::Map(m) => Ok(Value::Int(m.len() as i64)),
                other => Err(format!("invalid argument for len (type {})", other.type_name())),
            }
        }
        "first" | "last" => {
            one(1, 1)?;
            match &args[0] {
                Value::Array(a) => {
                    Ok(if name == "first" { a.first() } else { a.last() }.cloned().unwrap_or(Value::Nil))
                }
                other => Err(format!("cannot get {name} from {}", other.type_name())),
            }
        }
        "take" => {
            one(2, 2)?;
            match (&args[0], &args[1]) {
                (Value::Array(a), Value::Int(n)) => {
                    Ok(Value::Array(a.iter().take((*n).max(0) as usize).cloned().collect()))
                }
                (a, b) => Err(format!("cannot take {} from {}", b.type_name(), a.type_name())),
            }
        }
        "keys" | "values" | "toPairs" => {
            one(1, 1)?;
            let Value::Map(m) = &args[0] else {
                return Err(format!("cannot get {name} from {}", args[0].type_name()));
            };
            Ok(Value::Array(match name {
                "keys" => m.keys().map(|k| Value::String(k.clone())).collect(),
                "values" => m.values().cloned().collect(),
                _ => m.iter().map(|(k, v)| Value::Array(vec![Value::String(k.clone()), v.clone()])).collect(),
            }))
        }
        "fromPairs" => {
            one(1, 1)?;
            let Value::Array(a) = &args[0] else {
                return Err(format!("cannot transform {} from pairs", args[0].type_name()));
            };
            let mut m = BTreeMap::new();
            for pair in a {
                match pair {
                    Value::Array(kv) if kv.len() == 2 => {
                        m.insert(kv[0].go_string(), kv[1].clone());
                    }
                    other => return Err(format!("invalid pair {}", other.go_string())),
                }
            }
            Ok(Value::Map(m))
        }
        "abs" => {
            one(1, 1)?;
            match &args[0] {
                Value::Int(i) => Ok(Value::Int(i.wrapping_abs())),
                Value::Float(f) => Ok(Value::Float(f.abs())),
                other => Err(format!("invalid argument for abs (type {})", other.type_name())),
            }
        }
        "ceil" | "floor" | "round" => {
            one(1, 1)?;
            let f = num(&args[0])
                .ok_or_else(|| format!("invalid argument for {name} (type {})", args[0].type_name()))?;
            Ok(Value::Float(match name {
                "ceil" => f.ceil(),
                "floor" => f.floor(),
                _ => f.round(),
            }))
        }
        "int" => one(1, 1).and_then(|()| to_int(&args[0])),
        "float" => one(1, 1).and_then(|()| to_float(&args[0])),
        "string" => one(1, 1).map(|()| Value::String(args[0].go_string())),
        "type" => one(1, 1).map(|()| {
            Value::String(
                match &args[0] {
                    Value::Nil => "nil",
                    Value::Bool(_) => "bool",
                    Value::Int(_) => "int",
                    Value::Float(_) => "float",
                    Value::String(_) => "string",
                    Value::Array(_) => "array",
                    Value::Map(_) => "map",
                    Value::Function(_) => "func",
                }
                .into(),
            )
        }),
        "max" | "min" | "mean" | "median" => {
            let mut ns = Vec::new();
            numbers(name, args, &mut ns)?;
            if ns.is_empty() {
                return if matches!(name, "mean" | "median") {
                    Ok(Value::Float(0.0))
                } else {
                    Err(format!("not enough arguments to call {name}"))
                };
            }
            match name {
                "max" | "min" => {
                    let mut best = ns[0].clone();
                    for n in &ns[1..] {
                        let (a, b) = (num(n).unwrap_or(0.0), num(&best).unwrap_or(0.0));
                        if (name == "max" && a > b) || (name == "min" && a < b) {
                            best = n.clone();
                        }
                    }
                    Ok(best)
                }
                "mean" => Ok(Value::Float(ns.iter().filter_map(num).sum::<f64>() / ns.len() as f64)),
                _ => {
                    let mut fs: Vec<f64> = ns.iter().filter_map(num).collect();
                    fs.sort_by(f64::total_cmp);
                    let n = fs.len();
                    Ok(Value::Float(if n.is_multiple_of(2) {
                        (fs[n / 2 - 1] + fs[n / 2]) / 2.0
                    } else {
                        fs[n / 2]
                    }))
                }
            }
        }
        "trim" | "trimPrefix" | "trimSuffix" => {
            one(1, 2)?;
            let s = str_arg(name, &args[0])?;
            let cut = args.get(1).map(|c| str_arg(name, c)).transpose()?;
            Ok(Value::String(match (name, cut) {
                ("trim", None) => s.trim().to_owned(),
                ("trim", Some(c)) => s.trim_matches(|ch| c.contains(ch)).to_owned(),
                ("trimPrefix", c) => s.strip_prefix(c.unwrap_or(" ")).unwrap_or(s).to_owned(),
                (_, c) => s.strip_suffix(c.unwrap_or(" ")).unwrap_or(s).to_owned(),
            }))
        }
        "upper" | "lower" => {
            one(1, 1)?;
            let s = str_arg(name, &args[0])?;
            Ok(Value::String(if name == "upper" { s.to_uppercase() } else { s.to_lowercase() }))
        }
        "split" | "splitAfter" => {
            one(2, 3)?;
            let (s, sep) = (str_arg(name, &args[0])?, str_arg(name, &args[1])?);
            let parts: Vec<Value> = if name == "split" {
                go_split(s, sep).into_iter().map(|p| Value::String(p.to_owned())).collect()
            } else {
                s.split_inclusive(sep).map(|p| Value::String(p.to_owned())).collect()
            };
            Ok(Value::Array(parts))
        }
        "replace" => {
            one(3, 3)?;
            let (s, a, b) = (str_arg(name, &args[0])?, str_arg(name, &args[1])?, str_arg(name, &args[2])?);
            Ok(Value::String(s.replace(a, b)))
        }
        "repeat" => {
            one(2, 2)?;
            let s = str_arg(name, &args[0])?;
            match &args[1] {
                Value::Int(n) if *n >= 0 && (s.len() as i64).saturating_mul(*n) <= 1 << 24 => {
                    Ok(Value::String(s.repeat(*n as usize)))
                }
                Value::Int(n) if *n < 0 => Err("strings: negative Repeat count".into()),
                Value::Int(_) => Err("repeat: result too large".into()),
                other => Err(format!("invalid argument for repeat (type {})", other.type_name())),
            }
        }
        "indexOf" | "lastIndexOf" => {
            one(2, 2)?;
            let (s, sub) = (str_arg(name, &args[0])?, str_arg(name, &args[1])?);
            let found = if name == "indexOf" { s.find(sub) } else { s.rfind(sub) };
            Ok(Value::Int(found.map_or(-1, |b| s[..b].chars().count() as i64)))
        }
        "hasPrefix" | "hasSuffix" => {
            one(2, 2)?;
            let (s, p) = (str_arg(name, &args[0])?, str_arg(name, &args[1])?);
            Ok(Value::Bool(if name == "hasPrefix" { s.starts_with(p) } else { s.ends_with(p) }))
        }
        "join" => {
            one(1, 2)?;
            let Value::Array(a) = &args[0] else {
                return Err(format!("invalid argument for join (type {})", args[0].type_name()));
            };
            let sep = args.get(1).map(|s| str_arg(name, s)).transpose()?.unwrap_or("");
            let parts: Result<Vec<&str>, String> = a.iter().map(|v| str_arg(name, v)).collect();
            Ok(Value::String(parts?.join(sep)))
        }
        "toJSON" => one(1, 1).map(|()| Value::String(json_indent(&args[0]))),
        "fromJSON" => {
            one(1, 1)?;
            let s = str_arg(name, &args[0])?;
            serde_json::from_str::<serde_json::Value>(s)
                .map(|j| Value::from_json(&j))
                .map_err(|e| e.to_string())
        }
        "toBase64" => {
            one(1, 1).and_then(|()| Ok(Value::String(base64_encode(str_arg(name, &args[0])?.as_bytes()))))
        }
        "fromBase64" => {
            one(1, 1)?;
            let bytes = base64_decode(str_arg(name, &args[0])?).ok_or("illegal base64 data")?;
            Ok(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        }
        "concat" => {
            let mut out = Vec::new();
            for a in args {
                let Value::Array(items) = a else { return Err(format!("cannot concat {}", a.type_name())) };
                out.extend(items.iter().cloned());
            }
            Ok(Value::Array(out))
        }
        "flatten" => {
            one(1, 1)?;
            fn flat(v: &Value, out: &mut Vec<Value>) {
                match v {
                    Value::Array(a) => a.iter().for_each(|x| flat(x, out)),
                    other => out.push(other.clone()),
                }
            }
            let Value::Array(a) = &args[0] else {
                return Err(format!("cannot flatten {}", args[0].type_name()));
            };
            let mut out = Vec::new();
            a.iter().for_each(|x| flat(x, &mut out));
            Ok(Value::Array(out))
        }
        "uniq" | "reverse" | "sort" => {
            one(1, 2)?;
            let Value::Array(a) = &args[0] else {
                return Err(format!("cannot {name} {}", args[0].type_name()));
            };
            let mut out: Vec<Value> = Vec::new();
            match name {
                "uniq" => a.iter().for_each(|v| {
                    if !out.iter().any(|o| super::eval::equal(o, v)) {
                        out.push(v.clone());
                    }
                }),
                "reverse" => out.extend(a.iter().rev().cloned()),
                _ => {
                    out = a.clone();
                    out.sort_by(super::eval::order);
                    if args.get(1) == Some(&Value::String("desc".into())) {
                        out.reverse();
                    }
                }
            }
            Ok(Value::Array(out))
        }
        "get" => {
            one(2, 2)?;
            Ok(match (&args[0], &args[1]) {
                (Value::Map(m), Value::String(k)) => m.get(k).cloned().unwrap_or(Value::Nil),
                (Value::Array(a), Value::Int(i)) => {
                    let i = if *i < 0 { *i + a.len() as i64 } else { *i };
                    usize::try_from(i).ok().and_then(|i| a.get(i)).cloned().unwrap_or(Value::Nil)
                }
                _ => Value::Nil,
            })
        }
        "bitnot" => match args {
            [Value::Int(i)] => Ok(Value::Int(!i)),
            _ => Err("invalid argument for bitnot".into()),
        },
        _ => super::argo::call(name, args),
    }
}

/// Go's `strings.Split` (an empty separator splits into characters).
pub(crate) fn go_split<'a>(s: &'a str, sep: &str) -> Vec<&'a str> {
    if sep.is_empty() {
        return s.char_indices().map(|(i, c)| &s[i..i + c.len_utf8()]).collect();
    }
    s.split(sep).collect()
}

/// `json.MarshalIndent(v, "", "  ")`, as expr's `toJSON` writes.
pub(crate) fn json_indent(v: &Value) -> String {
    fn go(v: &Value, indent: usize, out: &mut String) {
        let pad = "  ".repeat(indent + 1);
        let end = "  ".repeat(indent);
        match v {
            Value::Array(a) if !a.is_empty() => {
                out.push_str("[\n");
                for (i, x) in a.iter().enumerate() {
                    out.push_str(&pad);
                    go(x, indent + 1, out);
                    out.push_str(if i + 1 < a.len() { ",\n" } else { "\n" });
                }
                out.push_str(&end);
                out.push(']');
            }
            Value::Map(m) if !m.is_empty() => {
                out.push_str("{\n");
                for (i, (k, x)) in m.iter().enumerate() {
                    out.push_str(&pad);
                    out.push_str(&serde_json::Value::String(k.clone()).to_string());
                    out.push_str(": ");
                    go(x, indent + 1, out);
                    out.push_str(if i + 1 < m.len() { ",\n" } else { "\n" });
                }
                out.push_str(&end);
                out.push('}');
            }
            other => out.push_str(&other.go_json()),
        }
    }
    let mut out = String::new();
    go(v, 0, &mut out);
    out
}
