//! The committed model is exactly what the generator writes from Argo's schema.

use xtask::codegen::{self, OUTPUT_DIR, SCHEMA_PATH};
use xtask::{ReferenceDir, reference_dir, workspace_root};

#[test]
fn regenerating_the_model_changes_nothing() {
    let reference = match reference_dir() {
        Ok(ReferenceDir::Found(dir)) => dir,
        Ok(ReferenceDir::Absent) => {
            eprintln!("reference data not found; set HERA_REFERENCE_DIR to check the generated model");
            return;
        }
        Err(message) => panic!("{message}"),
    };
    let files = codegen::generate(&reference.join(SCHEMA_PATH)).expect("the generator runs");
    let scratch = tempfile::tempdir().unwrap();
    codegen::write_into(scratch.path(), &files).unwrap();
    let committed = workspace_root().join(OUTPUT_DIR);
    let mut differing = Vec::new();
    let names = |dir: &std::path::Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(scratch.path()), names(&committed), "generated file set differs");
    for name in names(scratch.path()) {
        let fresh = std::fs::read(scratch.path().join(&name)).unwrap();
        let old = std::fs::read(committed.join(&name)).unwrap();
        if fresh != old {
            differing.push(name);
        }
    }
    assert!(
        differing.is_empty(),
        "{differing:?} differ from the generator's output; run `cargo xtask codegen`"
    );
}
