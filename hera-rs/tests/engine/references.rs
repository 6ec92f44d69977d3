//! A Workflow that runs a WorkflowTemplate by reference, and the
//! controller's `workflowDefaults`, joined as the controller joins them
//! (`setExecWorkflow`, `workflow/util/merge.go` `JoinWorkflowSpec`).

use super::run;
use hera::lint::WorkflowDefaults;
use hera::run::Phase;

const TEMPLATE: &str = r#"
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: greet}
spec:
  entrypoint: main
  arguments:
    parameters:
    - {name: who, value: template}
    - {name: how, value: hello}
  templates:
  - name: main
    container:
      image: alpine
      command: [echo, '{{workflow.parameters.how}} {{workflow.parameters.who}} as {{workflow.serviceAccountName}}']
"#;

#[test]
fn a_workflow_template_ref_runs_the_template_with_the_workflows_arguments() {
    let yaml = format!(
        "{TEMPLATE}---
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {{generateName: greet-}}
spec:
  arguments: {{parameters: [{{name: who, value: workflow}}]}}
  workflowTemplateRef: {{name: greet}}
"
    );
    let report = run(&yaml, |r| r);
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.stdout("greet-local"), Some("hello workflow as "));
    let workflow = report.workflow();
    // The label the controller adds, and the spec it stored.
    assert_eq!(
        workflow.metadata.labels.unwrap().get("workflows.argoproj.io/workflow-template").map(String::as_str),
        Some("greet")
    );
    let stored = workflow.status.unwrap().stored_workflow_template_spec.expect("storedWorkflowTemplateSpec");
    assert_eq!(stored.entrypoint.as_deref(), Some("main"));
    let parameters = stored.arguments.unwrap().parameters.unwrap();
    let values: Vec<_> = parameters.iter().map(|p| (p.name.as_str(), p.value.as_deref().unwrap())).collect();
    assert_eq!(values, [("who", "workflow"), ("how", "hello")]);
}

#[test]
fn a_cluster_scoped_ref_runs_a_cluster_workflow_template() {
    let yaml = "
apiVersion: argoproj.io/v1alpha1
kind: ClusterWorkflowTemplate
metadata: {name: shared}
spec:
  entrypoint: main
  templates:
  - name: main
    container: {image: alpine, command: [echo, '{{workflow.name}}']}
---
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: uses-shared}
spec:
  workflowTemplateRef: {name: shared, clusterScope: true}
";
    let report = run(yaml, |r| r);
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.stdout("uses-shared"), Some("uses-shared"));
}

#[test]
fn a_missing_template_is_the_controllers_error() {
    let yaml = "
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: w}
spec:
  workflowTemplateRef: {name: nowhere}
";
    // Lint refuses it first, as the controller's validation would.
    let linted = run(yaml, |r| r);
    assert_eq!(linted.phase(), Phase::Failed);
    assert!(linted.message().starts_with("invalid spec: "), "{}", linted.message());
    assert!(linted.message().contains("nowhere"), "{}", linted.message());
    // Run anyway, the controller cannot fetch the template.
    let unlinted = run(yaml, |r| r.allow_invalid(true));
    assert_eq!(unlinted.phase(), Phase::Error);
    assert_eq!(unlinted.message(), r#"workflowtemplate.argoproj.io "nowhere" not found"#);
    assert!(unlinted.nodes().is_empty());
}

#[test]
fn workflow_defaults_fill_in_what_the_workflow_and_its_template_lack() {
    let defaults = WorkflowDefaults::from_yaml(
        "kind: ConfigMap
apiVersion: v1
metadata: {name: workflow-controller-configmap}
data:
  workflowDefaults: |
    metadata:
      labels: {team: data, workflows.argoproj.io/workflow-template: not-this}
    spec:
      serviceAccountName: runner
      entrypoint: other
      arguments: {parameters: [{name: how, value: hi}]}
",
    )
    .unwrap();
    // By reference: the template's arguments and entrypoint win over the defaults.
    let yaml = format!(
        "{TEMPLATE}---
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {{name: by-ref}}
spec:
  workflowTemplateRef: {{name: greet}}
"
    );
    let report = run(&yaml, |r| r.workflow_defaults(defaults.clone()));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.stdout("by-ref"), Some("hello template as runner"));
    assert_eq!(report.workflow().metadata.labels.unwrap().get("team").map(String::as_str), Some("data"));

    // Without a reference: the defaults merge into the workflow itself, so
    // its missing entrypoint and its `{{workflow.labels.team}}` resolve.
    let yaml = "
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: plain}
spec:
  templates:
  - name: other
    container: {image: alpine, command: [echo, '{{workflow.labels.team}} {{workflow.parameters.how}} {{workflow.serviceAccountName}}']}
";
    let without = run(yaml, |r| r);
    assert_eq!(without.phase(), Phase::Failed, "no entrypoint: invalid without the defaults");
    let report = run(yaml, |r| r.workflow_defaults(defaults));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.stdout("plain"), Some("data hi runner"));
}
