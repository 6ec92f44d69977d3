//! What a template is and which fields fit it: one body kind, an image,
//! fields only leaf (or only steps/dag) templates take, retry policies,
//! pod resources, metrics and the CRD's size limits.

use crate::lint::at::At;
use crate::lint::context::{ObjectCx, Sink, TemplateCx, TemplateKind};
use crate::lint::rule::declare_rule;
use crate::model::{IntOrString, Metrics, ResourceRequirements, RetryStrategy};
use crate::syntax::duration;

declare_rule! {
    /// `template-type`: a template has exactly one of container, containerSet, steps, script, resource, dag, suspend, data, http, plugin.
    pub static TEMPLATE_TYPE = {
        id: "template-type",
        severity: Error,
        summary: "a template has exactly one of container, containerSet, steps, script, resource, dag, suspend, data, http, plugin",
        remediation: "keep exactly one body (container, script, steps, dag, ...) per template; split the others into templates of their own",
    };
    /// `image`: container and script templates have an image (unless templateDefaults gives one).
    pub static IMAGE = {
        id: "image",
        severity: Error,
        summary: "container and script templates have an image (unless templateDefaults gives one)",
        remediation: "set container.image or script.image, or spec.templateDefaults with an image",
    };
    /// `leaf-field`: activeDeadlineSeconds only on leaf templates and a positive number; parallelism only on steps and dag; timeout and pendingTimeout not on steps, dag or suspend.
    pub static LEAF_FIELD = {
        id: "leaf-field",
        severity: Error,
        summary: "activeDeadlineSeconds only on leaf templates and a positive number; parallelism only on steps and dag; timeout and pendingTimeout not on steps, dag or suspend",
        remediation: "move activeDeadlineSeconds to a leaf template (with a positive number), parallelism to a steps or dag template, timeout off steps, dag and suspend",
    };
    /// `duration`: timeout, pendingTimeout and similar durations parse as Go durations (10s, 1h30m).
    pub static DURATION = {
        id: "duration",
        severity: Error,
        summary: "timeout, pendingTimeout and similar durations parse as Go durations (10s, 1h30m)",
        remediation: "write a Go duration: a number and a unit, e.g. 30s, 10m, 1h30m",
    };
    /// `retry-policy`: retryStrategy.retryPolicy is Always, OnFailure, OnError or OnTransientError.
    pub static RETRY_POLICY = {
        id: "retry-policy",
        severity: Error,
        summary: "retryStrategy.retryPolicy is Always, OnFailure, OnError or OnTransientError",
        remediation: "use Always, OnFailure, OnError or OnTransientError",
    };
    /// `pod-resources`: podResources only cpu, memory and hugepages-*, without claims, and only on templates that run a pod; resourceClaims likewise.
    pub static POD_RESOURCES = {
        id: "pod-resources",
        severity: Error,
        summary: "podResources only cpu, memory and hugepages-*, without claims, and only on templates that run a pod; resourceClaims likewise",
        remediation: "keep cpu, memory and hugepages-* without claims, and set them only on templates that run a pod",
    };
    /// `metric`: Prometheus metric names and label keys use [a-zA-Z_][a-zA-Z0-9_]*; help is set; counter, gauge and histogram have a value, and a real-time gauge does not read resourcesDuration.
    pub static METRIC = {
        id: "metric",
        severity: Error,
        summary: "Prometheus metric names and label keys use [a-zA-Z_][a-zA-Z0-9_]*; help is set; counter, gauge and histogram have a value, and a real-time gauge does not read resourcesDuration",
        remediation: "use [a-zA-Z_][a-zA-Z0-9_]* for metric names and label keys, set help, give each metric a value, and keep resourcesDuration out of real-time gauges",
    };
    /// `crd-limit`: the CRD's limits: at most 200 templates, 1 to 200 DAG tasks, at most 500 input parameters, at most 100 metrics, steps not empty.
    pub static CRD_LIMIT = {
        id: "crd-limit",
        severity: Error,
        summary: "the CRD's limits: at most 200 templates, 1 to 200 DAG tasks, at most 500 input parameters, at most 100 metrics, steps not empty",
        remediation: "split the object (at most 200 templates, 200 DAG tasks, 500 input parameters, 100 metrics) and give steps at least one group",
    };
    /// `enum`: fields with a fixed set of values (podGC.strategy, mergeStrategy, concurrencyPolicy, artifactGC.strategy).
    pub static ENUM = {
        id: "enum",
        severity: Error,
        summary: "fields with a fixed set of values (podGC.strategy, mergeStrategy, concurrencyPolicy, artifactGC.strategy)",
        remediation: "use one of the values the message lists",
    };
}

const KINDS: &str = "container, containerSet, steps, script, resource, dag, suspend, data, http, plugin";
const RETRY_POLICIES: [&str; 4] = ["Always", "OnFailure", "OnError", "OnTransientError"];
const POD_GC_STRATEGIES: [&str; 4] =
    ["OnPodCompletion", "OnPodSuccess", "OnWorkflowCompletion", "OnWorkflowSuccess"];
/// The CRD's caps.
const MAX_TEMPLATES: usize = 200;
const MAX_DAG_TASKS: usize = 200;
const MAX_INPUT_PARAMETERS: usize = 500;
const MAX_METRICS: usize = 100;

/// Exactly one body kind.
pub fn kind(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    let kinds = TemplateKind::all_of(t.template);
    match kinds.as_slice() {
        [_] => {}
        [] => {
            sink.error(&TEMPLATE_TYPE, &t.path, format!("template type unspecified. choose one of: {KINDS}"))
        }
        several => {
            let set: Vec<&str> = several.iter().map(|k| k.field()).collect();
            sink.error(
                &TEMPLATE_TYPE,
                &t.path,
                format!("multiple template types specified ({}). choose one of: {KINDS}", set.join(", ")),
            );
        }
    }
}

/// Container and script templates (and containerSet containers) name an
/// image, unless `templateDefaults` does.
pub fn image(object: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    let defaults = object.spec.template_defaults.as_ref();
    let empty = |image: Option<&String>| image.is_none_or(|i| i.trim().is_empty());
    if let Some(container) = &t.template.container
        && empty(container.image.as_ref())
        && empty(defaults.and_then(|d| d.container.as_ref()).and_then(|c| c.image.as_ref()))
    {
        sink.error(&IMAGE, &t.at().key("container").key("image"), "container.image may not be empty");
    }
    if let Some(script) = &t.template.script
        && empty(script.image.as_ref())
        && empty(defaults.and_then(|d| d.script.as_ref()).and_then(|c| c.image.as_ref()))
    {
        sink.error(&IMAGE, &t.at().key("script").key("image"), "script.image may not be empty");
    }
    for (index, node) in t.template.container_set.iter().flat_map(|s| &s.containers).enumerate() {
        if empty(node.image.as_ref()) {
            let path = t.at().key("containerSet").key("containers").named(index, &node.name).key("image");
            sink.error(&IMAGE, &path, format!("container '{}' has no image", node.name));
        }
    }
}

/// Fields only some kinds take: activeDeadlineSeconds (not steps/dag),
/// parallelism (only steps/dag), timeout and pendingTimeout (not
/// steps/dag/suspend), and their values.
pub fn leaf_fields(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    let Some(kind) = t.kind() else { return };
    let template = t.template;
    let calls_others = matches!(kind, TemplateKind::Steps | TemplateKind::Dag);
    if let Some(deadline) = &template.active_deadline_seconds {
        let path = t.at().key("activeDeadlineSeconds");
        if calls_others {
            sink.error(&LEAF_FIELD, &path, "activeDeadlineSeconds is only valid for leaf templates");
        } else if !valid_deadline(deadline) {
            sink.error(
                &LEAF_FIELD,
                &path,
                format!(
                    "activeDeadlineSeconds must be a positive integer > 0 or an argo variable, not {deadline}"
                ),
            );
        }
    }
    if let Some(parallelism) = template.parallelism {
        let path = t.at().key("parallelism");
        if !calls_others {
            sink.error(&LEAF_FIELD, &path, "parallelism is only valid for steps and dag templates");
        } else if parallelism < 1 {
            sink.error(&LEAF_FIELD, &path, format!("parallelism must be at least 1, not {parallelism}"));
        }
    }
    let kind_name = match kind {
        TemplateKind::Steps => Some("Steps"),
        TemplateKind::Dag => Some("DAG"),
        TemplateKind::Suspend => Some("Suspend"),
        _ => None,
    };
    for (field, value) in [("timeout", &template.timeout), ("pendingTimeout", &template.pending_timeout)] {
        let Some(value) = value else { continue };
        let path = t.at().key(field);
        if let Some(kind_name) = kind_name {
            sink.error(&LEAF_FIELD, &path, format!("{kind_name} template doesn't support {field} field"));
        } else {
            check_duration(value, field, &path, sink);
        }
    }
    if let Some(duration) = template.suspend.as_ref().and_then(|s| s.duration.as_ref()) {
        // Argo also takes a bare number of seconds here.
        if duration.parse::<i64>().is_err() {
            check_duration(duration, "suspend.duration", &t.at().key("suspend").key("duration"), sink);
        }
    }
}

fn check_duration(value: &str, field: &str, path: &At<'_>, sink: &mut Sink) {
    if !value.contains("{{")
        && let Err(message) = duration::parse(value)
    {
        sink.error(&DURATION, path, format!("{field} has invalid duration format: {message}"));
    }
}

fn valid_deadline(value: &IntOrString) -> bool {
    match value {
        IntOrString::Int(n) => *n >= 0,
        IntOrString::String(s) => s.contains("{{") || s.parse::<i64>().is_ok_and(|n| n >= 0),
    }
}

/// `retryStrategy.retryPolicy` of the template.
pub fn retry(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    retry_strategy(t.template.retry_strategy.as_ref(), &t.at().key("retryStrategy"), sink);
}

fn retry_strategy(strategy: Option<&RetryStrategy>, path: &At<'_>, sink: &mut Sink) {
    let Some(policy) = strategy.and_then(|s| s.retry_policy.as_deref()) else { return };
    if !policy.is_empty() && !RETRY_POLICIES.contains(&policy) {
        sink.error(
            &RETRY_POLICY,
            &path.key("retryPolicy"),
            format!("{policy} is not a valid RetryPolicy: use one of {}", RETRY_POLICIES.join(", ")),
        );
    }
}

/// `podResources` and `resourceClaims`: only where a pod runs, only cpu,
/// memory and hugepages-*.
pub fn pod_resources(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    let Some(kind) = t.kind() else { return };
    if let Some(resources) = &t.template.pod_resources {
        let path = t.at().key("podResources");
        if matches!(kind, TemplateKind::Http | TemplateKind::Plugin) {
            sink.error(
                &POD_RESOURCES,
                &path,
                format!("podResources is not supported for {} templates", kind.field()),
            );
        }
        pod_level_resources(resources, &path, sink);
    }
    if t.template.resource_claims.is_some() && !kind.has_pod() {
        sink.error(
            &POD_RESOURCES,
            &t.at().key("resourceClaims"),
            format!(
                "resourceClaims is not supported for {} templates, which do not create a pod",
                kind.field()
            ),
        );
    }
}

fn pod_level_resources(resources: &ResourceRequirements, path: &At<'_>, sink: &mut Sink) {
    for (field, map) in [("requests", &resources.requests), ("limits", &resources.limits)] {
        for name in map.iter().flat_map(|m| m.keys()) {
            if name != "cpu" && name != "memory" && !name.starts_with("hugepages-") {
                sink.error(
                    &POD_RESOURCES,
                    &path.key(field).key(name),
                    format!("'{name}' is not a valid pod-level resource, only cpu, memory and hugepages-* are supported"),
                );
            }
        }
    }
    if resources.claims.is_some() {
        sink.error(&POD_RESOURCES, &path.key("claims"), "claims are not supported in podResources");
    }
}

/// The template's Prometheus metrics.
pub fn metrics(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    if let Some(metrics) = &t.template.metrics {
        check_metrics(metrics, &t.at().key("metrics"), sink);
    }
}

fn check_metrics(metrics: &Metrics, path: &At<'_>, sink: &mut Sink) {
    let path = path.key("prometheus");
    if metrics.prometheus.len() > MAX_METRICS {
        sink.error(
            &CRD_LIMIT,
            &path,
            format!("{} metrics: the CRD allows at most {MAX_METRICS}", metrics.prometheus.len()),
        );
    }
    for (index, metric) in metrics.prometheus.iter().enumerate() {
        let item = path.named(index, &metric.name);
        if !is_metric_name(&metric.name) {
            sink.error(
                &METRIC,
                &item.key("name"),
                format!(
                    "metric name '{}' is invalid. Metric names must contain alphanumeric characters or '_'",
                    metric.name
                ),
            );
        }
        if metric.help.trim().is_empty() {
            sink.error(
                &METRIC,
                &item.key("help"),
                format!("metric '{}' must contain a help string under 'help: ' field", metric.name),
            );
        }
        for (label_index, label) in metric.labels.iter().flatten().enumerate() {
            if !is_metric_name(&label.key) {
                sink.error(
                    &METRIC,
                    &item.key("labels").index(label_index).key("key"),
                    format!("metric label '{}' is invalid: label keys use [a-zA-Z_][a-zA-Z0-9_]*", label.key),
                );
            }
        }
        // workflow/metrics/util.go ValidateMetricValues.
        let values = [
            (metric.counter.as_ref().map(|c| c.value.as_str()), "counter"),
            (metric.gauge.as_ref().map(|g| g.value.as_str()), "gauge"),
            (metric.histogram.as_ref().map(|h| h.value.as_str()), "histogram"),
        ];
        for (value, field) in values {
            if value == Some("") {
                sink.error(
                    &METRIC,
                    &item.key(field).key("value"),
                    format!("metric '{}' error: missing {field}.value", metric.name),
                );
            }
        }
        if let Some(gauge) = &metric.gauge
            && gauge.realtime
            && gauge.value.contains("resourcesDuration.")
        {
            sink.error(
                &METRIC,
                &item.key("gauge").key("value"),
                format!(
                    "metric '{}' error: 'resourcesDuration.*' metrics cannot be used in real-time",
                    metric.name
                ),
            );
        }
    }
}

fn is_metric_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The CRD's caps on one template: 1 to 200 DAG tasks, at most 500 input
/// parameters, steps not empty.
pub fn crd_limits(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    if let Some(dag) = &t.template.dag {
        let path = t.at().key("dag").key("tasks");
        match dag.tasks.len() {
            0 => sink.error(&CRD_LIMIT, &path, "a dag template must have at least one task"),
            n if n > MAX_DAG_TASKS => sink.error(
                &CRD_LIMIT,
                &path,
                format!("{n} tasks: Argo's CRD allows at most {MAX_DAG_TASKS} tasks in a DAG, so the API server will refuse it"),
            ),
            _ => {}
        }
    }
    if let Some(steps) = &t.template.steps
        && steps.is_empty()
    {
        sink.error(
            &CRD_LIMIT,
            &t.at().key("steps"),
            "a steps template must have at least one group of steps",
        );
    }
    let inputs = t.template.inputs.as_ref().and_then(|i| i.parameters.as_ref()).map_or(0, Vec::len);
    if inputs > MAX_INPUT_PARAMETERS {
        sink.error(
            &CRD_LIMIT,
            &t.at().key("inputs").key("parameters"),
            format!("{inputs} input parameters: the CRD allows at most {MAX_INPUT_PARAMETERS}"),
        );
    }
}

/// Workflow-level fields: template count, podGC, retry policy, metrics,
/// pod resources.
pub fn workflow_level(object: &ObjectCx<'_>, sink: &mut Sink) {
    let spec = object.spec;
    let count = spec.templates.as_ref().map_or(0, Vec::len);
    if count > MAX_TEMPLATES {
        sink.error(
            &CRD_LIMIT,
            &object.templates_path(),
            format!("{count} templates: Argo's CRD allows at most {MAX_TEMPLATES}, so the API server will refuse it"),
        );
    }
    if let Some(strategy) = spec.pod_gc.as_ref().and_then(|p| p.strategy.as_deref())
        && !strategy.is_empty()
        && !POD_GC_STRATEGIES.contains(&strategy)
    {
        sink.error(
            &ENUM,
            &object.at().key("podGC").key("strategy"),
            format!(
                "podGC.strategy unknown strategy '{strategy}': use one of {}",
                POD_GC_STRATEGIES.join(", ")
            ),
        );
    }
    retry_strategy(spec.retry_strategy.as_ref(), &object.at().key("retryStrategy"), sink);
    if let Some(metrics) = &spec.metrics {
        check_metrics(metrics, &object.at().key("metrics"), sink);
    }
    if let Some(resources) = &spec.pod_resources {
        pod_level_resources(resources, &object.at().key("podResources"), sink);
    }
}
