//! Output parameters and artifacts: where their values come from, and
//! whether that fits the template.

use crate::lint::at::At;
use crate::lint::context::{ObjectCx, Sink, TemplateCx, TemplateKind};
use crate::lint::rule::declare_rule;
use crate::model::Parameter;

declare_rule! {
    /// `output`: output parameters: value or valueFrom (one kind), the kind fitting the template (path for pods, jqFilter/jsonPath for resources, parameter/expression for steps and dag); output artifacts: path only in container and script templates.
    pub static OUTPUT = {
        id: "output",
        severity: Error,
        summary: "output parameters: value or valueFrom (one kind), the kind fitting the template (path for pods, jqFilter/jsonPath for resources, parameter/expression for steps and dag); output artifacts: path only in container and script templates",
        remediation: "give each output parameter one value source fitting the template (path for pods, jqFilter or jsonPath for resources, parameter or expression for steps and dag); give output artifacts a path only in container and script templates",
    };
}

/// Each output parameter has one source that fits the template kind;
/// output artifact paths only where a container runs.
pub fn outputs(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    let Some(outputs) = &t.template.outputs else { return };
    let kind = t.kind();
    for (index, parameter) in outputs.parameters.iter().flatten().enumerate() {
        let path = t.at().key("outputs").key("parameters").named(index, &parameter.name);
        parameter_source(parameter, kind, &path, sink);
    }
    for (index, artifact) in outputs.artifacts.iter().flatten().enumerate() {
        if artifact.path.is_some() && kind.is_some_and(|k| !k.is_leaf()) {
            let path = t.at().key("outputs").key("artifacts").named(index, &artifact.name).key("path");
            sink.error(
                &OUTPUT,
                &path,
                format!("outputs.artifacts.{}.path only valid in container/script templates", artifact.name),
            );
        }
    }
}

fn parameter_source(parameter: &Parameter, kind: Option<TemplateKind>, path: &At<'_>, sink: &mut Sink) {
    let name = &parameter.name;
    let from = match (&parameter.value, &parameter.value_from) {
        (Some(_), Some(_)) => {
            return sink.error(
                &OUTPUT,
                path,
                format!("output parameter '{name}' has both valueFrom and value specified. Choose one."),
            );
        }
        (Some(_), None) => return,
        (None, None) => {
            return sink.error(
                &OUTPUT,
                path,
                format!("output parameter '{name}' does not have valueFrom or value specified"),
            );
        }
        (None, Some(from)) => from,
    };
    let path = path.key("valueFrom");
    let sources = [
        from.path.is_some(),
        from.jq_filter.is_some(),
        from.json_path.is_some(),
        from.parameter.is_some(),
        from.expression.is_some(),
        from.supplied.is_some(),
    ];
    match sources.iter().filter(|s| **s).count() {
        0 => {
            return sink.error(
                &OUTPUT,
                &path,
                format!("output parameter '{name}': valueFrom type unspecified. choose one of: path, jqFilter, jsonPath, parameter, expression, supplied"),
            );
        }
        1 => {}
        _ => {
            return sink.error(
                &OUTPUT,
                &path,
                format!("output parameter '{name}': multiple valueFrom types specified. choose one of: path, jqFilter, jsonPath, parameter, expression, supplied"),
            );
        }
    }
    let Some(kind) = kind else { return };
    let missing = match kind {
        TemplateKind::Container | TemplateKind::ContainerSet | TemplateKind::Script
            if from.path.is_none() =>
        {
            Some("valueFrom.path must be specified")
        }
        TemplateKind::Resource if from.jq_filter.is_none() && from.json_path.is_none() => {
            Some("valueFrom.jqFilter or jsonPath must be specified")
        }
        TemplateKind::Steps | TemplateKind::Dag if from.parameter.is_none() && from.expression.is_none() => {
            Some("valueFrom.parameter or expression must be specified")
        }
        _ => None,
    };
    if let Some(missing) = missing {
        sink.error(
            &OUTPUT,
            &path,
            format!("output parameter '{name}': {missing} for {} templates", kind.field()),
        );
    }
}
