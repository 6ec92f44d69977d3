//! A workflow's nodes as the tree `argo get` and `argo watch` print
//! (`cmd/argo/commands/common/get.go`): each node under the StepGroup or
//! Retry node that lists it as a child, else under its boundary (the DAG or
//! Steps node it runs in); siblings by start time, then by name; StepGroups
//! and single-child Retry nodes are not shown themselves, and neither are
//! omitted nodes (`filterNode`).

use crate::model::IndexMap;
use crate::model::{NodeStatus, Workflow};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// The icon of a node phase (`JobStatusIconMap`).
fn icon(node: &NodeStatus) -> &'static str {
    if node.r#type == "Suspend" && node.phase.as_deref() == Some("Running") {
        return "ǁ";
    }
    match node.phase.as_deref() {
        Some("Pending") | None => "◷",
        Some("Running") => "●",
        Some("Succeeded") => "✔",
        Some("Skipped" | "Omitted") => "○",
        Some("Failed") => "✖",
        Some("Error") => "⚠",
        Some(_) => "?",
    }
}

fn time(text: Option<&str>) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text?).ok().map(|t| t.with_timezone(&Utc))
}

/// `humanize.RelativeDurationShort`: whole seconds, minutes or hours, from
/// `start` to `end` (or `now` while running).
fn duration(start: Option<&str>, end: Option<&str>, now: DateTime<Utc>) -> String {
    let Some(start) = time(start) else { return String::new() };
    let end = time(end).unwrap_or(now);
    let seconds = (end - start).num_seconds().max(0);
    match seconds {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m", s / 60),
        s => format!("{}h", s / 3600),
    }
}

/// The `N` of a loop node's display name `step(N:item)`, as
/// `RecoverIndexFromNodeName` reads it: from the first `(` to the first
/// `:`, so a retry's `step(1)` has none and sorts by name, as in `argo get`.
fn index(name: &str) -> Option<u64> {
    let (open, colon) = (name.find('(')?, name.find(':')?);
    name.get(open + 1..colon)?.parse().ok()
}

/// The rows of the table: prefix and icon with the name, template, pod, duration, message.
struct Rows<'w> {
    workflow: &'w Workflow,
    nodes: &'w IndexMap<String, NodeStatus>,
    children: HashMap<&'w str, Vec<&'w str>>,
    now: DateTime<Utc>,
    rows: Vec<[String; 5]>,
}

impl<'w> Rows<'w> {
    fn render(&mut self, id: &str, prefix: &str, child_prefix: &str) {
        let Some(node) = self.nodes.get(id) else { return };
        let kind = node.r#type.as_str();
        let children = self.children.get(id).cloned().unwrap_or_default();
        // `filterNode`: (hidden, children indented as a group).
        let (hidden, group) = match kind {
            "Retry" if children.len() == 1 => (true, false),
            "StepGroup" => (true, true),
            "Skipped" if node.phase.as_deref() == Some("Omitted") => (true, false),
            _ => (false, false),
        };
        if !hidden {
            self.row(node, prefix);
        }
        let last = children.len().saturating_sub(1);
        for (i, child) in children.iter().enumerate() {
            // `renderChild`'s box drawing.
            let (part, sub) = if hidden && group {
                match i {
                    _ if last == 0 => ("──", "  "),
                    0 => ("┬─", "│ "),
                    _ if i == last => ("└─", "  "),
                    _ => ("├─", "│ "),
                }
            } else if hidden {
                ("", "")
            } else if i == last {
                ("└─", "  ")
            } else {
                ("├─", "│ ")
            };
            let (node_prefix, next) = if hidden {
                let start = if i == 0 { prefix } else { child_prefix };
                (format!("{start}{part}"), format!("{child_prefix}{sub}"))
            } else {
                (format!("{child_prefix}{part}"), format!("{child_prefix}{sub}"))
            };
            self.render(child, &node_prefix, &next);
        }
    }

    fn row(&mut self, node: &NodeStatus, prefix: &str) {
        // The TEMPLATE column shows a reference as `NAME/TEMPLATE`.
        let shown = node.display_name.as_deref().unwrap_or(&node.name);
        let template = match (&node.template_ref, &node.template_name) {
            (Some(r), _) => {
                format!("{}/{}", r.name.as_deref().unwrap_or(""), r.template.as_deref().unwrap_or(""))
            }
            (None, Some(name)) => name.clone(),
            (None, None) => String::new(),
        };
        let pod = node.r#type == "Pod";
        let workflow = self.workflow.metadata.name.as_deref().unwrap_or("");
        self.rows.push([
            format!("{prefix}{} {shown}", icon(node)),
            template,
            if pod { pod_name(workflow, node) } else { String::new() },
            if pod {
                duration(node.started_at.as_deref(), node.finished_at.as_deref(), self.now)
            } else {
                String::new()
            },
            node.message.clone().unwrap_or_default(),
        ]);
    }
}

/// The template a node's pod is named after (`GetTemplateFromNode` in
/// `workflow/util/util.go`: the referenced template, else the template name).
fn pod_template(node: &NodeStatus) -> &str {
    match &node.template_ref {
        Some(r) => r.template.as_deref().unwrap_or(""),
        None => node.template_name.as_deref().unwrap_or(""),
    }
}

/// The name of a pod node's pod (pod names v2, `GeneratePodName`).
fn pod_name(workflow: &str, node: &NodeStatus) -> String {
    crate::run::names::pod_name(workflow, &node.name, pod_template(node))
}

/// Which node each pod runs: pod name → the node's display name, for the
/// pod nodes of `workflow`'s status. Both of Argo's pod name schemes are
/// keys: v2 (`<workflow>-<template>-<hash>`, the default) and v1 (the node id).
pub(crate) fn pods(workflow: &Workflow) -> HashMap<String, String> {
    let name = workflow.metadata.name.as_deref().unwrap_or("");
    let nodes = workflow.status.as_ref().and_then(|s| s.nodes.as_ref());
    let mut pods = HashMap::new();
    for node in nodes.into_iter().flat_map(|n| n.values()).filter(|n| n.r#type == "Pod") {
        let shown = node.display_name.clone().unwrap_or_else(|| node.name.clone());
        pods.insert(node.id.clone(), shown.clone());
        pods.insert(pod_name(name, node), shown);
    }
    pods
}

/// The children of every node (`convertToRenderTrees`) and the roots:
/// the workflow's own node first, then its onExit node and any other.
type Tree<'n> = (HashMap<&'n str, Vec<&'n str>>, Vec<String>);

fn tree<'n>(nodes: &'n IndexMap<String, NodeStatus>, workflow: &str) -> Tree<'n> {
    let mut owner: HashMap<&str, &str> = HashMap::new();
    for node in nodes.values() {
        if matches!(node.r#type.as_str(), "StepGroup" | "Retry") {
            for child in node.children.iter().flatten() {
                owner.insert(child.as_str(), node.id.as_str());
            }
        }
    }
    let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut roots = Vec::new();
    for (id, node) in nodes {
        let parent = owner
            .get(id.as_str())
            .copied()
            .or_else(|| node.boundary_id.as_deref().filter(|b| nodes.contains_key(*b) && *b != id));
        match parent {
            Some(parent) => children.entry(parent).or_default().push(id.as_str()),
            None => roots.push(id.clone()),
        }
    }
    let key = |id: &str| {
        let node = &nodes[id];
        let name = node.display_name.as_deref().unwrap_or(&node.name);
        (time(node.started_at.as_deref()), index(name), name.to_owned())
    };
    for list in children.values_mut() {
        list.sort_by_cached_key(|id| key(id));
    }
    roots.sort_by_key(|id| (id != workflow, key(id)));
    (children, roots)
}

/// The workflow as `argo watch` shows it: a header, then the node tree
/// in aligned columns (`now` times the running nodes).
pub(crate) fn render(workflow: &Workflow, now: DateTime<Utc>) -> String {
    let status = workflow.status.as_ref();
    let mut out = String::new();
    let mut field = |label: &str, value: &str| out.push_str(&format!("{:<20} {value}\n", label));
    field("Name:", workflow.metadata.name.as_deref().unwrap_or(""));
    // A local run has no namespace.
    if let Some(namespace) = workflow.metadata.namespace.as_deref().filter(|n| !n.is_empty()) {
        field("Namespace:", namespace);
    }
    field("Status:", status.and_then(|s| s.phase.as_deref()).unwrap_or("Pending"));
    if let Some(message) = status.and_then(|s| s.message.as_deref()).filter(|m| !m.is_empty()) {
        field("Message:", message);
    }
    if let Some(started) = status.and_then(|s| s.started_at.as_deref()) {
        let finished = status.and_then(|s| s.finished_at.as_deref());
        field("Duration:", &duration(Some(started), finished, now));
    }
    if let Some(progress) = status.and_then(|s| s.progress.as_deref()) {
        field("Progress:", progress);
    }
    let Some(nodes) = status.and_then(|s| s.nodes.as_ref()).filter(|n| !n.is_empty()) else { return out };
    let name = workflow.metadata.name.as_deref().unwrap_or("");
    let (children, roots) = tree(nodes, name);
    let mut rows = Rows { workflow, nodes, children, now, rows: Vec::new() };
    rows.rows.push(["STEP", "TEMPLATE", "PODNAME", "DURATION", "MESSAGE"].map(str::to_owned));
    for (i, root) in roots.iter().enumerate() {
        if i > 0 {
            rows.rows.push(Default::default());
        }
        rows.render(root, " ", " ");
    }
    // tabwriter: columns padded to their widest cell plus two spaces.
    let mut widths = [0usize; 5];
    for row in &rows.rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    out.push('\n');
    for row in &rows.rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i < 4 {
                line.push_str(&" ".repeat(widths[i] - cell.chars().count() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// One line per node whose phase or message changed since `seen`
/// (`NAME DISPLAY PHASE[: MESSAGE]`), for output that is not a terminal.
pub(crate) fn changes(workflow: &Workflow, seen: &mut HashMap<String, (String, String)>) -> Vec<String> {
    let name = workflow.metadata.name.as_deref().unwrap_or("");
    let Some(nodes) = workflow.status.as_ref().and_then(|s| s.nodes.as_ref()) else { return Vec::new() };
    let (children, roots) = tree(nodes, name);
    // In tree order, so a parent's line comes before its children's.
    let mut order = Vec::new();
    let mut stack: Vec<&str> = roots.iter().rev().map(String::as_str).collect();
    while let Some(id) = stack.pop() {
        order.push(id);
        if let Some(list) = children.get(id) {
            stack.extend(list.iter().rev());
        }
    }
    let mut lines = Vec::new();
    for id in order {
        let node = &nodes[id];
        let state = (node.phase.clone().unwrap_or_default(), node.message.clone().unwrap_or_default());
        if seen.get(id) == Some(&state) || node.r#type == "StepGroup" {
            continue;
        }
        let shown = node.display_name.as_deref().unwrap_or(&node.name);
        let message = if state.1.is_empty() { String::new() } else { format!(": {}", state.1) };
        lines.push(format!("{name} {shown} {}{message}", state.0));
        seen.insert(id.to_owned(), state);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node(
        id: &str,
        name: &str,
        display: &str,
        kind: &str,
        phase: &str,
        extra: serde_json::Value,
    ) -> serde_json::Value {
        let mut node = json!({"id": id, "name": name, "displayName": display, "type": kind, "phase": phase,
            "templateName": "echo", "boundaryID": "wf", "startedAt": "2026-01-01T00:00:00Z"});
        node.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        node
    }

    /// A steps workflow `[[a, b], [c]]` at three moments.
    fn steps(a: &str, b: &str, c: Option<&str>, phase: &str) -> Workflow {
        let mut nodes = serde_json::Map::new();
        let finished = json!({"finishedAt": "2026-01-01T00:00:03Z"});
        let mut add = |value: serde_json::Value| {
            nodes.insert(value["id"].as_str().unwrap().to_owned(), value);
        };
        add(node("wf", "wf", "wf", "Steps", phase, json!({"templateName": "main", "children": ["wf-g0"]})));
        add(node("wf-g0", "wf[0]", "[0]", "StepGroup", a, json!({"children": ["wf-a", "wf-b"]})));
        let group1 = if c.is_some() { json!(["wf-g1"]) } else { json!([]) };
        add(node("wf-a", "wf[0].a", "a", "Pod", a, json!({"children": group1.clone()})));
        add(node(
            "wf-b",
            "wf[0].b",
            "b",
            "Pod",
            b,
            json!({"children": group1,
            "startedAt": "2026-01-01T00:00:01Z", "message": if b == "Failed" { "exit code 1" } else { "" }}),
        ));
        if let Some(c) = c {
            add(node(
                "wf-g1",
                "wf[1]",
                "[1]",
                "StepGroup",
                c,
                json!({"children": ["wf-c"], "startedAt": "2026-01-01T00:00:02Z"}),
            ));
            add(node(
                "wf-c",
                "wf[1].c",
                "c",
                "Pod",
                c,
                json!({"startedAt": "2026-01-01T00:00:02Z"})
                    .as_object()
                    .unwrap()
                    .clone()
                    .into_iter()
                    .chain(finished.as_object().unwrap().clone())
                    .collect(),
            ));
        }
        serde_json::from_value(json!({
            "apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
            "metadata": {"name": "wf", "namespace": "argo"},
            "spec": {},
            "status": {"phase": phase, "startedAt": "2026-01-01T00:00:00Z", "nodes": nodes}
        }))
        .unwrap()
    }

    fn now() -> DateTime<Utc> {
        time(Some("2026-01-01T00:01:05Z")).unwrap()
    }

    fn pod(node: &str) -> String {
        crate::run::names::pod_name("wf", node, "echo")
    }

    #[test]
    fn the_tree_is_drawn_as_argo_watch_draws_it() {
        let text = render(&steps("Succeeded", "Running", Some("Succeeded"), "Running"), now());
        let (a, b, c) = (pod("wf[0].a"), pod("wf[0].b"), pod("wf[1].c"));
        // The pod names are all as long (the hash is decimal, 10 digits here).
        assert!(a.len() == 18 && b.len() == 18 && c.len() == 18, "{a} {b} {c}");
        let expected = format!(
            "Name:                wf\n\
             Namespace:           argo\n\
             Status:              Running\n\
             Duration:            1m\n\
             \n\
             STEP      TEMPLATE  PODNAME             DURATION  MESSAGE\n \
             ● wf     main\n \
             ├─┬─✔ a  echo      {a}  1m\n \
             │ └─● b  echo      {b}  1m\n \
             └───✔ c  echo      {c}  1s\n"
        );
        assert_eq!(text, expected, "\n{text}");
    }

    #[test]
    fn changes_are_one_line_each_in_tree_order_and_only_once() {
        let mut seen = HashMap::new();
        let states = [
            steps("Pending", "Pending", None, "Running"),
            steps("Running", "Pending", None, "Running"),
            steps("Running", "Pending", None, "Running"),
            steps("Succeeded", "Failed", Some("Omitted"), "Failed"),
        ];
        let lines: Vec<Vec<String>> = states.iter().map(|w| changes(w, &mut seen)).collect();
        assert_eq!(lines[0], ["wf wf Running", "wf a Pending", "wf b Pending"]);
        assert_eq!(lines[1], ["wf a Running"]);
        assert!(lines[2].is_empty(), "{:?}", lines[2]);
        assert_eq!(lines[3], ["wf wf Failed", "wf a Succeeded", "wf b Failed: exit code 1", "wf c Omitted"]);
    }

    #[test]
    fn a_dag_with_retries_and_an_exit_handler() {
        let at = |s: u32| json!({"startedAt": format!("2026-01-01T00:00:0{s}Z"), "boundaryID": "d"});
        let mut nodes = serde_json::Map::new();
        let mut add = |value: serde_json::Value| {
            nodes.insert(value["id"].as_str().unwrap().to_owned(), value);
        };
        add(node(
            "d",
            "d",
            "d",
            "DAG",
            "Failed",
            json!({"templateName": "main", "children": ["d-a", "d-b"]}),
        ));
        add(node("d-a", "d.A", "A", "Retry", "Succeeded", json!({"children": ["d-a0"], "boundaryID": "d"})));
        add(node("d-a0", "d.A(0)", "A(0)", "Pod", "Succeeded", at(1)));
        add(node(
            "d-b",
            "d.B",
            "B",
            "Retry",
            "Failed",
            json!({"children": ["d-b0", "d-b1"], "startedAt": "2026-01-01T00:00:02Z", "boundaryID": "d"}),
        ));
        add(node(
            "d-b1",
            "d.B(1)",
            "B(1)",
            "Pod",
            "Failed",
            json!({"startedAt": "2026-01-01T00:00:04Z", "message": "no more retries", "boundaryID": "d"}),
        ));
        add(node("d-b0", "d.B(0)", "B(0)", "Pod", "Failed", at(3)));
        add(node("d-c", "d.C", "C", "Skipped", "Omitted", at(5)));
        add(node(
            "d-x",
            "d.onExit",
            "d.onExit",
            "Pod",
            "Succeeded",
            json!({"boundaryID": null, "startedAt": "2026-01-01T00:00:06Z"}),
        ));
        let workflow: Workflow = serde_json::from_value(json!({
            "apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
            "metadata": {"name": "d", "namespace": "argo"}, "spec": {},
            "status": {"phase": "Failed", "message": "child 'd-b' failed", "nodes": nodes}
        }))
        .unwrap();
        let text = render(&workflow, now());
        let steps: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("STEP"))
            .skip(1)
            .map(|l| l.split("  ").next().unwrap())
            .collect();
        // The single-try Retry shows its pod in its place; the Retry of two
        // tries shows both under it; the omitted task is not shown, but
        // still counts as the last child, so B keeps `├─` (as in argo's
        // renderChild, whose maxIndex counts filtered nodes); the exit
        // handler comes after a blank row.
        assert_eq!(
            steps,
            [" ✖ d", " ├─✔ A(0)", " ├─✖ B", " │ ├─✖ B(0)", " │ └─✖ B(1)", "", " ✔ d.onExit"],
            "\n{text}"
        );
        assert!(text.contains("Message:             child 'd-b' failed\n"), "{text}");
        assert!(
            text.lines().any(|l| l.starts_with(" │ └─✖ B(1)") && l.ends_with("no more retries")),
            "{text}"
        );
    }

    #[test]
    fn pods_map_to_their_nodes_by_both_pod_name_schemes() {
        let mut workflow = steps("Succeeded", "Running", Some("Succeeded"), "Running");
        // A node of a referenced template: its pod is named after the
        // referenced template, not `NAME/TEMPLATE` (`GetTemplateFromNode`).
        let c = workflow.status.as_mut().unwrap().nodes.as_mut().unwrap().get_mut("wf-c").unwrap();
        c.template_name = None;
        c.template_ref = Some(crate::model::TemplateRef {
            name: Some("lib".into()),
            template: Some("say".into()),
            ..Default::default()
        });
        let pods = pods(&workflow);
        assert_eq!(pods.get(&pod("wf[0].a")).map(String::as_str), Some("a"));
        assert_eq!(pods.get(&pod("wf[0].b")).map(String::as_str), Some("b"));
        let c = crate::run::names::pod_name("wf", "wf[1].c", "say");
        assert_eq!(pods.get(&c).map(String::as_str), Some("c"));
        // Pod names v1: the node id.
        assert_eq!(pods.get("wf-a").map(String::as_str), Some("a"));
        // Only pods: not the Steps node, not the groups.
        assert_eq!(pods.len(), 6, "{pods:?}");
        let text = render(&workflow, now());
        assert!(text.lines().any(|l| l.contains("✔ c  lib/say") && l.contains(&c)), "{text}");
    }

    #[test]
    fn durations_and_loop_indexes() {
        let t = |s| Some(s);
        assert_eq!(duration(t("2026-01-01T00:00:00Z"), t("2026-01-01T00:00:59Z"), now()), "59s");
        assert_eq!(duration(t("2026-01-01T00:00:00Z"), t("2026-01-01T02:30:00Z"), now()), "2h");
        assert_eq!(duration(None, None, now()), "");
        assert_eq!(index("echo(10:ten)"), Some(10));
        assert_eq!(index("echo"), None);
        // A retry's attempt is not a loop index: by name, as Argo sorts it.
        assert_eq!(index("echo(1)"), None);
        assert_eq!(index("echo(2:{\"a\":\"(3:x)\"})"), Some(2));
    }
}
