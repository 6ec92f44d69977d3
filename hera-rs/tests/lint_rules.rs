//! Every lint rule: a document that breaks it (with the finding's path and
//! message) and a neighbour that keeps it (no findings at all).

use hera::lint::{Finding, RULES, Severity, lint_sources};

/// A Workflow around `spec` (written without indentation).
fn workflow(spec: &str) -> String {
    document("Workflow", "generateName: t-", spec)
}

fn document(kind: &str, metadata: &str, spec: &str) -> String {
    let spec: String = spec.lines().map(|l| format!("  {l}\n")).collect();
    format!("apiVersion: argoproj.io/v1alpha1\nkind: {kind}\nmetadata:\n  {metadata}\nspec:\n{spec}")
}

struct Case {
    rule: &'static str,
    /// The document (or documents) that break the rule.
    bad: String,
    /// Text the finding's one-line form contains (path and message).
    finding: &'static str,
    /// A neighbour that keeps it: no findings at all.
    good: String,
}

fn case(rule: &'static str, bad: String, finding: &'static str, good: String) -> Case {
    Case { rule, bad, finding, good }
}

const ECHO: &str = "- name: echo\n  container: {image: alpine, command: [echo]}";

fn cases() -> Vec<Case> {
    vec![
        case(
            "yaml",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  container: {image: alpine, comand: [echo]}",
            ),
            "spec.templates[0].container.comand: unknown field, did you mean 'command'?",
            workflow(&format!("entrypoint: echo\ntemplates:\n{ECHO}")),
        ),
        case(
            "object-name",
            document("WorkflowTemplate", "name: My_Template", &format!("templates:\n{ECHO}")),
            "metadata.name: 'My_Template' is not a valid Kubernetes name",
            document("WorkflowTemplate", "name: my-template", &format!("templates:\n{ECHO}")),
        ),
        case(
            "object-name",
            document(
                "CronWorkflow",
                &format!("name: {}", "c".repeat(53)),
                "schedules: ['@daily']\nworkflowSpec:\n  entrypoint: echo\n  templates:\n  - name: echo\n    container: {image: alpine}",
            ),
            "must not be more than 52 characters long (currently 53)",
            document(
                "CronWorkflow",
                &format!("name: {}", "c".repeat(52)),
                "schedules: ['@daily']\nworkflowSpec:\n  entrypoint: echo\n  templates:\n  - name: echo\n    container: {image: alpine}",
            ),
        ),
        case(
            "label",
            document(
                "WorkflowTemplate",
                "name: lib\n  labels: {team: data platform}",
                &format!("templates:\n{ECHO}"),
            ),
            "metadata.labels.team: label value 'data platform' is invalid",
            document(
                "WorkflowTemplate",
                "name: lib\n  labels: {team: data-platform, app.kubernetes.io/version: \"1.0\"}",
                &format!("templates:\n{ECHO}"),
            ),
        ),
        case(
            "artifact",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  inputs:\n    artifacts:\n    - {name: src, path: /src, git: {repo: 'https://x/y.git'}, http: {url: 'https://x/y'}}\n  container: {image: alpine}",
            ),
            "spec.templates[echo].inputs.artifacts[src]: artifact 'src' names 2 locations (git, http)",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  inputs:\n    artifacts:\n    - {name: src, path: /src, git: {repo: 'https://x/y.git'}}\n  container: {image: alpine}",
            ),
        ),
        case(
            "template-name",
            workflow("entrypoint: Echo\ntemplates:\n- name: Echo\n  container: {image: alpine}"),
            "spec.templates[Echo].name: template name 'Echo' must be lower case",
            workflow(
                "entrypoint: Main\ntemplates:\n- name: Main\n  steps: [[{name: a, template: echo}]]\n- name: echo\n  container: {image: alpine}",
            ),
        ),
        case(
            "template-name",
            workflow(&format!("entrypoint: echo\ntemplates:\n{ECHO}\n{ECHO}")),
            "spec.templates[echo].name: template name 'echo' is not unique",
            workflow(&format!("entrypoint: echo\ntemplates:\n{ECHO}")),
        ),
        case(
            "step-name",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  steps:\n  - - {{name: a, template: echo}}\n  - - {{name: a, template: echo}}\n{ECHO}"
            )),
            "spec.templates[main].steps[1][a].name: step name 'a' is not unique",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  steps:\n  - - {{name: a, template: echo}}\n  - - {{name: b, template: echo}}\n{ECHO}"
            )),
        ),
        case(
            "task-name",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {{name: a_1, template: echo}}\n{ECHO}"
            )),
            "spec.templates[main].dag.tasks[a_1].name: task name 'a_1' is invalid",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {{name: A-1, template: echo}}\n{ECHO}"
            )),
        ),
        case(
            "container-name",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  container: {image: alpine}\n  sidecars:\n  - {name: wait, image: nginx}",
            ),
            "spec.templates[echo].sidecars[wait].name: \"wait\" is a reserved Argo container name",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  container: {image: alpine}\n  sidecars:\n  - {name: web, image: nginx}",
            ),
        ),
        case(
            "container-name",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  container: {image: alpine}\n  initContainers:\n  - {name: '', image: busybox}",
            ),
            "spec.templates[echo].initContainers[0].name: initContainers must all have container name",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  container: {image: alpine}\n  initContainers:\n  - {name: setup, image: busybox}",
            ),
        ),
        case(
            "parameter-name",
            workflow(
                "entrypoint: echo\narguments:\n  parameters:\n  - {name: my.param, value: x}\ntemplates:\n- name: echo\n  container: {image: alpine}",
            ),
            "spec.arguments.parameters[my.param].name: parameter name 'my.param' is invalid",
            workflow(
                "entrypoint: echo\narguments:\n  parameters:\n  - {name: my_param, value: x}\ntemplates:\n- name: echo\n  container: {image: alpine}",
            ),
        ),
        case(
            "entrypoint",
            workflow(&format!("templates:\n{ECHO}")),
            "spec.entrypoint: spec.entrypoint is required",
            document("WorkflowTemplate", "name: no-entrypoint", &format!("templates:\n{ECHO}")),
        ),
        case(
            "entrypoint",
            workflow(&format!("entrypoint: ecoh\ntemplates:\n{ECHO}")),
            "spec.entrypoint: template name 'ecoh' undefined; did you mean 'echo'?",
            workflow(&format!("entrypoint: echo\ntemplates:\n{ECHO}")),
        ),
        case(
            "template-undefined",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{{name: a, template: missing}}]]\n{ECHO}"
            )),
            "spec.templates[main].steps[0][a].template: template name 'missing' undefined",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{{name: a, template: echo}}]]\n{ECHO}"
            )),
        ),
        case(
            "template-undefined",
            workflow(&format!("entrypoint: echo\nonExit: cleanup\ntemplates:\n{ECHO}")),
            "spec.onExit: template name 'cleanup' undefined",
            workflow(&format!("entrypoint: echo\nonExit: echo\ntemplates:\n{ECHO}")),
        ),
        case(
            "template-ref",
            format!(
                "{}---\n{}",
                document("WorkflowTemplate", "name: lib", &format!("templates:\n{ECHO}")),
                workflow(
                    "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{name: a, templateRef: {name: lib, template: ehco}}]]"
                )
            ),
            "spec.templates[main].steps[0][a].templateRef.template: template reference lib.ehco not found; did you mean 'echo'?",
            format!(
                "{}---\n{}",
                document("WorkflowTemplate", "name: lib", &format!("templates:\n{ECHO}")),
                workflow(
                    "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{name: a, templateRef: {name: lib, template: echo}}]]"
                )
            ),
        ),
        case(
            "template-ref",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{name: a, template: x, templateRef: {name: lib, template: echo}}]]\n- name: x\n  container: {image: alpine}",
            ),
            "templateRef: template name cannot be specified with templateRef",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{name: a, template: x}]]\n- name: x\n  container: {image: alpine}",
            ),
        ),
        case(
            "workflow-template-ref",
            format!(
                "{}---\n{}",
                document("WorkflowTemplate", "name: lib", &format!("entrypoint: echo\ntemplates:\n{ECHO}")),
                workflow(&format!("workflowTemplateRef: {{name: lib}}\ntemplates:\n{ECHO}"))
            ),
            "spec.templates: Templates is invalid field in spec if workflow referred WorkflowTemplate reference",
            format!(
                "{}---\n{}",
                document("WorkflowTemplate", "name: lib", &format!("entrypoint: echo\ntemplates:\n{ECHO}")),
                workflow("workflowTemplateRef: {name: lib}")
            ),
        ),
        case(
            "hook",
            workflow(&format!("entrypoint: echo\nhooks:\n  running: {{template: echo}}\ntemplates:\n{ECHO}")),
            "spec.hooks.running.expression: hooks.running Expression required",
            workflow(&format!(
                "entrypoint: echo\nhooks:\n  running: {{template: echo, expression: workflow.status == \"Running\"}}\ntemplates:\n{ECHO}"
            )),
        ),
        case(
            "template-type",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  container: {image: alpine}\n  script: {image: alpine, source: echo}",
            ),
            "spec.templates[echo]: multiple template types specified (container, script)",
            workflow("entrypoint: echo\ntemplates:\n- name: echo\n  script: {image: alpine, source: echo}"),
        ),
        case(
            "image",
            workflow("entrypoint: echo\ntemplates:\n- name: echo\n  script: {source: echo}"),
            "spec.templates[echo].script.image: script.image may not be empty",
            workflow(
                "entrypoint: echo\ntemplateDefaults:\n  script: {image: alpine}\ntemplates:\n- name: echo\n  script: {source: echo}",
            ),
        ),
        case(
            "leaf-field",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  timeout: 1m\n  steps: [[{{name: a, template: echo}}]]\n{ECHO}"
            )),
            "spec.templates[main].timeout: Steps template doesn't support timeout field",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  parallelism: 2\n  steps: [[{{name: a, template: echo}}]]\n{ECHO}"
            )),
        ),
        case(
            "leaf-field",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  parallelism: 2\n  container: {image: alpine}",
            ),
            "spec.templates[echo].parallelism: parallelism is only valid for steps and dag templates",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  activeDeadlineSeconds: 30\n  container: {image: alpine}",
            ),
        ),
        case(
            "duration",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  timeout: '10'\n  container: {image: alpine}",
            ),
            "spec.templates[echo].timeout: timeout has invalid duration format: '10' has no unit",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  timeout: 10s\n  container: {image: alpine}",
            ),
        ),
        case(
            "retry-policy",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  retryStrategy: {retryPolicy: OnFail}\n  container: {image: alpine}",
            ),
            "spec.templates[echo].retryStrategy.retryPolicy: OnFail is not a valid RetryPolicy",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  retryStrategy: {retryPolicy: OnFailure, limit: 2}\n  container: {image: alpine}",
            ),
        ),
        case(
            "pod-resources",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  podResources: {limits: {nvidia.com/gpu: 1}}\n  container: {image: alpine}",
            ),
            "spec.templates[echo].podResources.limits[\"nvidia.com/gpu\"]: 'nvidia.com/gpu' is not a valid pod-level resource",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  podResources: {limits: {cpu: 1, memory: 1Gi}}\n  container: {image: alpine}",
            ),
        ),
        case(
            "metric",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  container: {image: alpine}\n  metrics:\n    prometheus:\n    - {name: run-count, help: Runs, counter: {value: '1'}}",
            ),
            "spec.templates[echo].metrics.prometheus[run-count].name: metric name 'run-count' is invalid",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  container: {image: alpine}\n  metrics:\n    prometheus:\n    - {name: run_count, help: Runs, counter: {value: '1'}}",
            ),
        ),
        case(
            "crd-limit",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n{}{ECHO}",
                (0..201).map(|i| format!("    - {{name: t{i}, template: echo}}\n")).collect::<String>()
            )),
            "spec.templates[main].dag.tasks: 201 tasks: Argo's CRD allows at most 200 tasks in a DAG",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n{}{ECHO}",
                (0..200).map(|i| format!("    - {{name: t{i}, template: echo}}\n")).collect::<String>()
            )),
        ),
        case(
            "enum",
            workflow(&format!("entrypoint: echo\npodGC: {{strategy: OnPodDone}}\ntemplates:\n{ECHO}")),
            "spec.podGC.strategy: podGC.strategy unknown strategy 'OnPodDone'",
            workflow(&format!("entrypoint: echo\npodGC: {{strategy: OnPodSuccess}}\ntemplates:\n{ECHO}")),
        ),
        case(
            "mount",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  inputs:\n    artifacts:\n    - {name: data, path: /work, raw: {data: x}}\n  container:\n    image: alpine\n    volumeMounts:\n    - {name: workdir, mountPath: /work}",
            ),
            "spec.templates[echo].inputs.artifacts[data].path: path '/work' already mounted in container.volumeMounts.workdir",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  inputs:\n    artifacts:\n    - {name: data, path: /work/data, raw: {data: x}}\n  container:\n    image: alpine\n    volumeMounts:\n    - {name: workdir, mountPath: /work}",
            ),
        ),
        case(
            "container-set",
            workflow(
                "entrypoint: set\ntemplates:\n- name: set\n  containerSet:\n    containers:\n    - {name: a, image: alpine, dependencies: [b]}\n    - {name: b, image: alpine, dependencies: [a]}",
            ),
            "spec.templates[set].containerSet.containers: dependency cycle detected: a->b->a",
            workflow(
                "entrypoint: set\ntemplates:\n- name: set\n  containerSet:\n    containers:\n    - {name: a, image: alpine}\n    - {name: b, image: alpine, dependencies: [a]}",
            ),
        ),
        case(
            "quantity",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  container: {image: alpine, resources: {requests: {memory: 1 GB}}}",
            ),
            "spec.templates[echo].container.resources.requests.memory: '1 GB' is not a Kubernetes quantity",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  container: {image: alpine, resources: {requests: {memory: 1Gi, cpu: 500m}}}",
            ),
        ),
        case(
            "resource",
            workflow("entrypoint: make\ntemplates:\n- name: make\n  resource: {action: create}"),
            "spec.templates[make].resource: either resource.manifest or resource.manifestFrom must be specified for action 'create'",
            workflow(
                "entrypoint: make\ntemplates:\n- name: make\n  resource: {action: delete, flags: [configmap, x]}",
            ),
        ),
        case(
            "resource",
            workflow(
                "entrypoint: make\ntemplates:\n- name: make\n  resource:\n    action: create\n    manifest: \"a: [b\"",
            ),
            "spec.templates[make].resource.manifest: resource.manifest must be a valid yaml",
            workflow(
                "entrypoint: make\ntemplates:\n- name: make\n  resource:\n    action: create\n    manifest: \"kind: ConfigMap\\nmetadata: {name: {{workflow.name}}}\"",
            ),
        ),
        case(
            "input",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  inputs:\n    artifacts:\n    - {{name: data, path: /tmp/data, optional: true}}\n  steps: [[{{name: a, template: echo}}]]\n{ECHO}"
            )),
            "spec.templates[main].inputs.artifacts[data].path: inputs.artifacts.data.path only valid in container/script templates",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  inputs:\n    artifacts:\n    - {{name: data, optional: true}}\n  steps: [[{{name: a, template: echo}}]]\n{ECHO}"
            )),
        ),
        case(
            "argument",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{name: a, template: show, arguments: {parameters: [{name: msg}]}}]]\n- name: show\n  inputs: {parameters: [{name: msg}]}\n  container: {image: alpine, args: ['{{inputs.parameters.msg}}']}",
            ),
            "spec.templates[main].steps[0][a].arguments.parameters[msg]: parameter 'msg': value or valueFrom is required",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{name: a, template: show, arguments: {parameters: [{name: msg, value: hi}]}}]]\n- name: show\n  inputs: {parameters: [{name: msg}]}\n  container: {image: alpine, args: ['{{inputs.parameters.msg}}']}",
            ),
        ),
        case(
            "argument",
            workflow(&format!(
                "entrypoint: echo\narguments:\n  parameters:\n  - {{name: env, value: prod, enum: [dev, staging]}}\ntemplates:\n{ECHO}"
            )),
            "spec.arguments.parameters[env].value: parameter 'env': value 'prod' should be present in the enum list (dev, staging)",
            workflow(&format!(
                "entrypoint: echo\narguments:\n  parameters:\n  - {{name: env, value: dev, enum: [dev, staging]}}\ntemplates:\n{ECHO}"
            )),
        ),
        case(
            "input-supplied",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{name: a, template: show}]]\n- name: show\n  inputs: {parameters: [{name: msg}]}\n  container: {image: alpine, args: ['{{inputs.parameters.msg}}']}",
            ),
            "spec.templates[main].steps[0][a].arguments: inputs.parameters.msg was not supplied: template 'show' needs it",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{name: a, template: show}]]\n- name: show\n  inputs: {parameters: [{name: msg, default: hi}]}\n  container: {image: alpine, args: ['{{inputs.parameters.msg}}']}",
            ),
        ),
        case(
            "input-supplied",
            workflow(
                "entrypoint: show\ntemplates:\n- name: show\n  inputs: {parameters: [{name: msg}]}\n  container: {image: alpine, args: ['{{inputs.parameters.msg}}']}",
            ),
            "spec.arguments: inputs.parameters.msg was not supplied: entrypoint 'show' needs it",
            workflow(
                "entrypoint: show\narguments: {parameters: [{name: msg, value: hi}]}\ntemplates:\n- name: show\n  inputs: {parameters: [{name: msg}]}\n  container: {image: alpine, args: ['{{inputs.parameters.msg}}']}",
            ),
        ),
        case(
            "output",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  container: {image: alpine}\n  outputs: {parameters: [{name: out, valueFrom: {jsonPath: '{.x}'}}]}",
            ),
            "spec.templates[echo].outputs.parameters[out].valueFrom: output parameter 'out': valueFrom.path must be specified for container templates",
            workflow(
                "entrypoint: echo\ntemplates:\n- name: echo\n  container: {image: alpine}\n  outputs: {parameters: [{name: out, valueFrom: {path: /tmp/out}}]}",
            ),
        ),
        case(
            "loop",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{name: a, template: echo, withItems: [1, 2], withParam: '[1]'}]]\n- name: echo\n  container: {image: alpine}",
            ),
            "spec.templates[main].steps[0][a]: only one of withItems, withParam, withSequence can be specified",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{name: a, template: echo, withItems: [1, 2]}]]\n- name: echo\n  container: {image: alpine}",
            ),
        ),
        case(
            "dag",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {{name: a, template: echo, dependencies: [b]}}\n    - {{name: b, template: echo, dependencies: [a]}}\n{ECHO}"
            )),
            "spec.templates[main].dag.tasks: dependency cycle detected: a->b->a",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {{name: a, template: echo}}\n    - {{name: b, template: echo, dependencies: [a]}}\n{ECHO}"
            )),
        ),
        case(
            "dag",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {{name: a, template: echo}}\n    - {{name: b, template: echo, depends: a}}\n    - {{name: c, template: echo, dependencies: [a]}}\n{ECHO}"
            )),
            "spec.templates[main].dag.tasks[c].dependencies: cannot use both 'depends' and 'dependencies' in the same DAG template",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {{name: a, template: echo}}\n    - {{name: b, template: echo, depends: a}}\n    - {{name: c, template: echo, depends: a}}\n{ECHO}"
            )),
        ),
        case(
            "dag",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    target: a z\n    tasks:\n    - {{name: a, template: echo}}\n{ECHO}"
            )),
            "spec.templates[main].dag.target: target 'z' is not defined",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    target: a\n    tasks:\n    - {{name: a, template: echo}}\n{ECHO}"
            )),
        ),
        case(
            "depends",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {{name: a, template: echo}}\n    - {{name: b, template: echo, depends: a && (a.Failed}}\n{ECHO}"
            )),
            "spec.templates[main].dag.tasks[b].depends: depends 'a && (a.Failed' does not parse: '(' at column 6 is not closed",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {{name: a, template: echo}}\n    - {{name: b, template: echo, depends: a && (a.Failed || a.Succeeded)}}\n{ECHO}"
            )),
        ),
        case(
            "depends",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {{name: a, template: echo}}\n    - {{name: b, template: echo, depends: a.AnySucceeded}}\n{ECHO}"
            )),
            "depends: dependency 'a' uses an items-based condition such as .AnySucceeded or .AllFailed but does not contain any items",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {{name: a, template: echo, withItems: [1, 2]}}\n    - {{name: b, template: echo, depends: a.AnySucceeded}}\n{ECHO}"
            )),
        ),
        case(
            "depends",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {{name: a, template: echo}}\n    - {{name: b, template: echo, depends: a.Succeded}}\n{ECHO}"
            )),
            "depends: task result 'Succeded' for task 'a' is invalid; did you mean 'Succeeded'?",
            workflow(&format!(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {{name: a, template: echo}}\n    - {{name: b, template: echo, depends: a.Succeeded}}\n{ECHO}"
            )),
        ),
        case(
            "dag-ancestor",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {name: a, template: gen}\n    - {name: b, template: show, arguments: {parameters: [{name: msg, value: '{{tasks.a.outputs.result}}'}]}}\n- name: gen\n  script: {image: alpine, source: echo 1}\n- name: show\n  inputs: {parameters: [{name: msg}]}\n  container: {image: alpine, args: ['{{inputs.parameters.msg}}']}",
            ),
            "spec.templates[main].dag.tasks[b].arguments.parameters[msg]: missing dependency 'a' for parameter 'msg'",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {name: a, template: gen}\n    - {name: b, depends: a, template: show, arguments: {parameters: [{name: msg, value: '{{tasks.a.outputs.result}}'}]}}\n- name: gen\n  script: {image: alpine, source: echo 1}\n- name: show\n  inputs: {parameters: [{name: msg}]}\n  container: {image: alpine, args: ['{{inputs.parameters.msg}}']}",
            ),
        ),
        case(
            "variable",
            workflow(
                "entrypoint: show\ntemplates:\n- name: show\n  inputs: {parameters: [{name: msg, value: hi}]}\n  container: {image: alpine, args: ['{{inputs.parameters.mgs}}']}",
            ),
            "spec.templates[show].container.args[0]: failed to resolve {{inputs.parameters.mgs}}: template 'show' has no input parameter 'mgs'; did you mean 'msg'?",
            workflow(
                "entrypoint: show\ntemplates:\n- name: show\n  inputs: {parameters: [{name: msg, value: hi}]}\n  container: {image: alpine, args: ['{{inputs.parameters.msg}} {{pod.name}} {{workflow.name}}']}",
            ),
        ),
        case(
            "variable",
            workflow(
                "entrypoint: show\ntemplates:\n- name: show\n  inputs: {parameters: [{name: msg, value: hi}]}\n  container: {image: alpine, args: ['{{inputs.parameter.msg}}']}",
            ),
            "failed to resolve {{inputs.parameter.msg}}: inputs are inputs.parameters.<name> and inputs.artifacts.<name>; did you mean 'parameters'?",
            workflow(
                "entrypoint: show\ntemplates:\n- name: show\n  inputs: {parameters: [{name: msg, value: hi}]}\n  container: {image: alpine, args: ['{{inputs.parameters.msg}} {{workflow.name}}']}",
            ),
        ),
        case(
            "variable",
            workflow(
                "entrypoint: show\ntemplates:\n- name: show\n  container: {image: alpine, args: ['{{workflow.nmae}}']}",
            ),
            "failed to resolve {{workflow.nmae}}: Argo has no such workflow variable; did you mean 'workflow.name'?",
            workflow(
                "entrypoint: show\ntemplates:\n- name: show\n  container: {image: alpine, args: ['{{workflow.name}}']}",
            ),
        ),
        case(
            "variable",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  steps:\n  - - {name: a, template: show, arguments: {parameters: [{name: msg, value: '{{steps.b.outputs.result}}'}]}}\n  - - {name: b, template: gen}\n- name: gen\n  script: {image: alpine, source: echo 1}\n- name: show\n  inputs: {parameters: [{name: msg}]}\n  container: {image: alpine, args: ['{{inputs.parameters.msg}}']}",
            ),
            "spec.templates[main].steps[0][a].arguments.parameters[msg].value: failed to resolve {{steps.b.outputs.result}}: no step named 'b' runs before this one",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  steps:\n  - - {name: b, template: gen}\n  - - {name: a, template: show, arguments: {parameters: [{name: msg, value: '{{steps.b.outputs.result}}'}]}}\n- name: gen\n  script: {image: alpine, source: echo 1}\n- name: show\n  inputs: {parameters: [{name: msg}]}\n  container: {image: alpine, args: ['{{inputs.parameters.msg}}']}",
            ),
        ),
        case(
            "variable",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {name: a, template: echo}\n    - {name: b, template: echo, when: '{{tasks.a.status}} == Succeeded'}\n- name: echo\n  container: {image: alpine}",
            ),
            "spec.templates[main].dag.tasks[b].when: failed to resolve {{tasks.a.status}}: tasks.a.status is only available to tasks that depend on 'a'",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  dag:\n    tasks:\n    - {name: a, template: echo}\n    - {name: b, template: echo, depends: a, when: '{{tasks.a.status}} == Succeeded'}\n- name: echo\n  container: {image: alpine}",
            ),
        ),
        case(
            "variable",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{name: a, template: show, arguments: {parameters: [{name: msg, value: '{{item.name}}'}]}, withItems: [{id: 1}]}]]\n- name: show\n  inputs: {parameters: [{name: msg}]}\n  container: {image: alpine, args: ['{{inputs.parameters.msg}}']}",
            ),
            "failed to resolve {{item.name}}: no item of withItems has the key 'name'",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{name: a, template: show, arguments: {parameters: [{name: msg, value: '{{item.id}}'}]}, withItems: [{id: 1}]}]]\n- name: show\n  inputs: {parameters: [{name: msg}]}\n  container: {image: alpine, args: ['{{inputs.parameters.msg}}']}",
            ),
        ),
        case(
            "variable",
            workflow(
                "entrypoint: main\ntemplates:\n- name: main\n  container: {image: alpine, args: ['{{workflow.parameters.env}}']}",
            ),
            "failed to resolve {{workflow.parameters.env}}: spec.arguments declares no parameter 'env'",
            document(
                "WorkflowTemplate",
                "name: lib",
                "entrypoint: main\ntemplates:\n- name: main\n  container: {image: alpine, args: ['{{workflow.parameters.env}}']}",
            ),
        ),
        case(
            "cron",
            document(
                "CronWorkflow",
                "name: nightly",
                "schedules: ['0 25 * * *']\ntimezone: Europe/Pari\nworkflowSpec:\n  entrypoint: echo\n  templates:\n  - name: echo\n    container: {image: alpine}",
            ),
            "spec.schedules[0]: cron schedule '0 25 * * *' is malformed: hour field '25': 25 is out of range 0-23",
            document(
                "CronWorkflow",
                "name: nightly",
                "schedules: ['0 2 * * *', '@every 6h']\ntimezone: Europe/Paris\nworkflowSpec:\n  entrypoint: echo\n  templates:\n  - name: echo\n    container: {image: alpine}",
            ),
        ),
        case(
            "cron",
            document(
                "CronWorkflow",
                "name: nightly",
                "schedules: ['@daily']\ntimezone: Europe/Pari\nworkflowSpec:\n  entrypoint: echo\n  templates:\n  - name: echo\n    container: {image: alpine}",
            ),
            "spec.timezone: unknown time zone 'Europe/Pari'",
            document(
                "CronWorkflow",
                "name: nightly",
                "schedules: ['@daily']\ntimezone: Asia/Tokyo\nworkflowSpec:\n  entrypoint: echo\n  templates:\n  - name: echo\n    container: {image: alpine}",
            ),
        ),
    ]
}

fn lint(source: &str) -> Vec<Finding> {
    lint_sources(&[("case.yaml", source)]).findings
}

#[test]
fn each_rule_triggers_with_its_path_and_message_and_its_neighbour_is_clean() {
    let mut failures = Vec::new();
    for (index, case) in cases().iter().enumerate() {
        let bad = lint(&case.bad);
        let hit = bad.iter().any(|f| f.rule == case.rule && f.to_string().contains(case.finding));
        if !hit {
            failures.push(format!(
                "case {index} ({}): expected a finding containing {:?}, got:\n  {}",
                case.rule,
                case.finding,
                bad.iter().map(|f| format!("{f} [{}]", f.rule)).collect::<Vec<_>>().join("\n  ")
            ));
        }
        let good = lint(&case.good);
        if !good.is_empty() {
            failures.push(format!(
                "case {index} ({}): the neighbour should be clean, got:\n  {}",
                case.rule,
                good.iter().map(|f| format!("{f} [{}]", f.rule)).collect::<Vec<_>>().join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_case() {
    let cases = cases();
    let missing: Vec<&str> = RULES
        .iter()
        .filter(|r| !r.builder)
        .map(|r| r.id)
        .filter(|id| !cases.iter().any(|c| c.rule == *id))
        .collect();
    assert!(missing.is_empty(), "rules without a test case: {missing:?}");
}

#[test]
fn findings_carry_file_line_and_column() {
    let source = workflow(&format!(
        "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{{name: a, template: missing}}]]\n{ECHO}"
    ));
    let findings = lint(&source);
    assert_eq!(
        findings[0].to_string(),
        "case.yaml:9:34: Workflow t-: spec.templates[main].steps[0][a].template: template name 'missing' undefined"
    );
    assert_eq!(findings[0].severity, Severity::Error);
}

#[test]
fn a_template_ref_outside_the_linted_files_is_a_warning() {
    let source = workflow(
        "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{name: a, templateRef: {name: shared, template: echo}}]]",
    );
    let findings = lint(&source);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].severity, Severity::Warning);
    assert!(findings[0].to_string().contains("WorkflowTemplate 'shared' is not among the linted files"));
}
