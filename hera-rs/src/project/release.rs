//! Release labels: which version of the program, and which commit, an
//! emitted object came from.

use crate::lint::Finding;
use crate::model::Document;
use crate::syntax::names;

/// The label naming the package version (Kubernetes' recommended label).
pub const VERSION_LABEL: &str = "app.kubernetes.io/version";
/// The label naming the commit the objects were emitted from.
pub const COMMIT_LABEL: &str = "hera-rs/commit";
/// Environment variables naming the commit, first found wins; then `git rev-parse HEAD`.
pub const COMMIT_VARIABLES: [&str; 3] = ["HERA_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA"];

/// The commit being built: from [`COMMIT_VARIABLES`], else from git, else unknown.
pub fn commit() -> Option<String> {
    for variable in COMMIT_VARIABLES {
        if let Some(value) = std::env::var(variable).ok().filter(|v| !v.trim().is_empty()) {
            return Some(value.trim().to_owned());
        }
    }
    let output = std::process::Command::new("git").args(["rev-parse", "HEAD"]).output().ok()?;
    let sha = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !sha.trim().is_empty()).then(|| sha.trim().to_owned())
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
            Err(message) => problems.push(Finding::error(format!("metadata.labels.{key}"), message)),
        }
    }
}
