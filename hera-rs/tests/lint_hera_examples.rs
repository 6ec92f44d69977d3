//! `hera::lint` over the YAML Python's Hera writes for its examples
//! (`$HERA_REFERENCE_DIR/hera-examples/workflows`), linted as one set like
//! `hera lint <dir>`: no error on a document Argo accepts. Every error
//! found is listed below with the reason Argo refuses the document too, so
//! a new false error fails with the full list.

mod common;

use common::*;
use hera::lint::{Finding, Severity, lint_sources};
use std::path::PathBuf;

/// The files with errors, the rule and why Argo refuses them as well.
const KNOWN: &[(&str, &str, &str)] = &[
    // Fields Argo v4 removed: the API server's CRD and Argo's types refuse them
    // (the same 16 files as tests/conformance/hera_examples.rs `REFUSED`).
    ("misc/global-config.yaml", "yaml", "needs apiVersion"),
    ("upstream/dag-daemon-retry-strategy.upstream.yaml", "yaml", "synchronization.mutex was removed"),
    ("upstream/dag-daemon-retry-strategy.yaml", "yaml", "synchronization.mutex was removed"),
    ("upstream/dag-inline-cronworkflow.yaml", "yaml", "spec.schedule was removed"),
    ("upstream/dag-inline-cronworkflow.yaml", "yaml", "missing required field `schedules`"),
    (
        "upstream/fibonacci-seq-conditional-param.upstream.yaml",
        "yaml",
        "memoize.cache.configMap.key was removed",
    ),
    ("upstream/fibonacci-seq-conditional-param.yaml", "yaml", "memoize.cache.configMap.key was removed"),
    ("upstream/steps-daemon-retry-strategy.upstream.yaml", "yaml", "synchronization.mutex was removed"),
    ("upstream/steps-daemon-retry-strategy.yaml", "yaml", "synchronization.mutex was removed"),
    (
        "upstream/synchronization-mutex-tmpl-level-legacy.upstream.yaml",
        "yaml",
        "synchronization.mutex was removed",
    ),
    ("upstream/synchronization-mutex-tmpl-level-legacy.yaml", "yaml", "synchronization.mutex was removed"),
    (
        "upstream/synchronization-mutex-wf-level-legacy.upstream.yaml",
        "yaml",
        "synchronization.mutex was removed",
    ),
    ("upstream/synchronization-mutex-wf-level-legacy.yaml", "yaml", "synchronization.mutex was removed"),
    (
        "upstream/synchronization-tmpl-level-legacy.upstream.yaml",
        "yaml",
        "synchronization.semaphore was removed",
    ),
    ("upstream/synchronization-tmpl-level-legacy.yaml", "yaml", "synchronization.semaphore was removed"),
    (
        "upstream/synchronization-wf-level-legacy.upstream.yaml",
        "yaml",
        "synchronization.semaphore was removed",
    ),
    ("upstream/synchronization-wf-level-legacy.yaml", "yaml", "synchronization.semaphore was removed"),
    // References to workflow templates that live on a cluster: `argo lint
    // --offline` says "not found" too.
    ("misc/template-refs.yaml", "template-ref-not-found", "hello-world-workflow-template.hello not found"),
    (
        "misc/template-refs.yaml",
        "template-ref-not-found",
        "hello-world-cluster-workflow-template.hello not found",
    ),
    // A template named exitContainer runs a pod whose name includes it
    // without lower-casing (workflow/util/pod_name.go): Kubernetes refuses it.
    ("upstream/template-on-exit.upstream.yaml", "template-name", "'exitContainer' must be lower case"),
    ("upstream/template-on-exit.yaml", "template-name", "'exitContainer' must be lower case"),
    // The step calls a template whose input `duration` has no value or
    // default and passes no argument: validateTemplate → common.ProcessArgs
    // refuses it ("inputs.parameters.duration was not supplied").
    ("misc/suspend-input-duration.yaml", "input-supplied", "inputs.parameters.duration was not supplied"),
];

fn hera_examples() -> Option<PathBuf> {
    let argo = examples()?;
    let dir = argo.parent()?.parent()?.join("hera-examples/workflows");
    assert!(dir.is_dir(), "{} is not a directory", dir.display());
    Some(dir)
}

fn listing(findings: &[&Finding]) -> String {
    findings.iter().map(|f| format!("  {f} [{}]", f.rule)).collect::<Vec<_>>().join("\n")
}

#[test]
fn no_hera_example_that_argo_accepts_has_a_lint_error() {
    let Some(dir) = hera_examples() else { return };
    let texts: Vec<(String, String)> = yaml_files(&dir)
        .iter()
        .map(|path| {
            let name = path.strip_prefix(&dir).unwrap().display().to_string();
            (name, std::fs::read_to_string(path).unwrap())
        })
        .collect();
    let sources: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let report = lint_sources(&sources);
    assert!(report.objects >= 450, "only {} Argo objects read", report.objects);
    let known = |f: &Finding| {
        KNOWN.iter().any(|(file, rule, message)| {
            f.file.as_deref() == Some(*file) && f.rule == *rule && f.message.contains(message)
        })
    };
    let errors: Vec<&Finding> = report.findings.iter().filter(|f| f.severity == Severity::Error).collect();
    let unexpected: Vec<&Finding> = errors.iter().copied().filter(|f| !known(f)).collect();
    assert!(unexpected.is_empty(), "errors on documents Argo accepts:\n{}", listing(&unexpected));
    // Each known error is still found (the list does not go stale).
    for (file, rule, message) in KNOWN {
        let hits = errors
            .iter()
            .filter(|f| f.file.as_deref() == Some(*file) && f.rule == *rule && f.message.contains(message))
            .count();
        assert!(hits >= 1, "{file}: no {rule} error containing {message:?} any more");
    }
}
