//! Workflow-level lifecycle hooks (`spec.hooks`): `exit` runs as the exit
//! handler; the others run when their expression over the workflow's
//! variables holds (hooks.go `executeWfLifeCycleHook`), as `WF.hooks.NAME`.

use super::run;
use hera::run::{Outcome, Phase};

const HOOKED: &str = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  arguments: {parameters: [{name: env, value: prod}]}
  hooks:
    exit: {template: notify}
    running:
      expression: workflow.status == "Running" && workflow.parameters.env == "prod"
      template: notify
    failed:
      expression: workflow.status == "Failed"
      template: notify
    never:
      expression: workflow.status == "Error"
      template: notify
  templates:
  - name: main
    steps:
    - - {name: work, template: work}
  - name: work
    container: {image: alpine, command: [work]}
  - name: notify
    container: {image: alpine, command: [notify]}
"#;

#[test]
fn expression_hooks_run_when_their_expression_holds() {
    let report = run(HOOKED, |r| r.mock("work", Outcome::succeeded()).mock("notify", Outcome::succeeded()));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    let running = report.node("wf.hooks.running").unwrap_or_else(|| panic!("{}", report.summary()));
    assert_eq!(running.phase, Phase::Succeeded);
    assert!(running.hooked);
    // A child of the workflow's node, as addChildNode(wf.Name, hookNodeName) makes it.
    assert!(report.node("wf").unwrap().children.contains(&running.id));
    assert!(report.node("wf.hooks.failed").is_none(), "the workflow did not fail");
    assert!(report.node("wf.hooks.never").is_none());
    // The `exit` hook is the exit handler.
    assert_eq!(report.node("wf.onExit").unwrap().phase, Phase::Succeeded);
}

#[test]
fn a_failed_hook_runs_before_the_workflow_ends() {
    let report =
        run(HOOKED, |r| r.mock("work", Outcome::failed("boom")).mock("notify", Outcome::succeeded()));
    assert_eq!(report.phase(), Phase::Failed);
    assert_eq!(report.node("wf.hooks.failed").unwrap().phase, Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.node("wf.hooks.running").unwrap().phase, Phase::Succeeded);
    assert_eq!(report.node("wf.onExit").unwrap().phase, Phase::Succeeded);
    assert!(report.node("wf.hooks.never").is_none());
}

#[test]
fn a_hook_without_expression_errors_the_workflow() {
    let yaml = HOOKED.replace("      expression: workflow.status == \"Error\"\n", "");
    let report = run(&yaml, |r| {
        r.allow_invalid(true).mock("work", Outcome::succeeded()).mock("notify", Outcome::succeeded())
    });
    assert_eq!(report.phase(), Phase::Error, "{}", report.summary());
    assert_eq!(report.message(), "Expression required for hook wf.hooks.never");
}

#[test]
fn argos_workflow_hooks_example_runs_both_hooks() {
    let Some(dir) = std::env::var_os("HERA_REFERENCE_DIR").map(std::path::PathBuf::from) else {
        eprintln!("HERA_REFERENCE_DIR not set: not run");
        return;
    };
    let text = std::fs::read_to_string(dir.join("argo/examples/life-cycle-hooks-wf-level.yaml")).unwrap();
    let documents = hera::yaml::documents(&text).unwrap();
    let report = hera::run::Run::documents(documents)
        .mock("heads", Outcome::succeeded())
        .mock("http", Outcome::succeeded())
        .run()
        .unwrap();
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.node("lifecycle-hook-local.hooks.running").unwrap().phase, Phase::Succeeded);
    assert_eq!(report.node("lifecycle-hook-local.onExit").unwrap().phase, Phase::Succeeded);
}
