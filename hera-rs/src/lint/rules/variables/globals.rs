//! The workflow-wide variables of an object (`workflow.*`), gathered once.

use crate::lint::context::ObjectCx;
use crate::model::{Template, WorkflowSpec};
use std::collections::HashSet;

/// The workflow-wide variables of an object.
pub struct Globals {
    pub names: HashSet<String>,
    /// `workflow.parameters.*` cannot be checked (a workflow template, or
    /// one referred to but not linted).
    pub any_parameter: bool,
    pub any_output_parameter: bool,
    pub any_output_artifact: bool,
}

impl Globals {
    pub fn new(object: &ObjectCx<'_>) -> Self {
        let mut names: HashSet<String> = [
            "workflow.name",
            "workflow.namespace",
            "workflow.mainEntrypoint",
            "workflow.serviceAccountName",
            "workflow.uid",
            "workflow.status",
            "workflow.annotations",
            "workflow.annotations.json",
            "workflow.labels",
            "workflow.labels.json",
        ]
        .map(str::to_owned)
        .into();
        let specs: Vec<&WorkflowSpec> =
            [Some(object.spec), object.referenced].into_iter().flatten().collect();
        let parameters: Vec<&str> = specs
            .iter()
            .flat_map(|s| s.arguments.iter().flat_map(|a| a.parameters.iter().flatten()))
            .map(|p| p.name.as_str())
            .collect();
        if !parameters.is_empty() {
            names.extend(["workflow.parameters".to_owned(), "workflow.parameters.json".to_owned()]);
        }
        names.extend(parameters.iter().map(|p| format!("workflow.parameters.{p}")));
        let mut labels: Vec<&str> = Vec::new();
        let mut annotations: Vec<&str> = Vec::new();
        if object.kind != "CronWorkflow" {
            labels.extend(object.meta.labels.iter().flat_map(|l| l.keys().map(String::as_str)));
            annotations.extend(object.meta.annotations.iter().flat_map(|a| a.keys().map(String::as_str)));
        }
        if let Some(meta) = object.cron.and_then(|c| c.workflow_metadata.as_ref()) {
            labels.extend(meta.labels.iter().flat_map(|l| l.keys().map(String::as_str)));
            annotations.extend(meta.annotations.iter().flat_map(|a| a.keys().map(String::as_str)));
        }
        if object.cron.is_some() {
            labels.push("workflows.argoproj.io/cron-workflow");
        }
        // validate.Workflow counts the controller's workflowDefaults too.
        let defaults = object.set.defaults.and_then(|d| d.workflow_metadata.as_ref());
        for meta in specs.iter().filter_map(|s| s.workflow_metadata.as_ref()).chain(defaults) {
            labels.extend(meta.labels.iter().flat_map(|l| l.keys().map(String::as_str)));
            labels.extend(meta.labels_from.iter().flat_map(|l| l.keys().map(String::as_str)));
            annotations.extend(meta.annotations.iter().flat_map(|a| a.keys().map(String::as_str)));
        }
        names.extend(labels.iter().map(|k| format!("workflow.labels.{k}")));
        names.extend(annotations.iter().map(|k| format!("workflow.annotations.{k}")));
        if object.spec.priority.is_some() {
            names.insert("workflow.priority".into());
        }
        if specs
            .iter()
            .any(|s| s.on_exit.is_some() || s.hooks.as_ref().is_some_and(|h| h.contains_key("exit")))
        {
            names.insert("workflow.failures".into());
        }
        let mut globals = Globals {
            names,
            any_parameter: object.is_template_kind() || object.refers_elsewhere(),
            any_output_parameter: false,
            any_output_artifact: false,
        };
        for template in specs.iter().flat_map(|s| s.templates.iter().flatten()) {
            globals.add_outputs(template);
        }
        globals
    }

    /// Global outputs (`globalName`) of a template and its inline templates.
    fn add_outputs(&mut self, template: &Template) {
        for output in template.outputs.iter() {
            for name in output.parameters.iter().flatten().filter_map(|p| p.global_name.as_deref()) {
                if name.contains("{{") {
                    self.any_output_parameter = true;
                } else {
                    self.names.insert(format!("workflow.outputs.parameters.{name}"));
                }
            }
            for name in output.artifacts.iter().flatten().filter_map(|a| a.global_name.as_deref()) {
                if name.contains("{{") {
                    self.any_output_artifact = true;
                } else {
                    self.names.insert(format!("workflow.outputs.artifacts.{name}"));
                }
            }
        }
        let inline_steps = template.steps.iter().flatten().flatten().filter_map(|s| s.inline.as_deref());
        let inline_tasks = template.dag.iter().flat_map(|d| &d.tasks).filter_map(|t| t.inline.as_deref());
        for inline in inline_steps.chain(inline_tasks) {
            self.add_outputs(inline);
        }
    }
}
