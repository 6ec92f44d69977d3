//! sprig's encodings: base32 (`encoding/base32`'s standard alphabet,
//! padded), `adler32sum`, and JSON as `encoding/json` writes and reads it.

use super::super::Value;

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

pub(super) fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(5) {
        let mut block = [0u8; 5];
        block[..chunk.len()].copy_from_slice(chunk);
        let n = block.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b));
        let symbols = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < symbols {
                out.push(BASE32[((n >> (35 - 5 * i)) & 31) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decoding, or Go's error text (which sprig returns as the result).
pub(super) fn base32_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let corrupt = |at: usize| format!("illegal base32 data at input byte {at}");
    if let Some(at) = bytes.iter().position(|b| *b != b'=' && !BASE32.contains(b)) {
        return corrupt(at);
    }
    if !bytes.len().is_multiple_of(8) {
        return corrupt(bytes.len() / 8 * 8);
    }
    let mut out = Vec::new();
    for (c, chunk) in bytes.chunks(8).enumerate() {
        let pad = chunk.iter().rev().take_while(|b| **b == b'=').count();
        let symbols = 8 - pad;
        if c + 1 < bytes.len() / 8 && pad > 0 || ![8, 7, 5, 4, 2].contains(&symbols) {
            return corrupt(c * 8 + symbols);
        }
        let mut n = 0u64;
        for (i, b) in chunk.iter().enumerate() {
            let v = if i >= symbols {
                0
            } else {
                match BASE32.iter().position(|a| a == b) {
                    Some(v) => v as u64,
                    None => return corrupt(c * 8 + i),
                }
            };
            n = (n << 5) | v;
        }
        let count = symbols * 5 / 8;
        out.extend((0..count).map(|i| (n >> (32 - 8 * i)) as u8));
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(super) fn adler32(bytes: &[u8]) -> String {
    let (mut a, mut b) = (1u32, 0u32);
    for byte in bytes {
        a = (a + u32::from(*byte)) % 65521;
        b = (b + a) % 65521;
    }
    ((b << 16) | a).to_string()
}

/// `json.Marshal`: as [`Value::go_json`], with `<`, `>` and `&` escaped
/// (`html` false: `SetEscapeHTML(false)`, as `toRawJson` writes).
pub(super) fn to_json(v: &Value, html: bool) -> String {
    let text = v.go_json();
    if html { escape_html(&text) } else { text }
}

/// `json.MarshalIndent(v, "", "  ")`, HTML-escaped as Marshal is.
pub(super) fn to_pretty_json(v: &Value) -> String {
    escape_html(&super::super::builtins::json_indent(v))
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// `json.Unmarshal` into `interface{}` (numbers are float64), or the error.
pub(super) fn from_json(text: &str) -> Result<Value, String> {
    serde_json::from_str::<serde_json::Value>(text).map(|j| Value::from_json(&j)).map_err(|e| e.to_string())
}
