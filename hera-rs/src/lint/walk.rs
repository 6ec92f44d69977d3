//! Walks an object and applies the rules to each part.

use super::Finding;
use super::names;
use crate::model::{Arguments, Document, ObjectMeta, Template, WorkflowSpec};
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
        (Some(name), _) => push(out, || "metadata.name".into(), names::object_name(name, max)),
        (None, Some(prefix)) if kind == "Workflow" => {
            push(out, || "metadata.generateName".into(), names::generate_name(prefix, max))
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
        arguments_names(arguments, &|| format!("{path}.arguments"), out);
    }
    let mut seen = HashSet::new();
    for (index, template) in spec.templates.iter().flatten().enumerate() {
        let name = template.name.as_deref().unwrap_or_default();
        let template_path = || format!("{path}.templates[{}]", label(name, index));
        push(out, || format!("{}.name", template_path()), names::template_name(name));
        if !name.is_empty() && !seen.insert(name) {
            out.push(Finding::error(
                format!("{}.name", template_path()),
                format!("template name '{name}' is not unique"),
            ));
        }
        template_names(template, &template_path, out);
    }
}

fn template_names(template: &Template, path: &dyn Fn() -> String, out: &mut Vec<Finding>) {
    if let Some(inputs) = &template.inputs {
        let parameters = inputs.parameters.iter().flatten().map(|p| p.name.as_str());
        io_names(parameters, "parameter", &|| format!("{}.inputs.parameters", path()), out);
        let artifacts = inputs.artifacts.iter().flatten().map(|a| a.name.as_str());
        io_names(artifacts, "artifact", &|| format!("{}.inputs.artifacts", path()), out);
    }
    if let Some(outputs) = &template.outputs {
        let parameters = outputs.parameters.iter().flatten().map(|p| p.name.as_str());
        io_names(parameters, "parameter", &|| format!("{}.outputs.parameters", path()), out);
        let artifacts = outputs.artifacts.iter().flatten().map(|a| a.name.as_str());
        io_names(artifacts, "artifact", &|| format!("{}.outputs.artifacts", path()), out);
    }
    if let Some(dag) = &template.dag {
        if dag.tasks.len() > MAX_DAG_TASKS {
            out.push(Finding::warning(
                format!("{}.dag.tasks", path()),
                format!(
                    "{} tasks: Argo's CRD allows at most {MAX_DAG_TASKS} tasks in a DAG, so the API server will refuse it",
                    dag.tasks.len()
                ),
            ));
        }
        let mut seen = HashSet::new();
        for (index, task) in dag.tasks.iter().enumerate() {
            let task_path = || format!("{}.dag.tasks[{}]", path(), label(&task.name, index));
            node(out, "task", &task.name, &task_path, &mut seen);
            if let Some(arguments) = &task.arguments {
                arguments_names(arguments, &|| format!("{}.arguments", task_path()), out);
            }
        }
    }
    let mut seen = HashSet::new();
    for (group, steps) in template.steps.iter().flatten().enumerate() {
        for (index, step) in steps.iter().enumerate() {
            let name = step.name.as_deref().unwrap_or_default();
            let step_path = || format!("{}.steps[{group}][{}]", path(), label(name, index));
            node(out, "step", name, &step_path, &mut seen);
            if let Some(arguments) = &step.arguments {
                arguments_names(arguments, &|| format!("{}.arguments", step_path()), out);
            }
        }
    }
    if let Some(set) = &template.container_set {
        let mut seen = HashSet::new();
        for (index, container) in set.containers.iter().enumerate() {
            let container_path =
                || format!("{}.containerSet.containers[{}]", path(), label(&container.name, index));
            node(out, "container", &container.name, &container_path, &mut seen);
        }
    }
}

fn arguments_names(arguments: &Arguments, path: &dyn Fn() -> String, out: &mut Vec<Finding>) {
    let parameters = arguments.parameters.iter().flatten().map(|p| p.name.as_str());
    io_names(parameters, "parameter", &|| format!("{}.parameters", path()), out);
    let artifacts = arguments.artifacts.iter().flatten().map(|a| a.name.as_str());
    io_names(artifacts, "artifact", &|| format!("{}.artifacts", path()), out);
}

/// Checks names of parameters or artifacts; paths are only built for findings.
fn io_names<'a>(
    names_: impl Iterator<Item = &'a str>,
    kind: &str,
    path: &dyn Fn() -> String,
    out: &mut Vec<Finding>,
) {
    let mut seen = HashSet::new();
    for (index, name) in names_.enumerate() {
        let item_path = || format!("{}[{}].name", path(), label(name, index));
        push(out, item_path, names::parameter_name(kind, name));
        if !name.is_empty() && !seen.insert(name) {
            out.push(Finding::error(item_path(), format!("{kind} name '{name}' is not unique")));
        }
    }
}

fn node<'a>(
    out: &mut Vec<Finding>,
    kind: &str,
    name: &'a str,
    path: &dyn Fn() -> String,
    seen: &mut HashSet<&'a str>,
) {
    push(out, || format!("{}.name", path()), names::node_name(kind, name));
    if !name.is_empty() && !seen.insert(name) {
        out.push(Finding::error(format!("{}.name", path()), format!("{kind} name '{name}' is not unique")));
    }
}

/// A list item's label in a path: its name, or its index when it has none.
fn label(name: &str, index: usize) -> String {
    if name.is_empty() { index.to_string() } else { name.to_owned() }
}

fn push(out: &mut Vec<Finding>, path: impl FnOnce() -> String, result: Result<(), String>) {
    if let Err(message) = result {
        out.push(Finding::error(path(), message));
    }
}
