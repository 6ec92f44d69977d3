//! The crate's error type.

/// Everything that can go wrong in hera-rs.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing YAML/JSON failed; the problems name file, line,
    /// column and field path.
    #[error(transparent)]
    Yaml(#[from] crate::yaml::Error),
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
