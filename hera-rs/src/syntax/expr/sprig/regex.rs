//! sprig's regular expressions (`regex.go`): Go's RE2 syntax, which the
//! `regex` crate shares. The forms without `must` panic on a bad pattern,
//! except `regexMatch`, which answers false.

use super::super::Value;

fn compile(pattern: &str) -> Result<regex::Regex, String> {
    regex::Regex::new(pattern).map_err(|e| format!("regexp: Compile({pattern:?}): {e}"))
}

fn strings(all: impl Iterator<Item = String>) -> Value {
    Value::Array(all.map(Value::String).collect())
}

pub(super) fn is_match(pattern: &str, s: &str, must: bool) -> Result<Value, String> {
    match compile(pattern) {
        Ok(re) => Ok(Value::Bool(re.is_match(s))),
        Err(e) if must => Err(e),
        Err(_) => Ok(Value::Bool(false)),
    }
}

pub(super) fn find(pattern: &str, s: &str) -> Result<Value, String> {
    Ok(Value::String(compile(pattern)?.find(s).map_or_else(String::new, |m| m.as_str().to_owned())))
}

/// `FindAllString(s, n)`: at most `n` matches (all for a negative `n`; nil for 0).
pub(super) fn find_all(pattern: &str, s: &str, n: i64) -> Result<Value, String> {
    let re = compile(pattern)?;
    let limit = if n < 0 { usize::MAX } else { n as usize };
    let found: Vec<String> = re.find_iter(s).take(limit).map(|m| m.as_str().to_owned()).collect();
    Ok(if found.is_empty() { Value::Nil } else { strings(found.into_iter()) })
}

/// `ReplaceAllString` (`$1`, `${name}` expanded) or, `literal`, `ReplaceAllLiteralString`.
pub(super) fn replace_all(pattern: &str, s: &str, replacement: &str, literal: bool) -> Result<Value, String> {
    let re = compile(pattern)?;
    Ok(Value::String(if literal {
        re.replace_all(s, regex::NoExpand(replacement)).into_owned()
    } else {
        re.replace_all(s, replacement).into_owned()
    }))
}

/// Go's `Regexp.Split(s, n)`.
pub(super) fn split(pattern: &str, s: &str, n: i64) -> Result<Value, String> {
    let re = compile(pattern)?;
    if n == 0 {
        return Ok(Value::Nil);
    }
    if !pattern.is_empty() && s.is_empty() {
        return Ok(strings(std::iter::once(String::new())));
    }
    let limit = if n < 0 { usize::MAX } else { n as usize };
    let mut out = Vec::new();
    let (mut begin, mut end) = (0, 0);
    for m in re.find_iter(s).take(limit) {
        if n > 0 && out.len() == limit - 1 {
            break;
        }
        end = m.start();
        if m.end() != 0 {
            out.push(s[begin..end].to_owned());
        }
        begin = m.end();
    }
    if end != s.len() {
        out.push(s[begin..].to_owned());
    }
    Ok(strings(out.into_iter()))
}

/// `regexp.QuoteMeta`: Go escapes exactly these.
pub(super) fn quote_meta(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
