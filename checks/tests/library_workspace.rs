//! The two-crate example (`examples/library-workspace`): a library of
//! `#[script]` functions published as a versioned WorkflowTemplate, used by
//! a program inline and by reference. Built here with cargo (in a target
//! directory under `target/`), then its `yaml` is checked.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn a_library_is_used_inline_and_by_reference() {
    // The workspace root: this test lives in the `checks` package.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("checks/ is in the workspace")
        .to_path_buf();
    let workspace = root.join("examples/library-workspace");
    // The workspace's lock, so the dependencies are the versions tested here.
    if !workspace.join("Cargo.lock").exists() {
        std::fs::copy(root.join("Cargo.lock"), workspace.join("Cargo.lock")).unwrap();
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["run", "--quiet", "-p", "app", "--manifest-path"])
        .arg(workspace.join("Cargo.toml"))
        .args(["--", "yaml"])
        .env("CARGO_TARGET_DIR", root.join("target/examples-workspace"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let documents = hera::yaml::documents(&String::from_utf8(output.stdout).unwrap()).unwrap();
    let templates = |i: usize| documents[i].workflow_spec().unwrap().templates.clone().unwrap_or_default();

    // The library's template, named with the library's own version.
    assert_eq!(documents[0].name(), Some("shapes-wt-v0.3.1"));
    // Inline: the library's functions run as the program that uses them
    // (a library has no binary of its own to name).
    let inline = templates(1);
    let area = inline.iter().find(|t| t.name.as_deref() == Some("area")).expect("area copied in");
    assert_eq!(
        area.script.as_ref().unwrap().command.as_deref(),
        Some(&["/usr/local/bin/app".to_owned()][..])
    );
    assert_eq!(templates(0)[0].script.as_ref().unwrap().command, area.script.as_ref().unwrap().command);
    // By reference: templateRefs to the published template, nothing copied.
    let by_reference = templates(2);
    assert_eq!(by_reference.len(), 1);
    let tasks = &by_reference[0].dag.as_ref().unwrap().tasks;
    for task in tasks {
        let reference = task.template_ref.as_ref().expect("a templateRef");
        assert_eq!(reference.name.as_deref(), Some("shapes-wt-v0.3.1"));
    }
    assert_eq!(tasks[1].depends.as_deref(), Some("area"));
    // Lint resolves the references: the template is among the objects.
    let findings = hera::lint::lint_documents(&documents);
    assert!(findings.iter().all(|f| !f.is_error()), "{findings:#?}");

    // `emit --inline-refs`: the by-reference workflow written self-contained.
    let out = tempfile::tempdir().unwrap();
    let emitted = Command::new(root.join("target/examples-workspace/debug/app"))
        .args(["emit", "--inline-refs", "--include-generate-name", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(emitted.status.success(), "{}", String::from_utf8_lossy(&emitted.stderr));
    let mut inlined = None;
    for entry in std::fs::read_dir(out.path()).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        if text.contains("shapes-by-reference-") {
            inlined = Some(text);
        }
    }
    let inlined = inlined.expect("the by-reference workflow is written");
    assert!(!inlined.contains("templateRef"), "{inlined}");
    let workflow = &hera::yaml::documents(&inlined).unwrap()[0];
    let names: Vec<_> =
        workflow.workflow_spec().unwrap().templates.iter().flatten().filter_map(|t| t.name.clone()).collect();
    assert_eq!(names, ["main", "area", "double"]);
}
