//! The drawing-independent shape of a graph: nodes, clusters and edges.
//!
//! The builder decides what is drawn; DOT and Mermaid only decide how.

/// A whole drawing: the objects' title and what is drawn at the top level.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Graph {
    /// Shown above the drawing (`Workflow dag-diamond-`).
    pub title: String,
    /// The top-level items and the edges between them.
    pub body: Body,
}

/// The content of the graph or of one cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Body {
    pub items: Vec<Item>,
    pub edges: Vec<Edge>,
}

/// Something drawn: a node, or a cluster of nodes (a nested DAG or steps).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Item {
    Node(Node),
    Cluster(Cluster),
}

impl Item {
    pub fn id(&self) -> &str {
        match self {
            Item::Node(node) => &node.id,
            Item::Cluster(cluster) => &cluster.id,
        }
    }
}

/// What a node stands for; it decides the shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NodeKind {
    /// A task or step that runs a leaf template (container, script, ...).
    Task,
    /// A call through `templateRef`, or a workflow run from a WorkflowTemplate.
    Reference,
    /// A call of a template that is already being drawn further out.
    Recursive,
    /// A call that was not expanded because the drawing is already large.
    Truncated,
    /// A call of a template that the object does not define.
    Missing,
    /// Where parallel step groups meet (fan-in, then fan-out).
    Junction,
}

/// A node: a title line (the task or step name) and detail lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Node {
    pub id: String,
    pub kind: NodeKind,
    pub title: String,
    pub details: Vec<String>,
    /// Runs once per item (withItems, withParam, withSequence).
    pub looped: bool,
    /// Runs as an exit handler or lifecycle hook.
    pub handler: bool,
}

/// A cluster: a task or step whose template is itself a DAG or steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cluster {
    pub id: String,
    pub title: String,
    pub details: Vec<String>,
    pub looped: bool,
    pub handler: bool,
    pub body: Body,
}

/// Why an edge is there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EdgeKind {
    /// Runs after (a dependency, or the next step group).
    Flow,
    /// Runs when the tail ends (exit handler, lifecycle hook): dashed.
    Handler,
}

/// An edge between two items of the same body (by id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Edge {
    pub from: String,
    pub to: String,
    pub label: Option<String>,
    pub kind: EdgeKind,
}

impl Body {
    /// A node of this body or below that an edge into (`first`) or out of
    /// (last) the item `id` can be drawn to: DOT edges end at nodes and are
    /// clipped at the cluster's border.
    pub fn anchor(&self, id: &str, first: bool) -> Option<&str> {
        let item = self.items.iter().find(|item| item.id() == id)?;
        Some(item_anchor(item, first))
    }
}

fn item_anchor(item: &Item, first: bool) -> &str {
    match item {
        Item::Node(node) => &node.id,
        Item::Cluster(cluster) => {
            let inner = if first { cluster.body.items.first() } else { cluster.body.items.last() };
            // Clusters are never empty: an empty DAG gets a placeholder node.
            inner.map_or(cluster.id.as_str(), |inner| item_anchor(inner, first))
        }
    }
}
