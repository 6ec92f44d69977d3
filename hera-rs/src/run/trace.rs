//! What a run shows while it runs: one line per node change ([`Lines`]);
//! the `hera` command's live tree is another [`Trace`].

use super::node::{Node, NodeType};

/// Receives every node change.
pub trait Trace {
    /// The run of `workflow` (named, without a status) begins at `started`;
    /// node times are seconds from then. Called once, before any node.
    fn start(&mut self, workflow: &crate::model::Workflow, started: chrono::DateTime<chrono::Utc>) {
        let _ = (workflow, started);
    }

    /// `node` was created or changed phase or message.
    fn node(&mut self, node: &Node);
}

/// Says nothing (tests, `-o json`).
#[derive(Debug, Default)]
pub struct Silent;

impl Trace for Silent {
    fn node(&mut self, _node: &Node) {}
}

/// One line per change, Trek-style, to a writer (stderr for `hera run`).
pub struct Lines<W: std::io::Write> {
    out: W,
}

impl<W: std::io::Write> Lines<W> {
    /// Writes to `out`.
    pub fn new(out: W) -> Self {
        Lines { out }
    }
}

impl<W: std::io::Write> Trace for Lines<W> {
    fn node(&mut self, node: &Node) {
        // Group nodes are bookkeeping; their children say what happens.
        if node.node_type == NodeType::StepGroup {
            return;
        }
        let tag = match node.phase {
            super::Phase::Pending => "[PENDING]",
            super::Phase::Running => "[RUN]    ",
            super::Phase::Succeeded => "[OK]     ",
            super::Phase::Skipped => "[SKIP]   ",
            super::Phase::Omitted => "[OMIT]   ",
            super::Phase::Failed => "[FAIL]   ",
            super::Phase::Error => "[ERROR]  ",
        };
        let mut line = match node.executor.as_deref().filter(|_| node.phase.fulfilled()) {
            // Which executor ran the pod (host, docker, podman, mock, ...).
            Some(executor) => format!("{tag} {} ({}, {executor})", node.name, node.node_type.as_str()),
            None => format!("{tag} {} ({})", node.name, node.node_type.as_str()),
        };
        if node.phase.fulfilled() && node.node_type == NodeType::Pod {
            line.push_str(&format!(" {:.1}s", node.duration()));
        }
        if !node.message.is_empty() {
            line.push_str(&format!(": {}", node.message));
        }
        // One write per line: stderr is unbuffered.
        line.push('\n');
        let _ = self.out.write_all(line.as_bytes());
    }
}
