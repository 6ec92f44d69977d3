//! Versions of the calling crate, for version-stamped template names.

/// The calling crate's version (`CARGO_PKG_VERSION`), e.g. for
/// `WorkflowTemplate::new("my-package-wt").versioned(hera::package_version!())`
/// and `format!("ghcr.io/acme/my-package:v{}", hera::package_version!())`.
///
/// ```
/// assert_eq!(hera::package_version!(), env!("CARGO_PKG_VERSION"));
/// ```
#[macro_export]
macro_rules! package_version {
    () => {
        env!("CARGO_PKG_VERSION")
    };
}
