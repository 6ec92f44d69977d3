//! Mermaid `flowchart`: paste into Markdown (GitHub, GitLab, docs sites).
//!
//! Labels are always quoted, and every character that Mermaid's grammar or
//! its HTML labels would read (`"`, `#`, `<`, `>`, `&`, `` ` ``, `|`) is
//! written as a Mermaid entity (`#quot;`, `#35;`, ...). Nested templates are
//! `subgraph`s; edges come last, so no edge places a node in a subgraph.

use super::model::{Body, Cluster, Edge, EdgeKind, Graph, Item, Node, NodeKind};
use std::fmt::Write;

/// Classes, in the order their `classDef` lines are written.
const CLASSES: [(&str, &str); 3] = [
    ("handler", "stroke-dasharray: 5 4"),
    ("missing", "stroke:#c0392b,color:#c0392b"),
    ("junction", "fill:#4a6a94,stroke:#4a6a94"),
];

pub(crate) fn render(graph: &Graph) -> String {
    let mut out = String::new();
    if !graph.title.is_empty() {
        let _ = writeln!(out, "---\ntitle: {}\n---", yaml_string(&graph.title));
    }
    out.push_str("flowchart TD\n");
    let mut classes: Vec<Vec<&str>> = vec![Vec::new(); CLASSES.len()];
    declare(&mut out, &graph.body, 1, &mut classes);
    let mut edges = Vec::new();
    collect_edges(&graph.body, &mut edges);
    for edge in edges {
        let arrow = match (edge.kind, &edge.label) {
            (EdgeKind::Flow, None) => "-->".to_owned(),
            (EdgeKind::Flow, Some(label)) => format!("-->|\"{}\"|", text(label)),
            (EdgeKind::Handler, None) => "-.->".to_owned(),
            (EdgeKind::Handler, Some(label)) => format!("-.->|\"{}\"|", text(label)),
        };
        let _ = writeln!(out, "  {} {arrow} {}", edge.from, edge.to);
    }
    for ((class, style), members) in CLASSES.iter().zip(&classes) {
        if !members.is_empty() {
            let _ = writeln!(out, "  classDef {class} {style}");
            let _ = writeln!(out, "  class {} {class}", members.join(","));
        }
    }
    out
}

fn declare<'g>(out: &mut String, body: &'g Body, depth: usize, classes: &mut [Vec<&'g str>]) {
    let pad = "  ".repeat(depth);
    for item in &body.items {
        match item {
            Item::Node(n) => node(out, n, &pad, classes),
            Item::Cluster(c) => cluster(out, c, depth, classes),
        }
    }
}

fn cluster<'g>(out: &mut String, cluster: &'g Cluster, depth: usize, classes: &mut [Vec<&'g str>]) {
    let pad = "  ".repeat(depth);
    let _ = writeln!(out, "{pad}subgraph {}[\"{}\"]", cluster.id, label(&cluster.title, &cluster.details));
    declare(out, &cluster.body, depth + 1, classes);
    let _ = writeln!(out, "{pad}end");
}

fn node<'g>(out: &mut String, node: &'g Node, pad: &str, classes: &mut [Vec<&'g str>]) {
    let text = label(&node.title, &node.details);
    let shape = match node.kind {
        NodeKind::Junction => "((\" \"))".to_owned(),
        NodeKind::Recursive | NodeKind::Truncated => format!(">\"{text}\"]"),
        NodeKind::Reference => format!("{{{{\"{text}\"}}}}"),
        _ if node.looped => format!("[[\"{text}\"]]"),
        _ if node.handler => format!("([\"{text}\"])"),
        _ => format!("[\"{text}\"]"),
    };
    let _ = writeln!(out, "{pad}{}{shape}", node.id);
    let class = match node.kind {
        NodeKind::Junction => Some(2),
        NodeKind::Missing => Some(1),
        _ if node.handler => Some(0),
        _ => None,
    };
    if let Some(class) = class {
        classes[class].push(&node.id);
    }
}

fn collect_edges<'g>(body: &'g Body, out: &mut Vec<&'g Edge>) {
    for item in &body.items {
        if let Item::Cluster(cluster) = item {
            collect_edges(&cluster.body, out);
        }
    }
    out.extend(&body.edges);
}

/// The title in bold, the details on lines below it.
fn label(title: &str, details: &[String]) -> String {
    let mut out = format!("<b>{}</b>", text(title));
    for detail in details {
        let _ = write!(out, "<br>{}", text(detail));
    }
    out
}

/// Text inside a quoted Mermaid label.
pub(crate) fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            '\n' => out.push_str("<br>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A YAML double-quoted string, for the front matter's title.
fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_escape_everything_mermaid_reads() {
        assert_eq!(
            text("say \"hi\" #1; <b>{{x}}</b> & `y` | z\nw"),
            "say #quot;hi#quot; #35;1; #lt;b#gt;{{x}}#lt;/b#gt; #amp; #96;y#96; #124; z<br>w"
        );
        assert_eq!(yaml_string("Workflow \"a\\b\": x"), "\"Workflow \\\"a\\\\b\\\": x\"");
    }
}
