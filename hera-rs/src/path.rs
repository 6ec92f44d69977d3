//! Field paths inside a document, written the way people read them.
//!
//! Lint findings and diffs name fields with the same [`FieldPath`]: keys
//! joined by `.`, list items by their `name` where they have one and by
//! index elsewhere — `spec.templates[main].dag.tasks[b].depends`,
//! `spec.templates[main].steps[0][hello].arguments`. The path also keeps
//! the indices, so it can find the line and column of the field in the
//! parsed source ([`FieldPath::locate`]).

use crate::syntax::names::is_plain_key;
use crate::yaml::{Location, Node, NodeValue};
use std::fmt;

/// One step of a [`FieldPath`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A list item known only by its name (paths built before the list
    /// existed, by the builders).
    Name(String),
    /// A list item: its index, and its name when it has one.
    Item {
        /// Position in the list, from 0.
        index: usize,
        /// The item's `name`, shown instead of the index.
        name: Option<String>,
    },
}

/// A path from the root of a document to one of its fields.
///
/// ```
/// use hera::path::FieldPath;
/// let path = FieldPath::root().key("spec").key("templates").named(0, "main").key("dag");
/// assert_eq!(path.to_string(), "spec.templates[main].dag");
/// assert_eq!(FieldPath::root().key("spec").key("volumes").index(2).to_string(), "spec.volumes[2]");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath(Vec<Segment>);

impl FieldPath {
    /// The document itself.
    pub fn root() -> Self {
        FieldPath(Vec::new())
    }

    /// Parses a dotted path such as `spec.templates` (keys only).
    pub fn keys(dotted: &str) -> Self {
        FieldPath(dotted.split('.').filter(|k| !k.is_empty()).map(|k| Segment::Key(k.to_owned())).collect())
    }

    /// Reads a path as [`Display`](fmt::Display) writes it: `[3]` is an
    /// index, `[main]` an item known by name.
    ///
    /// ```
    /// use hera::path::FieldPath;
    /// let path = FieldPath::parse("templates[main].steps[0][hello].when");
    /// assert_eq!(path.to_string(), "templates[main].steps[0][hello].when");
    /// ```
    pub fn parse(text: &str) -> Self {
        let mut segments = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(quoted) = rest.strip_prefix("[\"") {
                // `["a.b/c"]`: a key that is not a plain word, as Display writes it.
                let (key, after) = unquote(quoted);
                segments.push(Segment::Key(key));
                rest = after.strip_prefix(']').unwrap_or(after);
            } else if let Some(item) = rest.strip_prefix('[') {
                let (item, after) = item.split_once(']').unwrap_or((item, ""));
                segments.push(match item.parse() {
                    Ok(index) => Segment::Item { index, name: None },
                    Err(_) => Segment::Name(item.to_owned()),
                });
                rest = after;
            } else if let Some(after) = rest.strip_prefix('.') {
                rest = after;
            } else {
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                segments.push(Segment::Key(rest[..end].to_owned()));
                rest = &rest[end..];
            }
        }
        FieldPath(segments)
    }

    /// This path, then the mapping key `key`.
    #[must_use]
    pub fn key(&self, key: impl Into<String>) -> Self {
        self.with(Segment::Key(key.into()))
    }

    /// This path, then the list item at `index`.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        self.with(Segment::Item { index, name: None })
    }

    /// This path, then the list item at `index` called `name` (an empty
    /// name falls back to the index).
    #[must_use]
    pub fn named(&self, index: usize, name: &str) -> Self {
        let name = (!name.is_empty()).then(|| name.to_owned());
        self.with(Segment::Item { index, name })
    }

    fn with(&self, segment: Segment) -> Self {
        let mut segments = Vec::with_capacity(self.0.len() + 1);
        segments.extend_from_slice(&self.0);
        segments.push(segment);
        FieldPath(segments)
    }

    /// This path followed by `segments`.
    #[must_use]
    pub fn join(&self, segments: &[Segment]) -> Self {
        let mut all = Vec::with_capacity(self.0.len() + segments.len());
        all.extend_from_slice(&self.0);
        all.extend_from_slice(segments);
        FieldPath(all)
    }

    /// The segments, root first.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// Whether this is the root (the whole document).
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// Where the field was written in `document`: the deepest part of the
    /// path that exists there (a missing field is reported at its parent).
    pub fn locate(&self, document: &Node) -> Option<Location> {
        let mut node = document;
        let mut found = node.location;
        for segment in &self.0 {
            let next = match (segment, &node.value) {
                (Segment::Key(key), NodeValue::Map(entries)) => {
                    match entries.iter().find(|(k, _)| &k.name == key) {
                        Some((k, v)) => {
                            // A value without a position of its own (an empty
                            // value) is found at its key.
                            found = k.location.or(found);
                            v
                        }
                        None => break,
                    }
                }
                (Segment::Item { index, .. }, NodeValue::Seq(items)) => match items.get(*index) {
                    Some(item) => item,
                    None => break,
                },
                (Segment::Name(name), NodeValue::Seq(items)) => {
                    match items.iter().find(|item| item.get("name").and_then(Node::as_str) == Some(name)) {
                        Some(item) => item,
                        None => break,
                    }
                }
                _ => break,
            };
            node = next;
            found = node.location.or(found);
        }
        found
    }
}

impl From<&str> for FieldPath {
    fn from(text: &str) -> Self {
        FieldPath::parse(text)
    }
}

impl From<String> for FieldPath {
    fn from(text: String) -> Self {
        FieldPath::parse(&text)
    }
}

/// The text of a quoted key up to its closing quote, and what follows.
fn unquote(text: &str) -> (String, &str) {
    let mut key = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (key, &text[i + 1..]),
            '\\' => key.extend(chars.next().map(|(_, c)| c)),
            c => key.push(c),
        }
    }
    (key, "")
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if !is_plain_key(key) => write!(f, "[{key:?}]")?,
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Item { name: Some(name), .. } | Segment::Name(name) => write!(f, "[{name}]")?,
                Segment::Item { index, name: None } => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_written_and_find_their_line() {
        let source = "spec:\n  templates:\n  - name: a\n  - name: main\n    dag:\n      tasks: []\n";
        let document = &crate::yaml::parse(source).unwrap()[0];
        let path = FieldPath::keys("spec.templates").named(1, "main").key("dag").key("tasks");
        assert_eq!(path.to_string(), "spec.templates[main].dag.tasks");
        assert_eq!(path.locate(document), Some(Location { line: 6, column: 14 }));
        // A field that is not there is reported at the nearest parent that is.
        let missing = FieldPath::keys("spec.templates").named(0, "a").key("container").key("image");
        assert_eq!(missing.locate(document), Some(Location { line: 3, column: 5 }));
        let steps = FieldPath::keys("spec.templates").named(1, "main").key("steps").index(0).named(2, "s");
        assert_eq!(steps.to_string(), "spec.templates[main].steps[0][s]");
        let by_name = FieldPath::parse("spec.templates[main].dag.tasks");
        assert_eq!(by_name.locate(document), Some(Location { line: 6, column: 14 }));
        // Keys that are not plain words are quoted, and read back whole.
        let label = FieldPath::keys("metadata.labels").key("app.kubernetes.io/name");
        assert_eq!(label.to_string(), r#"metadata.labels["app.kubernetes.io/name"]"#);
        assert_eq!(FieldPath::parse(&label.to_string()), label);
        let limits = r#"spec.templates[0].container.resources.limits["nvidia.com/gpu"]"#;
        assert_eq!(FieldPath::parse(limits).to_string(), limits);
    }
}
