//! How differences read: one line each, `+`/`-` first for what only one side
//! has, values written as YAML would write them (so `"1"` and `1` look
//! different), long values shortened and changed texts as a line diff.

use super::{Change, ChangeKind, ObjectDiff, ObjectKey, text};
use crate::model::Value;
use crate::path::Segment;
use std::fmt;

/// Values longer than this are cut with `…`.
const MAX_VALUE: usize = 100;
/// Characters kept before the first difference of two long one-line strings.
const LEAD: usize = 20;

impl fmt::Display for ObjectKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.kind.is_empty() { "(no kind)" } else { &self.kind };
        match (&self.namespace, self.name.as_str()) {
            (_, "") => write!(f, "{kind} (unnamed)"),
            (Some(namespace), name) => write!(f, "{kind} {namespace}/{name}"),
            (None, name) => write!(f, "{kind} {name}"),
        }
    }
}

/// `A` is the first side, `B` the second, as `hera diff A B` names them.
impl fmt::Display for ObjectDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ObjectDiff::Added(key) => writeln!(f, "+ {key} (only in B)"),
            ObjectDiff::Removed(key) => writeln!(f, "- {key} (only in A)"),
            ObjectDiff::Changed(key, changes) => {
                for change in changes {
                    write_change(f, change, &format!("{key}: "))?;
                    f.write_str("\n")?;
                }
                Ok(())
            }
        }
    }
}

/// One change without its object: `path: from → to`, `+ path: value`, ...;
/// a changed text continues on indented lines.
impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_change(f, self, "")
    }
}

fn write_change(f: &mut fmt::Formatter<'_>, change: &Change, object: &str) -> fmt::Result {
    let path = &change.path;
    match &change.kind {
        ChangeKind::Added(value) => write!(f, "+ {object}{path}: {}", show(value)),
        ChangeKind::Removed(value) => write!(f, "- {object}{path}: {}", show(value)),
        ChangeKind::Moved { from, to } => {
            // A step's place is its group; anything else's, its position.
            let segments = path.segments();
            let step = segments.len() >= 3 && segments[segments.len() - 3] == Segment::Key("steps".into());
            let unit = if step { "step group" } else { "position" };
            write!(f, "{object}{path}: moved from {unit} {from} to {to}")
        }
        ChangeKind::Changed { from: Value::String(a), to: Value::String(b) }
            if a.contains('\n') || b.contains('\n') =>
        {
            let (line, lines) = text::line_diff(a, b);
            write!(f, "{object}{path}: text changed at line {line}:")?;
            for text in lines {
                write!(f, "\n{}", format!("    {text}").trim_end())?;
            }
            Ok(())
        }
        ChangeKind::Changed { from: Value::String(a), to: Value::String(b) }
            if a.chars().count() > MAX_VALUE || b.chars().count() > MAX_VALUE =>
        {
            let (a, b) = around_difference(a, b);
            write!(f, "{object}{path}: {a} → {b}")
        }
        ChangeKind::Changed { from, to } => write!(f, "{object}{path}: {} → {}", show(from), show(to)),
    }
}

/// A value on one line: scalars as YAML writes them, a text by its first
/// line, lists and maps as compact JSON; cut at [`MAX_VALUE`] characters.
fn show(value: &Value) -> String {
    let shown = match value {
        Value::String(text) if text.contains('\n') => {
            let lines = text.trim_end_matches('\n').lines().count();
            let first = text.lines().next().unwrap_or_default();
            format!("{} … ({lines} lines)", scalar(&Value::String(first.to_owned())))
        }
        Value::Array(_) | Value::Object(_) => serde_json::to_string(value).unwrap_or_default(),
        _ => scalar(value),
    };
    cut(&shown, MAX_VALUE)
}

/// A scalar as YAML writes it: a string is quoted only when it would
/// otherwise read as something else (`"1"`, `"yes"`, `""`).
fn scalar(value: &Value) -> String {
    crate::yaml::to_string(value).map(|yaml| yaml.trim_end().to_owned()).unwrap_or_else(|_| value.to_string())
}

fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// Two long one-line strings, each from a little before where they first
/// differ.
fn around_difference(a: &str, b: &str) -> (String, String) {
    let same = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let start = same.saturating_sub(LEAD);
    let part = |text: &str| {
        let rest: String = text.chars().skip(start).collect();
        let shown = cut(&rest, MAX_VALUE);
        if start > 0 { format!("…{shown}") } else { shown }
    };
    (part(a), part(b))
}
