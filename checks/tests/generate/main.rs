//! `hera generate rust` on the YAML this repository's own examples print
//! (their reviewed snapshots): the generated code, snapshotted, must read
//! like the hand-written examples. That it compiles and prints its input
//! back is the conformance suite's part (`tests/conformance/generate.rs`).

use std::path::Path;

/// A representative set: a container, a DAG, steps with `when`, recursion,
/// loops over an output, exit handlers, a CronWorkflow, `#[script]`
/// templates, a versioned WorkflowTemplate, artifacts.
const EXAMPLES: [&str; 10] = [
    "hello_world",
    "dag_diamond",
    "coinflip",
    "coinflip_recursive",
    "loops_param_result",
    "exit_handlers",
    "cron_workflow",
    "script_diamond",
    "versioned_template",
    "artifact_passing",
];

/// The YAML of an example's snapshot (what the example prints).
fn printed_by(example: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/conformance/snapshots/conformance__examples__{example}.snap"));
    let snapshot = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    snapshot.splitn(3, "---\n").nth(2).expect("a snapshot body").to_owned()
}

#[test]
fn the_examples_yaml_becomes_code_like_the_examples() {
    for example in EXAMPLES {
        let documents = hera::yaml::documents(&printed_by(example)).unwrap();
        let generated = hera::generate::rust(&documents, &format!("{example}.yaml")).unwrap();
        insta::assert_snapshot!(example, generated.code);
    }
}

#[test]
fn generating_is_deterministic() {
    let documents = hera::yaml::documents(&printed_by("dag_diamond")).unwrap();
    let first = hera::generate::rust(&documents, "a.yaml").unwrap().code;
    for _ in 0..5 {
        assert_eq!(hera::generate::rust(&documents, "a.yaml").unwrap().code, first);
    }
}

#[test]
fn a_status_is_refused_with_the_document_and_field_named() {
    let yaml = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: done\nspec:\n  entrypoint: a\n  \
                templates:\n  - name: a\n    suspend: {}\nstatus:\n  phase: Succeeded\n";
    let documents = hera::yaml::documents(yaml).unwrap();
    let error = hera::generate::rust(&documents, "done.yaml").unwrap_err();
    assert_eq!(
        error.to_string(),
        "done.yaml: Workflow done: status: a status is written by Argo, not by a program; remove it"
    );
}

#[test]
fn other_kinds_become_manifests_printed_as_they_were() {
    let yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  retries: \"3\"\n";
    let documents = hera::yaml::documents(yaml).unwrap();
    let generated = hera::generate::rust(&documents, "cm.yaml").unwrap();
    assert!(generated.code.contains("Manifest::from_yaml("), "{}", generated.code);
    let manifest = hera::Manifest::from_yaml(yaml);
    let printed =
        hera::yaml::to_string_all(&hera::Project::new([manifest]).build(None).unwrap().documents).unwrap();
    assert_eq!(printed, yaml);
}

#[test]
fn comments_become_rust_comments_above_their_task_step_template_or_object() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/generate/commented.yaml");
    let yaml = std::fs::read_to_string(path).unwrap();
    let documents = hera::yaml::documents(&yaml).unwrap();
    let comments = hera::yaml::attached_comments(&yaml);
    let generated = hera::generate::rust_with_comments(&documents, comments, "commented.yaml").unwrap();
    insta::assert_snapshot!("commented", generated.code);
    // Without the comments, the same code less the comment lines.
    let plain = hera::generate::rust(&documents, "commented.yaml").unwrap().code;
    let uncommented: Vec<&str> = generated
        .code
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter(|l| !l.trim_start().starts_with("// ") || l.starts_with("// Generated"))
        .collect();
    assert_eq!(uncommented, plain.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>());
}
