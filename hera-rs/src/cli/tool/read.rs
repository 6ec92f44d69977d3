//! Reading a source's documents, with each way it can fail told apart.

use super::input::{self, Source};
use crate::model::Document;
use crate::support::{Exit, Output};

/// Why a source's documents could not be had.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be read at all: one message line.
    Unreadable(String),
    /// The text is not UTF-8 or not valid Argo YAML: one line per problem,
    /// `FILE:LINE:COL: field.path: message`.
    Invalid(Vec<String>),
}

impl ReadError {
    /// The lines to print on stderr.
    pub fn lines(&self) -> Vec<String> {
        match self {
            ReadError::Unreadable(line) => vec![line.clone()],
            ReadError::Invalid(lines) => lines.clone(),
        }
    }
}

/// The text of `source`.
pub fn text(source: &Source) -> Result<String, ReadError> {
    let name = source.name();
    let bytes =
        source.read().map_err(|error| ReadError::Unreadable(format!("{name}: cannot read: {error}")))?;
    String::from_utf8(bytes)
        .map_err(|_| ReadError::Invalid(vec![format!("{name}: not UTF-8 text; YAML files must be UTF-8")]))
}

/// Reads and parses every document of `source`.
pub fn documents(source: &Source) -> Result<Vec<Document>, ReadError> {
    documents_and_text(source).map(|(documents, _)| documents)
}

/// [`documents`], and the text they were read from (for its comments).
pub fn documents_and_text(source: &Source) -> Result<(Vec<Document>, String), ReadError> {
    let name = source.name();
    let text = text(source)?;
    let documents = crate::yaml::documents(&text).map_err(|error| {
        ReadError::Invalid(error.with_origin(&name).problems().iter().map(ToString::to_string).collect())
    })?;
    Ok((documents, text))
}

/// Every document at `path` (a file, `-`, or a directory's YAML files),
/// each problem printed on the way; else the exit code of the worst one:
/// 2 for what cannot be read, 1 for what is not valid Argo YAML.
pub fn documents_at(
    path: &std::path::Path,
    command: &str,
    out: &mut Output<'_>,
) -> Result<Vec<Document>, Exit> {
    let sources = input::expand(std::slice::from_ref(&path.to_path_buf())).map_err(|message| {
        out.error(format!("hera {command}: {message}"));
        Exit::Usage
    })?;
    let mut documents = Vec::new();
    let mut worst = Exit::Success;
    for source in &sources {
        match self::documents(source) {
            Ok(read) => documents.extend(read),
            Err(error) => {
                error.lines().into_iter().for_each(|line| out.error(line));
                let exit =
                    if matches!(error, ReadError::Unreadable(_)) { Exit::Usage } else { Exit::Problems };
                worst = worst.max(exit);
            }
        }
    }
    if worst == Exit::Success { Ok(documents) } else { Err(worst) }
}
