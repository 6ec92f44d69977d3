//! Workflow-level fields Argo validates by parsing them: the pod GC label
//! selector and the executor plugins' sidecars.

use crate::lint::at::At;
use crate::lint::context::{ObjectCx, Sink};
use crate::lint::rule::declare_rule;
use crate::model::{ExecutorPlugin, LabelSelector};
use crate::syntax::names::{label_key, label_value};

declare_rule! {
    /// `label-selector`: podGC.labelSelector parses as a Kubernetes label selector: valid keys and values, operators In, NotIn, Exists, DoesNotExist, values only (and always) with In and NotIn.
    pub static LABEL_SELECTOR = {
        id: "label-selector",
        severity: Error,
        summary: "podGC.labelSelector parses as a Kubernetes label selector: valid label keys and values, operators In, NotIn, Exists and DoesNotExist, values with In and NotIn only (and at least one)",
        remediation: "write matchLabels as label key: value, and matchExpressions with key, an operator In, NotIn, Exists or DoesNotExist, and values for In and NotIn only",
    };
    /// `executor-plugin`: spec.executorPlugins: each plugin is named and its sidecar container has a port, resource requests and limits, and a security context.
    pub static EXECUTOR_PLUGIN = {
        id: "executor-plugin",
        severity: Error,
        summary: "spec.executorPlugins: each plugin is named, and its sidecar container has a port, resource requests and limits, and a security context",
        remediation: "give the plugin metadata.name, and its sidecar container ports, resources.requests, resources.limits and a securityContext",
    };
}

/// The operators `metav1.LabelSelectorAsSelector` accepts.
const OPERATORS: [&str; 4] = ["In", "NotIn", "Exists", "DoesNotExist"];

/// `podGC.labelSelector` and `executorPlugins`.
pub fn spec_fields(object: &ObjectCx<'_>, sink: &mut Sink) {
    let at = object.at();
    if let Some(selector) = object.spec.pod_gc.as_ref().and_then(|p| p.label_selector.as_ref()) {
        label_selector(selector, &at.key("podGC").key("labelSelector"), sink);
    }
    let plugins = at.key("executorPlugins");
    for (index, plugin) in object.spec.executor_plugins.iter().flatten().enumerate() {
        let name = plugin.metadata.name.as_deref().unwrap_or_default();
        executor_plugin(plugin, &plugins.named(index, name), sink);
    }
}

/// As `metav1.LabelSelectorAsSelector` (apimachinery), which
/// `validate.Workflow` calls through `PodGC.GetLabelSelector`: every
/// requirement must build (`labels.NewRequirement`).
fn label_selector(selector: &LabelSelector, path: &At<'_>, sink: &mut Sink) {
    let invalid = |sink: &mut Sink, at: &At<'_>, message: String| {
        sink.error(&LABEL_SELECTOR, at, format!("podGC.labelSelector invalid: {message}"));
    };
    let labels = path.key("matchLabels");
    for (key, value) in selector.match_labels.iter().flatten() {
        if let Err(message) = label_key(key).and_then(|()| label_value(value)) {
            invalid(sink, &labels.key(key), message);
        }
    }
    let expressions = path.key("matchExpressions");
    for (index, requirement) in selector.match_expressions.iter().flatten().enumerate() {
        let at = expressions.index(index);
        if let Err(message) = label_key(&requirement.key) {
            invalid(sink, &at.key("key"), message);
        }
        let values = requirement.values.as_deref().unwrap_or_default();
        let operator = requirement.operator.as_str();
        match operator {
            "In" | "NotIn" if values.is_empty() => {
                invalid(
                    sink,
                    &at.key("values"),
                    format!("for 'in', 'notin' operators, values set can't be empty (operator {operator})"),
                );
            }
            "Exists" | "DoesNotExist" if !values.is_empty() => {
                invalid(
                    sink,
                    &at.key("values"),
                    format!("values set must be empty for exists and does not exist (operator {operator})"),
                );
            }
            _ if !OPERATORS.contains(&operator) => invalid(
                sink,
                &at.key("operator"),
                format!(
                    "{operator:?} is not a valid label selector operator: use one of {}",
                    OPERATORS.join(", ")
                ),
            ),
            _ => {}
        }
        for (value_index, value) in values.iter().enumerate() {
            if let Err(message) = label_value(value) {
                invalid(sink, &at.key("values").index(value_index), message);
            }
        }
    }
}

/// As `WorkflowSpec.AsExecutorPluginSpec` and `Sidecar.Validate`
/// (`pkg/plugins/spec/plugin_types.go`), which `validateExecutorPlugins` calls.
fn executor_plugin(plugin: &ExecutorPlugin, path: &At<'_>, sink: &mut Sink) {
    if plugin.metadata.name.as_deref().is_none_or(str::is_empty) {
        sink.error(
            &EXECUTOR_PLUGIN,
            &path.key("metadata").key("name"),
            "executor plugin metadata name is mandatory",
        );
    }
    let container = &plugin.spec.sidecar.container;
    let at = path.key("spec").key("sidecar").key("container");
    let resources = container.resources.as_ref();
    let missing = [
        (container.ports.as_ref().is_none_or(Vec::is_empty), "ports", "at least one port is mandatory"),
        (
            resources.and_then(|r| r.requests.as_ref()).is_none(),
            "resources",
            "resources requests are mandatory",
        ),
        (resources.and_then(|r| r.limits.as_ref()).is_none(), "resources", "resources limits are mandatory"),
        (container.security_context.is_none(), "securityContext", "security context is mandatory"),
    ];
    // Argo stops at the first; each is reported here.
    for (_, field, message) in missing.into_iter().filter(|(absent, _, _)| *absent) {
        sink.error(&EXECUTOR_PLUGIN, &at.key(field), format!("spec.executorPlugins: {message}"));
    }
}
