//! Names that point at templates: the entrypoint, onExit, steps, tasks,
//! hooks, `templateRef` and `workflowTemplateRef`.

use crate::lint::Rule;
use crate::lint::at::At;
use crate::lint::context::{ObjectCx, Sink, TemplateCx};
use crate::lint::rule::declare_rule;
use crate::model::{LifecycleHook, TemplateRef};
use crate::support::suggest::did_you_mean;
use indexmap::IndexMap;

declare_rule! {
    /// `entrypoint`: Workflows and CronWorkflows name an entrypoint, and it exists.
    pub static ENTRYPOINT = {
        id: "entrypoint",
        severity: Error,
        summary: "Workflows and CronWorkflows name an entrypoint, and it exists",
        remediation: "set spec.entrypoint to the name of one of spec.templates",
    };
    /// `template-undefined`: every template a step, task, hook, onExit or entrypoint names exists.
    pub static TEMPLATE_UNDEFINED = {
        id: "template-undefined",
        severity: Error,
        summary: "every template a step, task, hook, onExit or entrypoint names exists",
        remediation: "name a template of spec.templates (the message suggests the closest), or add the template",
    };
    /// `template-ref`: templateRef: names a template and a workflow template, not also template; a linted workflow template has the template it names.
    pub static TEMPLATE_REF = {
        id: "template-ref",
        severity: Error,
        summary: "templateRef: names a template and a workflow template, not also `template`; a workflow template among the linted files has the template named",
        remediation: "set templateRef.name and templateRef.template and drop `template`; name a template the workflow template has",
    };
    /// `workflow-template-ref`: workflowTemplateRef: a name, and no inline templates beside it.
    pub static WORKFLOW_TEMPLATE_REF = {
        id: "workflow-template-ref",
        severity: Error,
        summary: "workflowTemplateRef: a name, and no inline templates beside it",
        remediation: "name the workflow template; drop spec.templates beside workflowTemplateRef",
    };
    /// `template-ref-not-found`: the workflow template a templateRef or workflowTemplateRef names is among the linted files, as `argo lint --offline` requires.
    pub static TEMPLATE_REF_NOT_FOUND = {
        id: "template-ref-not-found",
        severity: Error,
        summary: "the WorkflowTemplate or ClusterWorkflowTemplate a templateRef or workflowTemplateRef names is among the linted files: `argo lint --offline` refuses a reference it cannot resolve (\"not found\")",
        remediation: "lint the workflow template together with the files that use it; for templates that live on the cluster, pass `--warn template-ref-not-found` (or `--allow`)",
    };
    /// `hook`: lifecycle hooks other than exit have an expression, and a template.
    pub static HOOK = {
        id: "hook",
        severity: Error,
        summary: "lifecycle hooks other than `exit` have an expression, and a template",
        remediation: "give each hook other than `exit` an `expression`, and a `template` or `templateRef`",
    };
}

/// How to accept a reference to a template that lives on the cluster.
const CLUSTER_HINT: &str = " (if it lives on the cluster, pass --warn template-ref-not-found)";

/// `spec.entrypoint` (required for Workflows and CronWorkflows) and
/// `spec.onExit` name existing templates.
pub fn entrypoint(object: &ObjectCx<'_>, sink: &mut Sink) {
    let path = object.at().key("entrypoint");
    let inherited = object.referenced.and_then(|spec| spec.entrypoint.as_deref());
    match object.spec.entrypoint.as_deref().or(inherited) {
        Some(name) => named_template(object, name, &path, &ENTRYPOINT, sink),
        None if object.is_template_kind() || object.refers_elsewhere() => {}
        None => sink.error(&ENTRYPOINT, &path, "spec.entrypoint is required"),
    }
    if let Some(name) = object.spec.on_exit.as_deref() {
        named_template(object, name, &object.at().key("onExit"), &TEMPLATE_UNDEFINED, sink);
    }
}

/// `workflowTemplateRef`: nothing inline beside it, and a target to resolve.
pub fn workflow_template_ref(object: &ObjectCx<'_>, sink: &mut Sink) {
    let Some(reference) = &object.spec.workflow_template_ref else { return };
    let path = object.at().key("workflowTemplateRef");
    if object.spec.templates.as_ref().is_some_and(|t| !t.is_empty()) {
        sink.error(
            &WORKFLOW_TEMPLATE_REF,
            &object.templates_path(),
            "Templates is invalid field in spec if workflow referred WorkflowTemplate reference",
        );
    }
    let cluster = reference.cluster_scope.unwrap_or(false);
    let kind = if cluster { "ClusterWorkflowTemplate" } else { "WorkflowTemplate" };
    match reference.name.as_deref() {
        None | Some("") => {
            sink.error(&WORKFLOW_TEMPLATE_REF, &path.key("name"), "workflowTemplateRef.name is required")
        }
        // validate.go `Workflow`: the getter's error is returned as it is.
        Some(name) if object.referenced.is_none() => sink.error(
            &TEMPLATE_REF_NOT_FOUND,
            &path.key("name"),
            format!(
                "{kind} '{name}' not found{}: it is not among the linted files{}",
                object.set.near_workflow_template(name, cluster),
                CLUSTER_HINT
            ),
        ),
        Some(_) => {}
    }
}

/// `spec.hooks`.
pub fn workflow_hooks(object: &ObjectCx<'_>, sink: &mut Sink) {
    hooks(object, object.spec.hooks.as_ref(), &object.at().key("hooks"), sink);
}

/// The templates each step, task and hook of a template calls.
pub fn calls(object: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    for node in t.nodes() {
        let fields = node.fields;
        let call = Call {
            template: fields.template.as_deref(),
            template_ref: fields.template_ref.as_ref(),
            inline: fields.inline.is_some(),
        };
        call.check(object, &node.at, sink);
        on_exit(object, fields.on_exit.as_deref(), &node.at, sink);
        hooks(object, fields.hooks.as_ref(), &node.at.key("hooks"), sink);
    }
}

fn on_exit(object: &ObjectCx<'_>, name: Option<&str>, path: &At<'_>, sink: &mut Sink) {
    if let Some(name) = name {
        named_template(object, name, &path.key("onExit"), &TEMPLATE_UNDEFINED, sink);
    }
}

fn hooks(
    object: &ObjectCx<'_>,
    hooks: Option<&IndexMap<String, LifecycleHook>>,
    path: &At<'_>,
    sink: &mut Sink,
) {
    for (name, hook) in hooks.into_iter().flatten() {
        let path = path.key(name);
        if name != "exit" && hook.expression.as_deref().is_none_or(str::is_empty) {
            sink.error(&HOOK, &path.key("expression"), format!("hooks.{name} Expression required"));
        }
        let call = Call {
            template: hook.template.as_deref(),
            template_ref: hook.template_ref.as_ref(),
            inline: false,
        };
        if call.template.is_none() && call.template_ref.is_none() {
            sink.error(&HOOK, &path, format!("hook '{name}' names no template (template or templateRef)"));
        } else {
            call.check(object, &path, sink);
        }
    }
}

/// What a step, task or hook calls.
struct Call<'a> {
    template: Option<&'a str>,
    template_ref: Option<&'a TemplateRef>,
    inline: bool,
}

impl Call<'_> {
    fn check(&self, object: &ObjectCx<'_>, path: &At<'_>, sink: &mut Sink) {
        match (self.template, self.template_ref) {
            (Some(_), Some(_)) => sink.error(
                &TEMPLATE_REF,
                &path.key("templateRef"),
                "template name cannot be specified with templateRef",
            ),
            (Some(name), None) => {
                named_template(object, name, &path.key("template"), &TEMPLATE_UNDEFINED, sink)
            }
            (None, Some(reference)) => template_ref(object, reference, &path.key("templateRef"), sink),
            (None, None) if self.inline => {}
            (None, None) => sink.error(
                &TEMPLATE_UNDEFINED,
                path,
                "names no template: set template, templateRef or inline",
            ),
        }
    }
}

fn template_ref(object: &ObjectCx<'_>, reference: &TemplateRef, path: &At<'_>, sink: &mut Sink) {
    let name = reference.name.as_deref().unwrap_or_default();
    let template = reference.template.as_deref().unwrap_or_default();
    if name.is_empty() {
        sink.error(&TEMPLATE_REF, &path.key("name"), "resource name is required");
    }
    if template.is_empty() {
        sink.error(&TEMPLATE_REF, &path.key("template"), "template name is required");
    }
    // Argo resolves references with placeholders at run time only.
    if name.is_empty() || template.is_empty() || name.contains("{{") || template.contains("{{") {
        return;
    }
    let cluster = reference.cluster_scope.unwrap_or(false);
    let kind = if cluster { "ClusterWorkflowTemplate" } else { "WorkflowTemplate" };
    match object.set.workflow_template(name, cluster) {
        // validate.go `validateTemplateHolder`: "template reference %s.%s not found".
        None => sink.error(
            &TEMPLATE_REF_NOT_FOUND,
            &path.key("name"),
            format!(
                "template reference {name}.{template} not found: {kind} '{name}'{} is not among the linted files{}",
                object.set.near_workflow_template(name, cluster),
                CLUSTER_HINT
            ),
        ),
        Some(spec) => {
            let found = spec.templates.iter().flatten().any(|t| t.name.as_deref() == Some(template));
            if !found {
                let names: Vec<&str> =
                    spec.templates.iter().flatten().filter_map(|t| t.name.as_deref()).collect();
                sink.error(
                    &TEMPLATE_REF,
                    &path.key("template"),
                    format!(
                        "template reference {name}.{template} not found{}",
                        did_you_mean(template, &names)
                    ),
                );
            }
        }
    }
}

/// Checks that `name` is a template of the object (or of the workflow
/// template it refers to, when that was linted too).
fn named_template(object: &ObjectCx<'_>, name: &str, path: &At<'_>, rule: &'static Rule, sink: &mut Sink) {
    if object.template(name).is_some() || object.refers_elsewhere() || name.contains("{{") {
        return;
    }
    let suggestion = did_you_mean(name, &object.template_names());
    sink.error(rule, path, format!("template name '{name}' undefined{suggestion}"));
}

/// Makes the [`TEMPLATE_REF_NOT_FOUND`] findings of a program's own objects
/// warnings: a program declares the templates it refers to but does not
/// build (typed stubs, library references), so they are external by
/// intent and must exist in the cluster.
pub(crate) fn references_are_external(findings: &mut [crate::lint::Finding]) {
    for finding in findings.iter_mut().filter(|f| f.rule == TEMPLATE_REF_NOT_FOUND.id) {
        finding.severity = crate::lint::Severity::Warning;
        let message = finding.message.trim_end_matches(CLUSTER_HINT);
        finding.message = format!(
            "{message}; it must exist in the cluster (the workflow's namespace, or cluster-scoped) when the workflow runs"
        );
    }
}
