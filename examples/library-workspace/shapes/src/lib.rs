//! A library of `#[script]` functions that is also a published
//! WorkflowTemplate, `shapes-wt-v<this crate's version>`. A program can run
//! the functions inline (linked into its own binary, in its own image) or
//! call the published template by reference; both type-check the same way.

use hera::prelude::*;

/// The area of a rectangle.
#[script]
pub fn area(width: f64, height: f64) -> f64 {
    width * height
}

/// Twice a number.
#[script]
pub fn double(x: f64) -> f64 {
    x * 2.0
}

/// The library's published template, versioned from this crate's own
/// version: upgrading the dependency upgrades every reference to it.
pub fn workflow_template() -> WorkflowTemplate {
    WorkflowTemplate::new("shapes-wt")
        .versioned(hera::package_version!())
        .image(format!("ghcr.io/acme/shapes:v{}", hera::package_version!()))
        .template(area::template())
        .template(double::template())
}
