//! Executors: what runs a pod's work on this machine — a mock, the host, a
//! container engine (docker or podman), or a `#[script]` function of the
//! program itself.

mod container;
mod data;
mod host;
#[cfg(feature = "server")]
mod http;
mod mock;
#[cfg(target_os = "linux")]
mod namespace;
mod pod;
mod script;
mod view;

pub use container::{ContainerEngine, ContainerExecutor, ProbeError};
pub(crate) use data::run as run_data;
pub use host::HostExecutor;
pub(crate) use host::copy;
#[cfg(feature = "server")]
pub use http::HttpExecutor;
pub use mock::Outcome;
pub(crate) use script::ScriptExecutor;

use crate::model;
use std::path::PathBuf;

/// One pod's work, with everything substituted.
#[derive(Clone, Debug)]
pub struct Job {
    /// The node it runs for.
    pub node_id: String,
    /// The node's name (for messages).
    pub node_name: String,
    /// The pod's name, as Argo would call it.
    pub pod_name: String,
    /// The template, as Argo would give it to the pod (boxed: it is large).
    pub template: Box<model::Template>,
    /// Whether stdout becomes `outputs.result` (Argo's `includeScriptOutput`).
    pub include_result: bool,
    /// Input artifacts, with the host file that holds each.
    pub input_artifacts: Vec<(model::Artifact, PathBuf)>,
    /// A directory of its own for scratch files and outputs.
    pub directory: PathBuf,
    /// The workflow's volumes (`spec.volumes`, and each of
    /// `spec.volumeClaimTemplates` as a claim of its name), for the
    /// template's `volumeMounts` that name no volume of its own.
    pub volumes: Vec<model::Volume>,
    /// A directory the run's pods share: a container executor keeps each
    /// persistent volume claim under `claims/NAME` in it.
    pub shared: PathBuf,
    /// How long it may run before it is killed (the pod's
    /// `activeDeadlineSeconds`: the template's, its `timeout`, the
    /// workflow's deadline), on the real clock.
    pub deadline: Option<std::time::Duration>,
    /// How the engine talks to the running pod: a daemon says when it is
    /// ready, and any pod is asked to stop when its scope ends.
    pub control: Control,
}

/// The engine's line to one running pod. A `daemon: true` template's
/// executor calls [`Control::ready`] once the pod is ready (Argo: running,
/// every container ready) and runs until [`Control::stopped`]; then it kills
/// the process and returns.
#[derive(Clone, Default)]
pub struct Control {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    ready: Option<std::sync::Arc<dyn Fn() + Send + Sync>>,
}

impl std::fmt::Debug for Control {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Control").field("stopped", &self.stopped()).finish()
    }
}

impl Control {
    /// A control whose `ready` calls `on_ready`.
    pub fn new(on_ready: impl Fn() + Send + Sync + 'static) -> Self {
        Control { stop: Default::default(), ready: Some(std::sync::Arc::new(on_ready)) }
    }

    /// Says the pod is ready (a daemon's readiness probe passed).
    pub fn ready(&self) {
        if let Some(ready) = &self.ready {
            ready();
        }
    }

    /// Asks the pod to stop (`TerminateContainers`).
    pub fn stop(&self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Whether the pod was asked to stop.
    pub fn stopped(&self) -> bool {
        self.stop.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// How a pod ended.
#[derive(Clone, Debug, Default)]
pub struct Finished {
    /// Succeeded, Failed or Error.
    pub phase: Option<super::Phase>,
    /// Argo's message (`Error (exit code 1)`).
    pub message: String,
    /// The main container's exit code.
    pub exit_code: Option<i32>,
    /// Stdout, if it becomes the result.
    pub result: Option<String>,
    /// Output parameters, by name.
    pub parameters: Vec<(String, String)>,
    /// Output artifacts: name and the host file or directory that holds it.
    pub artifacts: Vec<(String, PathBuf)>,
    /// Stdout and stderr.
    pub log: String,
    /// What ran it (`host`, `mock`, `script`).
    pub executor: String,
}

/// Argo's message for a pod killed at its `activeDeadlineSeconds` (the
/// kubelet's `DeadlineExceeded`).
pub const DEADLINE_EXCEEDED: &str = "Pod was active on the node longer than the specified deadline";

impl Finished {
    /// A pod killed at its deadline: phase Failed, Argo's message.
    pub fn deadline_exceeded(executor: &str) -> Self {
        Finished {
            phase: Some(super::Phase::Failed),
            message: DEADLINE_EXCEEDED.into(),
            executor: executor.into(),
            ..Finished::default()
        }
    }

    /// A pod that could not run: phase Error with `message`.
    pub fn error(executor: &str, message: String) -> Self {
        Finished {
            phase: Some(super::Phase::Error),
            message,
            executor: executor.into(),
            ..Finished::default()
        }
    }
}

/// Runs jobs. Implementations run one job to its end; the engine calls them
/// from worker threads, so they must be shareable.
pub trait Executor: Send + Sync {
    /// Runs `job` and says how it ended.
    fn run(&self, job: &Job) -> Finished;
}
