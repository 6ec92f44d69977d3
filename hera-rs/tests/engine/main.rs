//! The local engine (`hera::run`) against Argo's controller: real host
//! processes under deadlines, daemons, workflow hooks, `data` and `http`
//! templates, and property tests of `depends`.

mod deadline;

use hera::run::{Report, Run};

/// Runs `yaml` with `setup` applied to the run.
pub fn run(yaml: &str, setup: impl FnOnce(Run) -> Run) -> Report {
    let documents = hera::yaml::documents(yaml).expect("valid YAML");
    setup(Run::documents(documents)).run().expect("runs")
}
