//! Conformance suites over the shared reference data: every Argo example and
//! every YAML that Python's Hera produces must read, write and read back to
//! equal data, and what hera-rs writes must satisfy Argo's JSON schema.
//!
//! They read `$HERA_REFERENCE_DIR` (or `../shared/reference`); `.ci/run` sets
//! the variable, so there a missing directory fails instead of skipping.

mod argo_examples;
mod hera_examples;
mod schema;
mod support;
