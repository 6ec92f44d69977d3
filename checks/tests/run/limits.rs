//! Parallelism and deadlines, on the run's clock: mocked pods that take
//! time (`Outcome::duration`) show who waited for whom without any real
//! waiting.

use hera::run::{Outcome, Phase, Report, Run};

fn run(yaml: &str, setup: impl FnOnce(Run) -> Run) -> Report {
    let documents = hera::yaml::documents(yaml).expect("valid YAML");
    setup(Run::documents(documents)).run().expect("runs")
}

/// Start times of the nodes, in seconds on the run's clock, by display name.
fn start(report: &Report, name: &str) -> f64 {
    report.node(name).unwrap_or_else(|| panic!("no node {name}")).started_at
}

fn end(report: &Report, name: &str) -> f64 {
    report.node(name).unwrap_or_else(|| panic!("no node {name}")).finished_at.expect("finished")
}

const LOOP: &str = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    PARALLELISM
    steps:
    - - {name: work, template: work, withItems: [a, b, c]}
  - name: work
    container: {image: alpine, command: [work]}
"#;

#[test]
fn template_parallelism_runs_one_child_at_a_time() {
    // checkParallelism: a child does not start while the boundary has
    // `parallelism` active children (getActiveChildren).
    let yaml = LOOP.replace("PARALLELISM", "parallelism: 1");
    let report = run(&yaml, |r| r.mock("work", Outcome::succeeded().duration("10s")));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert!(start(&report, "work(1:b)") >= end(&report, "work(0:a)"));
    assert!(start(&report, "work(2:c)") >= end(&report, "work(1:b)"));
    assert!(end(&report, "work(2:c)") >= 30.0);
    // The order they ran in is the loop's.
    assert_eq!(report.order(), ["work(0:a)", "work(1:b)", "work(2:c)"]);
}

#[test]
fn without_parallelism_children_run_side_by_side() {
    let yaml = LOOP.replace("PARALLELISM", "");
    let report = run(&yaml, |r| r.mock("work", Outcome::succeeded().duration("10s")));
    assert_eq!(report.phase(), Phase::Succeeded);
    assert!(start(&report, "work(2:c)") < 10.0);
    assert!(end(&report, "work(2:c)") < 20.0);
}

#[test]
fn workflow_parallelism_counts_active_pods() {
    // checkParallelism: `spec.parallelism` against woc.activePods.
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  parallelism: 2
  templates:
  - name: main
    dag:
      tasks:
      - {name: a, template: work}
      - {name: b, template: work}
      - {name: c, template: work}
  - name: work
    container: {image: alpine, command: [work]}
"#;
    let report = run(yaml, |r| r.mock("work", Outcome::succeeded().duration("1m")));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert!(start(&report, "b") < 60.0);
    assert!(start(&report, "c") >= 60.0, "c waits for a pod to end");
    assert!(end(&report, "c") >= 120.0);
}

#[test]
fn a_pod_past_its_active_deadline_fails_as_argo_says() {
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: slow, template: slow}
      - {name: quick, template: quick}
  - name: slow
    activeDeadlineSeconds: 10
    container: {image: alpine, command: [slow]}
  - name: quick
    timeout: 1m
    container: {image: alpine, command: [quick]}
"#;
    let report = run(yaml, |r| {
        r.mock("slow", Outcome::succeeded().duration("1h"))
            .mock("quick", Outcome::succeeded().duration("30s"))
    });
    assert_eq!(report.phase(), Phase::Failed);
    let slow = report.node("slow").unwrap();
    assert_eq!(slow.phase, Phase::Failed);
    assert_eq!(slow.message, "Pod was active on the node longer than the specified deadline");
    assert!(slow.finished_at.unwrap() < 3600.0, "killed at its deadline, not at its end");
    assert_eq!(report.node("quick").unwrap().phase, Phase::Succeeded);
}

#[test]
fn a_template_timeout_kills_its_pod() {
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: slow
  templates:
  - name: slow
    timeout: 30s
    container: {image: alpine, command: [slow]}
"#;
    let report = run(yaml, |r| r.mock("slow", Outcome::succeeded().duration("5m")));
    assert_eq!(report.phase(), Phase::Failed);
    let node = report.node("wf").unwrap();
    assert_eq!(node.message, "Pod was active on the node longer than the specified deadline");
    assert!(node.finished_at.unwrap() >= 30.0 && node.finished_at.unwrap() < 300.0);
}

#[test]
fn the_workflow_deadline_fails_waiting_nodes_and_still_runs_the_exit_handler() {
    // failNodesWithoutCreatedPodsAfterDeadlineOrShutdown: a suspended node
    // past the workflow's deadline is Failed with "Step exceeded its deadline";
    // the exit handler is not part of that and runs.
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  activeDeadlineSeconds: 60
  onExit: bye
  templates:
  - name: main
    steps:
    - - {name: work, template: work}
    - - {name: approve, template: approve}
  - name: work
    container: {image: alpine, command: [work]}
  - name: approve
    suspend: {}
  - name: bye
    container: {image: alpine, command: [bye]}
"#;
    let report =
        run(yaml, |r| r.mock("work", Outcome::succeeded().duration("10s")).mock("bye", Outcome::succeeded()));
    assert_eq!(report.phase(), Phase::Failed, "{}", report.summary());
    let approve = report.node("approve").unwrap();
    assert_eq!((approve.phase, approve.message.as_str()), (Phase::Failed, "Step exceeded its deadline"));
    assert!(approve.finished_at.unwrap() >= 60.0);
    assert_eq!(report.node("work").unwrap().phase, Phase::Succeeded);
    assert_eq!(report.node("wf.onExit").unwrap().phase, Phase::Succeeded);
}

#[test]
fn the_workflow_deadline_cuts_a_running_pod_short() {
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: work
  activeDeadlineSeconds: 20
  templates:
  - name: work
    container: {image: alpine, command: [work]}
"#;
    let report = run(yaml, |r| r.mock("work", Outcome::succeeded().duration("10m")));
    assert_eq!(report.phase(), Phase::Failed);
    assert_eq!(report.message(), "Pod was active on the node longer than the specified deadline");
}

#[test]
fn a_host_process_past_its_deadline_is_killed() {
    // Real processes keep real time: `sleep 30` is killed after a second.
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: sleepy
  templates:
  - name: sleepy
    activeDeadlineSeconds: 1
    container: {image: alpine, command: [sh, -c, "echo started; sleep 30"]}
"#;
    let report = run(yaml, |r| r);
    assert_eq!(report.phase(), Phase::Failed, "{}", report.summary());
    let node = report.node("wf").unwrap();
    // Only a killed process gets this message (a finished one has its exit code's).
    assert_eq!(node.message, "Pod was active on the node longer than the specified deadline");
}
