//! Every example in `examples/` is also a test: its output is snapshot-tested,
//! read back through the strict reader, and compared with Argo's own example
//! where it ports one. One test binary covers them all.

#[allow(dead_code)]
#[path = "../examples/hello_world.rs"]
mod hello_world;

/// (example name, its YAML, the Argo example it ports).
fn examples() -> Vec<(&'static str, String, Option<&'static str>)> {
    vec![("hello_world", hera::yaml::to_string(&hello_world::workflow()).unwrap(), Some("hello-world.yaml"))]
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
    let mut covered: Vec<String> = examples().into_iter().map(|(name, _, _)| name.to_owned()).collect();
    covered.sort();
    assert_eq!(on_disk, covered, "add new examples to tests/examples.rs");
}

#[test]
fn examples_match_their_snapshots_and_read_back() {
    for (name, yaml, _) in examples() {
        insta::assert_snapshot!(name, yaml);
        let again = hera::yaml::to_string_all(&hera::yaml::documents(&yaml).unwrap()).unwrap();
        assert_eq!(again, yaml, "{name}: reading and writing again changes the output");
    }
}

#[test]
fn ported_examples_equal_argos_as_data() {
    let Ok(xtask::ReferenceDir::Found(reference)) = xtask::reference_dir() else {
        eprintln!("reference data not found; skipping the comparison with Argo's examples");
        return;
    };
    for (name, yaml, argo) in examples() {
        let Some(argo) = argo else { continue };
        let original = std::fs::read_to_string(reference.join("argo/examples").join(argo)).unwrap();
        let data = |text: &str| -> Vec<serde_json::Value> {
            hera::yaml::parse(text).unwrap().iter().map(|n| hera::yaml::from_node(n).unwrap()).collect()
        };
        assert_eq!(data(&yaml), data(&original), "{name} differs from Argo's {argo}");
    }
}
