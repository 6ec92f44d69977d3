//! `hera generate rust --stubs`: the committed stub module of
//! `checks/ui/tests/ui/stubs/build_tools.yaml` is what the generator writes.
//! That it type-checks calls the way the template's inputs say is the
//! trybuild suite of the `hera-rs-ui` package (`checks/ui/tests/stubs.rs`).

use std::path::Path;

const YAML: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../checks/ui/tests/ui/stubs/build_tools.yaml");
const STUBS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../checks/ui/tests/ui/stubs/build_tools.rs");

fn generated() -> String {
    let documents = hera::yaml::documents(&std::fs::read_to_string(YAML).unwrap()).unwrap();
    hera::generate::stubs(&documents, "build_tools.yaml").unwrap().code
}

#[test]
fn the_committed_stubs_are_what_the_generator_writes() {
    let code = generated();
    if std::env::var_os("HERA_BLESS").is_some() {
        std::fs::write(STUBS, &code).unwrap();
    }
    let committed = std::fs::read_to_string(Path::new(STUBS)).unwrap_or_default();
    assert!(
        committed == code,
        "{STUBS} is stale: regenerate it with HERA_BLESS=1 cargo test -p hera-rs --test stubs"
    );
}

#[test]
fn a_file_without_templates_to_call_is_an_error() {
    let documents = hera::yaml::documents("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n").unwrap();
    let error = hera::generate::stubs(&documents, "cm.yaml").unwrap_err();
    assert_eq!(error.to_string(), "cm.yaml: no WorkflowTemplate or ClusterWorkflowTemplate to make stubs of");
}
