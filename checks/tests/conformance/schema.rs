//! What hera-rs writes satisfies Argo's JSON schema, made strict: every object
//! refuses properties the schema does not declare (`additionalProperties:
//! false`, as `argo lint --strict` does). Only IntOrString and Quantity are
//! widened to accept numbers, which the CRDs and Argo's decoder accept but
//! schema.json (a Swagger 2.0 export) cannot express.

use crate::support::{reference, relative, yaml_files};
use hera::model::{ARGO_KINDS, Document};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;

fn strict(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.contains_key("properties") {
                map.entry("additionalProperties").or_insert(Value::Bool(false));
            }
            map.values_mut().for_each(strict);
        }
        Value::Array(items) => items.iter_mut().for_each(strict),
        _ => {}
    }
}

pub fn validators(reference: &Path) -> BTreeMap<&'static str, jsonschema::Validator> {
    let text = std::fs::read_to_string(reference.join("argo/schema.json")).unwrap();
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    let definitions = schema["definitions"].as_object_mut().unwrap();
    definitions.insert(
        "io.k8s.apimachinery.pkg.util.intstr.IntOrString".into(),
        json!({"type": ["integer", "string"]}),
    );
    definitions.insert(
        "io.k8s.apimachinery.pkg.api.resource.Quantity".into(),
        json!({"type": ["number", "string"]}),
    );
    let mut definitions = Value::Object(definitions.clone());
    strict(&mut definitions);
    ARGO_KINDS
        .iter()
        .map(|kind| {
            let root = json!({
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$ref": format!("#/definitions/io.argoproj.workflow.v1alpha1.{kind}"),
                "definitions": definitions,
            });
            (*kind, jsonschema::validator_for(&root).expect("schema compiles"))
        })
        .collect()
}

/// Reads each file, writes it again, and validates what was written.
fn check_corpus(base: &Path, validators: &BTreeMap<&str, jsonschema::Validator>) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut failures = Vec::new();
    for file in yaml_files(base) {
        let source = std::fs::read_to_string(&file).unwrap();
        // Documents Argo refuses are covered by the round-trip suites.
        let Ok(documents) = hera::yaml::documents(&source) else { continue };
        let emitted = hera::yaml::to_string_all(&documents).unwrap();
        for (i, document) in hera::yaml::documents(&emitted).unwrap().iter().enumerate() {
            if matches!(document, Document::Other(_)) {
                continue;
            }
            let value = serde_json::to_value(document).unwrap();
            let errors: Vec<String> = validators[document.kind()]
                .iter_errors(&value)
                .map(|e| format!("{}: {e}", e.instance_path()))
                .collect();
            if !errors.is_empty() {
                failures.push(format!("{}#{i}: {}", relative(&file, base), errors.join("; ")));
            }
            checked += 1;
        }
    }
    (checked, failures)
}

#[test]
fn re_emitted_documents_satisfy_argos_strict_schema() {
    let Some(reference) = reference() else { return };
    let validators = validators(&reference);
    let (argo, mut failures) = check_corpus(&reference.join("argo/examples"), &validators);
    let (hera, more) = check_corpus(&reference.join("hera-examples/workflows"), &validators);
    failures.extend(more);
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    // 225 Argo documents minus the duplicate-key file; 497 Hera ones minus the 17 refused.
    assert_eq!((argo, hera), (224, 481));
}

#[test]
fn the_strict_schema_catches_a_misspelt_field() {
    let Some(reference) = reference() else { return };
    let validators = validators(&reference);
    let bad = json!({
        "apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {"name": "x"},
        "spec": {"templates": [{"name": "main", "script": {"image": "alpine", "source": "echo", "sorce": "echo"}}]}
    });
    let errors: Vec<String> = validators["Workflow"].iter_errors(&bad).map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("sorce"), "{errors:?}");
}
