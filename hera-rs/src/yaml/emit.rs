//! Typed value → YAML text, safe for YAML 1.1 readers.

use super::problem::{Error, Problem};
use serde::Serialize;
use serde_saphyr::SerializerOptions;

pub(super) fn options() -> SerializerOptions {
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
    write_stream([value], saphyr_append)
}

/// Writes several documents as one stream, separated by `---` lines.
pub fn to_string_all<'a, T, I>(documents: I) -> Result<String, Error>
where
    T: Serialize + 'a,
    I: IntoIterator<Item = &'a T>,
{
    write_stream(documents, saphyr_append)
}

/// [`to_string`] for the model's own values (documents, templates). The
/// direct writer writes nearly all of them; what it declines is written as
/// its JSON value, which holds the same YAML for the model (string keys, no
/// serde-saphyr wrapper types). So serde-saphyr's serializer is never
/// compiled for the model's some 400 types: half a megabyte of every
/// program's binary, the one that ships in the pod.
pub(crate) fn model_to_string<T: Serialize>(value: &T) -> Result<String, Error> {
    write_stream([value], saphyr_append_as_json)
}

/// [`to_string_all`] for the model's documents (see [`model_to_string`]).
pub(crate) fn model_to_string_all(documents: &[crate::model::Document]) -> Result<String, Error> {
    write_stream(documents, saphyr_append_as_json)
}

/// The documents as one stream separated by `---` lines, each with the
/// direct writer when it can write it, else with `fallback` (the same bytes
/// either way).
fn write_stream<'a, T, I>(
    documents: I,
    fallback: fn(&mut String, &T) -> Result<(), Error>,
) -> Result<String, Error>
where
    T: Serialize + 'a,
    I: IntoIterator<Item = &'a T>,
{
    let mut out = String::new();
    for (i, document) in documents.into_iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        let start = out.len();
        if super::fast::write(&mut out, document).is_err() {
            out.truncate(start);
            fallback(&mut out, document)?;
        }
        if out.len() == start || !out.ends_with('\n') {
            out.push('\n');
        }
    }
    Ok(out)
}

/// serde-saphyr's writing of `value`'s JSON value (see [`model_to_string`]).
fn saphyr_append_as_json<T: Serialize>(out: &mut String, value: &T) -> Result<(), Error> {
    let json = crate::json::to_value(value)
        .map_err(|e| Error::from(Problem::new(format!("cannot write YAML: {e}"))))?;
    saphyr_append(out, &json)
}

/// serde-saphyr's writing of one document, appended to `out`.
fn saphyr_append<T: Serialize>(out: &mut String, value: &T) -> Result<(), Error> {
    serde_saphyr::to_fmt_writer_with_options(out, value, options())
        .map_err(|e| Error::from(Problem::new(format!("cannot write YAML: {e}"))))
}

#[cfg(test)]
mod tests {
    //! The direct writer against serde-saphyr, byte for byte.

    use super::{options, saphyr_append};
    use crate::model::Value;
    use proptest::prelude::*;
    use serde::Serialize;
    use std::path::{Path, PathBuf};

    /// Both writers' text for `value`; `None` when the direct writer declined.
    fn both<T: Serialize>(value: &T) -> (Option<String>, String) {
        let mut fast = String::new();
        let fast = crate::yaml::fast::write(&mut fast, value).ok().map(|()| fast);
        let mut reference = String::new();
        saphyr_append(&mut reference, value).unwrap();
        (fast, reference)
    }

    /// Asserts equal output; returns whether the direct writer wrote it.
    fn same<T: Serialize>(value: &T, what: &str) -> bool {
        match both(value) {
            (Some(fast), reference) => {
                assert_eq!(fast, reference, "{what}");
                true
            }
            (None, _) => false,
        }
    }

    /// Pieces that YAML treats specially, for building strings.
    const PIECES: &[&str] = &[
        "",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "\r",
        ":",
        ": ",
        " #",
        "#",
        "-",
        "- ",
        "?",
        "---",
        "...",
        "~",
        "y",
        "n",
        "yes",
        "No",
        "ON",
        "off",
        "true",
        "False",
        "null",
        "nan",
        ".inf",
        "-.Inf",
        "0",
        "1",
        "07",
        "0x1F",
        "0o17",
        "0b1",
        "1_000",
        "1.5",
        "1e3",
        "+1",
        "12:30",
        "190:20:30",
        "2024-01-01",
        "2001-12-14t21:59:43.10-05:00",
        "<<",
        "=",
        "{{",
        "}}",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a",
        "*a",
        "!t",
        "|",
        ">",
        "'",
        "\"",
        "\\",
        "%",
        "@",
        "`",
        "é",
        "字",
        "\u{85}",
        "\u{2028}",
        "\u{feff}",
        "\u{7}",
        "\u{1b}",
        "a",
        "name",
        "Value",
        "tasks.t0.outputs",
        "/tmp/x",
        "echo hello",
        "x-y_z.w/v",
        "$HOME",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..5).prop_map(|pieces| pieces.concat())
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1e6f64..1e6).prop_map(Value::from),
            text().prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::vec((text(), inner), 0..4)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn random_values_are_written_as_serde_saphyr_writes_them(value in value()) {
            same(&value, &format!("{value:?}"));
        }

        #[test]
        fn random_strings_are_quoted_as_serde_saphyr_quotes_them(key in text(), text in text()) {
            let map: Value = serde_json::json!({ "k": text, "list": [text, [text], { "k": text }], key: 1 });
            same(&map, &format!("{map:?}"));
        }
    }

    #[test]
    fn declines_rather_than_guesses() {
        // serde-saphyr's own wrappers and enum variants with data.
        #[derive(Serialize)]
        enum E {
            A(u8),
        }
        assert!(both(&serde_saphyr::LitStr("a")).0.is_none());
        assert!(both(&E::A(1)).0.is_none());
        assert!(both(&std::collections::BTreeMap::from([(1, 2)])).0.is_none());
        // ... and the public writer still writes them, through serde-saphyr.
        assert_eq!(super::to_string(&E::A(1)).unwrap(), "A: 1\n");
        let _ = options();
    }

    fn reference() -> Option<PathBuf> {
        let dir = std::env::var_os("HERA_REFERENCE_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference"));
        dir.is_dir().then_some(dir)
    }

    fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml" || e == "snap") {
                out.push(path);
            }
        }
    }

    /// Every document of the example snapshots and of Argo's and Hera's
    /// examples, typed and untyped, is written identically by both writers.
    #[test]
    fn every_corpus_document_is_written_as_serde_saphyr_writes_it() {
        let mut files = Vec::new();
        yaml_files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../checks/tests/conformance/snapshots"),
            &mut files,
        );
        yaml_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots"), &mut files);
        let Some(reference) = reference() else {
            eprintln!(
                "reference data not found; set HERA_REFERENCE_DIR to compare over Argo's and Hera's examples"
            );
            return;
        };
        yaml_files(&reference, &mut files);
        let (mut typed, mut untyped, mut declined) = (0, 0, 0);
        for path in &files {
            let Ok(source) = std::fs::read_to_string(path) else { continue };
            let source = match path.extension().is_some_and(|e| e == "snap") {
                // An insta header, then the YAML.
                true => match source.strip_prefix("---\n").and_then(|s| s.split_once("\n---\n")) {
                    Some((_, body)) => body.to_owned(),
                    None => continue,
                },
                false => source,
            };
            let what = path.display().to_string();
            if let Ok(documents) = crate::yaml::documents(&source) {
                for document in &documents {
                    if same(document, &what) {
                        typed += 1
                    } else {
                        declined += 1
                    }
                    // The model's fallback writes the JSON value instead.
                    let (mut direct, mut as_json) = (String::new(), String::new());
                    saphyr_append(&mut direct, document).unwrap();
                    super::saphyr_append_as_json(&mut as_json, document).unwrap();
                    assert_eq!(as_json, direct, "{what}: written as its JSON value");
                }
            }
            if let Ok(nodes) = crate::yaml::parse(&source) {
                for node in &nodes {
                    if let Ok(value) = crate::yaml::from_node::<Value>(node) {
                        if same(&value, &what) { untyped += 1 } else { declined += 1 }
                    }
                }
            }
        }
        eprintln!("{typed} typed and {untyped} untyped documents written alike, {declined} declined");
        assert!(typed > 500 && untyped > 500, "{typed} typed, {untyped} untyped");
        assert!(declined * 20 < typed + untyped, "{declined} declined");
    }
}
