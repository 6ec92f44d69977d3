//! Kubernetes resource quantities (`500m`, `1Gi`): the rule is shared with
//! the `#[script]` macro's compile-time checks.

pub use hera_rs_names::quantity::parse;
