//! A real host process past its deadline is killed, with its children, in
//! real time; the node fails with the kubelet's message (Argo records
//! `DeadlineExceeded` as "Pod was active on the node longer than the
//! specified deadline").

use super::run;
use hera::run::Phase;

const KILLED: &str = "Pod was active on the node longer than the specified deadline";

fn sleeper(deadline: &str, workflow_deadline: &str, marker: &std::path::Path) -> String {
    // The shell starts a child in the background, which writes `marker`
    // after 2 s unless it is killed, and waits for it.
    format!(
        r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {{name: wf}}
spec:
  entrypoint: sleepy
  {workflow_deadline}
  templates:
  - name: sleepy
    {deadline}
    container:
      image: alpine
      command: [sh, -c, "(sleep 2; echo survived > {marker}) >/dev/null 2>&1 & echo started; wait; sleep 30"]
"#,
        marker = marker.display()
    )
}

fn check(deadline: &str, workflow_deadline: &str) {
    let dir = tempfile::tempdir().unwrap();
    // Outside /tmp: the node's /tmp is a view of its own.
    let marker = std::env::current_dir().unwrap().join("target").join(format!(
        "hera-engine-deadline-{}-{}",
        std::process::id(),
        deadline.len() + 7 * workflow_deadline.len()
    ));
    let _ = std::fs::create_dir_all(marker.parent().unwrap());
    let _ = std::fs::remove_file(&marker);
    let yaml = sleeper(deadline, workflow_deadline, &marker);
    let report = run(&yaml, |r| r.directory(dir.path()));
    let node = report.node("wf").unwrap();
    assert_eq!((node.phase, node.message.as_str()), (Phase::Failed, KILLED), "{}", report.summary());
    assert_eq!(report.phase(), Phase::Failed);
    assert_eq!(report.message(), KILLED);
    assert_eq!(node.log, "started\n", "what the pod wrote before it was killed is kept");
    // Had the background child survived, it would write the marker by now.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    let survived = marker.exists();
    let _ = std::fs::remove_file(&marker);
    assert!(!survived, "the pod's background child survived the kill");
}

#[test]
fn a_template_timeout_kills_the_process_and_its_children() {
    check("timeout: 1s", "");
}

#[test]
fn active_deadline_seconds_kills_the_process_and_its_children() {
    check("activeDeadlineSeconds: 1", "");
}

#[test]
fn the_workflow_deadline_kills_a_running_process() {
    // operator.go: past spec.activeDeadlineSeconds the running pod is
    // killed at its own deadline (workflowpod.go gives the pod the
    // workflow's remaining time).
    check("", "activeDeadlineSeconds: 1");
}
