//! Object names (Kubernetes' rules and Argo's length limits).

use crate::lint::context::Sink;
use crate::lint::rule::declare_rule;
use crate::model::Document;
use crate::path::FieldPath;
use crate::syntax::names;

declare_rule! {
    /// `object-name`: metadata.name (or generateName) is a DNS-1123 subdomain; Workflow and workflow template names at most 63 characters, CronWorkflow names at most 52.
    pub static OBJECT_NAME = {
        id: "object-name",
        severity: Error,
        summary: "metadata.name (or generateName) is a DNS-1123 subdomain; Workflow and workflow template names at most 63 characters, CronWorkflow names at most 52",
        remediation: "use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, and keep within the kind's length",
    };
    /// `label`: metadata.labels: keys are qualified names (prefix/name), values at most 63 alphanumerics, '-', '_' or '.'.
    pub static LABEL = {
        id: "label",
        severity: Error,
        summary: "metadata.labels: keys are qualified names (prefix/name), values at most 63 alphanumerics, '-', '_' or '.'",
        remediation: "write keys as an optional DNS prefix, '/', and a name of alphanumerics, '-', '_' and '.'; shorten values to 63 characters of the same",
    };
}

/// `metadata.name`, or for Workflows `metadata.generateName`.
pub fn object_name(document: &Document, sink: &mut Sink) {
    let Some(meta) = document.metadata() else { return };
    let kind = document.kind();
    let max = match kind {
        "CronWorkflow" => names::MAX_CRON_WORKFLOW_NAME,
        "WorkflowEventBinding" => names::MAX_OBJECT_NAME,
        _ => names::MAX_WORKFLOW_NAME,
    };
    let rule = &OBJECT_NAME;
    match (&meta.name, &meta.generate_name) {
        (Some(name), _) => sink.check(rule, &FieldPath::keys("metadata.name"), names::object_name(name, max)),
        (None, Some(prefix)) if kind == "Workflow" => {
            sink.check(rule, &FieldPath::keys("metadata.generateName"), names::generate_name(prefix))
        }
        (None, Some(_)) => sink.error(
            rule,
            &FieldPath::keys("metadata.name"),
            format!("a {kind} needs a name; generateName is only for Workflows"),
        ),
        (None, None) => sink.error(
            rule,
            &FieldPath::keys("metadata.name"),
            "metadata.name or metadata.generateName is required",
        ),
    }
}

/// `metadata.labels`: keys are qualified names (`prefix/name`), values label values.
pub fn labels(document: &Document, sink: &mut Sink) {
    let Some(meta) = document.metadata() else { return };
    for (key, value) in meta.labels.iter().flatten() {
        let path = FieldPath::keys("metadata.labels").key(key);
        sink.check(&LABEL, &path, names::label_key(key));
        sink.check(&LABEL, &path, names::label_value(value));
    }
}
