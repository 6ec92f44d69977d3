//! Workspace-level checks of hera-rs: the conformance suites over Argo's and
//! Hera's example corpora, the snapshots of the repository's examples,
//! whole-workflow runs of them, and the benchmarks. A package of its own so
//! that `cargo run --example NAME` from the root does not build their
//! dev-dependencies. It is not published and has no API; run it with
//! `cargo test -p hera-rs-checks` (or `cargo test --workspace`).
