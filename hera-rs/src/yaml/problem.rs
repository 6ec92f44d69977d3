//! What went wrong in an input, where, and in which field.

use std::fmt;

/// A 1-based line and column in a YAML or JSON source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One problem in an input: a syntax error, an unknown or duplicate field, a
/// value of the wrong type, a missing field.
///
/// Its `Display` is one line, `FILE:LINE:COL: field.path: message`, leaving out
/// the parts that are not known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file (or `<stdin>`) the input came from, when the caller named it.
    pub origin: Option<String>,
    /// Where in the source, when known.
    pub location: Option<Location>,
    /// The field path inside the document, e.g. `spec.templates[0].script.sorce`;
    /// empty for problems of the whole document or of the YAML syntax.
    pub path: String,
    /// What is wrong, in words a user can act on.
    pub message: String,
}

impl Problem {
    /// A problem with a message only.
    pub fn new(message: impl Into<String>) -> Self {
        Problem { origin: None, location: None, path: String::new(), message: message.into() }
    }

    /// Sets the field path.
    pub fn at_path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    /// Sets the source location.
    pub fn at(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(origin) = &self.origin {
            write!(f, "{origin}:")?;
        }
        if let Some(location) = self.location {
            write!(f, "{location}:")?;
        }
        if self.origin.is_some() || self.location.is_some() {
            f.write_str(" ")?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

/// The error of the YAML and JSON layer: one or more [`Problem`]s, never empty.
///
/// Reading reports every unknown field and duplicate key of a document, plus
/// the first error that stops decoding it; `Display` prints one problem per line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.problems.iter().map(Problem::to_string).collect::<Vec<_>>().join("\n"))]
pub struct Error {
    problems: Vec<Problem>,
}

impl Error {
    /// An error made of these problems (`problems` must not be empty).
    pub(crate) fn new(problems: Vec<Problem>) -> Self {
        debug_assert!(!problems.is_empty());
        Error { problems }
    }

    /// The problems, in the order of the source.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Names the file every problem came from.
    pub fn with_origin(mut self, origin: &str) -> Self {
        for problem in &mut self.problems {
            problem.origin = Some(origin.to_owned());
        }
        self
    }
}

impl From<Problem> for Error {
    fn from(problem: Problem) -> Self {
        Error { problems: vec![problem] }
    }
}
