//! `x ** y` as Go's `math.Pow` computes it, so results agree to the last
//! bit: whole powers by repeated squaring of the mantissa, the fraction
//! through `exp(y·ln x)`, special cases first.

/// Go's `math.Pow(x, y)`.
pub(super) fn pow(x: f64, y: f64) -> f64 {
    let odd = |v: f64| v.fract() == 0.0 && (v / 2.0).fract() != 0.0 && v.abs() < 9_007_199_254_740_992.0;
    if y == 0.0 || x == 1.0 {
        return 1.0;
    }
    if y == 1.0 {
        return x;
    }
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 {
        return match (y < 0.0, x.is_sign_negative() && odd(y)) {
            (true, true) => f64::NEG_INFINITY,
            (true, false) => f64::INFINITY,
            (false, true) => x,
            (false, false) => 0.0,
        };
    }
    if y.is_infinite() {
        return overflowing(x, y);
    }
    if x.is_infinite() {
        if x < 0.0 {
            return pow(1.0 / x, -y);
        }
        return if y < 0.0 { 0.0 } else { f64::INFINITY };
    }
    if y == 0.5 {
        return x.sqrt();
    }
    if y == -0.5 {
        return 1.0 / x.sqrt();
    }
    let (mut whole, mut fraction) = (y.abs().trunc(), y.abs().fract());
    if fraction != 0.0 && x < 0.0 {
        return f64::NAN;
    }
    if whole >= 9_223_372_036_854_775_808.0 {
        // A huge even power: overflow or underflow for all x but -1 (1 was handled).
        return overflowing(x, y);
    }
    let mut mantissa = 1.0;
    let mut exponent: i64 = 0;
    if fraction != 0.0 {
        if fraction > 0.5 {
            fraction -= 1.0;
            whole += 1.0;
        }
        mantissa = (fraction * x.ln()).exp();
    }
    let (mut base, mut base_exponent) = frexp(x);
    let mut bits = whole as i64;
    while bits != 0 {
        if !(-(1 << 12)..=(1 << 12)).contains(&base_exponent) {
            // Far past overflow or underflow: the final scaling decides.
            exponent += base_exponent;
            break;
        }
        if bits & 1 == 1 {
            mantissa *= base;
            exponent += base_exponent;
        }
        base *= base;
        base_exponent <<= 1;
        if base < 0.5 {
            base += base;
            base_exponent -= 1;
        }
        bits >>= 1;
    }
    if y < 0.0 {
        mantissa = 1.0 / mantissa;
        exponent = -exponent;
    }
    ldexp(mantissa, exponent)
}

/// `x ** y` for an infinite or huge `y`: 1, 0 or infinity.
fn overflowing(x: f64, y: f64) -> f64 {
    if x == -1.0 {
        1.0
    } else if (x.abs() < 1.0) == (y > 0.0) {
        0.0
    } else {
        f64::INFINITY
    }
}

/// `x = m · 2^e` with `0.5 <= |m| < 1` (Go's `math.Frexp`).
fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || x.is_nan() || x.is_infinite() {
        return (x, 0);
    }
    let (x, mut e) = if x.abs() < f64::MIN_POSITIVE { (x * (1u64 << 52) as f64, -52) } else { (x, 0) };
    let bits = x.to_bits();
    e += ((bits >> 52) & 0x7ff) as i64 - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

/// `fraction · 2^exponent` (Go's `math.Ldexp`): subnormal results are
/// rounded once, by a final multiplication.
fn ldexp(fraction: f64, exponent: i64) -> f64 {
    if fraction == 0.0 || fraction.is_nan() || fraction.is_infinite() {
        return fraction;
    }
    let (fraction, mut exponent) = if fraction.abs() < f64::MIN_POSITIVE {
        (fraction * (1u64 << 52) as f64, exponent - 52)
    } else {
        (fraction, exponent)
    };
    let bits = fraction.to_bits();
    exponent += ((bits >> 52) & 0x7ff) as i64 - 1023;
    if exponent < -1075 {
        return 0.0_f64.copysign(fraction);
    }
    if exponent > 1023 {
        return f64::INFINITY.copysign(fraction);
    }
    let mut scale = 1.0;
    if exponent < -1022 {
        exponent += 53;
        scale = 1.0 / (1u64 << 53) as f64;
    }
    let bits = (bits & !(0x7ff << 52)) | (((exponent + 1023) as u64) << 52);
    scale * f64::from_bits(bits)
}

#[cfg(test)]
mod tests {
    use super::pow;

    #[test]
    fn whole_powers_are_exact_and_special_cases_hold() {
        assert_eq!(pow(2.0, 10.0), 1024.0);
        assert_eq!(pow(3.0, -2.0), 1.0 / 9.0);
        assert_eq!(pow(-2.0, 3.0), -8.0);
        assert_eq!(pow(4.0, 0.5), 2.0);
        assert!(pow(-8.0, 1.0 / 3.0).is_nan());
        assert_eq!(pow(0.0, -1.0), f64::INFINITY);
        assert_eq!(pow(10.0, 400.0), f64::INFINITY);
        assert_eq!(pow(10.0, -400.0), 0.0);
    }
}
