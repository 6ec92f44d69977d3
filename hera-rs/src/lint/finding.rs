//! One rule broken, and where.

use std::fmt;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Argo would refuse the object, or it would fail at run time.
    Error,
    /// Suspicious but accepted.
    Warning,
}

/// A rule an object breaks.
///
/// `Display` gives one line: `Kind name: field.path: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The object, e.g. `Workflow steps-` or `WorkflowTemplate my-wt-v1.2.3`.
    pub object: String,
    /// The field path, list items named where they have names.
    pub path: String,
    /// What is wrong, naming the offending value.
    pub message: String,
}

impl Finding {
    /// An error at `path`.
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Error,
            object: String::new(),
            path: path.into(),
            message: message.into(),
        }
    }

    /// A warning at `path`.
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Finding { severity: Severity::Warning, ..Finding::error(path, message) }
    }

    /// Names the object the finding is about.
    pub fn in_object(mut self, object: impl Into<String>) -> Self {
        self.object = object.into();
        self
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        if !self.object.is_empty() {
            write!(f, "{}: ", self.object)?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}
