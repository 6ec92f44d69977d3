//! The stubs `hera generate rust --stubs` writes for
//! `tests/ui/stubs/build_tools.yaml` (`tests/ui/stubs/build_tools.rs`, kept
//! current by hera-rs's `tests/stubs.rs`) type-check calls the way the
//! templates' inputs say. The `.stderr` files are rustc 1.95's wording;
//! re-bless with `TRYBUILD=overwrite cargo test -p hera-rs-ui --test stubs`.

#[test]
#[rustversion::attr(not(stable(1.95)), ignore = "the .stderr files are rustc 1.95's wording")]
fn stubs_type_check_calls() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/stubs_pass/*.rs");
    cases.compile_fail("tests/ui/stubs_fail/*.rs");
}
