//! Argo's node status, as the controller keeps it in `status.nodes`.

use crate::model;

/// A node's phase (`NodePhase` in Argo's types).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Created, not started.
    Pending,
    /// Started.
    Running,
    /// Finished well.
    Succeeded,
    /// Not run: its `when` was false, or its loop had no items.
    Skipped,
    /// Finished badly (a non-zero exit, a failed child).
    Failed,
    /// Could not run (a bad reference, an invalid expression).
    Error,
    /// Not run: its `depends` did not hold.
    Omitted,
}

impl Phase {
    /// Argo's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Pending => "Pending",
            Phase::Running => "Running",
            Phase::Succeeded => "Succeeded",
            Phase::Skipped => "Skipped",
            Phase::Failed => "Failed",
            Phase::Error => "Error",
            Phase::Omitted => "Omitted",
        }
    }

    /// Argo's `Fulfilled`: nothing more will happen to the node.
    pub fn fulfilled(self) -> bool {
        !matches!(self, Phase::Pending | Phase::Running)
    }

    /// Argo's `Completed`: it ran to an end (skipped and omitted nodes did not).
    pub fn completed(self) -> bool {
        matches!(self, Phase::Succeeded | Phase::Failed | Phase::Error)
    }

    /// Failed or Error.
    pub fn failed_or_error(self) -> bool {
        matches!(self, Phase::Failed | Phase::Error)
    }
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A node's type (`NodeType` in Argo's types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeType {
    /// A container or script template: a pod.
    Pod,
    /// A `steps` template.
    Steps,
    /// One group of a `steps` template.
    StepGroup,
    /// A `dag` template.
    Dag,
    /// A looped DAG task: its iterations are its children.
    TaskGroup,
    /// A template with a `retryStrategy`: its attempts are its children.
    Retry,
    /// A step or task that did not run.
    Skipped,
    /// A `suspend` template.
    Suspend,
    /// An `http` template.
    Http,
    /// A `plugin` template.
    Plugin,
}

impl NodeType {
    /// Argo's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeType::Pod => "Pod",
            NodeType::Steps => "Steps",
            NodeType::StepGroup => "StepGroup",
            NodeType::Dag => "DAG",
            NodeType::TaskGroup => "TaskGroup",
            NodeType::Retry => "Retry",
            NodeType::Skipped => "Skipped",
            NodeType::Suspend => "Suspend",
            NodeType::Http => "HTTP",
            NodeType::Plugin => "Plugin",
        }
    }
}

/// One node of the run.
#[derive(Clone, Debug)]
pub struct Node {
    /// Argo's node id (`wf.NodeID(name)`).
    pub id: String,
    /// The full name: `wf[0].step(1:x)`.
    pub name: String,
    /// The name shown in trees: `step(1:x)`.
    pub display_name: String,
    /// Its type.
    pub node_type: NodeType,
    /// The template it ran, when named.
    pub template_name: Option<String>,
    /// The template it ran, when referenced from another object.
    pub template_ref: Option<model::TemplateRef>,
    /// The node of the template that contains it.
    pub boundary_id: String,
    /// Its phase.
    pub phase: Phase,
    /// Why it is in that phase.
    pub message: String,
    /// When it started, in seconds since the run began.
    pub started_at: f64,
    /// When it finished.
    pub finished_at: Option<f64>,
    /// Its children's ids, in the order they were added.
    pub children: Vec<String>,
    /// Argo's `outboundNodes` (for steps and DAG nodes).
    pub outbound_nodes: Vec<String>,
    /// The inputs it ran with.
    pub inputs: Option<model::Inputs>,
    /// Its outputs.
    pub outputs: Option<model::Outputs>,
    /// An exit handler or hook node.
    pub hooked: bool,
    /// An attempt of a retried node.
    pub retried: bool,
    /// What ran it (host, mock, script runner), for the trace.
    pub executor: Option<String>,
    /// Its standard output and error.
    pub log: String,
    /// The lock it waits for (`synchronizationStatus.waiting`).
    pub waiting: Option<String>,
    /// Its memoization cache lookup (`memoizationStatus`).
    pub memoization: Option<crate::model::MemoizationStatus>,
    /// A pod node whose pod was never started (the workflow's deadline had passed).
    pub no_pod: bool,
    /// A `daemon: true` pod that is running and ready (`daemoned`): it
    /// counts as fulfilled, and is killed when its scope ends.
    pub daemoned: bool,
    /// The pod's IP (`{{steps.NAME.ip}}`): `127.0.0.1` for a local daemon.
    pub pod_ip: Option<String>,
}

impl Node {
    /// Argo's `NodeStatus.Fulfilled`: its phase is final, or it is a
    /// daemon that runs and is ready.
    pub fn fulfilled(&self) -> bool {
        self.phase.fulfilled() || (self.daemoned && self.phase != Phase::Pending)
    }

    /// Argo's `Completed`.
    pub fn completed(&self) -> bool {
        self.phase.completed()
    }

    /// How long it ran as Argo measures it: its times are kept to the
    /// second (Kubernetes' `metav1.Time`), so a duration is whole seconds.
    pub fn whole_seconds(&self) -> i64 {
        self.finished_at.map_or(0, |end| (end.floor() - self.started_at.floor()).max(0.0) as i64)
    }

    /// Whether it waits for a mutex or semaphore.
    pub fn waiting_for_lock(&self) -> bool {
        self.waiting.as_deref().is_some_and(|w| !w.is_empty())
    }

    /// How long it ran, in seconds (0 while running).
    pub fn duration(&self) -> f64 {
        self.finished_at.map_or(0.0, |end| (end - self.started_at).max(0.0))
    }
}
