//! `#[script]` misuse is a compile error with a clear message at the
//! offending token (`tests/ui/fail/*.stderr` are the reviewed messages), and
//! every supported signature shape compiles (`tests/ui/pass`).

#[test]
fn script_ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
