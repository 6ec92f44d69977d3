//! Object names (Kubernetes' rules and Argo's length limits).

use crate::lint::context::Sink;
use crate::lint::rule::declare_rule;
use crate::model::Document;
use crate::path::FieldPath;
use crate::syntax::names;

declare_rule! {
    /// `object-name`: metadata.name (or generateName) is a DNS-1123 subdomain; Workflow and workflow template names at most 63 characters, CronWorkflow names at most 52; a warning for a generated name on a kind other than Workflow.
    pub static OBJECT_NAME = {
        id: "object-name",
        severity: Error,
        summary: "metadata.name (or generateName) is a DNS-1123 subdomain; Workflow and workflow template names at most 63 characters, CronWorkflow names at most 52 (Argo, validate.go); a name or generateName is required (the API server); a warning for generateName on a kind other than Workflow, which `kubectl apply` refuses",
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
        // The API server generates a name for any kind (`kubectl create`,
        // `argo template create` and `argo cron create` send generateName).
        (None, Some(prefix)) => {
            let path = FieldPath::keys("metadata.generateName");
            sink.check(rule, &path, names::generate_name(prefix));
            if kind != "Workflow" {
                sink.warning(
                    rule,
                    &path,
                    format!(
                        "a {kind} with a generated name cannot be referred to by name, and `kubectl apply` \
                         refuses generateName (kubectl create accepts it); give it a metadata.name"
                    ),
                );
            }
        }
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
