//! Conformance suites over the shared reference data: every Argo example and
//! every YAML that Python's Hera produces must read, write and read back to
//! equal data, what hera-rs writes must satisfy Argo's JSON schema, and every
//! program in `examples/` must print its Argo original (as data).
//!
//! They read `$HERA_REFERENCE_DIR` (or `../shared/reference`); `.ci/run` sets
//! the variable, so there a missing directory fails instead of skipping. The
//! example snapshots and the script runs need no reference data.

mod argo_examples;
mod examples;
mod generate;
mod gitops;
mod hera_examples;
mod schema;
mod scripts;
mod support;
