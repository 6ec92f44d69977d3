//! sprig's random functions: `randAlphaNum`, `randAlpha`, `randNumeric`,
//! `randAscii`, `randInt`, `randBytes`, `uuidv4` and `shuffle`. The bits
//! come from std's randomly keyed SipHash over a counter: random enough
//! for names and test data, which is what a local run needs (sprig uses
//! `crypto/rand`; hera makes no secrets with these).

use super::super::Value;
use std::hash::{BuildHasher, Hasher};

/// 64 random bits.
fn next() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    static KEYS: std::sync::OnceLock<std::collections::hash_map::RandomState> = std::sync::OnceLock::new();
    let mut hasher = KEYS.get_or_init(Default::default).build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.finish()
}

/// A number in `0..n` (`n` > 0).
fn below(n: u64) -> u64 {
    // Rejection keeps every value equally likely.
    let zone = u64::MAX - u64::MAX % n;
    loop {
        let x = next();
        if x < zone {
            return x % n;
        }
    }
}

/// `count` characters drawn from `alphabet` (goutils `CryptoRandom`: none
/// for a count that is not positive).
pub(super) fn string(count: i64, alphabet: &str) -> String {
    let chars: Vec<char> = alphabet.chars().collect();
    (0..count.max(0)).map(|_| chars[below(chars.len() as u64) as usize]).collect()
}

pub(super) const ALPHA: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
pub(super) const NUMERIC: &str = "0123456789";

/// The printable ASCII characters, space to `~` (goutils `CryptoRandomAscii`).
pub(super) fn ascii() -> String {
    (32u8..127).map(char::from).collect()
}

/// sprig `randInt(min, max)`: `min..max` (Go's `rand.Intn` panics on an empty range).
pub(super) fn int(min: i64, max: i64) -> Result<Value, String> {
    let span = max.checked_sub(min).filter(|s| *s > 0).ok_or("invalid argument to Intn")?;
    Ok(Value::Int(min + below(span as u64) as i64))
}

/// sprig `randBytes(count)`: `count` random bytes, base64-encoded.
pub(super) fn bytes(count: i64) -> Result<Value, String> {
    if count < 0 {
        return Err("runtime error: makeslice: len out of range".into());
    }
    let bytes: Vec<u8> = (0..count).map(|_| next() as u8).collect();
    Ok(Value::String(super::super::builtins::base64_encode(&bytes)))
}

/// A version 4 UUID, as google/uuid writes it.
pub(super) fn uuid() -> String {
    let (high, low) = (next(), next());
    let high = (high & !0xf000) | 0x4000;
    let low = (low & !(0b11 << 62)) | (0b10 << 62);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff
    )
}

/// xstrings `Shuffle`: the string's characters in a random order.
pub(super) fn shuffle(s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    for i in (1..chars.len()).rev() {
        chars.swap(i, below(i as u64 + 1) as usize);
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_values_have_their_shape() {
        let name = string(12, &format!("{ALPHA}{NUMERIC}"));
        assert_eq!(name.len(), 12);
        assert!(name.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(string(12, ALPHA), string(12, ALPHA));
        assert_eq!(string(-1, ALPHA), "");
        let id = uuid();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
        let mut letters: Vec<char> = shuffle("hello").chars().collect();
        letters.sort();
        assert_eq!(letters, ['e', 'h', 'l', 'l', 'o']);
        for _ in 0..100 {
            let Value::Int(n) = int(3, 5).unwrap() else { panic!() };
            assert!((3..5).contains(&n));
        }
        assert!(int(5, 5).is_err());
    }
}
