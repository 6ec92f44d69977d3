//! What a command shows while a workflow runs, on this machine (`hera
//! run`) or on a server (`submit --watch`, `watch`): the node tree of
//! Argo's `status.nodes` as `argo get` draws it ([`tree`]), redrawn in
//! place on a terminal ([`live`]), or one line per node change otherwise.
//! The local engine's nodes become Argo `NodeStatus`es first, so both
//! draw the same tree from the same data.

pub(crate) mod live;
pub(crate) mod tree;

/// How to show a running workflow (`--progress`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Progress {
    /// The tree when stderr is a terminal, else lines.
    #[default]
    Auto,
    /// The node tree, redrawn in place (ANSI escapes) — even when stderr is
    /// not a terminal.
    Tree,
    /// One line per node change.
    Lines,
    /// Nothing while it runs (the result is still printed at the end).
    None,
}

impl Progress {
    /// `Auto` decided: the tree on a terminal, else lines.
    pub(crate) fn resolve(self, terminal: bool) -> Progress {
        match self {
            Progress::Auto if terminal => Progress::Tree,
            Progress::Auto => Progress::Lines,
            other => other,
        }
    }
}
