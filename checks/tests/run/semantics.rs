//! One workflow per rule of Argo's controller, asserting what it would
//! record: node names, phases, messages.

use hera::run::{NodeType, Outcome, Phase, Report, Run};

fn run(yaml: &str, setup: impl FnOnce(Run) -> Run) -> Report {
    let documents = hera::yaml::documents(yaml).expect("valid YAML");
    setup(Run::documents(documents)).run().expect("runs")
}

/// Whether `node` ran on the host executor, in a private view. Where it
/// did not (a container engine ran it, or this machine gives no views),
/// the test says so and checks nothing.
fn ran_in_a_view(report: &Report, node: &str) -> bool {
    let host = report.node(node).and_then(|n| n.executor.as_deref()) == Some("host");
    if !host {
        eprintln!("no private views on this machine: not checked");
    }
    host
}

const DIAMOND: &str = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: a, template: work}
      - {name: b, template: work, depends: a}
      - {name: c, template: work, depends: a.Failed}
      - {name: d, template: work, depends: "b || c"}
  - name: work
    container: {image: alpine, command: [sh, -c, "true"]}
"#;

#[test]
fn depends_omits_what_does_not_hold() {
    // dag.go executeDAGTask: a false depends makes an Omitted Skipped node.
    let report = run(DIAMOND, |r| r.mock("work", Outcome::succeeded()));
    assert_eq!(report.phase(), Phase::Succeeded);
    let c = report.node("c").unwrap();
    assert_eq!(
        (c.phase, c.node_type, c.message.as_str()),
        (Phase::Omitted, NodeType::Skipped, "omitted: depends condition not met")
    );
    assert_eq!(report.node("d").unwrap().phase, Phase::Succeeded);
    assert_eq!(report.node("wf.b").unwrap().display_name, "b");
}

#[test]
fn omitted_tasks_take_the_phase_of_their_failed_branch() {
    // assessDAGPhase: an omitted target inherits the phase of its failed parents.
    let report = run(DIAMOND, |r| r.mock("work", Outcome::failed("Error (exit code 1)")));
    assert_eq!(report.node("a").unwrap().phase, Phase::Failed);
    assert_eq!(report.node("b").unwrap().phase, Phase::Omitted);
    assert_eq!(report.node("c").unwrap().phase, Phase::Failed);
    assert_eq!(report.node("d").unwrap().phase, Phase::Omitted);
    assert_eq!(report.phase(), Phase::Failed);
}

#[test]
fn continue_on_with_dependencies_is_refused_with_depends() {
    let yaml = DIAMOND.replace("depends: a.Failed}", "depends: a.Failed, continueOn: {failed: true}}");
    let report = run(&yaml, |r| r.mock("work", Outcome::succeeded()));
    assert_eq!(report.phase(), Phase::Failed);
    assert!(
        report.message().contains("cannot use 'continueOn' when using 'depends'"),
        "{}",
        report.message()
    );
}

#[test]
fn retries_name_their_attempts_and_say_when_they_give_up() {
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: flaky
  templates:
  - name: flaky
    retryStrategy: {limit: 2, backoff: {duration: 10m, factor: 2}}
    container: {image: alpine, command: [sh, -c, "exit 3"]}
"#;
    let report = run(yaml, |r| r);
    assert_eq!(report.phase(), Phase::Failed);
    assert_eq!(report.message(), "No more retries left");
    let names: Vec<&str> = report.nodes().iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["wf", "wf(0)", "wf(1)", "wf(2)"]);
    assert_eq!(report.node("wf(0)").unwrap().message, "Error (exit code 3)");
    // 10 and 20 minutes of backoff passed on the virtual clock.
    assert!(report.workflow().status.unwrap().nodes.unwrap().len() == 4);
}

#[test]
fn loops_name_items_and_aggregate_results() {
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: gen
        template: gen
    - - name: each
        template: echo
        arguments: {parameters: [{name: x, value: "{{item}}"}]}
        withParam: "{{steps.gen.outputs.result}}"
    - - name: total
        template: echo
        arguments: {parameters: [{name: x, value: "{{steps.each.outputs.result}}"}]}
  - name: gen
    script: {image: alpine, command: [sh], source: "echo '[\"a\", \"b(c)\"]'"}
  - name: echo
    inputs: {parameters: [{name: x}]}
    script: {image: alpine, command: [sh], source: "echo '\"{{inputs.parameters.x}}\"'"}
"#;
    let report = run(yaml, |r| r);
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert!(report.node("each(0:a)").is_some());
    assert!(report.node("each(1:bc)").is_some(), "parentheses are dropped from item names");
    let total = report.node("total").unwrap();
    let x = total.inputs.as_ref().unwrap().parameters.as_ref().unwrap()[0].value.clone();
    assert_eq!(x.as_deref(), Some(r#"["a","b(c)"]"#));
}

#[test]
fn a_duration_suspend_passes_on_the_virtual_clock() {
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: wait, template: wait}
    - - {name: approve, template: approve}
  - name: wait
    suspend: {duration: "2h"}
  - name: approve
    suspend: {}
"#;
    let stopped = run(yaml, |r| r);
    assert_eq!(stopped.phase(), Phase::Running);
    assert!(stopped.message().contains("resume with --resume"), "{}", stopped.message());
    assert_eq!(stopped.node("wait").unwrap().phase, Phase::Succeeded);
    let resumed = run(yaml, |r| r.resume("approve"));
    assert_eq!(resumed.phase(), Phase::Succeeded);
}

#[test]
fn an_invalid_spec_fails_before_anything_runs() {
    let yaml = DIAMOND.replace("depends: a}", "depends: nowhere}");
    let report = run(&yaml, |r| r.mock("work", Outcome::succeeded()));
    assert_eq!(report.phase(), Phase::Failed);
    assert!(report.message().starts_with("invalid spec: "), "{}", report.message());
    assert!(report.nodes().is_empty());
}

#[test]
fn host_pods_get_private_tmp_and_their_outputs() {
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: one, template: write, arguments: {parameters: [{name: v, value: "1"}]}}
      - {name: two, template: write, arguments: {parameters: [{name: v, value: "2"}]}}
  - name: write
    inputs: {parameters: [{name: v}]}
    outputs: {parameters: [{name: out, valueFrom: {path: /tmp/hera-run-test-out.txt}}]}
    container: {image: alpine, command: [sh, -c, "sleep 0.2; echo {{inputs.parameters.v}} > /tmp/hera-run-test-out.txt"]}
"#;
    let report = run(yaml, |r| r);
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    if report.node("one").unwrap().executor.as_deref() == Some("host") {
        // Each saw its own /tmp: no file of one is the other's.
        assert_eq!(report.output("one", "out"), Some("1"));
        assert_eq!(report.output("two", "out"), Some("2"));
        assert!(!std::path::Path::new("/tmp/hera-run-test-out.txt").exists(), "the host's /tmp is untouched");
    }
}

#[test]
fn host_pods_share_a_claim_and_keep_an_empty_dir_their_own() {
    // Both mounted under /tmp, which the machine has: the node's process
    // binds them into its view itself (no root of its own). The claim is
    // the run's (the second pod reads the first's file); each emptyDir is
    // its pod's (the second finds none of the first's).
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  volumeClaimTemplates:
  - metadata: {name: shared}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Mi}}}
  templates:
  - name: main
    steps:
    - - {name: first, template: pod, arguments: {parameters: [{name: script, value: "echo one > /tmp/hera-claim/a; echo mine > /tmp/hera-own/b; echo ok"}]}}
    - - {name: second, template: pod, arguments: {parameters: [{name: script, value: "cat /tmp/hera-claim/a; ls /tmp/hera-own | wc -l"}]}}
  - name: pod
    inputs: {parameters: [{name: script}]}
    volumes: [{name: own, emptyDir: {}}]
    container:
      image: alpine
      volumeMounts: [{name: shared, mountPath: /tmp/hera-claim}, {name: own, mountPath: /tmp/hera-own}]
      command: [sh, -c, "{{inputs.parameters.script}}"]
"#;
    let report = run(yaml, |r| r);
    if !ran_in_a_view(&report, "first") {
        return;
    }
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.stdout("first"), Some("ok"));
    let second = report.stdout("second").map(|out| out.split_whitespace().collect::<Vec<_>>().join(" "));
    assert_eq!(second.as_deref(), Some("one 0"));
    for path in ["/tmp/hera-claim", "/tmp/hera-own"] {
        assert!(!std::path::Path::new(path).exists(), "{path} is the pods', not the host's");
    }
}

#[test]
fn paths_this_machine_lacks_are_the_pods_own() {
    // `/outputs`, `/workspace` and a file at the root do not exist here:
    // each node gets a root of its own, in which they are its own, its
    // working directory is made, and, without one, it runs in `/` (so a
    // relative `result.txt` is its `/result.txt`, as in an image).
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: one, template: write, arguments: {parameters: [{name: v, value: "1"}]}}
      - {name: two, template: write, arguments: {parameters: [{name: v, value: "2"}]}}
    - - {name: relative, template: relative}
  - name: write
    inputs: {parameters: [{name: v}]}
    outputs:
      parameters:
      - {name: out, valueFrom: {path: /hera-test-outputs/value.txt}}
      - {name: where, valueFrom: {path: /hera-test-outputs/where.txt}}
      artifacts:
      - {name: dir, path: /hera-test-outputs}
    volumes: [{name: scratch, emptyDir: {}}]
    container:
      image: alpine
      workingDir: /hera-test-workspace/src
      volumeMounts: [{name: scratch, mountPath: /hera-test-scratch}]
      command: [sh, -c, "sleep 0.2; echo {{inputs.parameters.v}} > /hera-test-outputs/value.txt; pwd > /hera-test-outputs/where.txt; touch /hera-test-scratch/ok"]
  - name: relative
    outputs: {parameters: [{name: out, valueFrom: {path: /hera-test-result.txt}}]}
    container: {image: alpine, command: [sh, -c, "echo tails > hera-test-result.txt"]}
"#;
    let report = run(yaml, |r| r);
    if !ran_in_a_view(&report, "one") {
        return;
    }
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.output("one", "out"), Some("1"));
    assert_eq!(report.output("two", "out"), Some("2"));
    assert_eq!(report.output("one", "where"), Some("/hera-test-workspace/src"));
    assert_eq!(report.output("relative", "out"), Some("tails"));
    for made in ["/hera-test-outputs", "/hera-test-workspace", "/hera-test-result.txt", "/hera-test-scratch"]
    {
        assert!(!std::path::Path::new(made).exists(), "{made} is the pod's, not the host's");
    }
}

#[test]
fn the_entrypoint_runs_as_a_step_without_a_name() {
    // operate() runs the entrypoint as `WorkflowStep{Template: …}`, so in
    // its body `{{steps.name}}` is "" (executeTemplate's localParams).
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: inner
        template: echo
        arguments: {parameters: [{name: outer, value: "[{{steps.name}}]"}]}
  - name: echo
    inputs: {parameters: [{name: outer}]}
    container: {image: alpine, command: [echo, "{{inputs.parameters.outer}} {{steps.name}}"]}
"#;
    let report = run(yaml, |r| r);
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.stdout("inner"), Some("[] inner"));
}

#[test]
fn endless_recursion_stops_at_argos_depth_limit_without_overflowing_the_stack() {
    // Each level nests the engine's calls; on a test thread's 2 MiB stack a
    // debug build needs the segments it grows to reach Argo's limit (100).
    // The deepest node is the Error (executeTemplate's ErrMaxDepthExceeded).
    // Steps parents are Failed by their child, and so the workflow; a DAG
    // takes the phase of its failed branch (assessDAGPhase): Error, up to
    // the workflow.
    let cases = [
        ("steps:\n    - - {name: deeper, template: again}", Phase::Failed),
        ("dag:\n      tasks:\n      - {name: deeper, template: again}", Phase::Error),
    ];
    for (body, phase) in cases {
        let yaml = format!(
            "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {{name: wf}}\nspec:\n  entrypoint: again\n  templates:\n  - name: again\n    {body}\n"
        );
        let report = run(&yaml, |r| r);
        assert_eq!(report.phase(), phase, "{body}");
        let summary = report.summary();
        let deepest =
            summary.lines().find(|l| l.contains("Maximum recursion depth exceeded")).expect(&summary);
        assert!(deepest.contains("Error"), "{deepest}");
    }
}
