//! sprig's string functions (`strings.go`, and goutils v1.1.1's word
//! functions it calls). Go strings are bytes: where sprig cuts by byte
//! (`trunc`, `substr`), a cut inside a UTF-8 character is replaced.

use super::super::Value;
use super::convert::{go_quote, strval};

fn text(bytes: &[u8]) -> Value {
    Value::String(String::from_utf8_lossy(bytes).into_owned())
}

/// `strings.Title`: the first letter of each word upper-cased, a word
/// starting after anything but a letter, digit, underscore or non-space
/// character outside ASCII (`isSeparator`).
pub(super) fn title(s: &str) -> String {
    let separator = |c: char| {
        if c.is_ascii() { !(c.is_ascii_alphanumeric() || c == '_') } else { c.is_whitespace() }
    };
    let mut previous = ' ';
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if separator(previous) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        previous = c;
    }
    out
}

/// goutils `Uncapitalize`: the first letter of each whitespace-separated word lower-cased.
pub(super) fn untitle(s: &str) -> String {
    let mut next = true;
    s.chars()
        .flat_map(|c| {
            let out: Vec<char> = if c.is_whitespace() {
                next = true;
                vec![c]
            } else if next {
                next = false;
                c.to_lowercase().collect()
            } else {
                vec![c]
            };
            out
        })
        .collect()
}

/// goutils `SwapCase`: upper to lower, lower to upper (title case at the
/// start of a word, the same letter outside a few digraphs).
pub(super) fn swapcase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// goutils `Initials`: the first byte of each whitespace-separated word
/// (Go reads each byte as a character, as goutils does).
pub(super) fn initials(s: &str) -> String {
    let mut gap = true;
    let mut out = String::new();
    for b in s.bytes() {
        let c = char::from(b);
        if c.is_whitespace() {
            gap = true;
        } else if gap {
            out.push(c);
            gap = false;
        }
    }
    out
}

/// goutils `DeleteWhiteSpace`, byte by byte as goutils reads it.
pub(super) fn nospace(s: &str) -> String {
    if !s.bytes().any(|b| char::from(b).is_whitespace()) {
        return s.to_owned();
    }
    s.bytes().map(char::from).filter(|c| !c.is_whitespace()).collect()
}

/// goutils `AbbreviateFull` (`abbrev` is an offset of 0), an error given
/// as the empty string as sprig does.
pub(super) fn abbreviate(s: &str, offset: i64, width: i64) -> String {
    let b = s.as_bytes();
    let len = b.len() as i64;
    if s.is_empty() || width < 4 {
        return String::new();
    }
    if len <= width {
        return s.to_owned();
    }
    let mut offset = offset.min(len);
    if len - offset < width - 3 {
        offset = len - (width - 3);
    }
    if offset <= 4 {
        return format!("{}...", String::from_utf8_lossy(&b[..(width - 3) as usize]));
    }
    if width < 7 {
        return String::new();
    }
    if offset + width - 3 < len {
        let rest = String::from_utf8_lossy(&b[offset as usize..]).into_owned();
        return format!("...{}", abbreviate(&rest, 0, width - 3));
    }
    format!("...{}", String::from_utf8_lossy(&b[(len - (width - 3)) as usize..]))
}

/// sprig `abbrevboth(left, right, s)`.
pub(super) fn abbrevboth(left: i64, right: i64, s: &str) -> String {
    if right < 4 || left > 0 && right < 7 {
        return s.to_owned();
    }
    abbreviate(s, left, right)
}

/// sprig `trunc(c, s)`: the first `c` bytes, or the last `-c`.
pub(super) fn trunc(c: i64, s: &str) -> Value {
    let len = s.len() as i64;
    if c < 0 && len + c > 0 {
        return text(&s.as_bytes()[(len + c) as usize..]);
    }
    if c >= 0 && len > c {
        return text(&s.as_bytes()[..c as usize]);
    }
    Value::String(s.to_owned())
}

/// sprig `substr(start, end, s)` (bytes; a range Go cannot slice panics).
pub(super) fn substr(start: i64, end: i64, s: &str) -> Result<Value, String> {
    let len = s.len() as i64;
    let (from, to) = if start < 0 {
        (0, end)
    } else if end < 0 || end > len {
        (start, len)
    } else {
        (start, end)
    };
    if from < 0 || to < from || to > len {
        return Err(format!("runtime error: slice bounds out of range [{from}:{to}]"));
    }
    Ok(text(&s.as_bytes()[from as usize..to as usize]))
}

/// sprig `quote`: each non-nil argument's `strval`, Go-quoted, space-separated.
pub(super) fn quote(args: &[Value]) -> String {
    args.iter().filter(|a| **a != Value::Nil).map(|a| go_quote(&strval(a))).collect::<Vec<_>>().join(" ")
}

/// sprig `squote`: each non-nil argument in single quotes.
pub(super) fn squote(args: &[Value]) -> String {
    args.iter()
        .filter(|a| **a != Value::Nil)
        .map(|a| format!("'{}'", a.go_string()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// sprig `cat`: the non-nil arguments, space-separated.
pub(super) fn cat(args: &[Value]) -> String {
    args.iter().filter(|a| **a != Value::Nil).map(Value::go_string).collect::<Vec<_>>().join(" ")
}

/// sprig `indent(n, s)`.
pub(super) fn indent(spaces: i64, s: &str) -> Result<String, String> {
    if spaces < 0 {
        return Err("strings: negative Repeat count".into());
    }
    let pad = " ".repeat(spaces as usize);
    Ok(format!("{pad}{}", s.replace('\n', &format!("\n{pad}"))))
}

/// sprig `toStrings` (`strslice`): a list's non-nil items as strings; nil
/// is no strings; any other value is one.
pub(super) fn strslice(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter(|i| **i != Value::Nil).map(strval).collect(),
        Value::Nil => Vec::new(),
        other => vec![strval(other)],
    }
}

/// `strings.SplitN` (`n < 0`: all; 0: none), into sprig's `_0`, `_1`... map.
pub(super) fn split(sep: &str, n: i64, s: &str) -> Value {
    let parts: Vec<&str> = if n == 0 {
        Vec::new()
    } else if sep.is_empty() {
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let take = if n < 0 { chars.len() } else { (n as usize).min(chars.len()) };
        let mut parts: Vec<&str> = Vec::new();
        for (k, (i, c)) in chars.iter().enumerate().take(take) {
            if k + 1 == take && n > 0 {
                parts.push(&s[*i..]);
            } else {
                parts.push(&s[*i..*i + c.len_utf8()]);
            }
        }
        parts
    } else if n < 0 {
        s.split(sep).collect()
    } else {
        s.splitn(n as usize, sep).collect()
    };
    Value::Map(
        parts.into_iter().enumerate().map(|(i, p)| (format!("_{i}"), Value::String(p.to_owned()))).collect(),
    )
}

/// goutils `WrapCustom(s, width, newline, long)`: lines broken at
/// spaces; a word longer than `width` is cut when `long` (`wrapWith`), or
/// kept whole up to the next space (`wrap`).
pub(super) fn wrap(s: &str, width: i64, newline: &str, long: bool) -> String {
    if s.is_empty() {
        return String::new();
    }
    let newline = if newline.is_empty() { "\n" } else { newline };
    let width = width.max(1) as usize;
    let b = s.as_bytes();
    let len = b.len();
    let mut offset = 0;
    let mut out = String::new();
    let piece = |from: usize, to: usize| String::from_utf8_lossy(&b[from..to]).into_owned();
    while len - offset > width {
        if b[offset] == b' ' {
            offset += 1;
            continue;
        }
        let end = width + offset + 1;
        match b[offset..end].iter().rposition(|c| *c == b' ') {
            Some(at) => {
                out.push_str(&piece(offset, offset + at));
                out.push_str(newline);
                offset += at + 1;
            }
            None if long => {
                out.push_str(&piece(offset, width + offset));
                out.push_str(newline);
                offset += width;
            }
            None => {
                let end = width + offset;
                match b[end..].iter().position(|c| *c == b' ') {
                    None => {
                        out.push_str(&piece(offset, len));
                        offset = len;
                    }
                    Some(at) => {
                        out.push_str(&piece(offset, end + at));
                        out.push_str(newline);
                        offset = end + at + 1;
                    }
                }
            }
        }
    }
    out.push_str(&piece(offset, len));
    out
}
