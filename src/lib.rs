//! Workspace-level package of hera-rs: it owns the repository's `examples/` and
//! `tests/` (the conformance suites and the example snapshots). It is not
//! published and has no API of its own; the library is the `hera-rs` crate.
