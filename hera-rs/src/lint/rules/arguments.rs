//! Arguments and inputs: values where Argo needs them, sources of
//! artifacts, enums, and every input a template needs supplied by its caller.

use crate::lint::at::At;
use crate::lint::context::{ObjectCx, Sink, TemplateCx};
use crate::lint::rule::declare_rule;
use crate::model::{Arguments, Artifact, Parameter, Template, TemplateRef, ValueFrom};

declare_rule! {
    /// `input`: input artifacts: path only in container and script templates, no from, git.repo set.
    pub static INPUT = {
        id: "input",
        severity: Error,
        summary: "input artifacts: path only in container and script templates, no `from`, git.repo set",
        remediation: "give input artifacts a path only in container and script templates, drop `from`, and set git.repo",
    };
    /// `argument`: arguments of steps, tasks and workflows: a value or valueFrom (configMapKeyRef, event or supplied only); artifacts have a source; enums contain their value.
    pub static ARGUMENT = {
        id: "argument",
        severity: Error,
        summary: "arguments of steps, tasks and workflows: a value or valueFrom (configMapKeyRef, event or supplied only); artifacts have a source; enums contain their value",
        remediation: "give each argument a value or a valueFrom Argo accepts there; give artifacts a source; keep a value within its enum",
    };
    /// `input-supplied`: every input parameter and artifact a template needs is supplied by its caller (or by spec.arguments for the entrypoint).
    pub static INPUT_SUPPLIED = {
        id: "input-supplied",
        severity: Error,
        summary: "every input parameter and artifact a template needs is supplied by its caller (or by spec.arguments for the entrypoint)",
        remediation: "pass the input in the call's arguments, give it a default, or (for the entrypoint) declare it in spec.arguments",
    };
    /// `argument-unknown`: a step's or task's argument that no input takes, named like one the call leaves out (a typo: Argo ignores the argument).
    pub static ARGUMENT_UNKNOWN = {
        id: "argument-unknown",
        severity: Warning,
        summary: "a step's or task's argument that no input of its template takes, named like an input the call leaves out (a typo: Argo ignores the argument)",
        remediation: "rename the argument to the template's input",
    };
}

/// `spec.arguments`: a CronWorkflow's parameters need values (Argo does
/// not validate it in lint mode); enums and artifacts for all kinds.
pub fn workflow_arguments(object: &ObjectCx<'_>, sink: &mut Sink) {
    if let Some(arguments) = &object.spec.arguments {
        let needs_values = object.kind == "CronWorkflow";
        check_arguments(arguments, &object.at().key("arguments"), needs_values, sink);
    }
}

/// The entrypoint's inputs come from `spec.arguments` (WorkflowTemplates
/// get theirs at submission, so they are not checked).
pub fn entrypoint_inputs(object: &ObjectCx<'_>, sink: &mut Sink) {
    if object.is_template_kind() {
        return;
    }
    let Some(name) = object.spec.entrypoint.as_deref() else { return };
    let Some(template) = object.template(name) else { return };
    let mut arguments = object.spec.arguments.clone().unwrap_or_default();
    // Arguments of a referenced workflow template count too.
    if let Some(inherited) = object.referenced.and_then(|s| s.arguments.as_ref()) {
        for parameter in inherited.parameters.iter().flatten() {
            arguments.parameters.get_or_insert_with(Vec::new).push(parameter.clone());
        }
    }
    let path = object.at().key("arguments");
    supplied(template, &arguments, &path, &format!("entrypoint '{name}'"), sink);
}

/// The arguments each step and task passes, and what its callee needs.
pub fn calls(object: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    let empty = Arguments::default();
    for node in t.nodes() {
        let fields = node.fields;
        let arguments = fields.arguments.as_ref().unwrap_or(&empty);
        let path = node.at.key("arguments");
        check_arguments(arguments, &path, true, sink);
        let (template, template_ref) = (fields.template.as_deref(), fields.template_ref.as_ref());
        let Some((callee, label)) = callee(object, template, template_ref, fields.inline.as_deref()) else {
            continue;
        };
        supplied(callee, arguments, &path, &label, sink);
        unknown_arguments(callee, arguments, &path, sink);
    }
}

/// The template a call runs, when it can be found among the linted files.
fn callee<'a>(
    object: &ObjectCx<'a>,
    template: Option<&str>,
    template_ref: Option<&TemplateRef>,
    inline: Option<&'a Template>,
) -> Option<(&'a Template, String)> {
    if let Some(inline) = inline {
        return Some((inline, "the inline template".into()));
    }
    if let Some(name) = template {
        return object.template(name).map(|t| (t, format!("template '{name}'")));
    }
    let reference = template_ref?;
    let (name, wanted) = (reference.name.as_deref()?, reference.template.as_deref()?);
    let spec = object.set.workflow_template(name, reference.cluster_scope.unwrap_or(false))?;
    let found = spec.templates.iter().flatten().find(|t| t.name.as_deref() == Some(wanted))?;
    Some((found, format!("template '{name}.{wanted}'")))
}

/// Values, `valueFrom` kinds, enums and artifact sources of `arguments`.
fn check_arguments(arguments: &Arguments, path: &At<'_>, needs_values: bool, sink: &mut Sink) {
    for (index, parameter) in arguments.parameters.iter().flatten().enumerate() {
        let item = path.key("parameters").named(index, &parameter.name);
        argument_parameter(parameter, &item, needs_values, sink);
    }
    for (index, artifact) in arguments.artifacts.iter().flatten().enumerate() {
        let item = path.key("artifacts").named(index, &artifact.name);
        if artifact.from.is_some() && artifact.from_expression.is_some() {
            sink.error(&ARGUMENT, &item, "shouldn't have both `from` and `fromExpression` in Artifact");
        } else if artifact.from.is_none() && artifact.from_expression.is_none() && !has_location(artifact) {
            sink.error(
                &ARGUMENT,
                &item,
                format!("artifact '{}': from, artifact location, or key is required", artifact.name),
            );
        }
    }
}

fn argument_parameter(parameter: &Parameter, path: &At<'_>, needs_values: bool, sink: &mut Sink) {
    let name = &parameter.name;
    match &parameter.value_from {
        None if parameter.value.is_none() && needs_values => {
            sink.error(&ARGUMENT, path, format!("parameter '{name}': value or valueFrom is required"))
        }
        Some(from) if !allowed_value_from(from) => sink.error(
            &ARGUMENT,
            &path.key("valueFrom"),
            format!("parameter '{name}': valueFrom only allows: default, configMapKeyRef and supplied"),
        ),
        _ => {}
    }
    if let Some(values) = &parameter.r#enum {
        if values.is_empty() {
            sink.error(
                &ARGUMENT,
                &path.key("enum"),
                format!("parameter '{name}': enum should contain at least one value"),
            );
        } else if let Some(value) = &parameter.value
            && !value.contains("{{")
            && !values.contains(value)
        {
            sink.error(
                &ARGUMENT,
                &path.key("value"),
                format!(
                    "parameter '{name}': value '{value}' should be present in the enum list ({})",
                    values.join(", ")
                ),
            );
        }
    }
}

/// Arguments may only take a value from a ConfigMap, an event or a
/// suspend node's input (`supplied`).
fn allowed_value_from(from: &ValueFrom) -> bool {
    let some_allowed = from.config_map_key_ref.is_some() || from.event.is_some() || from.supplied.is_some();
    let none_other = from.path.is_none()
        && from.json_path.is_none()
        && from.parameter.is_none()
        && from.expression.is_none();
    some_allowed && none_other
}

/// Whether an artifact names where it is stored.
fn has_location(a: &Artifact) -> bool {
    !super::artifacts::locations(a).is_empty()
}

/// Every input of `callee` without a value of its own is passed in `arguments`.
fn supplied(callee: &Template, arguments: &Arguments, path: &At<'_>, label: &str, sink: &mut Sink) {
    let Some(inputs) = &callee.inputs else { return };
    for parameter in inputs.parameters.iter().flatten() {
        let own = parameter.value.is_some()
            || parameter.default.is_some()
            || parameter
                .value_from
                .as_ref()
                .is_some_and(|v| v.config_map_key_ref.is_some() || v.default.is_some());
        let passed = arguments.parameters.iter().flatten().any(|p| p.name == parameter.name);
        if !own && !passed {
            sink.error(
                &INPUT_SUPPLIED,
                path,
                format!("inputs.parameters.{} was not supplied: {label} needs it", parameter.name),
            );
        }
    }
    for artifact in inputs.artifacts.iter().flatten() {
        let own = artifact.optional == Some(true) || has_location(artifact);
        let passed = arguments.artifacts.iter().flatten().any(|a| a.name == artifact.name);
        if !own && !passed {
            sink.error(
                &INPUT_SUPPLIED,
                path,
                format!("inputs.artifacts.{} was not supplied: {label} needs it", artifact.name),
            );
        }
    }
}

/// Arguments no input of `callee` takes, named like an input the call does
/// not pass: Argo passes inputs by name and ignores other arguments
/// (`common.ProcessArgs` looks up each input), so the typo leaves the input
/// to its default (or unsupplied). An argument unlike any input is taken as
/// meant (Argo's own examples pass some) and not reported.
fn unknown_arguments(callee: &Template, arguments: &Arguments, path: &At<'_>, sink: &mut Sink) {
    let template = callee.name.as_deref().unwrap_or("inline");
    let inputs = callee.inputs.as_ref();
    let input_parameters: Vec<&str> =
        inputs.iter().flat_map(|i| i.parameters.iter().flatten()).map(|p| p.name.as_str()).collect();
    let input_artifacts: Vec<&str> =
        inputs.iter().flat_map(|i| i.artifacts.iter().flatten()).map(|a| a.name.as_str()).collect();
    let parameters: Vec<&str> = arguments.parameters.iter().flatten().map(|p| p.name.as_str()).collect();
    let artifacts: Vec<&str> = arguments.artifacts.iter().flatten().map(|a| a.name.as_str()).collect();
    let parameters_at = path.key("parameters");
    report_unknown(template, "input", &parameters, &input_parameters, &parameters_at, sink);
    let artifacts_at = path.key("artifacts");
    report_unknown(template, "input artifact", &artifacts, &input_artifacts, &artifacts_at, sink);
}

/// [`unknown_arguments`] for one list: the `passed` names against the
/// template's `inputs` of that kind (`what`).
fn report_unknown(
    template: &str,
    what: &str,
    passed: &[&str],
    inputs: &[&str],
    path: &At<'_>,
    sink: &mut Sink,
) {
    let left_out: Vec<&str> = inputs.iter().copied().filter(|n| !passed.contains(n)).collect();
    for (index, argument) in passed.iter().enumerate() {
        let suggestion = crate::support::suggest::did_you_mean(argument, &left_out);
        if !inputs.contains(argument) && !suggestion.is_empty() {
            sink.warning(
                &ARGUMENT_UNKNOWN,
                &path.named(index, argument),
                format!("template '{template}' has no {what} '{argument}'{suggestion}"),
            );
        }
    }
}

/// A template's own inputs: artifact paths only where there is a
/// container, no `from`, a git repository when git is used, valid enums.
pub fn inputs(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    let Some(inputs) = &t.template.inputs else { return };
    let kind = t.kind();
    for (index, parameter) in inputs.parameters.iter().flatten().enumerate() {
        let item = t.at().key("inputs").key("parameters").named(index, &parameter.name);
        if parameter.r#enum.as_ref().is_some_and(Vec::is_empty) {
            sink.error(
                &INPUT,
                &item.key("enum"),
                format!("parameter '{}': enum should contain at least one value", parameter.name),
            );
        }
    }
    for (index, artifact) in inputs.artifacts.iter().flatten().enumerate() {
        let item = t.at().key("inputs").key("artifacts").named(index, &artifact.name);
        let name = &artifact.name;
        if let (Some(kind), Some(_)) = (kind, &artifact.path)
            && !kind.is_leaf()
        {
            sink.error(
                &INPUT,
                &item.key("path"),
                format!("inputs.artifacts.{name}.path only valid in container/script templates"),
            );
        }
        if artifact.from.is_some() {
            sink.error(
                &INPUT,
                &item.key("from"),
                format!("inputs.artifacts.{name}.from not valid in inputs"),
            );
        }
        if artifact.git.as_ref().is_some_and(|g| g.repo.is_empty()) {
            sink.error(
                &INPUT,
                &item.key("git").key("repo"),
                format!("inputs.artifacts.{name}.git.repo is required"),
            );
        }
    }
}
