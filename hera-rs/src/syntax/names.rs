//! Naming rules, with Argo's (and Kubernetes') limits.
//!
//! Each function returns `Err(message)` naming the offending value; the
//! caller adds where it was found. The rules live in the `hera-rs-names`
//! crate, so the `#[script]` macro checks names at compile time with the
//! very rules lint applies.

pub use hera_rs_names::{
    GENERATED_SUFFIX, MAX_CRON_WORKFLOW_NAME, MAX_FIELD_NAME, MAX_LABEL_VALUE, MAX_OBJECT_NAME,
    MAX_WORKFLOW_NAME, generate_name, label_key, label_value, node_name, object_name, parameter_name,
    pod_template_name, template_name,
};

/// Whether a field path ([`crate::path`]) may write `key` bare (`a.b`); other
/// keys are quoted (`labels["app.kubernetes.io/name"]`) so a path reads back
/// unambiguously.
pub(crate) fn is_plain_key(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}
