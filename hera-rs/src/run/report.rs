//! What a run ended with: the workflow's phase and every node, readable in
//! a test and printable as Argo's own Workflow object (`argo get -o json`).

use super::node::{Node, Phase};
use crate::model;

/// The end of a run.
#[derive(Clone, Debug)]
pub struct Report {
    /// The workflow's name.
    pub name: String,
    pub(crate) phase: Phase,
    pub(crate) message: String,
    pub(crate) nodes: Vec<Node>,
    pub(crate) order: Vec<String>,
    pub(crate) outputs: Vec<model::Parameter>,
    pub(crate) workflow: model::Workflow,
    /// The spec that ran, for a Workflow with `workflowTemplateRef`
    /// (`status.storedWorkflowTemplateSpec`).
    pub(crate) stored: Option<model::WorkflowSpec>,
    pub(crate) started: chrono::DateTime<chrono::Utc>,
    pub(crate) finished_at: f64,
}

impl Report {
    /// The workflow's phase: Succeeded, Failed or Error (Running when it
    /// stopped at an indefinite suspend).
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The workflow's message (why it failed; `invalid spec: …`).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether it succeeded.
    pub fn succeeded(&self) -> bool {
        self.phase == Phase::Succeeded
    }

    /// Every node, in the order they were created.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The node shown as `display_name` (`"d"`, `"hello(0:a)"`), or with
    /// that full name; the first one when several share it.
    pub fn node(&self, display_name: &str) -> Option<&Node> {
        self.nodes
            .iter()
            .find(|n| n.display_name == display_name)
            .or_else(|| self.nodes.iter().find(|n| n.name == display_name))
    }

    /// The `outputs.result` of the node shown as `display_name`.
    pub fn result(&self, display_name: &str) -> Option<&str> {
        self.node(display_name)?.outputs.as_ref()?.result.as_deref()
    }

    /// What the node's pod printed, its final newline trimmed — whether or
    /// not Argo keeps it as `outputs.result` (it does only when a sibling
    /// reads the result).
    pub fn stdout(&self, display_name: &str) -> Option<&str> {
        let log = &self.node(display_name)?.log;
        Some(log.strip_suffix('\n').unwrap_or(log))
    }

    /// An output parameter of the node shown as `display_name`.
    pub fn output(&self, display_name: &str, parameter: &str) -> Option<&str> {
        let outputs = self.node(display_name)?.outputs.as_ref()?;
        outputs.parameters.iter().flatten().find(|p| p.name == parameter)?.value.as_deref()
    }

    /// The display names of the pods, in the order they finished.
    pub fn order(&self) -> Vec<&str> {
        self.order
            .iter()
            .filter_map(|id| self.nodes.iter().find(|n| &n.id == id))
            .map(|n| n.display_name.as_str())
            .collect()
    }

    /// Nodes that did not run (Skipped or Omitted), with why.
    pub fn not_run(&self) -> Vec<(&str, &str)> {
        self.nodes
            .iter()
            .filter(|n| matches!(n.phase, Phase::Skipped | Phase::Omitted))
            .map(|n| (n.display_name.as_str(), n.message.as_str()))
            .collect()
    }

    /// The workflow's global outputs (`status.outputs.parameters`).
    pub fn global_outputs(&self) -> &[model::Parameter] {
        &self.outputs
    }

    /// The final Workflow object with its `status`, as Argo writes it.
    pub fn workflow(&self) -> model::Workflow {
        let time = |offset: f64| super::format_time(self.started, offset);
        let mut workflow = self.workflow.clone();
        let nodes = self.nodes.iter().map(|n| (n.id.clone(), node_status(n, self.started))).collect();
        workflow.status = Some(model::WorkflowStatus {
            phase: Some(self.phase.as_str().to_owned()),
            message: (!self.message.is_empty()).then(|| self.message.clone()),
            started_at: Some(time(0.0)),
            finished_at: Some(time(self.finished_at)),
            nodes: Some(nodes),
            outputs: (!self.outputs.is_empty())
                .then(|| model::Outputs { parameters: Some(self.outputs.clone()), ..Default::default() }),
            stored_workflow_template_spec: self.stored.clone(),
            ..Default::default()
        });
        workflow
    }

    /// `argo get`-like summary: one line per node, indented by depth.
    pub fn summary(&self) -> String {
        let mut out = format!("Name:    {}\nStatus:  {}\n", self.name, self.phase);
        if !self.message.is_empty() {
            out.push_str(&format!("Message: {}\n", self.message));
        }
        out.push_str(&format!(
            "Duration: {:.1}s\n\nSTEP{:>40}  DURATION  MESSAGE\n",
            self.finished_at, "PHASE"
        ));
        let Some(root) = self.nodes.iter().find(|n| n.name == self.name) else { return out };
        let mut seen = std::collections::HashSet::new();
        self.summary_line(root, 0, &mut out, &mut seen);
        // The workflow's exit handler and hooks hang under no template.
        for node in self.nodes.iter().filter(|n| n.boundary_id.is_empty() && n.id != root.id) {
            self.summary_line(node, 0, &mut out, &mut seen);
        }
        out
    }

    fn summary_line<'a>(
        &'a self,
        node: &'a Node,
        depth: usize,
        out: &mut String,
        seen: &mut std::collections::HashSet<&'a str>,
    ) {
        if !seen.insert(&node.id) {
            return;
        }
        let label = format!("{}{}", "  ".repeat(depth), node.display_name);
        out.push_str(&format!(
            "{label:<34} {:>9}  {:>7.1}s  {}\n",
            node.phase.as_str(),
            node.duration(),
            node.message
        ));
        use super::NodeType::{Retry, StepGroup, TaskGroup};
        let grouped: std::collections::HashSet<&str> = self
            .nodes
            .iter()
            .filter(|n| matches!(n.node_type, Retry | TaskGroup))
            .flat_map(|n| n.children.iter().map(String::as_str))
            .collect();
        let under: Vec<&Node> = if matches!(node.node_type, Retry | TaskGroup) {
            node.children.iter().filter_map(|c| self.nodes.iter().find(|n| &n.id == c)).collect()
        } else {
            self.nodes
                .iter()
                .filter(|n| {
                    n.boundary_id == node.id && n.node_type != StepGroup && !grouped.contains(n.id.as_str())
                })
                .collect()
        };
        for child in under {
            self.summary_line(child, depth + 1, out, seen);
        }
    }
}

/// A node as Argo keeps it in `status.nodes`, its times from `started`
/// (the run's start) on.
pub(crate) fn node_status(n: &Node, started: chrono::DateTime<chrono::Utc>) -> model::NodeStatus {
    let time = |offset: f64| super::format_time(started, offset);
    model::NodeStatus {
        id: n.id.clone(),
        name: n.name.clone(),
        display_name: Some(n.display_name.clone()),
        r#type: n.node_type.as_str().to_owned(),
        template_name: n.template_name.clone(),
        template_ref: n.template_ref.clone(),
        phase: Some(n.phase.as_str().to_owned()),
        boundary_id: (!n.boundary_id.is_empty()).then(|| n.boundary_id.clone()),
        message: (!n.message.is_empty()).then(|| n.message.clone()),
        started_at: Some(time(n.started_at)),
        finished_at: n.finished_at.map(time),
        children: (!n.children.is_empty()).then(|| n.children.clone()),
        outbound_nodes: (!n.outbound_nodes.is_empty()).then(|| n.outbound_nodes.clone()),
        inputs: n.inputs.clone(),
        outputs: n.outputs.clone(),
        memoization_status: n.memoization.clone(),
        daemoned: n.daemoned.then_some(true),
        pod_ip: n.pod_ip.clone(),
        synchronization_status: n
            .waiting
            .clone()
            .map(|w| model::NodeSynchronizationStatus { waiting: Some(w) }),
        node_flag: (n.hooked || n.retried).then(|| model::NodeFlag {
            hooked: n.hooked.then_some(true),
            retried: n.retried.then_some(true),
        }),
        ..Default::default()
    }
}
