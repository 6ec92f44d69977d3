//! sprig's arithmetic (`numeric.go`): integer functions through
//! `cast.ToInt64`, and the `…f` functions through shopspring/decimal,
//! which computes on the shortest decimal text of each float (so
//! `addf(0.1, 0.2)` is 0.3).

use super::super::Value;
use super::convert::to_float64;

/// A float's shortest decimal form: `mantissa × 10^exponent`.
#[derive(Clone, Copy)]
struct Decimal {
    mantissa: i128,
    exponent: i32,
}

impl Decimal {
    /// `decimal.NewFromFloat` (which panics on NaN and infinities).
    fn from_float(f: f64) -> Result<Decimal, String> {
        if !f.is_finite() {
            return Err(format!("Cannot create a Decimal from {}", crate::syntax::when::go_float(f)));
        }
        // `{:e}` is Rust's shortest round-trip form, as Go's 'g' -1 is.
        let text = format!("{f:e}");
        let (digits, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let exponent: i32 = exponent.parse().unwrap_or(0);
        let negative = digits.starts_with('-');
        let digits = digits.trim_start_matches('-');
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let mantissa: i128 = format!("{whole}{fraction}").parse().unwrap_or(0);
        let mantissa = if negative { -mantissa } else { mantissa };
        Ok(Decimal { mantissa, exponent: exponent - fraction.len() as i32 })
    }

    fn to_float(self) -> f64 {
        format!("{}e{}", self.mantissa, self.exponent).parse().unwrap_or(0.0)
    }

    /// Both at the smaller exponent, if the mantissas stay in range.
    fn aligned(a: Decimal, b: Decimal) -> Option<(i128, i128, i32)> {
        let exponent = a.exponent.min(b.exponent);
        let scale = |d: Decimal| 10i128.checked_pow((d.exponent - exponent) as u32)?.checked_mul(d.mantissa);
        Some((scale(a)?, scale(b)?, exponent))
    }
}

/// One of `addf`, `subf`, `mulf`, `divf` over `first` and `rest`: exact in
/// decimal where the numbers fit 38 digits, in floats past that.
pub(super) fn decimal_op(op: &str, first: &Value, rest: &[Value]) -> Result<Value, String> {
    let mut acc = Decimal::from_float(to_float64(first))?;
    for value in rest {
        let x = Decimal::from_float(to_float64(value))?;
        let exact = match op {
            "add" | "sub" => Decimal::aligned(acc, x).and_then(|(a, b, exponent)| {
                let mantissa = if op == "add" { a.checked_add(b)? } else { a.checked_sub(b)? };
                Some(Decimal { mantissa, exponent })
            }),
            "mul" => acc
                .mantissa
                .checked_mul(x.mantissa)
                .map(|mantissa| Decimal { mantissa, exponent: acc.exponent + x.exponent }),
            _ => {
                if x.mantissa == 0 {
                    return Err("decimal division by 0".into());
                }
                divide(acc, x)
            }
        };
        acc = match exact {
            Some(d) => d,
            None => {
                let (a, b) = (acc.to_float(), x.to_float());
                let f = match op {
                    "add" => a + b,
                    "sub" => a - b,
                    "mul" => a * b,
                    _ => a / b,
                };
                Decimal::from_float(f)?
            }
        };
    }
    Ok(Value::Float(acc.to_float()))
}

/// shopspring's `Div`: the quotient rounded half away from zero to 16
/// decimal places (`DivisionPrecision`).
fn divide(a: Decimal, b: Decimal) -> Option<Decimal> {
    const PLACES: i32 = 16;
    // a/b × 10^16 = (ma / mb) × 10^(ea - eb + 16)
    let shift = a.exponent - b.exponent + PLACES;
    let (numerator, denominator) = if shift >= 0 {
        (a.mantissa.checked_mul(10i128.checked_pow(shift as u32)?)?, b.mantissa)
    } else {
        (a.mantissa, b.mantissa.checked_mul(10i128.checked_pow((-shift) as u32)?)?)
    };
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    let rounded = if 2 * remainder.abs() >= denominator.abs() {
        quotient + if (numerator < 0) != (denominator < 0) { -1 } else { 1 }
    } else {
        quotient
    };
    Some(Decimal { mantissa: rounded, exponent: -PLACES })
}

/// sprig `round(a, places, roundOn?)`, in floats as sprig computes it.
pub(super) fn round(value: f64, places: i64, round_on: f64) -> f64 {
    let pow = 10f64.powf(places as f64);
    let digit = pow * value;
    let fraction = digit - digit.trunc();
    let rounded = if fraction >= round_on { digit.ceil() } else { digit.floor() };
    rounded / pow
}

/// sprig `toDecimal`: the value's text read as an octal number (0 if it is not one).
pub(super) fn to_decimal(v: &Value) -> i64 {
    let text = v.go_string();
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text.as_str()),
    };
    if digits.is_empty() || !digits.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return 0;
    }
    match i64::from_str_radix(digits, 8) {
        Ok(n) if negative => -n,
        Ok(n) => n,
        Err(_) => 0,
    }
}
