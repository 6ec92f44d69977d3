//! Argo's own examples run to the phase they reach on Argo.

use hera::run::{Outcome, Phase, Run};
use std::path::PathBuf;

fn examples() -> Option<PathBuf> {
    let dir = std::env::var_os("HERA_REFERENCE_DIR").map(PathBuf::from)?.join("argo/examples");
    dir.is_dir().then_some(dir)
}

/// (file, phase on Argo). Files not listed need a cluster, a cloud, or an
/// image's own program (argosay, cowsay's image without a command...), or
/// sleep for real for long.
const CASES: &[(&str, Phase)] = &[
    ("hello-world.yaml", Phase::Succeeded),
    ("steps.yaml", Phase::Succeeded),
    ("dag-diamond.yaml", Phase::Succeeded),
    ("dag-diamond-steps.yaml", Phase::Succeeded),
    ("coinflip.yaml", Phase::Succeeded),
    ("loops.yaml", Phase::Succeeded),
    ("loops-maps.yaml", Phase::Succeeded),
    ("loops-param-result.yaml", Phase::Succeeded),
    ("conditional-parameters.yaml", Phase::Succeeded),
    ("dag-conditional-parameters.yaml", Phase::Succeeded),
    ("expression-destructure-json.yaml", Phase::Succeeded),
    ("expression-reusing-verbose-snippets.yaml", Phase::Succeeded),
    ("life-cycle-hooks-tmpl-level.yaml", Phase::Succeeded),
    ("parameter-aggregation.yaml", Phase::Succeeded),
    ("retry-backoff.yaml", Phase::Succeeded),
    ("exit-handlers.yaml", Phase::Failed),
    ("suspend-template.yaml", Phase::Succeeded),
];

#[test]
fn argo_examples_reach_argos_phase() {
    let Some(dir) = examples() else {
        eprintln!("HERA_REFERENCE_DIR not set: Argo's examples not run");
        return;
    };
    let mut wrong = Vec::new();
    for (file, phase) in CASES {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let documents = hera::yaml::documents(&text).unwrap();
        // Its pods sleep 5 to 20 seconds for real: their sleep is mocked.
        let report =
            Run::documents(documents).resume_all().mock("sleep-n-sec", Outcome::succeeded()).run().unwrap();
        if report.phase() != *phase {
            wrong.push(format!(
                "{file}: {} ({}), not {phase}\n{}",
                report.phase(),
                report.message(),
                report.summary()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
