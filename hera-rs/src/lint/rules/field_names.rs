//! Names of templates, steps, tasks, containers, parameters and artifacts:
//! Argo's patterns and uniqueness.

use crate::lint::Rule;
use crate::lint::at::At;
use crate::lint::context::{ObjectCx, Sink, TemplateCx, TemplateKind};
use crate::lint::rule::declare_rule;
use crate::model::{Arguments, Artifact, Parameter};
use crate::syntax::names;
use std::collections::HashSet;

declare_rule! {
    /// `template-name`: template names: Argo's pattern, lower case (they become pod names), at most 128, unique.
    pub static TEMPLATE_NAME = {
        id: "template-name",
        severity: Error,
        summary: "template names: Argo's pattern, lower case (they become pod names), at most 128, unique",
        remediation: "use lower-case letters, digits and '-' (at most 128 characters) and give each template its own name",
    };
    /// `step-name`: step names: Argo's pattern after {{...}} placeholders, at most 128, unique across all groups.
    pub static STEP_NAME = {
        id: "step-name",
        severity: Error,
        summary: "step names: Argo's pattern after {{...}} placeholders, at most 128, unique across all groups",
        remediation: "use letters, digits and '-' (after {{...}} placeholders), at most 128 characters, a name unused by the template's other steps",
    };
    /// `task-name`: DAG task names: Argo's pattern, at most 128, unique.
    pub static TASK_NAME = {
        id: "task-name",
        severity: Error,
        summary: "DAG task names: Argo's pattern, at most 128, unique",
        remediation: "use letters, digits and '-', at most 128 characters, a name unused by the DAG's other tasks",
    };
    /// `container-name`: containerSet container names: Argo's pattern, unique; sidecar and containerSet names not reserved (wait, supervisor, artifact-plugin-*); init containers named.
    pub static CONTAINER_NAME = {
        id: "container-name",
        severity: Error,
        summary: "containerSet container names: Argo's pattern, unique; sidecar and containerSet names not reserved (wait, supervisor, artifact-plugin-*); init containers named",
        remediation: "name each container of a containerSet once, with letters, digits and '-', avoiding wait, supervisor and artifact-plugin-*; name every init container",
    };
    /// `parameter-name`: parameter and artifact names (and globalName): ^[-a-zA-Z0-9_]+$, unique in their list.
    pub static PARAMETER_NAME = {
        id: "parameter-name",
        severity: Error,
        summary: "parameter and artifact names (and globalName): ^[-a-zA-Z0-9_]+$, unique in their list",
        remediation: "use letters, digits, '-' and '_' only, and a name unused in the same list",
    };
}

/// Template names in `spec.templates`: valid and unique.
pub fn templates(object: &ObjectCx<'_>, sink: &mut Sink) {
    let mut seen = HashSet::new();
    for (index, template) in object.spec.templates.iter().flatten().enumerate() {
        let name = template.name.as_deref().unwrap_or_default();
        let path = object.templates_path().named(index, name).key("name");
        sink.check(&TEMPLATE_NAME, &path, names::template_name(name));
        if TemplateKind::of(template).is_some_and(TemplateKind::has_pod) {
            sink.check(&TEMPLATE_NAME, &path, names::pod_template_name(name));
        }
        if !name.is_empty() && !seen.insert(name) {
            sink.error(&TEMPLATE_NAME, &path, format!("template name '{name}' is not unique"));
        }
    }
}

/// `spec.arguments` names.
pub fn workflow_arguments(object: &ObjectCx<'_>, sink: &mut Sink) {
    if let Some(arguments) = &object.spec.arguments {
        argument_names(arguments, &object.at().key("arguments"), sink);
    }
}

/// Names inside one template: inputs, outputs, steps, tasks, containers
/// and the arguments of each call.
pub fn template(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    let template = t.template;
    if let Some(inputs) = &template.inputs {
        parameter_names(inputs.parameters.as_deref(), &t.at().key("inputs").key("parameters"), sink);
        artifact_names(inputs.artifacts.as_deref(), &t.at().key("inputs").key("artifacts"), sink);
    }
    if let Some(outputs) = &template.outputs {
        parameter_names(outputs.parameters.as_deref(), &t.at().key("outputs").key("parameters"), sink);
        artifact_names(outputs.artifacts.as_deref(), &t.at().key("outputs").key("artifacts"), sink);
    }
    // Steps and tasks each have names of their own (a template has one or the other).
    let (mut steps, mut tasks) = (HashSet::new(), HashSet::new());
    for node in t.nodes() {
        let (rule, seen) = if node.is_step() { (&STEP_NAME, &mut steps) } else { (&TASK_NAME, &mut tasks) };
        node_name(sink, rule, node.kind(), node.name, &node.at.key("name"), seen);
        if let Some(arguments) = node.fields.arguments {
            argument_names(arguments, &node.at.key("arguments"), sink);
        }
    }
    if let Some(set) = &template.container_set {
        let mut seen = HashSet::new();
        for (index, container) in set.containers.iter().enumerate() {
            let path = t.at().key("containerSet").key("containers").named(index, &container.name).key("name");
            node_name(sink, &CONTAINER_NAME, "container", &container.name, &path, &mut seen);
        }
    }
}

fn argument_names(arguments: &Arguments, path: &At<'_>, sink: &mut Sink) {
    parameter_names(arguments.parameters.as_deref(), &path.key("parameters"), sink);
    artifact_names(arguments.artifacts.as_deref(), &path.key("artifacts"), sink);
}

fn parameter_names(list: Option<&[Parameter]>, path: &At<'_>, sink: &mut Sink) {
    let items = list.unwrap_or_default().iter().map(|p| (p.name.as_str(), p.global_name.as_deref()));
    io_names(items, "parameter", path, sink);
}

fn artifact_names(list: Option<&[Artifact]>, path: &At<'_>, sink: &mut Sink) {
    let items = list.unwrap_or_default().iter().map(|a| (a.name.as_str(), a.global_name.as_deref()));
    io_names(items, "artifact", path, sink);
}

/// Names (and global names) of parameters or artifacts, unique in their list.
fn io_names<'a>(
    items: impl Iterator<Item = (&'a str, Option<&'a str>)>,
    kind: &str,
    path: &At<'_>,
    sink: &mut Sink,
) {
    let mut seen = HashSet::new();
    for (index, (name, global_name)) in items.enumerate() {
        let item = path.named(index, name);
        sink.check(&PARAMETER_NAME, &item.key("name"), names::parameter_name(kind, name));
        if !name.is_empty() && !seen.insert(name) {
            sink.error(&PARAMETER_NAME, &item.key("name"), format!("{kind} name '{name}' is not unique"));
        }
        if let Some(global) = global_name {
            sink.check(&PARAMETER_NAME, &item.key("globalName"), names::parameter_name("globalName", global));
        }
    }
}

fn node_name<'a>(
    sink: &mut Sink,
    rule: &'static Rule,
    kind: &str,
    name: &'a str,
    path: &At<'_>,
    seen: &mut HashSet<&'a str>,
) {
    sink.check(rule, path, names::node_name(kind, name));
    if !name.is_empty() && !seen.insert(name) {
        sink.error(rule, path, format!("{kind} name '{name}' is not unique"));
    }
}
