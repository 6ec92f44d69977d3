//! The lexer: expr's `lexer/state.go` tokens (numbers, strings, names,
//! `#pointers`, operators and brackets), each with its byte offset.

use super::SyntaxError;

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    Int(i64),
    Float(f64),
    Str(String),
    Ident(String),
    /// `#`, `#index`, `#acc`: the name after `#` (empty for `#`).
    Pointer(String),
    /// An operator or punctuation: `+`, `==`, `(`, `?.`, `and`, ...
    Op(&'static str),
    Eof,
}

/// One token and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub at: usize,
}

const OPS: [&str; 33] = [
    "?.", "??", "..", "**", "==", "!=", "<=", ">=", "&&", "||", "+", "-", "*", "/", "%", "^", "<", ">", "!",
    "(", ")", "[", "]", "{", "}", ",", ":", "?", ".", "|", ";", "=", "#",
];
const WORD_OPS: [&str; 10] =
    ["and", "or", "not", "in", "matches", "contains", "startsWith", "endsWith", "let", "??"];

fn error(at: usize, message: impl Into<String>) -> SyntaxError {
    SyntaxError::new(at, message)
}

/// The tokens of `source`, ending with [`Tok::Eof`].
pub(crate) fn tokens(source: &str) -> Result<Vec<Token>, SyntaxError> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
            let end = source[i + 2..].find("*/").ok_or_else(|| error(i, "unclosed comment"))?;
            i += end + 4;
            continue;
        }
        let tok = if b.is_ascii_digit() || (b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            let (tok, len) = number(&source[i..]).map_err(|m| error(start, m))?;
            i += len;
            tok
        } else if b == b'"' || b == b'\'' || b == b'`' {
            let (text, len) = string(&source[i..]).map_err(|m| error(start, m))?;
            i += len;
            Tok::Str(text)
        } else if b.is_ascii_alphabetic() || b == b'_' || b == b'$' || b >= 0x80 {
            let len = word_len(&source[i..]);
            if len == 0 {
                // A non-ASCII character that is no letter or digit (U+0489):
                // not a word, and no operator either (found by fuzzing: the
                // lexer used to stay in place and fill memory).
                let c = source[i..].chars().next().unwrap_or_default();
                return Err(error(start, format!("unrecognized character: U+{:04X} '{c}'", c as u32)));
            }
            let word = &source[i..i + len];
            i += len;
            match WORD_OPS.iter().find(|op| **op == word) {
                Some(op) => Tok::Op(op),
                None => Tok::Ident(word.to_owned()),
            }
        } else if b == b'#' {
            let len = word_len(&source[i + 1..]);
            i += 1 + len;
            Tok::Pointer(source[start + 1..i].to_owned())
        } else {
            let rest = &source[i..];
            let op = OPS.iter().find(|op| rest.starts_with(**op));
            match op {
                Some(op) => {
                    i += op.len();
                    Tok::Op(op)
                }
                None => {
                    let c = rest.chars().next().unwrap_or_default();
                    return Err(error(start, format!("unrecognized character: U+{:04X} '{c}'", c as u32)));
                }
            }
        };
        out.push(Token { tok, at: start });
    }
    out.push(Token { tok: Tok::Eof, at: source.len() });
    Ok(out)
}

fn word_len(rest: &str) -> usize {
    rest.char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '$'))
        .map_or(rest.len(), |(n, _)| n)
}

fn number(rest: &str) -> Result<(Tok, usize), String> {
    let bytes = rest.as_bytes();
    let mut i = 0;
    let radix = match (bytes.first(), bytes.get(1).map(u8::to_ascii_lowercase)) {
        (Some(b'0'), Some(b'x')) => 16,
        (Some(b'0'), Some(b'o')) => 8,
        (Some(b'0'), Some(b'b')) => 2,
        _ => 10,
    };
    if radix != 10 {
        i = 2;
        while i < bytes.len() && (bytes[i].is_ascii_hexdigit() || bytes[i] == b'_') {
            i += 1;
        }
        let digits = rest[2..i].replace('_', "");
        return i64::from_str_radix(&digits, radix)
            .map(|n| (Tok::Int(n), i))
            .map_err(|_| format!("invalid number: {}", &rest[..i]));
    }
    let mut float = false;
    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
        i += 1;
    }
    if bytes.get(i) == Some(&b'.') && bytes.get(i + 1) != Some(&b'.') {
        float = true;
        i += 1;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
            i += 1;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if bytes.get(j).is_some_and(u8::is_ascii_digit) {
            float = true;
            i = j;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    let text = rest[..i].replace('_', "");
    if bytes.get(i).is_some_and(|b| b.is_ascii_alphabetic()) {
        return Err(format!("bad number syntax: {}", &rest[..=i]));
    }
    if float {
        text.parse().map(|f| (Tok::Float(f), i)).map_err(|_| format!("invalid float literal: {text}"))
    } else {
        match text.parse::<i64>() {
            Ok(n) => Ok((Tok::Int(n), i)),
            // expr v1.17 reads an integer too large for int as a float.
            Err(_) => text.parse().map(|f| (Tok::Float(f), i)).map_err(|_| format!("invalid number: {text}")),
        }
    }
}

fn string(rest: &str) -> Result<(String, usize), String> {
    let quote = rest.chars().next().unwrap_or('"');
    let mut out = String::new();
    let mut chars = rest.char_indices().skip(1);
    while let Some((n, c)) = chars.next() {
        if c == quote {
            return Ok((out, n + 1));
        }
        if c == '\\' && quote != '`' {
            let (_, e) = chars.next().ok_or("literal not terminated")?;
            let hex = |chars: &mut dyn Iterator<Item = (usize, char)>, len: usize| -> Result<char, String> {
                let digits: String = chars.take(len).map(|(_, c)| c).collect();
                u32::from_str_radix(&digits, 16)
                    .ok()
                    .filter(|_| digits.len() == len)
                    .and_then(char::from_u32)
                    .ok_or_else(|| "invalid char escape".to_owned())
            };
            out.push(match e {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'a' => '\x07',
                'b' => '\x08',
                'f' => '\x0c',
                'v' => '\x0b',
                '\\' => '\\',
                '"' | '\'' => e,
                'x' => hex(&mut chars, 2)?,
                'u' => hex(&mut chars, 4)?,
                'U' => hex(&mut chars, 8)?,
                _ => return Err("invalid char escape".into()),
            });
        } else {
            out.push(c);
        }
    }
    Err("literal not terminated".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_non_ascii_character_that_is_not_a_letter_is_refused_not_looped_on() {
        // The fuzzer's input, minimised: U+0489 after a word.
        let error = tokens("inputs.paramets\u{489}bj").unwrap_err();
        assert_eq!((error.at, error.message.as_str()), (15, "unrecognized character: U+0489 '\u{489}'"));
        assert!(tokens("\u{489}").is_err());
        // Letters beyond ASCII are still words.
        assert!(matches!(&tokens("é + 1").unwrap()[0].tok, Tok::Ident(word) if word == "é"));
    }
}
