//! Argo's name rules, its duration and quantity syntax, and "did you mean
//! ...?" suggestions, in one place for both sides of hera-rs: the `hera-rs`
//! library (its builders and lint) and the `#[script]` macro, which checks
//! names, `timeout` and `resources` at compile time. Depend on
//! `hera-rs` (`hera::syntax::names`), not on this crate.
//!
//! Each rule returns `Err(message)` naming the offending value; the caller
//! adds where it was found:
//!
//! ```
//! use hera_rs_names::{closest, parameter_name, template_name};
//!
//! assert!(template_name("sum-up").is_ok());
//! assert!(template_name("Sum_Up").unwrap_err().starts_with("template name 'Sum_Up' is invalid"));
//! assert!(parameter_name("parameter", "max_retries").is_ok());
//! assert_eq!(closest("imgae", &["image", "name"]), Some("image"));
//! assert!(hera_rs_names::duration::parse("1h30m").is_ok());
//! assert!(hera_rs_names::quantity::parse("512Mi").is_ok());
//! ```

pub mod duration;
pub mod quantity;
mod rules;
mod suggest;

pub use rules::{
    GENERATED_SUFFIX, MAX_CRON_WORKFLOW_NAME, MAX_FIELD_NAME, MAX_LABEL_VALUE, MAX_OBJECT_NAME,
    MAX_WORKFLOW_NAME, generate_name, label_key, label_value, node_name, object_name, parameter_name,
    pod_template_name, replace_tags, template_name,
};
pub use suggest::closest;
