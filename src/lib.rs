//! Workspace-level package of hera-rs: it owns the repository's `examples/`
//! (`cargo run --example NAME` from the root). It is not published and has no
//! API of its own; the library is the `hera-rs` crate, and the tests of the
//! examples live in the `hera-rs-checks` package (`checks/`).
