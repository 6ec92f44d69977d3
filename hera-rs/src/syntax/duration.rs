//! Durations: Go's `time.ParseDuration` ([`parse`], shared with the
//! `#[script]` macro's compile-time checks) and Argo's reading of them.

pub use hera_rs_names::duration::parse;

/// A duration in seconds, as Argo's `ParseStringToDuration` reads it: a bare
/// integer is seconds, anything else a Go duration.
pub fn seconds(text: &str) -> Result<f64, String> {
    if let Ok(whole) = text.trim().parse::<i64>() {
        return Ok(whole as f64);
    }
    parse(text)?;
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, text.strip_prefix('+').unwrap_or(text)),
    };
    let mut total = 0.0;
    let mut rest = body;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(rest.len());
        let number: f64 = rest[..digits].parse().map_err(|_| format!("'{text}' is not a duration"))?;
        rest = &rest[digits..];
        let unit_len = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" | "" => 1.0,
            "m" => 60.0,
            _ => 3600.0,
        };
        total += number * scale;
        rest = &rest[unit_len..];
    }
    Ok(sign * total)
}
