//! Procedural macros of hera-rs, re-exported by the `hera-rs` crate.
//!
//! This crate will hold the `#[script]` attribute and the `Outputs` derive;
//! until then it exports nothing. Depend on `hera-rs`, not on this crate.
