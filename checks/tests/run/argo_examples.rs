//! Argo's own examples, run as Argo's end-to-end suite runs them on a real
//! cluster (`test/e2e/examples_test.go`, `TestExampleWorkflows`): every
//! ConfigMap, WorkflowTemplate and ClusterWorkflowTemplate of every example
//! file is there first, then each Workflow must Succeed — except those
//! labelled `workflows.argoproj.io/no-test`, which Argo does not run:
//! `expected-failure` ones must reach the phase `EXPECTED_FAILURE` gives
//! (from Argo's rules); `environment`, `flaky` and `duration` ones are
//! skipped, with Argo's own reason, and so are the few in `NOT_HERE`.
//!
//! The host executor runs the pods. What this machine lacks stands in as
//! `stand_ins` says, each with its reason, and the programs of two images
//! (argosay as their entrypoint, cowsay on the pods' `PATH`) are small
//! shell scripts.

use hera::model::Document;
use hera::run::{HostExecutor, Outcome, Phase, Run};
use std::path::{Path, PathBuf};

fn examples() -> Option<PathBuf> {
    let dir = std::env::var_os("HERA_REFERENCE_DIR").map(PathBuf::from)?.join("argo/examples");
    dir.is_dir().then_some(dir)
}

/// argoproj/argosay's commands the examples use: `echo [TEXT [FILE]]`,
/// `cat FILE...`, `sleep DURATION`, `exit [CODE]`.
const ARGOSAY: &str = r#"#!/bin/sh
cmd=${1:-echo}; [ $# -gt 0 ] && shift
case "$cmd" in
  echo) text=${1:-hello argo}
        if [ -n "$2" ]; then mkdir -p "$(dirname "$2")"; printf '%s\n' "$text" > "$2"; else printf '%s\n' "$text"; fi ;;
  cat) cat "$@" ;;
  sleep) d=$1; case "$d" in *ms) sleep 0.1 ;; *s) sleep "${d%s}" ;; *m) sleep $(( ${d%m} * 60 )) ;; *) sleep "$d" ;; esac ;;
  exit) exit "${1:-0}" ;;
  *) echo "argosay: unknown command $cmd" >&2; exit 1 ;;
esac
"#;

/// What stands in for what this machine lacks: (file, template, outcome,
/// why). The outcome replaces every run of that template in that file.
fn stand_ins() -> Vec<(&'static str, &'static str, Outcome, &'static str)> {
    const CLUSTER: &str = "a resource template: it needs a cluster";
    const INTERNET: &str = "it fetches from the internet";
    const CONTAINER_SET: &str = "a containerSet: its containers share one pod";
    vec![
        ("dag-disable-failFast.yaml", "b", Outcome::succeeded(), "it sleeps 30 s and succeeds"),
        ("variables-showcase.yaml", "svc-daemon", Outcome::succeeded(), "its daemon is busybox's `nc -e`"),
        ("k8s-owner-reference.yaml", "main", Outcome::succeeded(), CLUSTER),
        ("k8s-patch-json-pod.yaml", "main", Outcome::succeeded(), CLUSTER),
        ("k8s-patch-merge-pod.yaml", "main", Outcome::succeeded(), CLUSTER),
        ("k8s-patch-pod.yaml", "main", Outcome::succeeded(), CLUSTER),
        ("http-hello-world.yaml", "http", Outcome::succeeded(), INTERNET),
        ("life-cycle-hooks-wf-level.yaml", "http", Outcome::succeeded(), INTERNET),
        ("container-set-template/graph-workflow.yaml", "main", Outcome::succeeded(), CONTAINER_SET),
        ("container-set-template/parallel-workflow.yaml", "main", Outcome::succeeded(), CONTAINER_SET),
        ("container-set-template/sequence-workflow.yaml", "main", Outcome::succeeded(), CONTAINER_SET),
        ("container-set-template/workspace-workflow.yaml", "main", Outcome::succeeded(), CONTAINER_SET),
        (
            "container-set-template/outputs-result-workflow.yaml",
            "group",
            Outcome::succeeded().result("hi"),
            CONTAINER_SET,
        ),
    ]
}

/// Workflows Argo's suite runs that need a program this machine does not
/// have, and which one.
const NOT_HERE: &[(&str, &str)] = &[
    ("daemon-nginx.yaml", "its daemon is nginx"),
    ("daemon-step.yaml", "its daemon is influxdb"),
    ("sidecar-nginx.yaml", "its sidecar is nginx"),
    ("sidecar.yaml", "it installs packages with alpine's apk"),
    // Labelled no-test by Argo too.
    ("k8s-patch-json-workflow.yaml", "it repeats the key `annotations`, which kubectl refuses"),
];

/// Where hera does not reach Argo's phase yet, and why. The test fails
/// when one of them does, so the entry is removed.
const KNOWN: &[(&str, &str)] = &[];

/// The `no-test: expected-failure` workflows, with the phase Argo's rules
/// give them.
const EXPECTED_FAILURE: &[(&str, Phase)] = &[
    ("continue-on-fail.yaml", Phase::Succeeded),
    ("dag-continue-on-fail.yaml", Phase::Failed),
    ("dag-disable-failFast.yaml", Phase::Failed),
    ("dag-task-level-timeout.yaml", Phase::Failed),
    ("exit-handlers.yaml", Phase::Failed),
    ("template-defaults.yaml", Phase::Succeeded),
    ("timeouts-step.yaml", Phase::Failed),
];

/// Workflows whose pods fail at random (each try with a probability of
/// 2/3): they end Succeeded, or Failed once every retry is spent — on
/// Argo too (retry-container fails about one run in 86, template-defaults,
/// with its 3 tries from spec.templateDefaults, about one in 3).
const RANDOM: &[&str] = &["retry-container.yaml", "retry-script.yaml", "template-defaults.yaml"];

/// The longest a workflow may run here, in seconds.
const DEADLINE: i64 = 30;

/// Every example file, relative to the examples directory, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn argos_examples_reach_the_phase_argos_own_e2e_suite_expects() {
    let Some(dir) = examples() else {
        eprintln!("HERA_REFERENCE_DIR not set: Argo's examples not run");
        return;
    };
    let shims = tempfile::tempdir().unwrap();
    let script = |name: &str, text: &str| {
        let path = shims.path().join(name);
        std::fs::write(&path, text).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        path
    };
    let argosay = script("argosay", ARGOSAY);
    script("cowsay", "#!/bin/sh\nprintf '%s\\n' \"$*\"\n");
    let mut host = HostExecutor { path: vec![shims.path().to_owned()], ..HostExecutor::default() };
    for image in ["argoproj/argosay:v2", "argoproj/argosay:v1"] {
        host.entrypoints.insert(image.into(), vec![argosay.display().to_string()]);
    }

    // What the suite applies before it submits anything.
    let read: Vec<(String, Result<Vec<Document>, String>)> = files(&dir)
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(dir.join(&file)).unwrap();
            let documents = hera::yaml::documents(&text).map_err(|e| e.to_string());
            (file, documents)
        })
        .collect();
    let applied: Vec<Document> = read
        .iter()
        .filter_map(|(_, d)| d.as_ref().ok())
        .flatten()
        .filter(|d| match d {
            Document::WorkflowTemplate(_) | Document::ClusterWorkflowTemplate(_) => true,
            Document::Other(value) => value.get("kind").and_then(|k| k.as_str()) == Some("ConfigMap"),
            _ => false,
        })
        .cloned()
        .collect();

    let stand_ins = stand_ins();
    let (mut ran, mut skipped, mut wrong) = (0, Vec::new(), Vec::new());
    for (file, documents) in &read {
        let documents = match documents {
            Ok(documents) => documents,
            Err(error) => {
                match NOT_HERE.iter().find(|(f, _)| f == file) {
                    Some((_, why)) => skipped.push(format!("{file} ({why})")),
                    None => wrong.push(format!("{file}: not read: {error}")),
                }
                continue;
            }
        };
        for workflow in documents.iter().filter(|d| matches!(d, Document::Workflow(_))) {
            let Document::Workflow(w) = workflow else { unreachable!() };
            let no_test = w.metadata.labels.as_ref().and_then(|l| l.get("workflows.argoproj.io/no-test"));
            let expected = match no_test.map(String::as_str) {
                None => Phase::Succeeded,
                Some("expected-failure") => match EXPECTED_FAILURE.iter().find(|(f, _)| f == file) {
                    Some((_, phase)) => *phase,
                    None => {
                        wrong.push(format!("{file}: expected-failure, but not in EXPECTED_FAILURE"));
                        continue;
                    }
                },
                Some(reason) => {
                    skipped.push(format!("{file} ({reason})"));
                    continue;
                }
            };
            if let Some((_, why)) = NOT_HERE.iter().find(|(f, _)| f == file) {
                skipped.push(format!("{file} ({why})"));
                continue;
            }
            // A deadline, so an example that waits for what is not here
            // fails instead of hanging the suite.
            let mut bounded = w.clone();
            let deadline = bounded.spec.active_deadline_seconds.map_or(DEADLINE, |d| d.min(DEADLINE));
            bounded.spec.active_deadline_seconds = Some(deadline);
            let started = std::time::Instant::now();
            let mut run = Run::documents([vec![Document::Workflow(bounded)], applied.clone()].concat())
                .executor(host.clone())
                .resume_all();
            for (_, template, outcome, _) in stand_ins.iter().filter(|(f, ..)| f == file) {
                run = run.mock(*template, outcome.clone());
            }
            let report = run.run().unwrap();
            eprintln!("{file}: {} in {:.1} s", report.phase(), started.elapsed().as_secs_f64());
            ran += 1;
            let known = KNOWN.iter().any(|(f, _)| f == file);
            let random = RANDOM.contains(&file.as_str())
                && report.phase() == Phase::Failed
                && report.nodes().iter().any(|n| n.message == "No more retries left");
            if (report.phase() == expected || random) == known {
                let why = if known { " (listed in KNOWN: remove it)" } else { "" };
                wrong.push(format!(
                    "{file}: {} ({}), Argo: {expected}{why}\n{}",
                    report.phase(),
                    report.message(),
                    report.summary()
                ));
            }
        }
    }
    eprintln!(
        "Argo's examples: {ran} workflows run, {} wrong, {} known to differ; skipped: {}",
        wrong.len(),
        KNOWN.len(),
        skipped.len()
    );
    assert!(wrong.is_empty(), "{} of {ran} workflows differ from Argo:\n{}", wrong.len(), wrong.join("\n"));
}
