//! Linting YAML text: reading problems become findings too.

use super::{Finding, Input};
use crate::lint::rule::declare_rule;
use crate::model::Document;
use crate::path::FieldPath;
use crate::yaml::{self, Node};

declare_rule! {
    /// `yaml`: the document reads strictly, as with argo lint --strict: YAML syntax, no unknown fields or duplicate keys, values of the right type.
    pub static YAML = {
        id: "yaml",
        severity: Error,
        summary: "the document reads strictly, as with argo lint --strict: YAML syntax, no unknown fields or duplicate keys, values of the right type",
        remediation: "fix the YAML syntax, remove or rename unknown fields (the message suggests the closest), drop duplicate keys and give values the type Argo's schema asks for",
    };
    /// `unquoted-string`: a parameter's value, default, enum item or description is written as a string, not a number, boolean or list (Argo's AnyString reads those leniently, kubectl apply against the full CRD refuses them).
    pub static UNQUOTED_STRING = {
        id: "unquoted-string",
        severity: Warning,
        summary: "a parameter's value, default, enum item or description is a string, not a number, boolean or list: Argo reads those as strings (AnyString; a list or mapping as the empty string), but `kubectl apply` against the full CRD refuses them",
        remediation: "quote the value (`hera fmt` writes it quoted, as Argo reads it)",
    };
}

/// What linting some YAML sources found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Every finding, file by file.
    pub findings: Vec<Finding>,
    /// How many Argo objects were read (other kinds are not counted).
    pub objects: usize,
}

/// Reads each `(name, text)` source as strictly as `argo lint --strict`
/// and lints all their documents together. Problems reading a document
/// (YAML syntax, unknown fields, duplicate keys, wrong types) are findings
/// of the rule `yaml`; such a document is not linted further.
///
/// ```
/// let report = hera::lint::lint_sources(&[(
///     "wf.yaml",
///     "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: x}\nspec: {entrypoint: main}\n",
/// )]);
/// assert_eq!(report.findings[0].to_string(), "wf.yaml:4:20: Workflow x: spec.entrypoint: template name 'main' undefined");
/// ```
pub fn lint_sources(sources: &[(&str, &str)]) -> Report {
    lint_sources_with(sources, None)
}

/// Reads and lints the sources as [`lint_sources`] does, with the
/// controller's `workflowDefaults` merged in first ([`super::lint_with`]).
pub fn lint_sources_with(sources: &[(&str, &str)], defaults: Option<&super::WorkflowDefaults>) -> Report {
    let mut findings = Vec::new();
    let mut files = Vec::new();
    for (name, text) in sources {
        files.push((*name, read(name, text, &mut findings)));
    }
    let inputs: Vec<Input<'_>> = files
        .iter()
        .flat_map(|(name, documents)| {
            documents.iter().map(|(node, document)| Input { document, file: Some(name), node: Some(node) })
        })
        .collect();
    let objects = inputs.iter().filter(|i| !matches!(i.document, Document::Other(_))).count();
    findings.extend(super::lint_with(&inputs, defaults));
    // File by file in the order given, each in source order.
    let position =
        |file: &Option<String>| sources.iter().position(|(name, _)| Some(*name) == file.as_deref());
    findings.sort_by_key(|f| (position(&f.file), f.location));
    Report { findings, objects }
}

fn read(name: &str, text: &str, findings: &mut Vec<Finding>) -> Vec<(Node, Document)> {
    let nodes = match yaml::parse(text) {
        Ok(nodes) => nodes,
        Err(error) => {
            findings.extend(error.problems().iter().map(|p| reading_finding(p, name)));
            return Vec::new();
        }
    };
    let mut documents = Vec::new();
    for node in nodes {
        match Document::from_node(&node) {
            Ok(document) => {
                if !matches!(document, Document::Other(_)) {
                    let (kind, object) = identify(&node);
                    for lenient in yaml::any_string::lenient_values(&node) {
                        let mut finding = Finding::new(
                            &UNQUOTED_STRING,
                            FieldPath::parse(&lenient.path),
                            lenient.message(),
                        );
                        finding.file = Some(name.to_owned());
                        finding.location = lenient.location;
                        findings.push(finding.in_object(&kind, &object));
                    }
                }
                documents.push((node, document))
            }
            Err(error) => {
                let (kind, object) = identify(&node);
                findings.extend(
                    error.problems().iter().map(|p| reading_finding(p, name).in_object(&kind, &object)),
                );
            }
        }
    }
    documents
}

/// The kind and name of a document that did not decode, for messages.
fn identify(node: &Node) -> (String, String) {
    let kind = node.get("kind").and_then(Node::as_str).unwrap_or("document").to_owned();
    let metadata = node.get("metadata");
    let name = metadata
        .and_then(|m| m.get("name").or_else(|| m.get("generateName")))
        .and_then(Node::as_str)
        .unwrap_or("(unnamed)");
    (kind, name.to_owned())
}

fn reading_finding(problem: &yaml::Problem, file: &str) -> Finding {
    let mut finding = Finding::new(&YAML, FieldPath::parse(&problem.path), problem.message.clone());
    finding.file = Some(file.to_owned());
    finding.location = problem.location;
    finding
}
