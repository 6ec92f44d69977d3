//! `inline_template_refs` (`emit --inline-refs`): a workflow calling
//! library templates by `templateRef` becomes one self-contained workflow,
//! equal as data to the same workflow inlined by hand, and lint-clean.

use hera::model::Document;

const LIBRARY: &str = "\
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: lib-v1.0.0}
spec:
  templates:
  - name: greet
    inputs: {parameters: [{name: who}]}
    steps:
    - - name: say
        template: say
        arguments: {parameters: [{name: text, value: 'hello {{inputs.parameters.who}}'}]}
    - - name: log
        templateRef: {name: audit, template: log, clusterScope: true}
  - name: say
    inputs: {parameters: [{name: text}]}
    container: {image: busybox, command: [echo, '{{inputs.parameters.text}}']}
---
apiVersion: argoproj.io/v1alpha1
kind: ClusterWorkflowTemplate
metadata: {name: audit}
spec:
  templates:
  - name: log
    container: {image: busybox, command: [logger, done]}
";

const WORKFLOW: &str = "\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: hello-}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - name: greet
        templateRef: {name: lib-v1.0.0, template: greet}
        arguments: {parameters: [{name: who, value: world}]}
      - name: own
        template: say
        depends: greet
      - name: elsewhere
        depends: greet
        templateRef: {name: not-here, template: x}
  - name: say
    container: {image: alpine, command: [echo, mine]}
";

/// The same workflow, inlined by hand: `greet` and what it calls copied in,
/// the library's `say` renamed because the workflow has its own; copies
/// follow the object's templates in the order they are first met.
const INLINED: &str = "\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: hello-}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - name: greet
        template: greet
        arguments: {parameters: [{name: who, value: world}]}
      - name: own
        template: say
        depends: greet
      - name: elsewhere
        depends: greet
        templateRef: {name: not-here, template: x}
  - name: say
    container: {image: alpine, command: [echo, mine]}
  - name: greet
    inputs: {parameters: [{name: who}]}
    steps:
    - - name: say
        template: lib-v1-0-0-say
        arguments: {parameters: [{name: text, value: 'hello {{inputs.parameters.who}}'}]}
    - - name: log
        template: log
  - name: lib-v1-0-0-say
    inputs: {parameters: [{name: text}]}
    container: {image: busybox, command: [echo, '{{inputs.parameters.text}}']}
  - name: log
    container: {image: busybox, command: [logger, done]}
";

#[test]
fn references_to_known_templates_become_copies() {
    let documents = hera::yaml::documents(&format!("{LIBRARY}---\n{WORKFLOW}")).unwrap();
    let inlined = hera::project::inline_template_refs(&documents);
    let expected = hera::yaml::documents(INLINED).unwrap();
    let as_data = |d: &Document| serde_json::to_value(d).unwrap();
    assert_eq!(
        as_data(&inlined[2]),
        as_data(&expected[0]),
        "{}",
        hera::yaml::to_string(&inlined[2]).unwrap()
    );
    // The library objects themselves are unchanged but for their own references.
    assert_eq!(as_data(&inlined[1]), as_data(&documents[1]));
    // Lint-clean, but for the one reference nothing here defines.
    let findings = hera::lint::lint_documents(&inlined[2..]);
    let errors: Vec<String> = findings.iter().filter(|f| f.is_error()).map(ToString::to_string).collect();
    assert!(errors.len() == 1 && errors[0].contains("not-here"), "{errors:#?}");
}
