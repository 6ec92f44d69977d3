//! The crate's error type.

use crate::lint::Finding;

/// Everything that can go wrong in hera-rs.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing YAML failed; the problems name file, line,
    /// column and field path.
    #[error(transparent)]
    Yaml(#[from] crate::yaml::Error),
    /// Writing or reading JSON failed.
    #[error(transparent)]
    Json(#[from] crate::json::Error),
    /// An object breaks Argo's rules: each finding names the object, the
    /// field and the rule.
    #[error("{}", .0.iter().map(Finding::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Finding>),
    /// `--env NAME` names an environment the program does not declare.
    #[error("no environment named '{name}'; this program declares: {}", if known.is_empty() { "none".to_owned() } else { known.join(", ") })]
    UnknownEnvironment {
        /// The name asked for.
        name: String,
        /// The environments declared.
        known: Vec<String>,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What the OS said.
        source: std::io::Error,
    },
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
