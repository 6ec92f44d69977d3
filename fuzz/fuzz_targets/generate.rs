//! `hera generate rust` on arbitrary text: whatever `hera::yaml::documents`
//! reads, the generator either writes a program (that `syn` parsed, inside
//! the generator) or says why not. A program that does not parse is the
//! generator's own bug, and a finding here.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(documents) = hera::yaml::documents(text) else { return };
    let comments = hera::yaml::attached_comments(text);
    if let Err(error) = hera::generate::rust_with_comments(&documents, comments, "fuzz.yaml") {
        let message = error.to_string();
        assert!(!message.contains("a bug in the generator"), "{message}\n--- input ---\n{text}");
    }
});
