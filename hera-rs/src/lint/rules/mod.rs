//! The rules, one small module per concern. Each check is a function over
//! an object ([`ObjectCheck`]) or one of its templates ([`TemplateCheck`]);
//! the tables below are the whole list, and [`RULES`] documents every
//! identifier a finding can carry.

mod arguments;
mod artifacts;
mod containers;
mod cron;
mod dag;
mod field_names;
mod loops;
mod metadata;
mod outputs;
mod references;
mod resource;
mod template_body;
mod variables;

use super::context::{ObjectCx, Sink, TemplateCx};
use crate::model::Document;

/// A check of a whole object.
pub type ObjectCheck = fn(&ObjectCx<'_>, &mut Sink);
/// A check of one template of an object.
pub type TemplateCheck = fn(&ObjectCx<'_>, &TemplateCx<'_>, &mut Sink);

/// Checks of documents of any kind (names).
pub const DOCUMENT_CHECKS: &[fn(&Document, &mut Sink)] = &[metadata::object_name, metadata::labels];

/// Checks of whole objects.
pub const OBJECT_CHECKS: &[ObjectCheck] = &[
    field_names::templates,
    field_names::workflow_arguments,
    references::entrypoint,
    references::workflow_template_ref,
    references::workflow_hooks,
    arguments::workflow_arguments,
    artifacts::workflow_artifacts,
    arguments::entrypoint_inputs,
    template_body::workflow_level,
    cron::cron_workflow,
    variables::variables,
];

/// Checks of each template.
pub const TEMPLATE_CHECKS: &[TemplateCheck] = &[
    field_names::template,
    template_body::kind,
    template_body::image,
    template_body::leaf_fields,
    template_body::retry,
    template_body::pod_resources,
    template_body::metrics,
    template_body::crd_limits,
    containers::mounts,
    containers::container_names,
    containers::container_set,
    containers::quantities,
    resource::resource,
    arguments::inputs,
    outputs::outputs,
    references::calls,
    arguments::calls,
    loops::loops,
    artifacts::artifacts,
    dag::dag,
];

/// A rule: its identifier (as in [`crate::lint::Finding::rule`]) and what it checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The identifier findings carry.
    pub id: &'static str,
    /// What it checks.
    pub summary: &'static str,
}

macro_rules! rules {
    ($($id:literal => $summary:literal,)*) => {
        /// Every rule, with what it checks.
        pub const RULES: &[Rule] = &[$(Rule { id: $id, summary: $summary }),*];
    };
}

rules! {
    "yaml" => "the document reads strictly, as with argo lint --strict: YAML syntax, no unknown fields or duplicate keys, values of the right type",
    "object-name" => "metadata.name (or generateName) is a DNS-1123 subdomain; Workflow and workflow template names at most 63 characters, CronWorkflow names at most 52",
    "label" => "metadata.labels: keys are qualified names (prefix/name), values at most 63 alphanumerics, '-', '_' or '.'",
    "artifact" => "an artifact sets at most one storage location (s3, gcs, http, git, raw, ...)",
    "template-name" => "template names: Argo's pattern, lower case (they become pod names), at most 128, unique",
    "step-name" => "step names: Argo's pattern after {{...}} placeholders, at most 128, unique across all groups",
    "task-name" => "DAG task names: Argo's pattern, at most 128, unique",
    "container-name" => "containerSet container names: Argo's pattern, unique; sidecar and containerSet names not reserved (wait, supervisor, artifact-plugin-*); init containers named",
    "parameter-name" => "parameter and artifact names (and globalName): ^[-a-zA-Z0-9_]+$, unique in their list",
    "entrypoint" => "Workflows and CronWorkflows name an entrypoint, and it exists",
    "template-undefined" => "every template a step, task, hook, onExit or entrypoint names exists",
    "template-ref" => "templateRef: names a template and a workflow template, not also `template`; the target exists among the linted files (a warning when the workflow template is not linted)",
    "workflow-template-ref" => "workflowTemplateRef: no inline templates beside it; the target exists among the linted files (a warning otherwise)",
    "hook" => "lifecycle hooks other than `exit` have an expression, and a template",
    "template-type" => "a template has exactly one of container, containerSet, steps, script, resource, dag, suspend, data, http, plugin",
    "image" => "container and script templates have an image (unless templateDefaults gives one)",
    "leaf-field" => "activeDeadlineSeconds only on leaf templates and a positive number; parallelism only on steps and dag; timeout and pendingTimeout not on steps, dag or suspend",
    "duration" => "timeout, pendingTimeout and similar durations parse as Go durations (10s, 1h30m)",
    "retry-policy" => "retryStrategy.retryPolicy is Always, OnFailure, OnError or OnTransientError",
    "pod-resources" => "podResources only cpu, memory and hugepages-*, without claims, and only on templates that run a pod; resourceClaims likewise",
    "metric" => "Prometheus metric names and label keys use [a-zA-Z_][a-zA-Z0-9_]*; help is set",
    "crd-limit" => "the CRD's limits: at most 200 templates, 1 to 200 DAG tasks, at most 500 input parameters, at most 100 metrics, steps not empty",
    "enum" => "fields with a fixed set of values (podGC.strategy, mergeStrategy, concurrencyPolicy, artifactGC.strategy)",
    "mount" => "a mountPath is mounted once per container; input artifact paths do not collide with volume mounts",
    "container-set" => "containerSet: at least one container, dependencies exist and have no cycle, a `main` container when the template has inputs or outputs",
    "quantity" => "resource quantities (cpu: 500m, memory: 1Gi) are Kubernetes quantities",
    "resource" => "resource templates: a valid action; manifest or manifestFrom (one, not both) unless get/delete; a manifest that is YAML; manifestFrom names an input artifact",
    "input" => "input artifacts: path only in container and script templates, no `from`, git.repo set",
    "argument" => "arguments of steps, tasks and workflows: a value or valueFrom (configMapKeyRef, event or supplied only); artifacts have a source; enums contain their value",
    "input-supplied" => "every input parameter and artifact a template needs is supplied by its caller (or by spec.arguments for the entrypoint)",
    "output" => "output parameters: value or valueFrom (one kind), the kind fitting the template (path for pods, jqFilter/jsonPath for resources, parameter/expression for steps and dag); output artifacts: path only in container and script templates",
    "loop" => "at most one of withItems, withParam, withSequence; withSequence has count or end, not both; no null items",
    "dag" => "DAGs: dependencies exist and have no cycle; depends/dependencies/continueOn are not mixed; task names that start with a digit do not use dependencies; targets exist",
    "depends" => "depends expressions parse (task, task.Result, &&, ||, !, and, or, not, parentheses) with valid results; AnySucceeded/AllFailed only on looped tasks",
    "dag-ancestor" => "an argument taken from {{tasks.X...}} (and tasks.X.status) needs X to be an ancestor of the task",
    "variable" => "every {{...}} reference Argo checks (inputs, outputs, steps, tasks, item, workflow, pod) resolves in its scope",
    "cron" => "CronWorkflow: at least one schedule, each valid (five fields, @daily, @every 1h, ...); the time zone is an IANA name; startingDeadlineSeconds not negative",
}

#[cfg(test)]
mod tests {
    use super::RULES;

    #[test]
    fn rule_identifiers_are_unique_and_kebab_case() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        assert!(ids.iter().all(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
    }
}
