//! Kubernetes resource quantities (`500m`, `1Gi`, `1.5`, `2e3`), the
//! pattern the CRD enforces on requests and limits.

/// Checks `text` is a quantity.
pub fn parse(text: &str) -> Result<(), String> {
    let invalid = || {
        Err(format!(
            "'{text}' is not a Kubernetes quantity: a number with an optional suffix, e.g. 500m, 2, 1.5Gi, 128Mi"
        ))
    };
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let number_len = decimal_len(body);
    if number_len == 0 {
        return invalid();
    }
    let suffix = &body[number_len..];
    let valid_suffix = match suffix {
        "" | "n" | "u" | "m" | "k" | "M" | "G" | "T" | "P" | "E" => true,
        "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei" => true,
        exponent if exponent.starts_with(['e', 'E']) => {
            let digits = exponent[1..].strip_prefix(['+', '-']).unwrap_or(&exponent[1..]);
            let len = decimal_len(digits);
            len > 0 && len == digits.len()
        }
        _ => false,
    };
    if valid_suffix { Ok(()) } else { invalid() }
}

/// Length of the leading `[0-9]+(\.[0-9]*)?|\.[0-9]+` of `text` (0 if none).
fn decimal_len(text: &str) -> usize {
    let integer = text.bytes().take_while(u8::is_ascii_digit).count();
    if text[integer..].starts_with('.') {
        let fraction = text[integer + 1..].bytes().take_while(u8::is_ascii_digit).count();
        if integer == 0 && fraction == 0 { 0 } else { integer + 1 + fraction }
    } else {
        integer
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn quantities() {
        for ok in ["1", "500m", "1.5Gi", "128Mi", "0.5", ".5", "2e3", "1E-2", "+1k", "1."] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "1 Gi", "1gb", "Gi", "1.5.5", "1e", "one", "1KB", "."] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
