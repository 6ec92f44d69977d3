//! One rule broken, and where.

use super::Rule;
use crate::path::FieldPath;
use crate::yaml::Location;
use std::fmt;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Argo (or the API server) would refuse the object, or it would fail at run time.
    Error,
    /// Suspicious but accepted, or not checkable offline.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A rule an object breaks.
///
/// `Display` gives one line: `FILE:LINE:COL: Kind name: field.path: message`
/// (warnings start with `warning: `), leaving out what is not known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The rule's identifier, e.g. `dag` (see [`crate::lint::RULES`]).
    pub rule: &'static str,
    /// The object's kind (`Workflow`, `WorkflowTemplate`, ...).
    pub kind: String,
    /// The object's name (or `generateName`).
    pub name: String,
    /// The file the object was read from, if it was.
    pub file: Option<String>,
    /// Where in that file, when known.
    pub location: Option<Location>,
    /// The field path, list items named where they have names.
    pub path: FieldPath,
    /// What is wrong, naming the offending value.
    pub message: String,
}

impl Finding {
    /// A finding of `rule` at `path`, with the rule's severity.
    ///
    /// ```
    /// let rule = hera::lint::Rule::by_id("duplicate-template").unwrap();
    /// let finding = hera::lint::Finding::new(rule, "spec.templates[a]", "two different templates are named 'a'");
    /// assert_eq!(finding.rule, "duplicate-template");
    /// assert_eq!(finding.to_string(), "spec.templates[a]: two different templates are named 'a'");
    /// ```
    pub fn new(rule: &'static Rule, path: impl Into<FieldPath>, message: impl Into<String>) -> Self {
        Finding {
            severity: rule.severity,
            rule: rule.id,
            kind: String::new(),
            name: String::new(),
            file: None,
            location: None,
            path: path.into(),
            message: message.into(),
        }
    }

    /// A finding the builders report: [`Finding::new`], under the name
    /// the builders' call sites read best with.
    pub fn builder(rule: &'static Rule, path: impl Into<FieldPath>, message: impl Into<String>) -> Self {
        Finding::new(rule, path, message)
    }

    /// An error at `path` without a rule of its own (rule id `builder`, which
    /// no `--allow`/`--deny` can name).
    #[deprecated(
        since = "0.2.0",
        note = "every finding has a rule: use `Finding::new(&RULE, path, message)`"
    )]
    pub fn error(path: impl Into<FieldPath>, message: impl Into<String>) -> Self {
        // No rule of the registry: borrowing one's fields would misname it.
        Finding {
            severity: Severity::Error,
            rule: "builder",
            kind: String::new(),
            name: String::new(),
            file: None,
            location: None,
            path: path.into(),
            message: message.into(),
        }
    }

    /// A warning at `path` without a rule of its own (rule id `builder`).
    #[deprecated(
        since = "0.2.0",
        note = "every finding has a rule: use `Finding::new(&RULE, path, message)`"
    )]
    pub fn warning(path: impl Into<FieldPath>, message: impl Into<String>) -> Self {
        #[allow(deprecated)]
        Finding { severity: Severity::Warning, ..Finding::error(path, message) }
    }

    /// Names the rule.
    pub fn rule(mut self, rule: &'static Rule) -> Self {
        self.rule = rule.id;
        self
    }

    /// Names the object the finding is about.
    pub fn in_object(mut self, kind: &str, name: &str) -> Self {
        self.kind = kind.to_owned();
        self.name = name.to_owned();
        self
    }

    /// Whether it is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}:")?;
        }
        if let Some(location) = self.location {
            write!(f, "{location}:")?;
        }
        if self.file.is_some() || self.location.is_some() {
            f.write_str(" ")?;
        }
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        if !self.kind.is_empty() {
            write!(f, "{} {}: ", self.kind, self.name)?;
        }
        if !self.path.is_root() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}
