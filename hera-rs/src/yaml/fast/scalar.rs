//! Scalars and keys: how each string is written (plain, quoted, a `|`
//! block, or left to serde-saphyr), decided in one scan of its bytes.

use super::{At, Result, Unsupported, indent};
use serde::Serialize;

/// Printable ASCII, `0x20..=0x7e`.
const PRINTABLE: u8 = 1;
/// `\n`.
const NEWLINE: u8 = 2;
/// `:` or `#`.
const COLON_OR_HASH: u8 = 4;
/// A letter, a digit or one of `_-./`: plain in a key.
const KEY: u8 = 8;

/// The classes of each byte.
const CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut class = 0;
        if matches!(c, 0x20..=0x7e) {
            class |= PRINTABLE;
        }
        if c == b'\n' {
            class |= NEWLINE;
        }
        if c == b':' || c == b'#' {
            class |= COLON_OR_HASH;
        }
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.' || c == b'/' {
            class |= KEY;
        }
        table[b] = class;
        b += 1;
    }
    table
};

/// The classes all bytes have, and the classes any byte has.
fn classes(bytes: &[u8]) -> (u8, u8) {
    bytes.iter().fold((u8::MAX, 0), |(all, any), &b| (all & CLASS[b as usize], any | CLASS[b as usize]))
}

/// How a string can be written, from one scan of its bytes.
enum Style {
    Plain,
    /// Double-quoted; the string is printable ASCII.
    Quoted,
    /// A literal `|` block.
    Block,
    /// Ask serde-saphyr.
    Ask,
}

/// Strings starting with a letter that YAML 1.1 reads as a bool, null or
/// float; compared ignoring case, as serde-saphyr does.
const WORDS: [&str; 11] = ["y", "n", "on", "no", "yes", "off", "inf", "nan", "true", "null", "false"];

fn is_word(s: &str) -> bool {
    s.len() <= 5 && WORDS.iter().any(|w| w.eq_ignore_ascii_case(s))
}

fn value_style(s: &str) -> Style {
    let bytes = s.as_bytes();
    let (&first, &last) = match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => (first, last),
        _ => return Style::Ask,
    };
    if bytes.len() == 1 {
        // `y`, `n`, `~`, `.`, `-` and the like are serde-saphyr's to judge.
        return match first {
            b'0'..=b'9' => Style::Quoted,
            b'y' | b'Y' | b'n' | b'N' => Style::Ask,
            b'a'..=b'z' | b'A'..=b'Z' => Style::Plain,
            _ => Style::Ask,
        };
    }
    let (all, any) = classes(bytes);
    let colon_or_hash = any & COLON_OR_HASH != 0;
    if all & PRINTABLE == 0 {
        return if any & NEWLINE != 0 { block_style(s) } else { Style::Ask };
    }
    match first {
        b'a'..=b'z' | b'A'..=b'Z' => {
            if last == b' ' || is_word(s) {
                Style::Ask
            } else if colon_or_hash && (last == b':' || s.contains(": ") || s.contains(" #")) {
                Style::Quoted
            } else {
                Style::Plain
            }
        }
        // Indicators: never plain.
        b',' | b':' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"'
        | b'%' | b'@' | b'`' => Style::Quoted,
        // Integers.
        b'0'..=b'9' if bytes.iter().all(u8::is_ascii_digit) => Style::Quoted,
        _ => Style::Ask,
    }
}

/// A multi-line string: a literal block when every character can stand in
/// one (serde-saphyr's `is_block_scalar_content_safe`).
fn block_style(s: &str) -> Style {
    let safe = s.chars().all(|ch| match ch {
        '\n' | '\t' => true,
        '\r' | '\u{0085}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}' => false,
        c => matches!(c as u32, 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x0010_FFFF),
    });
    if safe { Style::Block } else { Style::Ask }
}

fn write_quoted(out: &mut String, s: &str) {
    out.push('"');
    if s.bytes().any(|b| b == b'"' || b == b'\\') {
        for ch in s.chars() {
            match ch {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c => out.push(c),
            }
        }
    } else {
        out.push_str(s);
    }
    out.push('"');
}

fn write_block(out: &mut String, s: &str, at: At) {
    let content = s.trim_end_matches('\n');
    let trailing = s.len() - content.len();
    out.push_str(at.scalar_prefix());
    out.push('|');
    let first_line = content.split('\n').find(|line| !line.is_empty()).unwrap_or("");
    if first_line.starts_with(' ') {
        out.push('2');
    }
    match trailing {
        0 => out.push('-'),
        1 if !content.is_empty() => {}
        _ => out.push('+'),
    }
    out.push('\n');
    if content.is_empty() {
        (0..trailing).for_each(|_| out.push('\n'));
        return;
    }
    let body = at.block_body();
    for line in content.split('\n') {
        if !line.is_empty() {
            indent(out, body);
            out.push_str(line);
        }
        out.push('\n');
    }
    (1..trailing).for_each(|_| out.push('\n'));
}

/// serde-saphyr's text for a scalar written on its own: what it writes
/// after `key: ` too, for a single-line scalar.
pub(super) fn ask<T: Serialize>(out: &mut String, value: &T, at: At) -> Result {
    let text =
        serde_saphyr::to_string_with_options(value, crate::yaml::emit::options()).map_err(|_| Unsupported)?;
    let line = text.strip_suffix('\n').ok_or(Unsupported)?;
    if line.contains('\n') {
        return Err(Unsupported);
    }
    out.push_str(at.scalar_prefix());
    out.push_str(line);
    out.push('\n');
    Ok(())
}

pub(super) fn write_str(out: &mut String, s: &str, at: At) -> Result {
    match value_style(s) {
        Style::Plain => {
            out.push_str(at.scalar_prefix());
            out.push_str(s);
            out.push('\n');
        }
        Style::Quoted => {
            out.push_str(at.scalar_prefix());
            write_quoted(out, s);
            out.push('\n');
        }
        Style::Block => write_block(out, s, at),
        Style::Ask => ask(out, &s, at)?,
    }
    Ok(())
}

pub(super) fn write_scalar(out: &mut String, text: &str, at: At) -> Result {
    out.push_str(at.scalar_prefix());
    out.push_str(text);
    out.push('\n');
    Ok(())
}

pub(super) fn write_integer(out: &mut String, negative: bool, magnitude: u64, at: At) -> Result {
    out.push_str(at.scalar_prefix());
    if negative {
        out.push('-');
    }
    crate::support::decimal::push_decimal(out, magnitude);
    out.push('\n');
    Ok(())
}

/// A key: plain when it is a word of letters, digits and `_-./` (a field
/// name, a label key); otherwise serde-saphyr's spelling of it.
pub(super) fn write_key(out: &mut String, key: &str) -> Result {
    let bytes = key.as_bytes();
    let plain = bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.len() <= 1024
        && classes(bytes).0 & KEY != 0
        && !is_word(key);
    if plain {
        out.push_str(key);
    } else {
        let mut entry = std::collections::BTreeMap::new();
        entry.insert(key, 0);
        let text = serde_saphyr::to_string_with_options(&entry, crate::yaml::emit::options())
            .map_err(|_| Unsupported)?;
        let text = text.strip_suffix(": 0\n").ok_or(Unsupported)?;
        if text.starts_with("? ") || text.contains('\n') {
            return Err(Unsupported);
        }
        out.push_str(text);
    }
    out.push(':');
    Ok(())
}
