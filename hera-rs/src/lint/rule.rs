//! Rule identities: each rule is declared once, as a `static` next to its
//! check ([`declare_rule!`](crate::lint::rule)), so a misspelt rule cannot
//! compile; [`crate::lint::RULES`] lists them all. [`Levels`] lets a
//! caller allow a rule, or make its findings warnings or errors.

use super::{Finding, Severity};
use crate::support::suggest::did_you_mean;
use std::collections::BTreeMap;
use std::fmt;

/// A lint rule: its identifier (as in [`Finding::rule`]), how bad its
/// findings usually are, what it checks and how to fix what it finds.
///
/// ```
/// let rule = hera::lint::Rule::by_id("loop").unwrap();
/// assert_eq!(rule.id, "loop");
/// assert_eq!(rule.severity, hera::lint::Severity::Error);
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// The identifier findings carry (kebab-case, stable: tools read it).
    pub id: &'static str,
    /// The severity of its findings. A few rules also report warnings
    /// where the linted files cannot settle the question (a reference to a
    /// workflow template that was not linted, a label from the
    /// controller's defaults).
    pub severity: Severity,
    /// What it checks.
    pub summary: &'static str,
    /// How to fix what it finds.
    pub remediation: &'static str,
    /// Whether the builders report it, while building, rather than a check
    /// of [`crate::lint::lint`].
    pub builder: bool,
}

impl Rule {
    /// The rule called `id`, if there is one.
    pub fn by_id(id: &str) -> Option<&'static Rule> {
        super::RULES.iter().copied().find(|rule| rule.id == id)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

/// Declares lint rules: `pub static NAME: Rule`, one per entry.
///
/// ```ignore
/// declare_rule! {
///     /// Doc comment.
///     pub static LOOP = {
///         id: "loop", severity: Error,
///         summary: "...", remediation: "...",
///     };
/// }
/// ```
macro_rules! declare_rule {
    ($(
        $(#[$meta:meta])*
        $vis:vis static $name:ident = {
            id: $id:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            remediation: $remediation:literal
            $(, builder: $builder:literal)? $(,)?
        };
    )*) => {$(
        $(#[$meta])*
        $vis static $name: $crate::lint::Rule = $crate::lint::Rule {
            id: $id,
            severity: $crate::lint::Severity::$severity,
            summary: $summary,
            remediation: $remediation,
            builder: declare_rule!(@builder $($builder)?),
        };
    )*};
    (@builder) => { false };
    (@builder $builder:literal) => { $builder };
}
pub(crate) use declare_rule;

/// What to do with a rule's findings, as chosen with `--allow`, `--warn`
/// and `--deny`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    /// Drop its findings.
    Allow,
    /// Report its findings as warnings.
    Warn,
    /// Report its findings as errors.
    Deny,
}

/// A rule id that names no rule.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown lint rule '{id}'{suggestion}")]
pub struct UnknownRule {
    /// The id given.
    pub id: String,
    suggestion: String,
}

/// Per-rule levels, applied to findings after linting (the last choice
/// for a rule wins).
///
/// ```
/// use hera::lint::{Level, Levels};
/// let mut levels = Levels::default();
/// levels.set("variable", Level::Allow).unwrap();
/// let error = levels.set("lop", Level::Deny).unwrap_err();
/// assert_eq!(error.to_string(), "unknown lint rule 'lop'; did you mean 'loop'?");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Levels {
    levels: BTreeMap<&'static str, Level>,
}

impl Levels {
    /// Sets the level of the rule called `id`.
    pub fn set(&mut self, id: &str, level: Level) -> Result<(), UnknownRule> {
        let Some(rule) = Rule::by_id(id) else {
            let ids: Vec<&str> = super::RULES.iter().map(|r| r.id).collect();
            return Err(UnknownRule { id: id.to_owned(), suggestion: did_you_mean(id, &ids) });
        };
        self.levels.insert(rule.id, level);
        Ok(())
    }

    /// The levels of `allow`, `warn` and `deny` rule ids, in that order.
    pub fn from_lists(allow: &[String], warn: &[String], deny: &[String]) -> Result<Self, UnknownRule> {
        let mut levels = Levels::default();
        for (ids, level) in [(allow, Level::Allow), (warn, Level::Warn), (deny, Level::Deny)] {
            for id in ids {
                levels.set(id, level)?;
            }
        }
        Ok(levels)
    }

    /// Whether no level is set.
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
    }

    /// Applies the levels: drops allowed rules' findings, sets the
    /// severity of the others.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        if self.levels.is_empty() {
            return;
        }
        findings.retain_mut(|finding| match self.levels.get(finding.rule) {
            Some(Level::Allow) => false,
            Some(Level::Warn) => {
                finding.severity = Severity::Warning;
                true
            }
            Some(Level::Deny) => {
                finding.severity = Severity::Error;
                true
            }
            None => true,
        });
    }
}
