//! `#[script]` misuse is a compile error with a clear message at the
//! offending token (`tests/ui/fail/*.stderr` are the reviewed messages), and
//! every supported signature shape compiles (`tests/ui/pass`).
//!
//! rustc's wording and layout change between releases, so the suite runs
//! only on the stable release that wrote the `.stderr` files (1.95); on any
//! other toolchain it is ignored rather than failing. After moving to a new
//! stable, update the version below and re-bless on it:
//! `TRYBUILD=overwrite cargo test -p hera-rs-ui --test script_ui`, then read
//! every changed `.stderr` before committing it.

#[test]
#[rustversion::attr(not(stable(1.95)), ignore = "the .stderr files are rustc 1.95's wording")]
fn script_ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
