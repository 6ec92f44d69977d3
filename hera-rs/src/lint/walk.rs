//! Walks an object and applies the rules to each part.

use super::Finding;
use super::names;
use crate::model::{Arguments, Document, Inputs, ObjectMeta, Outputs, Template, WorkflowSpec};
use std::collections::HashSet;

/// The most tasks Argo's CRD accepts in one DAG.
const MAX_DAG_TASKS: usize = 200;

/// Every finding for one document. Documents of other kinds have none.
pub fn check(document: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    let (kind, meta, spec, spec_path) = match document {
        Document::Workflow(w) => ("Workflow", &w.metadata, Some(&w.spec), "spec"),
        Document::WorkflowTemplate(w) => ("WorkflowTemplate", &w.metadata, Some(&w.spec), "spec"),
        Document::ClusterWorkflowTemplate(w) => {
            ("ClusterWorkflowTemplate", &w.metadata, Some(&w.spec), "spec")
        }
        Document::CronWorkflow(c) => {
            ("CronWorkflow", &c.metadata, Some(&c.spec.workflow_spec), "spec.workflowSpec")
        }
        Document::WorkflowEventBinding(b) => ("WorkflowEventBinding", &b.metadata, None, "spec"),
        Document::Other(_) => return out,
    };
    metadata(kind, meta, &mut out);
    if let Some(spec) = spec {
        workflow_spec(spec, spec_path, &mut out);
    }
    let object =
        format!("{kind} {}", meta.name.as_deref().or(meta.generate_name.as_deref()).unwrap_or("(unnamed)"));
    out.into_iter().map(|f| f.in_object(object.clone())).collect()
}

fn metadata(kind: &str, meta: &ObjectMeta, out: &mut Vec<Finding>) {
    let max = match kind {
        "CronWorkflow" => names::MAX_CRON_WORKFLOW_NAME,
        "WorkflowEventBinding" => names::MAX_OBJECT_NAME,
        _ => names::MAX_WORKFLOW_NAME,
    };
    match (&meta.name, &meta.generate_name) {
        (Some(name), _) => push(out, "metadata.name", names::object_name(name, max)),
        (None, Some(prefix)) if kind == "Workflow" => {
            push(out, "metadata.generateName", names::generate_name(prefix, max))
        }
        (None, Some(_)) => out.push(Finding::error(
            "metadata.name",
            format!("a {kind} needs a name; generateName is only for Workflows"),
        )),
        (None, None) => {
            out.push(Finding::error("metadata.name", "metadata.name or metadata.generateName is required"))
        }
    }
}

fn workflow_spec(spec: &WorkflowSpec, path: &str, out: &mut Vec<Finding>) {
    if let Some(arguments) = &spec.arguments {
        arguments_names(arguments, &format!("{path}.arguments"), out);
    }
    let mut seen = HashSet::new();
    for (index, template) in spec.templates.iter().flatten().enumerate() {
        let name = template.name.as_deref().unwrap_or_default();
        let template_path = format!("{path}.templates[{}]", label(name, index));
        push(out, &format!("{template_path}.name"), names::template_name(name));
        if !name.is_empty() && !seen.insert(name) {
            out.push(Finding::error(
                format!("{template_path}.name"),
                format!("template name '{name}' is not unique"),
            ));
        }
        template_names(template, &template_path, out);
    }
}

fn template_names(template: &Template, path: &str, out: &mut Vec<Finding>) {
    if let Some(inputs) = &template.inputs {
        io_names(
            inputs.parameters.iter().flatten().map(|p| p.name.as_str()),
            "parameter",
            &format!("{path}.inputs.parameters"),
            out,
        );
        io_names(inputs_artifacts(inputs), "artifact", &format!("{path}.inputs.artifacts"), out);
    }
    if let Some(outputs) = &template.outputs {
        io_names(
            outputs.parameters.iter().flatten().map(|p| p.name.as_str()),
            "parameter",
            &format!("{path}.outputs.parameters"),
            out,
        );
        io_names(outputs_artifacts(outputs), "artifact", &format!("{path}.outputs.artifacts"), out);
    }
    if let Some(dag) = &template.dag {
        if dag.tasks.len() > MAX_DAG_TASKS {
            out.push(Finding::warning(
                format!("{path}.dag.tasks"),
                format!(
                    "{} tasks: Argo's CRD allows at most {MAX_DAG_TASKS} tasks in a DAG, so the API server will refuse it",
                    dag.tasks.len()
                ),
            ));
        }
        let mut seen = HashSet::new();
        for (index, task) in dag.tasks.iter().enumerate() {
            let task_path = format!("{path}.dag.tasks[{}]", label(&task.name, index));
            node(out, "task", &task.name, &task_path, &mut seen);
            if let Some(arguments) = &task.arguments {
                arguments_names(arguments, &format!("{task_path}.arguments"), out);
            }
        }
    }
    let mut seen = HashSet::new();
    for (group, steps) in template.steps.iter().flatten().enumerate() {
        for (index, step) in steps.iter().enumerate() {
            let name = step.name.as_deref().unwrap_or_default();
            let step_path = format!("{path}.steps[{group}][{}]", label(name, index));
            node(out, "step", name, &step_path, &mut seen);
            if let Some(arguments) = &step.arguments {
                arguments_names(arguments, &format!("{step_path}.arguments"), out);
            }
        }
    }
    if let Some(set) = &template.container_set {
        let mut seen = HashSet::new();
        for (index, container) in set.containers.iter().enumerate() {
            let container_path = format!("{path}.containerSet.containers[{}]", label(&container.name, index));
            node(out, "container", &container.name, &container_path, &mut seen);
        }
    }
}

fn inputs_artifacts(inputs: &Inputs) -> impl Iterator<Item = &str> {
    inputs.artifacts.iter().flatten().map(|a| a.name.as_str())
}

fn outputs_artifacts(outputs: &Outputs) -> impl Iterator<Item = &str> {
    outputs.artifacts.iter().flatten().map(|a| a.name.as_str())
}

fn arguments_names(arguments: &Arguments, path: &str, out: &mut Vec<Finding>) {
    io_names(
        arguments.parameters.iter().flatten().map(|p| p.name.as_str()),
        "parameter",
        &format!("{path}.parameters"),
        out,
    );
    io_names(
        arguments.artifacts.iter().flatten().map(|a| a.name.as_str()),
        "artifact",
        &format!("{path}.artifacts"),
        out,
    );
}

fn io_names<'a>(names_: impl Iterator<Item = &'a str>, kind: &str, path: &str, out: &mut Vec<Finding>) {
    let mut seen = HashSet::new();
    for (index, name) in names_.enumerate() {
        let item_path = format!("{path}[{}]", label(name, index));
        push(out, &format!("{item_path}.name"), names::parameter_name(kind, name));
        if !name.is_empty() && !seen.insert(name) {
            out.push(Finding::error(
                format!("{item_path}.name"),
                format!("{kind} name '{name}' is not unique"),
            ));
        }
    }
}

fn node<'a>(out: &mut Vec<Finding>, kind: &str, name: &'a str, path: &str, seen: &mut HashSet<&'a str>) {
    push(out, &format!("{path}.name"), names::node_name(kind, name));
    if !name.is_empty() && !seen.insert(name) {
        out.push(Finding::error(format!("{path}.name"), format!("{kind} name '{name}' is not unique")));
    }
}

/// A list item's label in a path: its name, or its index when it has none.
fn label(name: &str, index: usize) -> String {
    if name.is_empty() { index.to_string() } else { name.to_owned() }
}

fn push(out: &mut Vec<Finding>, path: &str, result: Result<(), String>) {
    if let Err(message) = result {
        out.push(Finding::error(path, message));
    }
}
