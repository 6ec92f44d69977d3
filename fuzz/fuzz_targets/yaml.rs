//! YAML reading into documents, writing them back, and reading that again:
//! whatever `hera::yaml::documents` accepts, hera writes as YAML (and JSON)
//! it reads back.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(documents) = hera::yaml::documents(text) else { return };
    let written = hera::yaml::to_string_all(&documents).expect("documents that were read can be written");
    let again = hera::yaml::documents(&written)
        .unwrap_or_else(|e| panic!("hera's own YAML does not read back: {e}\n{written}"));
    assert_eq!(again.len(), documents.len(), "{written}");
    for document in &documents {
        let _ = hera::json::to_string(document);
    }
});
