//! sprig's list functions (`list.go`). Each takes its list as
//! `interface{}` and asks reflect for its kind: anything but a list is an
//! error (a panic, for the forms without `must`), and so is nil.

use super::super::Value;
use super::convert::{empty, kind, strval, to_int64};

type R = Result<Value, String>;

/// The list `v` is, or sprig's error for `what` on another kind.
pub(super) fn items<'v>(v: &'v Value, what: &str) -> Result<&'v [Value], String> {
    match v {
        Value::Array(a) => Ok(a),
        Value::Nil => Err("runtime error: invalid memory address or nil pointer dereference".into()),
        other => Err(format!("Cannot {what} on type {}", kind(other))),
    }
}

pub(super) fn push(list: &Value, v: &Value) -> R {
    let mut out = items(list, "push")?.to_vec();
    out.push(v.clone());
    Ok(Value::Array(out))
}

pub(super) fn prepend(list: &Value, v: &Value) -> R {
    let mut out = vec![v.clone()];
    out.extend_from_slice(items(list, "prepend")?);
    Ok(Value::Array(out))
}

/// `chunk(size, list)`, with sprig's float arithmetic for the number of
/// chunks and the last one's length (a size that is not positive gives
/// no chunks or panics, as in Go).
pub(super) fn chunk(size: i64, list: &Value) -> R {
    let all = items(list, "chunk")?;
    let len = all.len() as i64;
    let out_of_range = || "runtime error: makeslice: len out of range".to_owned();
    let count = ((len - 1) as f64 / size as f64).floor() + 1.0;
    if !count.is_finite() || count < 0.0 {
        return Err(out_of_range());
    }
    let count = count as i64;
    let mut chunks = Vec::new();
    for i in 0..count {
        let mut length = size;
        if i == count - 1 {
            length = (len as f64 % size as f64).floor() as i64;
            if length == 0 {
                length = size;
            }
        }
        if length < 0 {
            return Err(out_of_range());
        }
        let mut chunk = Vec::new();
        for j in 0..length {
            let at = i * size + j;
            let item = usize::try_from(at).ok().and_then(|at| all.get(at));
            chunk.push(item.cloned().ok_or_else(|| format!("reflect: slice index out of range [{at}]"))?);
        }
        chunks.push(Value::Array(chunk));
    }
    Ok(Value::Array(chunks))
}

/// `first`, `last`, `rest` and `initial`: nil for an empty list.
pub(super) fn end(name: &str, list: &Value) -> R {
    let all = items(list, name)?;
    if all.is_empty() {
        return Ok(Value::Nil);
    }
    Ok(match name {
        "first" => all[0].clone(),
        "last" => all[all.len() - 1].clone(),
        "rest" => Value::Array(all[1..].to_vec()),
        _ => Value::Array(all[..all.len() - 1].to_vec()),
    })
}

pub(super) fn reverse(list: &Value) -> R {
    Ok(Value::Array(items(list, "reverse")?.iter().rev().cloned().collect()))
}

pub(super) fn compact(list: &Value) -> R {
    Ok(Value::Array(items(list, "compact")?.iter().filter(|v| !empty(v)).cloned().collect()))
}

/// Go's `reflect.DeepEqual` of two values (an `int` is never a `float64`).
fn deep_equal(a: &Value, b: &Value) -> bool {
    a == b
}

pub(super) fn uniq(list: &Value) -> R {
    let mut out: Vec<Value> = Vec::new();
    for v in items(list, "uniq")? {
        if !out.iter().any(|o| deep_equal(o, v)) {
            out.push(v.clone());
        }
    }
    Ok(Value::Array(out))
}

pub(super) fn without(list: &Value, omit: &[Value]) -> R {
    let all = items(list, "without")?;
    Ok(Value::Array(all.iter().filter(|v| !omit.iter().any(|o| deep_equal(o, v))).cloned().collect()))
}

pub(super) fn has(needle: &Value, haystack: &Value) -> R {
    if *haystack == Value::Nil {
        return Ok(Value::Bool(false));
    }
    Ok(Value::Bool(items(haystack, "has")?.iter().any(|v| deep_equal(needle, v))))
}

/// `slice(list, start?, end?)`: Go's slice of it (nil for an empty list).
pub(super) fn slice(list: &Value, indices: &[Value]) -> R {
    let all = match list {
        Value::Array(a) => a,
        Value::Nil => return Err("runtime error: invalid memory address or nil pointer dereference".into()),
        other => return Err(format!("list should be type of slice or array but {}", kind(other))),
    };
    if all.is_empty() {
        return Ok(Value::Nil);
    }
    let start = indices.first().map_or(0, to_int64);
    let end = indices.get(1).map_or(all.len() as i64, to_int64);
    if start < 0 || end < start || end > all.len() as i64 {
        return Err(format!("reflect: slice index out of range [{start}:{end}]"));
    }
    Ok(Value::Array(all[start as usize..end as usize].to_vec()))
}

pub(super) fn concat(lists: &[Value]) -> R {
    let mut out = Vec::new();
    for list in lists {
        out.extend_from_slice(items(list, "concat")?);
    }
    // Go appends to a nil slice: nothing appended leaves it nil.
    Ok(if out.is_empty() { Value::Nil } else { Value::Array(out) })
}

/// `sortAlpha`: a list's strings sorted; any other value is one string.
pub(super) fn sort_alpha(list: &Value) -> Value {
    let mut all = match list {
        Value::Array(_) => super::strings::strslice(list),
        other => vec![strval(other)],
    };
    all.sort();
    Value::Array(all.into_iter().map(Value::String).collect())
}

/// `until` and `untilStep` (Go's `[]int`; hera refuses more than 2^20 items).
pub(super) fn until_step(start: i64, stop: i64, step: i64) -> R {
    let mut out = Vec::new();
    let mut i = start;
    let forward = stop >= start;
    if forward && step <= 0 || !forward && step >= 0 {
        return Ok(Value::Array(out));
    }
    while if forward { i < stop } else { i > stop } {
        if out.len() >= 1 << 20 {
            return Err("untilStep: more than 1048576 items".into());
        }
        out.push(Value::Int(i));
        i = match i.checked_add(step) {
            Some(next) => next,
            None => break,
        };
    }
    Ok(Value::Array(out))
}

/// `seq(...)`: as GNU seq, the numbers joined by spaces.
pub(super) fn seq(params: &[i64]) -> R {
    let numbers = |start: i64, end: i64, step: i64| -> Result<String, String> {
        let Value::Array(all) = until_step(start, end, step)? else {
            unreachable!("until_step gives a list")
        };
        Ok(all.iter().map(Value::go_string).collect::<Vec<_>>().join(" "))
    };
    Ok(Value::String(match *params {
        [end] => {
            let increment = if end < 1 { -1 } else { 1 };
            numbers(1, end + increment, increment)?
        }
        [start, end] => {
            let step = if end < start { -1 } else { 1 };
            numbers(start, end + step, step)?
        }
        [start, step, end] => {
            let increment = if end < start { -1 } else { 1 };
            if end < start && step > 0 { String::new() } else { numbers(start, end + increment, step)? }
        }
        _ => String::new(),
    }))
}
