//! The values of a `when` expression and how Go prints them.

use regex::Regex;

/// A value govaluate computes with: every number is a float64, as in Go.
#[derive(Clone, Debug)]
pub enum Value {
    /// Go's `nil`: the result of a ternary `?` whose condition is false.
    Nil,
    /// `true` or `false`.
    Bool(bool),
    /// A number (govaluate has no integers).
    Number(f64),
    /// A string (in Argo, also every bare word).
    String(String),
    /// A compiled regular expression (the right side of `=~` and `!~`).
    Pattern(Regex),
    /// `(a, b, c)`, the right side of `in`.
    Array(Vec<Value>),
}

impl PartialEq for Value {
    /// Go's `reflect.DeepEqual`, which `==` and `!=` use: values of different
    /// types are never equal, NaN is not equal to itself.
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Pattern(a), Value::Pattern(b)) => a.as_str() == b.as_str(),
            (Value::Array(a), Value::Array(b)) => a == b,
            _ => false,
        }
    }
}

/// Compiles a pattern as Go's `regexp.Compile` would (RE2 syntax, which the
/// `regex` crate also implements).
pub(super) fn compile(source: &str) -> Result<Regex, String> {
    Regex::new(source).map_err(|error| format!("error parsing regexp: {error}"))
}

/// The value as Go's `fmt` prints it with `%v`: what govaluate's messages
/// and its string concatenation (`"a" + 1` is `a1`) show.
pub fn go_format(value: &Value) -> String {
    match value {
        Value::Nil => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => go_float(*n),
        Value::String(s) => s.clone(),
        Value::Pattern(p) => p.as_str().to_owned(),
        Value::Array(items) => format!("[{}]", items.iter().map(go_format).collect::<Vec<_>>().join(" ")),
    }
}

/// A float64 as Go's `%v` prints it, which is `%g` with the shortest
/// precision (`strconv.FormatFloat(f, 'g', -1, 64)`, `formatDigits`): the
/// shortest digits that read back the same, in exponent form when the
/// decimal exponent is below -4 or at least 6 (`1e+06`, `1e-05`).
pub fn go_float(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "+Inf".into() } else { "-Inf".into() };
    }
    if n == 0.0 {
        return if n.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    // Rust's `{:e}` gives the same shortest round-trip digits as Go.
    let scientific = format!("{n:e}");
    let (mantissa, exponent) = scientific.split_once('e').expect("`{:e}` writes an exponent");
    let exponent: i32 = exponent.parse().expect("`{:e}` writes a decimal exponent");
    let (sign, mantissa) = mantissa.strip_prefix('-').map_or(("", mantissa), |m| ("-", m));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if !(-4..6).contains(&exponent) {
        let (first, rest) = digits.split_at(1);
        let fraction = if rest.is_empty() { String::new() } else { format!(".{rest}") };
        let exponent_sign = if exponent < 0 { '-' } else { '+' };
        return format!("{sign}{first}{fraction}e{exponent_sign}{:02}", exponent.abs());
    }
    let point = exponent + 1; // digits before the decimal point
    if point <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{sign}{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (whole, fraction) = digits.split_at(point as usize);
        format!("{sign}{whole}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::go_float;

    #[test]
    fn floats_print_as_go_prints_them() {
        let cases = [
            (1.0, "1"),
            (1.5, "1.5"),
            (-2.25, "-2.25"),
            (123456.0, "123456"),
            (1_000_000.0, "1e+06"),
            (1_234_567.0, "1.234567e+06"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e100, "1e+100"),
            (-0.0, "-0"),
            (f64::INFINITY, "+Inf"),
        ];
        for (value, printed) in cases {
            assert_eq!(go_float(value), printed, "{value}");
        }
    }
}
