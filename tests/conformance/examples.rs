//! Every program in `examples/` is a test: its output is snapshot-tested, read
//! back through the strict reader, validated against Argo's strict schema, and
//! compared as data with the Argo example it ports (only the order of
//! `spec.templates` may differ). One test binary covers them all; the list
//! of examples is in `main.rs`.

use crate::all;
use crate::support::{first_difference, reference};
use hera::Object;
use serde_json::Value;

fn yaml(objects: &[Object]) -> String {
    let documents: Vec<_> = objects
        .iter()
        .map(|o| o.to_document().unwrap_or_else(|e| panic!("example does not build:\n{e}")))
        .collect();
    hera::yaml::to_string_all(&documents).unwrap()
}

#[test]
fn every_example_file_is_covered() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut covered: Vec<String> = all().into_iter().map(|(name, _, _)| name.to_owned()).collect();
    covered.sort();
    assert_eq!(on_disk, covered, "list every example in tests/conformance/examples.rs");
}

#[test]
fn examples_match_their_snapshots_and_read_back() {
    for (name, objects, _) in all() {
        let text = yaml(&objects);
        insta::assert_snapshot!(name, text);
        let again = hera::yaml::to_string_all(&hera::yaml::documents(&text).unwrap()).unwrap();
        assert_eq!(again, text, "{name}: reading and writing again changes the output");
    }
}

/// Documents as data, with each spec's templates sorted by name.
fn data(text: &str) -> Vec<Value> {
    let mut documents: Vec<Value> =
        hera::yaml::parse(text).unwrap().iter().map(|n| hera::yaml::from_node(n).unwrap()).collect();
    for document in &mut documents {
        for spec in [document.pointer_mut("/spec"), None].into_iter().flatten() {
            let spec = if spec.get("workflowSpec").is_some() { &mut spec["workflowSpec"] } else { spec };
            if let Some(Value::Array(templates)) = spec.get_mut("templates") {
                templates.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
            }
        }
    }
    documents
}

#[test]
fn examples_equal_argos_files_as_data() {
    let Some(reference) = reference() else { return };
    let mut failures = Vec::new();
    for (name, objects, argo) in all() {
        let Some(argo) = argo else { continue };
        let original = std::fs::read_to_string(reference.join("argo/examples").join(argo)).unwrap();
        let (ours, theirs) = (data(&yaml(&objects)), data(&original));
        if ours.len() != theirs.len() {
            failures.push(format!("{name}: {} documents, {argo} has {}", ours.len(), theirs.len()));
        }
        for (i, (a, b)) in theirs.iter().zip(&ours).enumerate() {
            if let Some(diff) = first_difference(a, b, "") {
                failures.push(format!("{name}#{i} vs {argo}: {diff}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} differences (Argo → ours):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn examples_satisfy_argos_strict_schema() {
    let Some(reference) = reference() else { return };
    let validators = crate::schema::validators(&reference);
    for (name, objects, _) in all() {
        for object in &objects {
            let document = object.to_document().unwrap();
            let value = serde_json::to_value(&document).unwrap();
            let errors: Vec<String> = validators[document.kind()]
                .iter_errors(&value)
                .map(|e| format!("{}: {e}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
        }
    }
}
