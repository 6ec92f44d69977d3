//! Go's `time.ParseDuration`, as Argo checks a template's `timeout`: `300ms`, `1.5h`, `2h45m`, `-1m`; a bare
//! number is refused unless it is `0`.

const UNITS: [&str; 7] = ["ns", "us", "µs", "μs", "ms", "s", "m"];

/// Checks `text` is a Go duration.
pub fn parse(text: &str) -> Result<(), String> {
    let invalid =
        || Err(format!("'{text}' is not a duration: write a number with a unit, e.g. 30s, 5m, 1h30m"));
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    if body == "0" {
        return Ok(());
    }
    if body.is_empty() {
        return invalid();
    }
    let mut rest = body;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(rest.len());
        let number = &rest[..digits];
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return invalid();
        }
        rest = &rest[digits..];
        let unit_len = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        if unit != "h" && !UNITS.contains(&unit) {
            return if unit.is_empty() {
                Err(format!("'{text}' has no unit: write e.g. {number}s or {number}m"))
            } else {
                Err(format!("'{text}' has an unknown unit '{unit}': use ns, us, ms, s, m or h"))
            };
        }
        rest = &rest[unit_len..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn go_durations() {
        for ok in ["0", "10s", "1.5h", "2h45m", "-1m", "300ms", "1h0m0s", "+5us", ".5s"] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(parse("10").unwrap_err(), "'10' has no unit: write e.g. 10s or 10m");
        assert!(parse("10d").unwrap_err().contains("unknown unit 'd'"));
        for bad in ["", "s", "1..5s", "-", "1h 30m"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
