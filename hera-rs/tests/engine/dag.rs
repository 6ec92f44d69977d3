//! DAG rules found while adding daemons.

use super::run;
use hera::run::{Outcome, Phase};

#[test]
fn a_task_after_a_retried_task_completes_the_dag() {
    // assessDAGPhase walks on through a Retry node's attempts to their
    // children (getRetryNodeChildrenIds): `b` hangs under `a(0)`.
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: a, template: flaky}
      - {name: b, template: work, depends: a}
  - name: flaky
    retryStrategy: {limit: 2}
    container: {image: alpine, command: [sh, -c, "true"]}
  - name: work
    container: {image: alpine, command: [sh, -c, "true"]}
"#;
    let report = run(yaml, |r| r.mock("flaky", Outcome::succeeded()).mock("work", Outcome::succeeded()));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.node("b").unwrap().phase, Phase::Succeeded);
    assert_eq!(report.node("a(0)").unwrap().children, vec![report.node("b").unwrap().id.clone()]);
}

#[test]
fn an_empty_with_items_list_is_no_loop() {
    // ShouldExpand: `len(WithItems) != 0 || WithParam != "" || WithSequence != nil`
    // (found by the property tests: it was an error).
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: a, template: work, withItems: []}
      - {name: b, template: steps}
  - name: steps
    steps:
    - - {name: s, template: work, withItems: []}
  - name: work
    container: {image: alpine, command: [sh, -c, "true"]}
"#;
    let report = run(yaml, |r| r.mock("work", Outcome::succeeded()));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.node("a").unwrap().node_type, hera::run::NodeType::Pod);
    assert_eq!(report.node("s").unwrap().phase, Phase::Succeeded);
}
