//! `{{...}}` references: each tag Argo checks (those starting with
//! `inputs.`, `outputs.`, `steps.`, `tasks.`, `item.`, `pod.` or
//! `workflow.`) must name something in scope where it is written.
//!
//! Scopes follow Argo's validator: a leaf template sees its inputs, its pod
//! name and the workflow's globals; a step also sees the steps before it
//! (and its own status); a task sees every task's outputs but the status
//! of its ancestors only; loops add `item`. Scopes are answered by
//! looking the tag up, never by building sets per step, so checking stays
//! linear in the size of the workflow.

use super::dag::DagGraph;
use crate::lint::at::At;
use crate::lint::context::{NodeRef, ObjectCx, Sink, TemplateCx, TemplateKind};
use crate::lint::rule::declare_rule;
use crate::model::{Item, NodeFields, Template, TemplateRef};
use crate::support::suggest::did_you_mean;
use crate::syntax::tags::tags;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// Tags Argo checks start with one of these; others are left alone.
const CHECKED_PREFIXES: [&str; 7] = ["item.", "steps.", "inputs.", "outputs.", "pod.", "workflow.", "tasks."];
/// Always resolvable (run-time values).
const ALWAYS: [&str; 6] = [
    "workflow.creationTimestamp",
    "workflow.scheduledTime",
    "workflow.duration",
    "tasks.name",
    "steps.name",
    "node.name",
];

mod globals;
mod scan;

use globals::Globals;

/// Every reference in every template of the object.
pub fn variables(object: &ObjectCx<'_>, sink: &mut Sink) {
    let globals = Globals::new(object);
    for t in TemplateCx::all(object) {
        let Some(kind) = t.kind() else { continue };
        let base = Scope {
            object,
            globals: &globals,
            template: t.template,
            kind,
            item: Items::None,
            nodes: Nodes::None,
        };
        match kind {
            TemplateKind::Steps => steps(t, base, sink),
            TemplateKind::Dag => dag(t, base, sink),
            _ => check(t.template, None, &t.at(), &base, sink),
        }
    }
}

/// What a step or task calls, and whether it loops.
fn node<'a>(object: &ObjectCx<'a>, fields: &NodeFields<'a>, status_only: bool) -> Node<'a> {
    let callee = Callee::of(
        object,
        fields.template.as_deref(),
        fields.template_ref.as_ref(),
        fields.inline.as_deref(),
    );
    let aggregate = fields.with_items.as_ref().is_some_and(|i| !i.is_empty()) || fields.with_param.is_some();
    Node { callee, aggregate, status_only }
}

fn items<'a>(fields: &NodeFields<'a>) -> Items<'a> {
    Items::of(fields.with_items.as_deref(), fields.with_param.as_deref(), fields.with_sequence.is_some())
}

/// Steps: each step sees the steps before it; the outputs see them all.
fn steps(t: &TemplateCx<'_>, base: Scope<'_>, sink: &mut Sink) {
    let mut done: HashMap<&str, Node<'_>> = HashMap::new();
    for step in t.nodes() {
        let fields = step.fields;
        let exit_hook =
            fields.hooks.as_ref().is_some_and(|h| h.contains_key("exit")) || fields.on_exit.is_some();
        let node = node(base.object, &fields, !exit_hook);
        let scope = Scope {
            item: items(&fields),
            nodes: Nodes::Steps { done: &done, current: (step.name, node) },
            ..base
        };
        if let NodeRef::Step(model) = step.node.node {
            // An inline template is checked as a template of its own.
            check(model, Some("inline"), &step.at, &scope, sink);
        }
        done.insert(step.name, Node { status_only: false, ..node });
    }
    if let Some(outputs) = &t.template.outputs {
        let scope = Scope { nodes: Nodes::Steps { done: &done, current: ("", Node::UNKNOWN) }, ..base };
        check(outputs, None, &t.at().key("outputs"), &scope, sink);
    }
}

/// DAG: every task's outputs are in scope, statuses only of ancestors.
fn dag(t: &TemplateCx<'_>, base: Scope<'_>, sink: &mut Sink) {
    let (Some(dag), Some(graph)) = (&t.template.dag, t.dag_graph()) else { return };
    let nodes: Vec<Node<'_>> =
        dag.tasks.iter().map(|task| node(base.object, &task.fields(), false)).collect();
    for task in t.nodes() {
        let Some(model) = task.task() else { continue };
        let scope = Scope {
            item: items(&task.fields),
            nodes: Nodes::Dag {
                graph,
                nodes: &nodes,
                current: Some(task.index),
                self_status: model.hooks.is_some(),
            },
            ..base
        };
        check(model, Some("inline"), &task.at, &scope, sink);
    }
    if let Some(outputs) = &t.template.outputs {
        let scope =
            Scope { nodes: Nodes::Dag { graph, nodes: &nodes, current: None, self_status: false }, ..base };
        check(outputs, None, &t.at().key("outputs"), &scope, sink);
    }
}

/// Checks every string (and key) of `value` but its field `skip`,
/// building paths only for findings.
fn check(
    value: &impl Serialize,
    skip: Option<&'static str>,
    base: &At<'_>,
    scope: &Scope<'_>,
    sink: &mut Sink,
) {
    let found = scan::scan(value, skip, &mut |text, out| {
        for tag in tags(text) {
            match scope.resolve(tag) {
                Resolution::Resolved => {}
                Resolution::Unresolved(why) => out.push(scan::Problem {
                    warning: false,
                    outside_loop: false,
                    message: format!("failed to resolve {{{{{tag}}}}}{why}"),
                }),
                Resolution::OutsideLoop => out.push(scan::Problem {
                    warning: false,
                    outside_loop: true,
                    message: if tag == "item" {
                        "{{item}} is used outside any loop: Argo replaces it only in a step or task that has \
                         withItems, withParam or withSequence (its validator lets a bare {{item}} through, and \
                         the pod gets the text '{{item}}')"
                            .to_owned()
                    } else {
                        format!(
                            "failed to resolve {{{{{tag}}}}}: it is used outside any loop (no withItems, \
                             withParam or withSequence here)"
                        )
                    },
                }),
                Resolution::Doubtful(why) => out.push(scan::Problem {
                    warning: true,
                    outside_loop: false,
                    message: format!("cannot check {{{{{tag}}}}} offline: {why}"),
                }),
            }
        }
    });
    if found.is_empty() {
        return;
    }
    let base = base.path();
    for (segments, problem) in found {
        let path = base.join(&segments);
        if problem.outside_loop {
            sink.error(&LOOP_ITEM, &path, problem.message);
        } else if problem.warning {
            sink.warning(&VARIABLE, &path, problem.message);
        } else {
            sink.error(&VARIABLE, &path, problem.message);
        }
    }
}

enum Resolution {
    Resolved,
    /// Not in scope; the text explains why (may be empty).
    Unresolved(String),
    /// `{{item}}` or `{{item.KEY}}` where no loop is.
    OutsideLoop,
    /// Possibly fine, but depends on what is not linted (controller defaults).
    #[allow(dead_code)] // none today: labels Argo cannot see are errors, as offline
    Doubtful(String),
}

use Resolution::{OutsideLoop, Resolved, Unresolved};

declare_rule! {
    /// `variable`: every {{...}} reference Argo checks (inputs, outputs, steps, tasks, item, workflow, pod) resolves in its scope.
    pub static VARIABLE = {
        id: "variable",
        severity: Error,
        summary: "every {{...}} reference Argo checks (inputs, outputs, steps, tasks, item, workflow, pod) resolves in its scope",
        remediation: "name an input, step, task, item or workflow variable that exists where the reference is written (the message suggests the closest)",
    };

    /// `loop-item`: {{item}} and {{item.KEY}} appear only in a step or task that loops.
    pub static LOOP_ITEM = {
        id: "loop-item",
        severity: Error,
        summary: "{{item}} and {{item.KEY}} appear only in a step or task that loops (withItems, withParam, withSequence); Argo's validator lets a bare {{item}} through, and the pod gets the literal text",
        remediation: "loop the step or task over the list (with_items, or with_param of the list's output: in Rust, `list.each(|x| template.call()..)` gives a typed item in a call that loops), or pass the value itself",
    };
}

/// What a step or task calls, as far as references to its outputs go.
#[derive(Clone, Copy)]
enum Callee<'a> {
    /// Found: its outputs can be checked.
    Template(&'a Template),
    /// Not among the linted files (or broken, which other rules report).
    Unknown,
}

impl<'a> Callee<'a> {
    fn of(
        object: &ObjectCx<'a>,
        template: Option<&str>,
        reference: Option<&TemplateRef>,
        inline: Option<&'a Template>,
    ) -> Self {
        if let Some(inline) = inline {
            return Callee::Template(inline);
        }
        let found = match (template, reference) {
            (Some(name), _) => object.template(name),
            (None, Some(reference)) => {
                reference.name.as_deref().zip(reference.template.as_deref()).and_then(|(name, wanted)| {
                    let spec =
                        object.set.workflow_template(name, reference.cluster_scope.unwrap_or(false))?;
                    spec.templates.iter().flatten().find(|t| t.name.as_deref() == Some(wanted))
                })
            }
            (None, None) => None,
        };
        found.map_or(Callee::Unknown, Callee::Template)
    }
}

/// A step or task whose outputs may be referred to.
#[derive(Clone, Copy)]
struct Node<'a> {
    callee: Callee<'a>,
    /// A loop: `outputs.parameters` is the list of every iteration's.
    aggregate: bool,
    /// The step being checked: only its status (and, with an exit hook, its outputs).
    status_only: bool,
}

impl Node<'_> {
    const UNKNOWN: Node<'static> = Node { callee: Callee::Unknown, aggregate: false, status_only: false };

    /// Whether `field` (what follows `steps.X.`) exists for this node.
    fn has(&self, field: &str, status: bool) -> Result<(), String> {
        if matches!(field, "id" | "startedAt" | "finishedAt" | "hostNodeName")
            || (field == "status" && status)
        {
            return Ok(());
        }
        if self.status_only {
            return Err(": a step's own outputs are not available to itself".into());
        }
        let Callee::Template(template) = self.callee else { return Ok(()) };
        let kind = TemplateKind::of(template);
        let name = template.name.as_deref().unwrap_or("inline");
        let outputs = template.outputs.as_ref();
        match field.split_once('.').map_or((field, ""), |(a, b)| (a, b)) {
            ("ip", "") if template.daemon == Some(true) => Ok(()),
            ("ip", "") => Err(format!(": template '{name}' is not a daemon, so it has no ip")),
            ("exitCode", "") if kind.is_some_and(TemplateKind::has_result) => Ok(()),
            ("outputs", "result") if kind.is_some_and(TemplateKind::has_result) => Ok(()),
            ("outputs", "result" | "exitCode") | ("exitCode", "") => {
                Err(format!(": template '{name}' runs no container or script, so it has no result"))
            }
            ("outputs", "parameters") if self.aggregate => Ok(()),
            ("outputs", rest) => {
                let (list, wanted) = rest.split_once('.').unwrap_or((rest, ""));
                let wanted = wanted.split('.').next().unwrap_or_default();
                // Looked up first; the list is gathered only for the message.
                let declares = |o: &&crate::model::Outputs| match list {
                    "parameters" => o.parameters.iter().flatten().any(|p| p.name == wanted),
                    "artifacts" => o.artifacts.iter().flatten().any(|a| a.name == wanted),
                    _ => false,
                };
                if outputs.iter().any(declares) {
                    return Ok(());
                }
                let declared: Vec<&str> = match list {
                    "parameters" => outputs
                        .iter()
                        .flat_map(|o| o.parameters.iter().flatten())
                        .map(|p| p.name.as_str())
                        .collect(),
                    "artifacts" => outputs
                        .iter()
                        .flat_map(|o| o.artifacts.iter().flatten())
                        .map(|a| a.name.as_str())
                        .collect(),
                    _ => {
                        return Err(format!(
                            ": outputs are outputs.result, outputs.parameters.<name> and outputs.artifacts.<name>{}",
                            did_you_mean(list, &["parameters", "artifacts", "result"])
                        ));
                    }
                };
                if declared.contains(&wanted) {
                    Ok(())
                } else {
                    let singular = list.trim_end_matches('s');
                    Err(format!(
                        ": template '{name}' has no output {singular} '{wanted}'{}",
                        did_you_mean(wanted, &declared)
                    ))
                }
            }
            _ => Err(": a step or task has id, status, startedAt, finishedAt, hostNodeName, ip, exitCode and outputs"
                .into()),
        }
    }
}

/// Which `item` references a loop allows.
#[derive(Clone, Copy)]
enum Items<'a> {
    /// Not in a loop.
    None,
    /// `withItems`: `item.KEY` for keys of map items, `item.[i]` for lists.
    Listed(&'a [Item]),
    /// `withParam` (or a sequence): any `item.*` may be meant.
    Any,
}

impl<'a> Items<'a> {
    fn of(items: Option<&'a [Item]>, param: Option<&str>, sequence: bool) -> Self {
        match (items.filter(|i| !i.is_empty()), param.filter(|p| !p.is_empty())) {
            (Some(items), _) => Items::Listed(items),
            (None, Some(_)) => Items::Any,
            (None, None) if sequence => Items::Listed(&[]),
            _ => Items::None,
        }
    }

    fn has(&self, key: &str) -> bool {
        match self {
            Items::None => false,
            Items::Any => true,
            Items::Listed(items) => items.iter().any(|item| match item {
                Value::Object(map) => map.contains_key(key.split('.').next().unwrap_or(key)),
                Value::Array(list) => key
                    .strip_prefix('[')
                    .and_then(|k| k.split(']').next())
                    .and_then(|i| i.parse::<usize>().ok())
                    .is_some_and(|i| i < list.len()),
                _ => false,
            }),
        }
    }
}

/// The steps or tasks a reference may name.
#[derive(Clone, Copy)]
enum Nodes<'a> {
    None,
    Steps { done: &'a HashMap<&'a str, Node<'a>>, current: (&'a str, Node<'a>) },
    Dag { graph: &'a DagGraph<'a>, nodes: &'a [Node<'a>], current: Option<usize>, self_status: bool },
}

/// Where a reference is written.
#[derive(Clone, Copy)]
struct Scope<'a> {
    object: &'a ObjectCx<'a>,
    globals: &'a Globals,
    template: &'a Template,
    kind: TemplateKind,
    item: Items<'a>,
    nodes: Nodes<'a>,
}

impl Scope<'_> {
    fn resolve(&self, tag: &str) -> Resolution {
        // Argo checks only `item.` tags; a bare `{{item}}` outside a loop is
        // left in the text, which is never what was meant.
        if tag == "item" {
            return if matches!(self.item, Items::None) { OutsideLoop } else { Resolved };
        }
        if !CHECKED_PREFIXES.iter().any(|p| tag.starts_with(p)) || ALWAYS.iter().any(|p| tag.starts_with(p)) {
            return Resolved;
        }
        let (root, rest) = tag.split_once('.').unwrap_or((tag, ""));
        match root {
            "outputs" => Resolved, // a template's own outputs, e.g. in its metrics
            "inputs" => self.input(rest),
            "pod" if rest == "name" && self.kind.has_pod() => Resolved,
            "pod" => Unresolved(": only templates that run a pod have {{pod.name}}".into()),
            "workflow" => self.workflow(tag),
            "item" if self.item.has(rest) => Resolved,
            "item" => match self.item {
                Items::None => OutsideLoop,
                _ => Unresolved(format!(": no item of withItems has the key '{rest}'")),
            },
            "steps" => self.step(rest),
            "tasks" => self.task(rest),
            _ => Resolved,
        }
    }

    fn input(&self, rest: &str) -> Resolution {
        let inputs = self.template.inputs.as_ref();
        let name = self.template.name.as_deref().unwrap_or("inline");
        let parameters: Vec<&str> =
            inputs.iter().flat_map(|i| i.parameters.iter().flatten()).map(|p| p.name.as_str()).collect();
        let artifacts: Vec<&str> =
            inputs.iter().flat_map(|i| i.artifacts.iter().flatten()).map(|a| a.name.as_str()).collect();
        let (list, item) = rest.split_once('.').unwrap_or((rest, ""));
        match list {
            // Argo replaces it with the JSON list of the inputs (`null` when none).
            "parameters" if item.is_empty() => Resolved,
            "parameters" if parameters.contains(&item) => Resolved,
            "parameters" => Unresolved(format!(
                ": template '{name}' has no input parameter '{item}'{}",
                did_you_mean(item, &parameters)
            )),
            "artifacts" => {
                let (artifact, field) = item.split_once('.').unwrap_or((item, ""));
                let leaf = self.kind.is_leaf();
                if artifacts.contains(&artifact) && (field.is_empty() || (field == "path" && leaf)) {
                    Resolved
                } else if artifacts.contains(&artifact) {
                    Unresolved(
                        ": only container, script and other leaf templates have an input artifact's path"
                            .into(),
                    )
                } else {
                    Unresolved(format!(
                        ": template '{name}' has no input artifact '{artifact}'{}",
                        did_you_mean(artifact, &artifacts)
                    ))
                }
            }
            _ => Unresolved(format!(
                ": inputs are inputs.parameters.<name> and inputs.artifacts.<name>{}",
                did_you_mean(list, &["parameters", "artifacts"])
            )),
        }
    }

    fn workflow(&self, tag: &str) -> Resolution {
        let globals = self.globals;
        if globals.names.contains(tag)
            || (globals.any_parameter && tag.starts_with("workflow.parameters"))
            || (globals.any_output_parameter && tag.starts_with("workflow.outputs.parameters."))
            || (globals.any_output_artifact && tag.starts_with("workflow.outputs.artifacts."))
        {
            return Resolved;
        }
        if let Some(name) = tag.strip_prefix("workflow.parameters.") {
            let declared: Vec<&str> = globals
                .names
                .iter()
                .filter_map(|n| n.strip_prefix("workflow.parameters."))
                .filter(|n| *n != "json")
                .collect();
            return Unresolved(format!(
                ": spec.arguments declares no parameter '{name}'{}",
                did_you_mean(name, &declared)
            ));
        }
        if tag.starts_with("workflow.labels.") || tag.starts_with("workflow.annotations.") {
            // validate.go `Workflow`: only the keys of metadata, workflowMetadata
            // (and the controller's workflowDefaults) are in scope.
            return Unresolved(
                ": no label or annotation of that name is set by the object or its workflowMetadata (one the \
                 controller's workflowDefaults adds is not known offline)"
                    .into(),
            );
        }
        if tag == "workflow.failures" {
            return Unresolved(": {{workflow.failures}} is only set for exit handlers (spec.onExit)".into());
        }
        if tag == "workflow.priority" {
            return Unresolved(": spec.priority is not set".into());
        }
        if tag.starts_with("workflow.outputs.") {
            return Unresolved(": no output declares that globalName".into());
        }
        let known: Vec<&str> = globals.names.iter().map(String::as_str).collect();
        Unresolved(format!(": Argo has no such workflow variable{}", did_you_mean(tag, &known)))
    }

    fn step(&self, rest: &str) -> Resolution {
        let (name, field) = rest.split_once('.').unwrap_or((rest, ""));
        let Nodes::Steps { done, current } = self.nodes else {
            return Unresolved(": steps.* is only available inside a steps template".into());
        };
        let node = if name == current.0 { Some(&current.1) } else { done.get(name) };
        match node {
            Some(node) => match node.has(field, true) {
                Ok(()) => Resolved,
                Err(why) => Unresolved(why),
            },
            None => {
                let earlier: Vec<&str> = done.keys().copied().collect();
                Unresolved(format!(
                    ": no step named '{name}' runs before this one{}",
                    did_you_mean(name, &earlier)
                ))
            }
        }
    }

    fn task(&self, rest: &str) -> Resolution {
        let (name, field) = rest.split_once('.').unwrap_or((rest, ""));
        let Nodes::Dag { graph, nodes, current, self_status } = self.nodes else {
            return Unresolved(": tasks.* is only available inside a dag template".into());
        };
        let Some(&index) = graph.index.get(name) else {
            let names: Vec<&str> = graph.index.keys().copied().collect();
            return Unresolved(format!(": the DAG has no task '{name}'{}", did_you_mean(name, &names)));
        };
        let ancestor = current.is_some_and(|c| graph.is_ancestor(name, c) || (c == index && self_status));
        match nodes[index].has(field, ancestor) {
            Ok(()) => Resolved,
            Err(_) if field == "status" => Unresolved(format!(
                ": tasks.{name}.status is only available to tasks that depend on '{name}' (add it to depends)"
            )),
            Err(why) => Unresolved(why),
        }
    }
}
