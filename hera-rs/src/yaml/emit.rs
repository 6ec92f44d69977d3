//! Typed value → YAML text, safe for YAML 1.1 readers.

use super::problem::{Error, Problem};
use serde::Serialize;
use serde_saphyr::SerializerOptions;

fn options() -> SerializerOptions {
    serde_saphyr::ser_options! {
        indent_step: 2,
        // Lists under a key are not indented (`key:\n- a`), as kubectl writes them.
        compact_list_indent: true,
        // Multi-line strings are literal `|` blocks ...
        prefer_block_scalars: true,
        // ... and a long line is never folded with `>`.
        folded_wrap_chars: usize::MAX,
        // Quote every string a YAML 1.1 reader would take for a bool, number,
        // null or date: kubectl reads `on` as true.
        yaml_12: false,
    }
}

/// Writes `value` as one YAML document (no leading `---`), ending in a newline.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, Error> {
    let mut out = serde_saphyr::to_string_with_options(value, options())
        .map_err(|e| Error::from(Problem::new(format!("cannot write YAML: {e}"))))?;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

/// Writes several documents as one stream, separated by `---` lines.
pub fn to_string_all<'a, T, I>(documents: I) -> Result<String, Error>
where
    T: Serialize + 'a,
    I: IntoIterator<Item = &'a T>,
{
    let mut out = String::new();
    for (i, document) in documents.into_iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        out.push_str(&to_string(document)?);
    }
    Ok(out)
}
