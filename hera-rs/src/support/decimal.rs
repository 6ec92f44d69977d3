//! Writing a number in decimal without `format!`, for the hot paths that
//! write many (YAML integers, node ids): the formatting machinery costs
//! several times the digits.

/// Appends `n` in decimal to `out`.
pub(crate) fn push_decimal(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

#[cfg(test)]
mod tests {
    #[test]
    fn writes_what_display_writes() {
        for n in [0, 7, 10, 4_096_281_925, u64::from(u32::MAX), u64::MAX] {
            let mut text = String::from("x");
            super::push_decimal(&mut text, n);
            assert_eq!(text, format!("x{n}"));
        }
    }
}
