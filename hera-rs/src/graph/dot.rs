//! Graphviz DOT: `hera graph x.yaml | dot -Tsvg > x.svg`.
//!
//! Every label is an HTML-like label (`label=<…>`), so only `&`, `<`, `>`
//! and `"` need escaping and `{{…}}`, quotes and backslashes are plain text.
//! Nested templates are clusters; edges to or from a cluster end at one of
//! its nodes and are clipped at its border (`compound=true`, `lhead`/`ltail`).

use super::model::{Body, Cluster, EdgeKind, Graph, Item, Node, NodeKind};
use std::fmt::Write;

const FONT: &str = "Helvetica";

pub(crate) fn render(graph: &Graph) -> String {
    let mut out = String::from("digraph workflow {\n");
    let _ = writeln!(out, "  graph [compound=true, fontname=\"{FONT}\", fontsize=12, labelloc=t];");
    if !graph.title.is_empty() {
        let _ = writeln!(out, "  label=<<b>{}</b>>;", html(&graph.title));
    }
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef4fb\", color=\"#4a6a94\", \
         fontname=\"{FONT}\", fontsize=11];"
    );
    let _ = writeln!(out, "  edge [color=\"#4a6a94\", fontname=\"{FONT}\", fontsize=9];");
    body(&mut out, &graph.body, 1);
    out.push_str("}\n");
    out
}

fn body(out: &mut String, body: &Body, depth: usize) {
    let pad = "  ".repeat(depth);
    for item in &body.items {
        match item {
            Item::Node(n) => node(out, n, &pad),
            Item::Cluster(c) => cluster(out, c, depth),
        }
    }
    for edge in &body.edges {
        let mut attributes = Vec::new();
        let from = body.anchor(&edge.from, false).unwrap_or(&edge.from);
        let to = body.anchor(&edge.to, true).unwrap_or(&edge.to);
        if from != edge.from {
            attributes.push(format!("ltail=\"cluster_{}\"", edge.from));
        }
        if to != edge.to {
            attributes.push(format!("lhead=\"cluster_{}\"", edge.to));
        }
        if from != edge.from || to != edge.to {
            // Leaves a rank free between clusters, so the arrow shows.
            attributes.push("minlen=2".to_owned());
        }
        if let Some(label) = &edge.label {
            attributes.push(format!("label=<{}>", html(label)));
        }
        if edge.kind == EdgeKind::Handler {
            attributes.push("style=dashed".to_owned());
        }
        let attributes =
            if attributes.is_empty() { String::new() } else { format!(" [{}]", attributes.join(", ")) };
        let _ = writeln!(out, "{pad}\"{from}\" -> \"{to}\"{attributes};");
    }
}

fn cluster(out: &mut String, cluster: &Cluster, depth: usize) {
    let pad = "  ".repeat(depth);
    let _ = writeln!(out, "{pad}subgraph \"cluster_{}\" {{", cluster.id);
    let style = if cluster.handler { "rounded,dashed" } else { "rounded" };
    let width = if cluster.looped { 2 } else { 1 };
    let _ = writeln!(
        out,
        "{pad}  label=<{}>; style=\"{style}\"; penwidth={width}; color=\"#7a8ba6\";",
        label(&cluster.title, &cluster.details)
    );
    body(out, &cluster.body, depth + 1);
    let _ = writeln!(out, "{pad}}}");
}

fn node(out: &mut String, node: &Node, pad: &str) {
    let mut attributes = Vec::new();
    if node.kind == NodeKind::Junction {
        attributes.push("shape=point, width=0.08, label=\"\"".to_owned());
    } else {
        attributes.push(format!("label=<{}>", label(&node.title, &node.details)));
        let mut style = vec!["rounded", "filled"];
        match node.kind {
            NodeKind::Reference => {
                attributes.push("shape=component, fillcolor=\"#fdf3e1\"".to_owned());
                style.retain(|s| *s != "rounded");
            }
            NodeKind::Recursive | NodeKind::Truncated => style.push("dashed"),
            NodeKind::Missing => attributes.push("color=\"#c0392b\", fontcolor=\"#c0392b\"".to_owned()),
            NodeKind::Task | NodeKind::Junction => {}
        }
        if node.handler && !style.contains(&"dashed") {
            style.push("dashed");
        }
        if style != ["rounded", "filled"] {
            attributes.push(format!("style=\"{}\"", style.join(",")));
        }
        // A stack of boxes: one run per item.
        if node.looped {
            attributes.push("peripheries=2".to_owned());
        }
    }
    let _ = writeln!(out, "{pad}\"{}\" [{}];", node.id, attributes.join(", "));
}

/// The title in bold, each detail on a smaller line below it.
fn label(title: &str, details: &[String]) -> String {
    let mut out = format!("<b>{}</b>", html(title));
    for detail in details {
        let _ = write!(out, "<br/><font point-size=\"9\">{}</font>", html(detail));
    }
    out
}

/// Text for an HTML-like label: markup characters as entities, a line break
/// as `<br/>`, other control characters (which Graphviz rejects) as spaces.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br/>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_labels_escape_markup_and_keep_the_rest() {
        assert_eq!(html("a \"b\" <c> & {{d}}\\n\ne\tf"), "a &quot;b&quot; &lt;c&gt; &amp; {{d}}\\n<br/>e f");
    }
}
