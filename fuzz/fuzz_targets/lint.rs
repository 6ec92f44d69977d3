//! `lint_sources` over arbitrary text: two files (split at the first NUL),
//! linted together, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (first, second) = text.split_once('\0').unwrap_or((text, ""));
    let report = hera::lint::lint_sources(&[("a.yaml", first), ("b.yaml", second)]);
    for finding in &report.findings {
        let _ = finding.to_string();
    }
});
