//! `hera lint --workflow-defaults FILE` (and `hera run`'s): the controller's `workflowDefaults`
//! are merged into each Workflow before linting, as the controller merges
//! them before `validate.Workflow`, and their `workflowMetadata` labels and
//! annotations are defined for every kind.

mod common;

use common::*;
use hera::lint::{WorkflowDefaults, lint_sources, lint_sources_with};

const CONFIG_MAP: &str = "\
apiVersion: v1
kind: ConfigMap
metadata: {name: workflow-controller-configmap}
data:
  workflowDefaults: |
    metadata:
      labels: {owner: platform}
    spec:
      entrypoint: main
      serviceAccountName: runner
      arguments:
        parameters:
        - {name: region, value: eu}
      workflowMetadata:
        labels: {team: data}
        annotations: {ticket: none}
";

/// No entrypoint, a parameter and labels only the defaults define.
const WORKFLOW: &str = "\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: uses-defaults-}
spec:
  templates:
  - name: main
    container:
      image: alpine
      args: ['{{workflow.parameters.region}} {{workflow.labels.team}} {{workflow.annotations.ticket}} {{workflow.labels.owner}}']
";

/// A template kind gets the defaults' workflowMetadata labels only.
const TEMPLATE: &str = "\
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: uses-labels}
spec:
  templates:
  - name: main
    container: {image: alpine, args: ['{{workflow.labels.team}}']}
";

/// A Workflow that refers to a template is validated unmerged by the
/// controller: defaults with templates would make it invalid if merged.
const REFERRING: &str = "\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: refers-}
spec:
  workflowTemplateRef: {name: uses-labels}
  entrypoint: main
";

fn messages(report: &hera::lint::Report) -> Vec<String> {
    report.findings.iter().map(|f| format!("{} [{}]", f, f.rule)).collect()
}

#[test]
fn without_the_defaults_what_they_supply_is_missing() {
    let report = lint_sources(&[("wf.yaml", WORKFLOW), ("wt.yaml", TEMPLATE)]);
    let messages = messages(&report);
    assert!(messages.iter().any(|m| m.contains("spec.entrypoint")), "{messages:#?}");
    for variable in ["workflow.parameters.region", "workflow.labels.team", "workflow.annotations.ticket"] {
        assert!(messages.iter().any(|m| m.contains(variable)), "{variable}: {messages:#?}");
    }
    assert!(messages.iter().any(|m| m.starts_with("wt.yaml") && m.contains("workflow.labels.team")));
}

#[test]
fn with_the_defaults_the_workflows_are_clean() {
    let defaults = WorkflowDefaults::from_yaml(CONFIG_MAP).unwrap();
    let report = lint_sources_with(
        &[("wf.yaml", WORKFLOW), ("wt.yaml", TEMPLATE), ("ref.yaml", REFERRING)],
        Some(&defaults),
    );
    assert_eq!(messages(&report), Vec::<String>::new());
    assert_eq!(report.objects, 3);
}

#[test]
fn the_workflows_own_fields_win_and_findings_keep_their_lines() {
    // The workflow names an entrypoint that does not exist: the defaults'
    // `main` does not hide it, and the finding points at the file's line.
    let wrong = WORKFLOW.replace("spec:\n  templates:", "spec:\n  entrypoint: mian\n  templates:");
    let defaults = WorkflowDefaults::from_yaml(CONFIG_MAP).unwrap();
    let report = lint_sources_with(&[("wf.yaml", &wrong)], Some(&defaults));
    let messages = messages(&report);
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].starts_with("wf.yaml:5:15: "), "{}", messages[0]);
    assert!(messages[0].contains("'mian'"), "{}", messages[0]);
}

#[test]
fn defaults_are_not_merged_into_a_workflow_that_refers_to_a_template() {
    // Merged, the defaults' templates would sit beside workflowTemplateRef,
    // which Argo refuses (WorkflowTemplateRefFields).
    let defaults = WorkflowDefaults::from_yaml(
        "workflowDefaults:\n  spec:\n    templates:\n    - {name: extra, container: {image: alpine}}\n",
    )
    .unwrap();
    let report = lint_sources_with(
        &[("ref.yaml", REFERRING), ("wt.yaml", TEMPLATE.replace("{{workflow.labels.team}}", "x").as_str())],
        Some(&defaults),
    );
    assert_eq!(messages(&report), Vec::<String>::new());
}

#[test]
fn the_command_reads_the_file_and_refuses_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let workflow = file(dir.path(), "wf.yaml", WORKFLOW);
    let config = file(dir.path(), "configmap.yaml", CONFIG_MAP);
    let plain = hera(&["lint", &workflow], "");
    assert_eq!(plain.code, 1, "{}", plain.stdout);
    let with = hera(&["lint", "--workflow-defaults", &config, &workflow], "");
    assert_eq!((with.code, with.stdout.as_str()), (0, ""), "{}", with.stderr);
    assert_eq!(with.stderr, "hera lint: ok: 1 object, no findings\n");

    let bad = file(dir.path(), "bad.yaml", "kind: ConfigMap\ndata: {other: x}\n");
    let refused = hera(&["lint", "--workflow-defaults", &bad, &workflow], "");
    assert_eq!(refused.code, 2);
    assert_eq!(
        refused.stderr,
        format!("hera lint: --workflow-defaults {bad}: no workflowDefaults in this ConfigMap\n")
    );
    let missing = hera(&["lint", "--workflow-defaults", "/nonexistent/defaults.yaml", &workflow], "");
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.starts_with("hera lint: --workflow-defaults /nonexistent/defaults.yaml: "),
        "{}",
        missing.stderr
    );
}

#[test]
fn run_merges_the_same_defaults_before_it_lints_and_runs() {
    let dir = tempfile::tempdir().unwrap();
    let workflow = file(dir.path(), "wf.yaml", WORKFLOW);
    let config = file(dir.path(), "configmap.yaml", CONFIG_MAP);
    let args = ["run", "--executor", "host", "--image-entrypoint", "alpine=echo", "--log"];
    let plain = hera(&[&args[..], &[&workflow]].concat(), "");
    assert_eq!(plain.code, 1, "{}", plain.stderr);
    assert!(plain.stderr.contains("invalid spec: spec.entrypoint is required"), "{}", plain.stderr);
    let with = hera(&[&args[..], &["--workflow-defaults", &config, &workflow]].concat(), "");
    assert_eq!(with.code, 0, "{}\n{}", with.stdout, with.stderr);
    assert!(with.stderr.contains(": eu data none platform\n"), "{}", with.stderr);
    let bad = file(dir.path(), "bad.yaml", "kind: ConfigMap\ndata: {other: x}\n");
    let refused = hera(&["run", "--workflow-defaults", &bad, &workflow], "");
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains(&format!("--workflow-defaults {bad}: no workflowDefaults in this ConfigMap"))
    );
}
