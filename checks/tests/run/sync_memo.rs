//! Synchronization (mutexes, semaphores) and memoization, locally.

use hera::run::{Node, Outcome, Phase, Report, Run, trace::Trace};
use std::sync::{Arc, Mutex};

/// Every (node, phase, message) the run went through.
#[derive(Clone, Default)]
struct Seen(Arc<Mutex<Vec<(String, Phase, String)>>>);

impl Trace for Seen {
    fn node(&mut self, node: &Node) {
        self.0.lock().unwrap().push((node.display_name.clone(), node.phase, node.message.clone()));
    }
}

impl Seen {
    fn saw(&self, name: &str, phase: Phase, message: &str) -> bool {
        self.0.lock().unwrap().iter().any(|(n, p, m)| n == name && *p == phase && m == message)
    }
}

fn run(yaml: &str, setup: impl FnOnce(Run) -> Run) -> (Report, Seen) {
    let seen = Seen::default();
    let documents = hera::yaml::documents(yaml).expect("valid YAML");
    let report = setup(Run::documents(documents)).trace(seen.clone()).run().expect("runs");
    (report, seen)
}

fn start(report: &Report, name: &str) -> f64 {
    report.node(name).unwrap_or_else(|| panic!("no node {name}")).started_at
}

fn end(report: &Report, name: &str) -> f64 {
    report.node(name).unwrap_or_else(|| panic!("no node {name}")).finished_at.expect("finished")
}

const MUTEX: &str = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: one, template: work}
      - {name: two, template: work}
  - name: work
    synchronization:
      mutexes: [{name: deploy}]
    container: {image: alpine, command: [work]}
"#;

#[test]
fn a_mutex_lets_one_node_in_at_a_time() {
    let (report, seen) = run(MUTEX, |r| r.mock("work", Outcome::succeeded().duration("30s")));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    // The second waited, Pending, with Argo's message (semaphore.go tryAcquire).
    assert!(seen.saw("two", Phase::Pending, "Waiting for argo/Mutex/deploy lock. Lock status: 0/1"));
    // Its pod started when the first ended (its node, like Argo's, is as
    // old as its wait).
    assert!(end(&report, "two") >= end(&report, "one") + 30.0);
    assert!(start(&report, "two") < 1.0);
    assert_eq!(report.order(), ["one", "two"]);
    // Once it held the lock, nothing says it waits.
    let json = serde_json::to_value(report.workflow()).unwrap();
    let nodes = json["status"]["nodes"].as_object().unwrap();
    assert!(nodes.values().all(|n| n.get("synchronizationStatus").is_none()));
}

const SEMAPHORE: &str = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: work, template: work, withItems: [a, b, c]}
  - name: work
    synchronization:
      semaphores:
      - configMapKeyRef: {name: my-config, key: workflow}
    container: {image: alpine, command: [work]}
"#;

const CONFIG: &str = r#"
---
apiVersion: v1
kind: ConfigMap
metadata: {name: my-config}
data: {workflow: "2"}
"#;

#[test]
fn a_semaphore_takes_its_limit_from_the_configmap() {
    let yaml = format!("{SEMAPHORE}{CONFIG}");
    let (report, seen) = run(&yaml, |r| r.mock("work", Outcome::succeeded().duration("1m")));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert!(seen.saw(
        "work(2:c)",
        Phase::Pending,
        "Waiting for argo/ConfigMap/my-config/workflow lock. Lock status: 0/2"
    ));
    assert!(start(&report, "work(1:b)") < 60.0);
    assert!(end(&report, "work(2:c)") >= 120.0, "the third waited for a slot");
}

#[test]
fn a_semaphore_without_its_configmap_needs_a_limit() {
    let (report, _) = run(SEMAPHORE, |r| r.mock("work", Outcome::succeeded()));
    // The step errors; its group and so the workflow fail (executeStepGroup).
    assert_eq!(report.phase(), Phase::Failed, "{}", report.summary());
    let node = report.node("work(0:a)").unwrap();
    assert_eq!(node.phase, Phase::Error);
    assert!(
        node.message.contains("configmaps \"my-config\" with key workflow not found"),
        "{}",
        node.message
    );
    assert!(node.message.contains("--semaphore my-config/workflow=N"), "{}", node.message);

    let (report, seen) = run(SEMAPHORE, |r| {
        r.mock("work", Outcome::succeeded().duration("10s")).semaphore("my-config/workflow", 1)
    });
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert!(seen.saw(
        "work(1:b)",
        Phase::Pending,
        "Waiting for argo/ConfigMap/my-config/workflow lock. Lock status: 0/1"
    ));
    assert!(end(&report, "work(2:c)") >= 30.0);
}

const MEMO: &str = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: first, template: fetch, arguments: {parameters: [{name: day, value: monday}]}}
    - - {name: pause, template: pause}
    - - {name: second, template: fetch, arguments: {parameters: [{name: day, value: monday}]}}
  - name: fetch
    inputs: {parameters: [{name: day}]}
    memoize:
      key: "fetch-{{inputs.parameters.day}}"
      maxAge: MAXAGE
      cache: {configMap: {name: fetch-cache}}
    outputs:
      parameters:
      - name: rows
        valueFrom: {path: /tmp/rows}
    container: {image: alpine, command: [fetch]}
  - name: pause
    suspend: {duration: 10m}
"#;

#[test]
fn a_memoized_step_runs_once_per_key() {
    let yaml = MEMO.replace("MAXAGE", "24h");
    let (report, _) = run(&yaml, |r| r.mock("fetch", Outcome::succeeded().output("rows", 42)));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    let first = report.node("first").unwrap();
    let memo = first.memoization.as_ref().expect("looked up");
    assert_eq!(
        (memo.hit, memo.key.as_str(), memo.cache_name.as_str()),
        (false, "fetch-monday", "fetch-cache")
    );
    let second = report.node("second").unwrap();
    assert_eq!(second.phase, Phase::Succeeded);
    assert!(second.memoization.as_ref().unwrap().hit);
    assert_eq!(report.output("second", "rows"), Some("42"));
    // Only the first ran a pod.
    assert_eq!(report.order(), ["first"]);
    let json = serde_json::to_value(report.workflow()).unwrap();
    let nodes = json["status"]["nodes"].as_object().unwrap();
    let hit = nodes.values().find(|n| n["displayName"] == "second").unwrap();
    assert_eq!(
        hit["memoizationStatus"],
        serde_json::json!({"cacheName": "fetch-cache", "hit": true, "key": "fetch-monday"})
    );
}

#[test]
fn an_entry_older_than_max_age_is_a_miss() {
    let yaml = MEMO.replace("MAXAGE", "5m");
    let (report, _) = run(&yaml, |r| r.mock("fetch", Outcome::succeeded().output("rows", 1)));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    // The 10-minute suspend between them made the entry too old.
    assert!(!report.node("second").unwrap().memoization.as_ref().unwrap().hit);
    assert_eq!(report.order(), ["first", "second"]);
}

#[test]
fn a_memo_directory_keeps_the_cache_between_runs() {
    let dir = std::env::temp_dir().join(format!("hera-memo-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let yaml = MEMO.replace("MAXAGE", "24h");
    let (first, _) = run(&yaml, |r| r.mock("fetch", Outcome::succeeded().output("rows", 7)).memo_dir(&dir));
    assert_eq!(first.order(), ["first"]);
    assert!(dir.join("fetch-cache.json").exists());
    let (again, _) = run(&yaml, |r| r.mock("fetch", Outcome::failed("must not run")).memo_dir(&dir));
    assert_eq!(again.phase(), Phase::Succeeded, "{}", again.summary());
    assert!(again.node("first").unwrap().memoization.as_ref().unwrap().hit);
    assert_eq!(again.output("first", "rows"), Some("7"));
    assert!(again.order().is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}
