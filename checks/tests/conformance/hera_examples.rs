//! The YAML that Python's Hera writes for its examples (489 files, made for
//! Argo v4.0.5). All of it round-trips except the documents that Argo v4.1.2
//! itself refuses, which must be refused with a message that says why.

use crate::support::{data, first_difference, reference, relative, round_trip, yaml_files};

/// The documents Argo v4.1.2 refuses (`validate_argo.py --lenient --strict`
/// lists the same set), with the message hera-rs must give for each.
const REFUSED: [(&str, &str); 16] = [
    (
        "misc/global-config.yaml",
        "1:13: apiVersion: Workflow needs apiVersion argoproj.io/v1alpha1, found the string \"argoproj.io/v0beta9000\"",
    ),
    ("upstream/dag-daemon-retry-strategy.upstream.yaml", MUTEX_TEMPLATE_2),
    ("upstream/dag-daemon-retry-strategy.yaml", MUTEX_TEMPLATE_2),
    (
        "upstream/dag-inline-cronworkflow.yaml",
        "spec.schedule was removed in Argo v4; use spec.schedules (a list of cron schedules)",
    ),
    ("upstream/fibonacci-seq-conditional-param.upstream.yaml", CONFIGMAP_KEY),
    ("upstream/fibonacci-seq-conditional-param.yaml", CONFIGMAP_KEY),
    ("upstream/steps-daemon-retry-strategy.upstream.yaml", MUTEX_TEMPLATE_2),
    ("upstream/steps-daemon-retry-strategy.yaml", MUTEX_TEMPLATE_2),
    ("upstream/synchronization-mutex-tmpl-level-legacy.upstream.yaml", MUTEX),
    ("upstream/synchronization-mutex-tmpl-level-legacy.yaml", MUTEX),
    ("upstream/synchronization-mutex-wf-level-legacy.upstream.yaml", MUTEX),
    ("upstream/synchronization-mutex-wf-level-legacy.yaml", MUTEX),
    ("upstream/synchronization-tmpl-level-legacy.upstream.yaml", SEMAPHORE),
    ("upstream/synchronization-tmpl-level-legacy.yaml", SEMAPHORE),
    ("upstream/synchronization-wf-level-legacy.upstream.yaml", SEMAPHORE),
    ("upstream/synchronization-wf-level-legacy.yaml", SEMAPHORE),
];

/// Values Argo's own types read differently from what the file says
/// (`AnyString` reads a list as the empty string): the round trip writes
/// Argo's reading, and lint warns (`unquoted-string`).
const ARGO_READINGS: &[(&str, &str)] = &[(
    "upstream/workflow-event-binding--github-path-filter-workflowtemplate.upstream.yaml#0",
    ".spec.arguments.parameters[0].value: [] → \"\"",
)];

const MUTEX: &str =
    "synchronization.mutex: synchronization.mutex was removed in Argo v4; use synchronization.mutexes";
const MUTEX_TEMPLATE_2: &str = "spec.templates[2].synchronization.mutex: synchronization.mutex was removed";
const SEMAPHORE: &str = "synchronization.semaphore: synchronization.semaphore was removed in Argo v4; use synchronization.semaphores";
const CONFIGMAP_KEY: &str =
    "spec.templates[1].memoize.cache.configMap.key: memoize.cache.configMap.key was removed in Argo v4";

#[test]
fn every_hera_example_round_trips_except_what_argo_refuses() {
    let Some(reference) = reference() else { return };
    let base = reference.join("hera-examples/workflows");
    let files = yaml_files(&base);
    let mut failures = Vec::new();
    let mut refused = Vec::new();
    let mut documents = 0;
    for file in &files {
        let name = relative(file, &base);
        let source = std::fs::read_to_string(file).unwrap();
        match round_trip(&source) {
            Err(error) => {
                refused.push(name.clone());
                match REFUSED.iter().find(|(n, _)| *n == name) {
                    Some((_, expected)) if error.to_string().contains(expected) => {}
                    Some((_, expected)) => {
                        failures.push(format!("{name}: refused with\n  {error}\nexpected\n  {expected}"))
                    }
                    None => failures.push(format!("{name}: {error}")),
                }
            }
            Ok(emitted) => {
                let (before, after) = (data(&source), data(&emitted));
                documents += before.len();
                for (i, (a, b)) in before.iter().zip(&after).enumerate() {
                    if let Some(diff) = first_difference(a, b, "") {
                        let at = format!("{name}#{i}");
                        if !ARGO_READINGS.contains(&(at.as_str(), diff.as_str())) {
                            failures.push(format!("{at}: {diff}"));
                        }
                    }
                }
                if before.len() != after.len() {
                    failures.push(format!("{name}: {} documents became {}", before.len(), after.len()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    let expected: Vec<&str> = REFUSED.iter().map(|(n, _)| *n).collect();
    assert_eq!(refused, expected, "the refused set changed");
    assert_eq!(files.len(), 489, "the corpus changed size");
    assert_eq!(documents, 500 - REFUSED.len(), "documents round-tripped");
}
