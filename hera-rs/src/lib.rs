//! hera-rs: author Argo Workflows in Rust.
//!
//! * [`model`] — the complete Argo Workflows v4.1.2 object model, generated
//!   from Argo's schema; it reads and writes every Argo object losslessly.
//! * [`yaml`] and [`json`] — reading with kubectl's YAML 1.1 rules and
//!   `argo lint --strict`'s strictness, writing YAML that YAML 1.1 readers
//!   read back exactly.
//! * [`cli`] — the `hera` command (`hera fmt`).
#![deny(missing_docs)]

pub mod cli;
mod error;
pub mod json;
pub mod model;
pub mod yaml;

pub use error::{Error, Result};
