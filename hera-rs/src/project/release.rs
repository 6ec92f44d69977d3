//! Release labels: which version of the program, and which commit, an
//! emitted object came from.

use crate::lint::Finding;
use crate::model::Document;
use crate::syntax::names;

/// The label naming the package version (Kubernetes' recommended label).
pub const VERSION_LABEL: &str = "app.kubernetes.io/version";
/// The label naming the commit the objects were emitted from.
pub const COMMIT_LABEL: &str = "hera-rs/commit";
/// The commit being built: from [`COMMIT_VARIABLES`](crate::COMMIT_VARIABLES), else from git, else unknown.
#[deprecated(
    since = "0.2.0",
    note = "the library reads no environment: use `BuildOptions::from_environment(true).commit`"
)]
pub fn commit() -> Option<String> {
    crate::BuildOptions::from_environment(true).commit
}

/// Adds the version label and, when known, the commit label to `document`.
pub(crate) fn apply(
    document: &mut Document,
    version: &str,
    commit: Option<&str>,
    problems: &mut Vec<Finding>,
) {
    let Some(meta) = document.metadata_mut() else { return };
    let labels = meta.labels.get_or_insert_with(Default::default);
    for (key, value) in [(VERSION_LABEL, Some(version)), (COMMIT_LABEL, commit)] {
        let Some(value) = value else { continue };
        match names::label_value(value) {
            Ok(()) => {
                labels.insert(key.to_owned(), value.to_owned());
            }
            Err(message) => problems.push(Finding::builder(
                &crate::lint::rules::metadata::LABEL,
                format!("metadata.labels.{key}"),
                message,
            )),
        }
    }
}
