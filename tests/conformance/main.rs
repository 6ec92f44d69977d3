//! Conformance suites over the shared reference data: every Argo example and
//! every YAML that Python's Hera produces must read, write and read back to
//! equal data, what hera-rs writes must satisfy Argo's JSON schema, and every
//! program in `examples/` must print its Argo original (as data).
//!
//! They read `$HERA_REFERENCE_DIR` (or `../shared/reference`); `.ci/run` sets
//! the variable, so there a missing directory fails instead of skipping. The
//! example snapshots need no reference data.

mod argo_examples;
mod examples;
mod hera_examples;
mod schema;
mod support;

use hera::Object;

/// Declares every program of `examples/` as a module of this test binary and
/// lists them with the Argo example each ports.
macro_rules! examples {
    ($($module:ident = $path:literal => $argo:expr,)*) => {
        $(
            #[allow(dead_code)]
            #[path = $path]
            mod $module;
        )*

        /// (example name, its objects, the Argo example it ports).
        fn all() -> Vec<(&'static str, Vec<Object>, Option<&'static str>)> {
            vec![$( (stringify!($module), $module::objects(), $argo), )*]
        }
    };
}

examples! {
    hello_world = "../../examples/hello_world.rs" => Some("hello-world.yaml"),
}
