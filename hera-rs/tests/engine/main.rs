//! The local engine (`hera::run`) against Argo's controller: real host
//! processes under deadlines, daemons, workflow hooks, `data` and `http`
//! templates, the container executor (against a fake docker, and a real podman when
//! `HERA_PODMAN_IMAGE` is set: see `podman.rs`), the local
//! artifact repository, and property tests of `depends`.

mod artifacts;
mod container;
mod daemon;
mod dag;
mod deadline;
mod hooks;
mod podman;
mod properties;
mod references;
mod templates;
mod views;

use hera::run::{Report, Run};

/// Runs `yaml` with `setup` applied to the run.
pub fn run(yaml: &str, setup: impl FnOnce(Run) -> Run) -> Report {
    let documents = hera::yaml::documents(yaml).expect("valid YAML");
    setup(Run::documents(documents)).run().expect("runs")
}

/// A directory for files that nodes share: outside `/tmp`, which each
/// host node sees a private view of.
pub fn shared_dir() -> tempfile::TempDir {
    let base = std::env::current_dir().unwrap().join("target").join("engine-tests");
    std::fs::create_dir_all(&base).unwrap();
    tempfile::tempdir_in(base).unwrap()
}

/// Whether process `pid` still runs (a zombie does not).
pub fn alive(pid: &str) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|stat| stat.rsplit(')').next().and_then(|rest| rest.split_whitespace().next()) != Some("Z"))
        .unwrap_or(false)
}

/// Records every node change a run reports.
#[derive(Clone, Default)]
pub struct Recorder(pub std::sync::Arc<std::sync::Mutex<Vec<hera::run::Node>>>);

impl hera::run::trace::Trace for Recorder {
    fn node(&mut self, node: &hera::run::Node) {
        self.0.lock().unwrap().push(node.clone());
    }
}
