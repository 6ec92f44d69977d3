//! `hera diff`, run as a user runs it: what it prints and how it exits (0
//! equal, 1 different, 2 usage errors and unreadable or unparseable input).

mod common;

use common::*;

const TEMPLATE: &str = "apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: my-wt
  labels:
    team: data
spec:
  entrypoint: main
  templates:
  - name: main
    container:
      image: busybox
      command: [echo, hi]
  - name: other
    script:
      image: python:3.12
      source: |
        import sys
        print(sys.argv)
";

/// The same object: flow style, other key order, templates swapped, a comment.
const TEMPLATE_REWRITTEN: &str = "# the same template, written differently
kind: WorkflowTemplate
apiVersion: argoproj.io/v1alpha1
metadata: {labels: {team: data}, name: my-wt}
spec:
  templates:
    - name: other
      script: {source: \"import sys\\nprint(sys.argv)\\n\", image: \"python:3.12\"}
    - container: {command: [\"echo\", \"hi\"], image: busybox}
      name: main
  entrypoint: main
";

#[test]
fn the_same_objects_written_differently_are_equal() {
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.yaml", TEMPLATE);
    let b = file(dir.path(), "b.yaml", TEMPLATE_REWRITTEN);
    let run = hera(&["diff", &a, &b], "");
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
    // Stdin is one side at most.
    assert_eq!(hera(&["diff", &a, "-"], TEMPLATE_REWRITTEN).code, 0);
}

#[test]
fn a_changed_image_is_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.yaml", TEMPLATE);
    let b = file(dir.path(), "b.yaml", TEMPLATE_REWRITTEN.replace("image: busybox", "image: alpine"));
    let run = hera(&["diff", &a, &b], "");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "WorkflowTemplate my-wt: spec.templates[main].container.image: busybox → alpine\n"
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn a_changed_script_is_a_line_diff() {
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.yaml", TEMPLATE);
    let b = file(dir.path(), "b.yaml", TEMPLATE.replace("print(sys.argv)", "print(sys.argv[1:])"));
    let run = hera(&["diff", &a, &b], "");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "WorkflowTemplate my-wt: spec.templates[other].script.source: text changed at line 2:\n      import sys\n    \
         - print(sys.argv)\n    + print(sys.argv[1:])\n"
    );
}

#[test]
fn directories_match_objects_whatever_file_they_are_in() {
    let dir = tempfile::tempdir().unwrap();
    let config = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: fast}\n";
    file(dir.path(), "a/all.yaml", format!("{TEMPLATE}---\n{config}"));
    file(dir.path(), "b/templates/my-wt.yaml", TEMPLATE_REWRITTEN);
    file(dir.path(), "b/config.yml", config);
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let run = hera(&["diff", a, b], "");
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
    // A file that is not YAML is not read.
    file(dir.path(), "b/notes.txt", "not yaml: [");
    assert_eq!(hera(&["diff", a, b], "").code, 0);
    file(dir.path(), "b/config.yml", config.replace("fast", "\"1\""));
    let run = hera(&["diff", a, b], "");
    assert_eq!((run.code, run.stdout.as_str()), (1, "ConfigMap settings: data.mode: fast → \"1\"\n"));
}

#[test]
fn objects_on_one_side_only() {
    let dir = tempfile::tempdir().unwrap();
    let workflow = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: run-, namespace: argo}\n\
                    spec:\n  workflowTemplateRef: {name: my-wt}\n";
    let a = file(dir.path(), "a.yaml", TEMPLATE);
    let b = file(dir.path(), "b.yaml", workflow);
    let run = hera(&["diff", &a, &b], "");
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "- WorkflowTemplate my-wt (only in A)\n+ Workflow argo/run- (only in B)\n");
    // An empty side has no objects.
    let empty = file(dir.path(), "empty.yaml", "# nothing yet\n");
    let run = hera(&["diff", &empty, &b], "");
    assert_eq!((run.code, run.stdout.as_str()), (1, "+ Workflow argo/run- (only in B)\n"));
}

#[test]
fn two_releases_are_compared_field_by_field_with_ignore_version() {
    let dir = tempfile::tempdir().unwrap();
    let release = |version: &str, image: &str| {
        TEMPLATE.replace("name: my-wt", &format!("name: my-wt-v{version}")).replace("busybox", image)
    };
    let a = file(dir.path(), "a.yaml", release("0.1.0", "busybox"));
    let b = file(dir.path(), "b.yaml", release("0.2.0", "alpine"));
    // Without the option two releases are two different objects.
    let apart = hera(&["diff", &a, &b], "");
    assert_eq!(
        apart.stdout,
        "- WorkflowTemplate my-wt-v0.1.0 (only in A)\n+ WorkflowTemplate my-wt-v0.2.0 (only in B)\n"
    );
    let run = hera(&["diff", "--ignore-version", &a, &b], "");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "WorkflowTemplate my-wt: metadata.name: my-wt-v0.1.0 → my-wt-v0.2.0\n\
         WorkflowTemplate my-wt: spec.templates[main].container.image: busybox → alpine\n"
    );
    // Equal content under two versions differs only in the name; a name
    // that only looks versioned (`-v1`, not semver) is matched as it is.
    let same = file(dir.path(), "same.yaml", release("0.2.0", "busybox"));
    let run = hera(&["diff", "--ignore-version", &a, &same], "");
    assert_eq!(run.stdout, "WorkflowTemplate my-wt: metadata.name: my-wt-v0.1.0 → my-wt-v0.2.0\n");
    let loose = file(dir.path(), "loose.yaml", TEMPLATE.replace("name: my-wt", "name: my-wt-v1"));
    let plain = file(dir.path(), "plain.yaml", TEMPLATE);
    assert_eq!(hera(&["diff", "--ignore-version", &loose, &plain], "").stdout.lines().count(), 2);
}

#[test]
fn unreadable_or_unparseable_input_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.yaml", TEMPLATE);
    let bad = file(
        dir.path(),
        "bad.yaml",
        TEMPLATE.replace("entrypoint: main", "entrypoint: main\n  entrypont: x"),
    );
    let run = hera(&["diff", &a, &bad], "");
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, format!("{bad}:9:3: spec.entrypont: unknown field, did you mean 'entrypoint'?\n"));
    let broken = file(dir.path(), "broken.yaml", "kind: [\n");
    let run = hera(&["diff", &broken, &a], "");
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with(&format!("{broken}:")), "{}", run.stderr);
    let run = hera(&["diff", &a, "/nonexistent/b.yaml"], "");
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("/nonexistent/b.yaml: cannot read:"), "{}", run.stderr);
    assert_eq!(hera(&["diff", "-", "-"], "").code, 2);
    assert_eq!(hera(&["diff", &a], "").code, 2);
}

#[test]
fn help_explains_the_command() {
    let run = hera(&["diff", "--help"], "");
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("matched by kind, namespace and name"), "{}", run.stdout);
    assert!(
        run.stdout.contains("Exit 0 when the objects are equal, 1 when they differ, 2"),
        "{}",
        run.stdout
    );
}
