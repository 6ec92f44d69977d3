//! Argo's `AnyString`: the type of a parameter's `value`, `default`,
//! `enum` items and `description` (and of `valueFrom.default`).
//!
//! Argo's Go type reads a number or a boolean there as its text
//! (`pkg/apis/workflow/v1alpha1/anystring.go`, `AnyString.UnmarshalJSON`:
//! `strconv.FormatFloat(v, 'f', -1, 64)`, `strconv.FormatBool`), and any
//! other JSON value (a list, a mapping) as the empty string, so `argo lint`,
//! `argo submit` and the controller accept them. The full CRD types the
//! fields as `string`, so `kubectl apply` refuses the unquoted forms. This
//! module finds those values and rewrites them as Argo reads them, before
//! the typed decode; lint reports each as a warning and `fmt` writes the
//! quoted string.

use super::node::{Node, NodeValue};
use super::problem::Location;
use std::borrow::Cow;

/// A value at an `AnyString` position that is not a string.
#[derive(Clone, Debug, PartialEq)]
pub struct Lenient {
    /// Its field path, with list indices (`spec.arguments.parameters[0].value`).
    pub path: String,
    /// Where it was written.
    pub location: Option<Location>,
    /// What was written ("the number 1", "a list").
    pub found: String,
    /// The string Argo reads.
    pub read_as: String,
}

impl Lenient {
    /// The warning lint gives.
    pub fn message(&self) -> String {
        let reading = if self.read_as.is_empty() {
            "Argo reads it as the empty string (its AnyString keeps only numbers, booleans and strings)"
                .to_owned()
        } else {
            format!("Argo reads it as the string {:?}", self.read_as)
        };
        format!(
            "{} where Argo's schema asks for a string: {reading}, but `kubectl apply` against the full CRD \
             refuses it; quote the value",
            self.found
        )
    }
}

/// The non-string values at `AnyString` positions of an Argo document.
pub fn lenient_values(document: &Node) -> Vec<Lenient> {
    let mut out = Vec::new();
    walk(document, &mut String::new(), Place::Other, &mut out);
    out
}

/// `document` with every value of [`lenient_values`] replaced by the string
/// Argo reads; borrowed when there is none.
pub fn as_argo_reads(document: &Node) -> Cow<'_, Node> {
    let found = lenient_values(document);
    if found.is_empty() {
        return Cow::Borrowed(document);
    }
    let mut node = document.clone();
    rewrite(&mut node, Place::Other);
    Cow::Owned(node)
}

/// Where in the tree a node is, as far as `AnyString` goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Other,
    /// The value of `arguments`, `inputs` or `outputs`.
    Io,
    /// The list under `parameters` of one of those.
    Parameters,
    /// One parameter.
    Parameter,
    /// A parameter's `valueFrom`.
    ValueFrom,
    /// An `AnyString` value itself.
    Value,
    /// A parameter's `enum` list.
    Enum,
}

fn child(place: Place, key: &str) -> Place {
    match (place, key) {
        (Place::Io, "parameters") => Place::Parameters,
        (Place::Parameter, "value" | "default" | "description") => Place::Value,
        (Place::Parameter, "enum") => Place::Enum,
        (Place::Parameter, "valueFrom") => Place::ValueFrom,
        (Place::ValueFrom, "default") => Place::Value,
        (_, "arguments" | "inputs" | "outputs") => Place::Io,
        _ => Place::Other,
    }
}

impl Place {
    fn item(self) -> Place {
        match self {
            Place::Parameters => Place::Parameter,
            Place::Enum => Place::Value,
            _ => Place::Other,
        }
    }
}

/// The string Argo's `AnyString` reads from a non-string value.
fn read_as(value: &NodeValue) -> Option<String> {
    Some(match value {
        NodeValue::String(_) | NodeValue::Null => return None,
        NodeValue::Bool(b) => b.to_string(),
        // JSON numbers reach AnyString as float64; Rust's shortest
        // round-trip text without an exponent is Go's FormatFloat 'f', -1.
        NodeValue::Int(n) => format_float(*n as f64),
        NodeValue::UInt(n) => format_float(*n as f64),
        NodeValue::Float(f) if f.is_finite() => format_float(*f),
        // Not JSON at all: Kubernetes' YAML-to-JSON conversion fails.
        NodeValue::Float(_) => return None,
        NodeValue::Seq(_) | NodeValue::Map(_) => String::new(),
    })
}

fn format_float(f: f64) -> String {
    let text = f.to_string();
    if text == "-0" { "0".into() } else { text }
}

fn walk(node: &Node, path: &mut String, place: Place, out: &mut Vec<Lenient>) {
    if place == Place::Value {
        if let Some(read_as) = read_as(&node.value) {
            let found = node.value.describe();
            out.push(Lenient { path: path.clone(), location: node.location, found, read_as });
        }
        return;
    }
    let len = path.len();
    match &node.value {
        NodeValue::Map(entries) => {
            // A plugin's body is the plugin's own JSON, not Argo's model.
            for (key, value) in entries.iter().filter(|(key, _)| key.name != "plugin") {
                push_key(path, &key.name);
                walk(value, path, child(place, &key.name), out);
                path.truncate(len);
            }
        }
        NodeValue::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push_str(&format!("[{i}]"));
                walk(item, path, place.item(), out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

fn rewrite(node: &mut Node, place: Place) {
    if place == Place::Value {
        if let Some(text) = read_as(&node.value) {
            node.value = NodeValue::String(text);
        }
        return;
    }
    match &mut node.value {
        NodeValue::Map(entries) => {
            for (key, value) in entries.iter_mut().filter(|(key, _)| key.name != "plugin") {
                rewrite(value, child(place, &key.name));
            }
        }
        NodeValue::Seq(items) => items.iter_mut().for_each(|item| rewrite(item, place.item())),
        _ => {}
    }
}

fn push_key(path: &mut String, key: &str) {
    if crate::syntax::names::is_plain_key(key) {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push_str(&format!("[{key:?}]"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(text: &str) -> Node {
        super::super::parse(text).unwrap().remove(0)
    }

    #[test]
    fn numbers_booleans_and_lists_read_as_argo_reads_them() {
        let doc = node(
            "spec:\n  arguments:\n    parameters:\n    - {name: a, value: 1, enum: [1, 2.50, true, x]}\n\
             \x20   - {name: b, value: [], valueFrom: {default: 1e3}}\n  templates:\n  - name: t\n\
             \x20   inputs: {parameters: [{name: c, default: false, description: 0.1}]}\n\
             \x20   plugin: {p: {inputs: {parameters: [{value: 1}]}}}\n",
        );
        let found: Vec<(String, String)> =
            lenient_values(&doc).into_iter().map(|l| (l.path, l.read_as)).collect();
        let expected = [
            ("spec.arguments.parameters[0].value", "1"),
            ("spec.arguments.parameters[0].enum[0]", "1"),
            ("spec.arguments.parameters[0].enum[1]", "2.5"),
            ("spec.arguments.parameters[0].enum[2]", "true"),
            ("spec.arguments.parameters[1].value", ""),
            ("spec.arguments.parameters[1].valueFrom.default", "1000"),
            ("spec.templates[0].inputs.parameters[0].default", "false"),
            ("spec.templates[0].inputs.parameters[0].description", "0.1"),
        ];
        let expected: Vec<(String, String)> =
            expected.iter().map(|(p, v)| (p.to_string(), v.to_string())).collect();
        assert_eq!(found, expected);
        let rewritten = as_argo_reads(&doc);
        assert!(lenient_values(&rewritten).is_empty());
        let plugin = rewritten.get("spec").unwrap().get("templates").unwrap();
        assert!(format!("{plugin:?}").contains("UInt(1)"), "the plugin body is left alone");
    }

    #[test]
    fn strings_and_other_fields_are_left_alone() {
        let doc = node("spec:\n  parallelism: 1\n  arguments: {parameters: [{name: a, value: '1'}]}\n");
        assert!(lenient_values(&doc).is_empty());
        assert!(matches!(as_argo_reads(&doc), Cow::Borrowed(_)));
    }
}
