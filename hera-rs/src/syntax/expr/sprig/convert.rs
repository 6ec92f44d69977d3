//! The conversions sprig's functions make of their `interface{}`
//! arguments: spf13/cast v1.10's `ToInt64`, `ToInt` and `ToFloat64`
//! (what Argo's go.mod pins), sprig's own `strval` and `empty`, and the Go
//! formatting they rely on.

use super::super::Value;

/// `cast.ToInt64` (and `ToInt`): numbers convert (floats truncate), `true`
/// is 1, strings parse as Go integer literals after their decimals are cut
/// (`trimDecimal`: `"2.5"` is 2), and anything else is 0.
pub(super) fn to_int64(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        Value::Float(f) => *f as i64,
        Value::Bool(b) => i64::from(*b),
        Value::String(s) => parse_int(trim_decimal(s)).unwrap_or(0),
        _ => 0,
    }
}

/// `cast.ToFloat64`: numbers convert, `true` is 1, strings parse as
/// `strconv.ParseFloat` does (a value out of range is an error: 0), and
/// anything else is 0.
pub(super) fn to_float64(v: &Value) -> f64 {
    match v {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::String(s) => parse_float(s).unwrap_or(0.0),
        _ => 0.0,
    }
}

/// `strconv.ParseFloat(s, 64)`, as far as decimal text goes (hexadecimal
/// floats are not read).
pub(super) fn parse_float(s: &str) -> Option<f64> {
    if s.contains('_') {
        return None;
    }
    let f: f64 = s.parse().ok()?;
    let literal_infinity = s.trim_start_matches(['+', '-']).to_ascii_lowercase().starts_with("inf");
    (f.is_finite() || f.is_nan() || literal_infinity).then_some(f)
}

/// cast's `trimDecimal`: `^([-+]?\d*)(\.\d*)?$` keeps its integer part.
fn trim_decimal(s: &str) -> &str {
    if !s.contains('.') {
        return s;
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let Some((whole, fraction)) = unsigned.split_once('.') else { return s };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) {
        return s;
    }
    match &s[..s.len() - unsigned.len() + whole.len()] {
        "-" | "+" => "0",
        "" => "0",
        integer => integer,
    }
}

/// `strconv.ParseInt(s, 0, 64)`: a sign, then a Go integer literal
/// (`0x`, `0o`, `0b` or a leading `0` for octal; `_` between digits).
pub(super) fn parse_int(s: &str) -> Option<i64> {
    let (negative, unsigned) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = unsigned.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if !underscores_ok(&lower) {
        return None;
    }
    let digits = digits.replace('_', "");
    if digits.is_empty() || digits.starts_with(['+', '-']) {
        return None;
    }
    let magnitude = u64::from_str_radix(&digits, radix).ok()?;
    if negative {
        if magnitude <= i64::MAX as u64 + 1 { Some((magnitude as i64).wrapping_neg()) } else { None }
    } else {
        i64::try_from(magnitude).ok()
    }
}

/// strconv's `underscoreOK`: an underscore only between digits, or
/// between a base prefix and a digit (`s` is lower-case, without its sign).
fn underscores_ok(s: &str) -> bool {
    let bytes = s.as_bytes();
    // b'^' at the start, b'0' after a digit or prefix, b'_', b'!' otherwise.
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if bytes.len() >= 2 && bytes[0] == b'0' && matches!(bytes[1], b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = bytes[1] == b'x';
    }
    for &c in &bytes[i..] {
        if c.is_ascii_digit() || hex && (b'a'..=b'f').contains(&c) {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
    }
    saw != b'_'
}

/// sprig's `strval`: a string as it is, anything else as `fmt.Sprintf("%v")`.
pub(super) fn strval(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.go_string(),
    }
}

/// sprig's `empty`: nil, false, 0, and empty strings, lists and maps.
pub(super) fn empty(v: &Value) -> bool {
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

/// reflect's `Kind` name of a value (`kindOf`; `invalid` for nil).
pub(super) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Nil => "invalid",
        Value::Bool(_) => "bool",
        Value::Int(_) => "int",
        Value::Float(_) => "float64",
        Value::String(_) => "string",
        Value::Array(_) => "slice",
        Value::Map(_) => "map",
        Value::Function(_) => "func",
    }
}

/// `strconv.Quote` (as `fmt`'s `%q` writes a string).
pub(super) fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if c.is_control() => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_convert_as_cast_1_10_converts_them() {
        let int = |s: &str| to_int64(&Value::String(s.into()));
        assert_eq!(int("42"), 42);
        assert_eq!(int("2.5"), 2);
        assert_eq!(int("-.5"), 0);
        assert_eq!(int("0x1f"), 31);
        assert_eq!(int("017"), 15);
        assert_eq!(int("0b101"), 5);
        assert_eq!(int("1_000"), 1000);
        assert_eq!(int("_1"), 0);
        assert_eq!(int("1e3"), 0);
        assert_eq!(int(" 1"), 0);
        assert_eq!(int("9223372036854775808"), 0);
        assert_eq!(int("-9223372036854775808"), i64::MIN);
        assert_eq!(to_float64(&Value::String("1e400".into())), 0.0);
        assert_eq!(to_float64(&Value::String("2.5".into())), 2.5);
    }

    #[test]
    fn quoting_is_gos() {
        assert_eq!(go_quote("a\"b\\\n\u{0}é"), "\"a\\\"b\\\\\\n\\x00é\"");
    }
}
