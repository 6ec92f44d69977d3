//! Argo's own `examples/` directory (217 files, 228 documents).

use crate::support::{data, first_difference, reference, relative, round_trip, yaml_files};

/// The one example Argo itself refuses: `metadata.annotations` twice.
const DUPLICATE_KEY_FILE: &str = "k8s-patch-json-workflow.yaml";

#[test]
fn every_argo_example_round_trips_to_equal_data() {
    let Some(reference) = reference() else { return };
    let base = reference.join("argo/examples");
    let files = yaml_files(&base);
    let mut documents = 0;
    let mut failures = Vec::new();
    for file in &files {
        let name = relative(file, &base);
        let source = std::fs::read_to_string(file).unwrap();
        if name == DUPLICATE_KEY_FILE {
            let error = round_trip(&source).expect_err("a duplicated key is refused");
            assert_eq!(
                error.to_string(),
                "13:3: metadata.annotations: duplicate key `annotations` (first at line 6); \
                 Kubernetes and `argo lint` refuse duplicate keys"
            );
            documents += 1;
            continue;
        }
        match round_trip(&source) {
            Err(error) => failures.push(format!("{name}: {error}")),
            Ok(emitted) => {
                let (before, after) = (data(&source), data(&emitted));
                documents += before.len();
                if before.len() != after.len() {
                    failures.push(format!("{name}: {} documents became {}", before.len(), after.len()));
                }
                for (i, (a, b)) in before.iter().zip(&after).enumerate() {
                    if let Some(diff) = first_difference(a, b, "") {
                        failures.push(format!("{name}#{i}: {diff}"));
                    }
                }
                assert_eq!(round_trip(&emitted).unwrap(), emitted, "{name}: writing is not idempotent");
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert_eq!((files.len(), documents), (217, 228), "the corpus changed size");
}
