//! Semantic differences between Argo objects: what changed, field by field,
//! ignoring formatting, key order and the order of lists whose order Argo
//! does not use.
//!
//! Objects are matched by kind, namespace and name (`generateName` when they
//! have no name), wherever they are in the input. Inside an object, values
//! are compared as data (`"1"` and `1` differ; `1` and `1.0` do not), and
//! lists are matched like this:
//!
//! * a list whose items all are maps with a `name`, unique on both sides
//!   (templates, DAG tasks, parameters, artifacts, volumes, ...), is matched
//!   by name: a pure reorder is no change, since Argo looks these up by name.
//!   Two such lists do have a meaningful order — `env` (a `$(VAR)` reference
//!   sees only the variables before it) and `initContainers` (run one after
//!   the other) — and there an item that changed place is reported
//!   [`ChangeKind::Moved`];
//! * a template's `steps` are matched by step name across its groups: the
//!   order of the groups is the order of execution, so a step that changed
//!   group is [`ChangeKind::Moved`], while the order inside a group (which
//!   runs in parallel) is not a change;
//! * any other list is compared index by index.
//!
//! ```
//! use hera::diff::{ChangeKind, diff_documents};
//! let read = |image: &str| {
//!     hera::yaml::documents(&format!(
//!         "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {{name: my-wt}}\n\
//!          spec:\n  templates:\n  - name: main\n    container: {{image: {image}}}\n"
//!     ))
//!     .unwrap()
//!     .remove(0)
//! };
//! let changes = diff_documents(&read("busybox"), &read("alpine"));
//! assert_eq!(changes.len(), 1);
//! assert_eq!(changes[0].path.to_string(), "spec.templates[main].container.image");
//! assert!(matches!(changes[0].kind, ChangeKind::Changed { .. }));
//! assert_eq!(changes[0].to_string(), "spec.templates[main].container.image: busybox → alpine");
//! ```

mod compare;
mod display;
mod text;

use crate::model::{Document, Value};
use crate::path::FieldPath;

/// One difference inside an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Where: `spec.templates[main].container.image`.
    pub path: FieldPath,
    /// What.
    pub kind: ChangeKind,
}

/// What happened at a [`Change`]'s path, from the first side to the second.
#[derive(Clone, Debug, PartialEq)]
pub enum ChangeKind {
    /// The value is different (scalars, or values of different types).
    Changed {
        /// The value on the first side.
        from: Value,
        /// The value on the second side.
        to: Value,
    },
    /// Only the second side has the field or list item.
    Added(Value),
    /// Only the first side has the field or list item.
    Removed(Value),
    /// A list item whose place matters is elsewhere: for a step, `from` and
    /// `to` are its step groups; otherwise its positions in the list.
    Moved {
        /// Group or position on the first side.
        from: usize,
        /// Group or position on the second side.
        to: usize,
    },
}

/// How an object is told apart from the others: kind, namespace and name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectKey {
    /// `kind`, e.g. `WorkflowTemplate`.
    pub kind: String,
    /// `metadata.namespace`, when set.
    pub namespace: Option<String>,
    /// `metadata.name`, or else `metadata.generateName` (empty if neither).
    pub name: String,
}

/// How one object differs between the two sides.
#[derive(Clone, Debug, PartialEq)]
pub enum ObjectDiff {
    /// Only the second side has it.
    Added(ObjectKey),
    /// Only the first side has it.
    Removed(ObjectKey),
    /// Both sides have it, with these changes (never empty).
    Changed(ObjectKey, Vec<Change>),
}

/// The differences between two sets of objects, matched by [`ObjectKey`]:
/// changed and removed objects in the order of `a`, then added ones in the
/// order of `b`. Equal objects are left out, so equal sets give nothing.
/// Objects with the same key on one side are matched in order.
pub fn diff(a: &[Document], b: &[Document]) -> Vec<ObjectDiff> {
    diff_with(a, b, Matching::default())
}

/// [`diff`] matching objects by kind and name only: a different namespace
/// is a change of `metadata.namespace`. For comparing the variants of one
/// release in two environments (`hera diff --ignore-namespace`).
pub fn diff_across_namespaces(a: &[Document], b: &[Document]) -> Vec<ObjectDiff> {
    diff_with(a, b, Matching { ignore_namespace: true, ..Matching::default() })
}

/// How objects of the two sides are paired.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Matching {
    /// Pair objects by kind and name only: a different namespace is a change
    /// of `metadata.namespace` (two environments of one release).
    pub ignore_namespace: bool,
    /// Pair `my-wt-v0.1.0` with `my-wt-v0.2.0`: a name ending in
    /// `-v<semantic version>` (what `versioned(..)` writes) is matched
    /// without it, so two releases of one template are compared field by
    /// field; the name and the version label show as changes.
    pub ignore_version: bool,
}

impl Matching {
    /// Pair objects across namespaces.
    #[must_use]
    pub fn ignore_namespace(mut self) -> Self {
        self.ignore_namespace = true;
        self
    }

    /// Pair the releases of one versioned object.
    #[must_use]
    pub fn ignore_version(mut self) -> Self {
        self.ignore_version = true;
        self
    }
}

/// The name without a trailing `-v<semantic version>`.
fn unversioned(name: &str) -> &str {
    match name.rfind("-v") {
        Some(at) if semver::Version::parse(&name[at + 2..]).is_ok() => &name[..at],
        _ => name,
    }
}

/// [`diff`] with objects paired as `matching` says.
///
/// ```
/// use hera::diff::{Matching, ObjectDiff, diff_with};
/// let release = |version: &str, image: &str| {
///     hera::yaml::documents(&format!(
///         "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {{name: my-wt-v{version}}}\n\
///          spec:\n  templates:\n  - name: main\n    container: {{image: {image}}}\n"
///     ))
///     .unwrap()
/// };
/// let (old, new) = (release("0.1.0", "busybox"), release("0.2.0", "alpine"));
/// let ObjectDiff::Changed(_, changes) = &diff_with(&old, &new, Matching::default().ignore_version())[0] else {
///     panic!("the two releases are paired")
/// };
/// let lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
/// assert_eq!(lines, ["metadata.name: my-wt-v0.1.0 → my-wt-v0.2.0", "spec.templates[main].container.image: busybox → alpine"]);
/// ```
pub fn diff_with(a: &[Document], b: &[Document], matching: Matching) -> Vec<ObjectDiff> {
    let key = |document: &Document| {
        let (mut key, value) = keyed(document);
        if matching.ignore_namespace {
            key.namespace = None;
        }
        if matching.ignore_version {
            key.name = unversioned(&key.name).to_owned();
        }
        (key, value)
    };
    let a: Vec<(ObjectKey, Value)> = a.iter().map(key).collect();
    let b: Vec<(ObjectKey, Value)> = b.iter().map(key).collect();
    let mut matched_b = vec![false; b.len()];
    let mut out = Vec::new();
    for (key, value) in &a {
        let partner = (0..b.len()).find(|&j| !matched_b[j] && b[j].0 == *key);
        match partner {
            Some(j) => {
                matched_b[j] = true;
                let changes = diff_values(value, &b[j].1);
                if !changes.is_empty() {
                    out.push(ObjectDiff::Changed(key.clone(), changes));
                }
            }
            None => out.push(ObjectDiff::Removed(key.clone())),
        }
    }
    for ((key, _), matched) in b.iter().zip(matched_b) {
        if !matched {
            out.push(ObjectDiff::Added(key.clone()));
        }
    }
    out
}

/// The changes from `a` to `b`, compared as data, whatever their kinds.
pub fn diff_documents(a: &Document, b: &Document) -> Vec<Change> {
    diff_values(&as_value(a), &as_value(b))
}

/// The changes from `a` to `b`, any two values (the rules of the module
/// documentation apply at any depth).
pub fn diff_values(a: &Value, b: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    compare::compare(a, b, &FieldPath::root(), &mut out);
    out
}

fn as_value(document: &Document) -> Value {
    // The model serialises to JSON without fail: maps have string keys and
    // numbers are finite. Null stands in should that ever change.
    serde_json::to_value(document).unwrap_or(Value::Null)
}

fn keyed(document: &Document) -> (ObjectKey, Value) {
    let value = as_value(document);
    let meta = value.get("metadata");
    let text = |field: &str| meta.and_then(|m| m.get(field)).and_then(Value::as_str).map(str::to_owned);
    let key = ObjectKey {
        kind: document.kind().to_owned(),
        namespace: text("namespace"),
        name: text("name").or_else(|| text("generateName")).unwrap_or_default(),
    };
    (key, value)
}

#[cfg(test)]
mod tests;
