//! The local engine's `when` evaluator (govaluate): check, evaluate and
//! should_execute agree on what they accept, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = hera::syntax::when::check(text);
    let _ = hera::syntax::when::evaluate(text);
    let _ = hera::syntax::when::should_execute(text);
});
