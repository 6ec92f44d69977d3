//! Typed `depends` expressions for DAG tasks.
//!
//! Argo's `depends` is a boolean expression over task results
//! (`A && (C.Succeeded || C.Failed)`). Build it from task handles with `&`,
//! `|` and `!`: `a.succeeded() | b.failed()`, `a & !c.failed()`. A task
//! handle itself stands for its default condition (`A`).

use std::fmt;
use std::sync::Arc;

/// The result of a task that a dependency waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaskResult {
    /// `.Succeeded`
    Succeeded,
    /// `.Failed`
    Failed,
    /// `.Errored`
    Errored,
    /// `.Skipped`
    Skipped,
    /// `.Omitted`
    Omitted,
    /// `.Daemoned`
    Daemoned,
    /// `.AnySucceeded`: some iteration of a looped task succeeded.
    AnySucceeded,
    /// `.AllFailed`: every iteration of a looped task failed.
    AllFailed,
}

impl TaskResult {
    fn as_str(self) -> &'static str {
        // The variants are in the order of the one list of results.
        crate::syntax::depends::RESULTS[self as usize]
    }
}

/// A `depends` expression.
///
/// ```
/// use hera::Depends;
/// let expr = Depends::task("A") & (Depends::task("C") | !Depends::task("B"));
/// assert_eq!(expr.to_string(), "A && (C || !B)");
/// assert_eq!(Depends::from("B.Failed || C").task_names().len(), 2);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Depends {
    /// A task, optionally with the result waited for (`A`, `A.Failed`).
    Task {
        /// The task name.
        name: Arc<str>,
        /// The result, or `None` for Argo's default (succeeded, skipped or daemoned).
        result: Option<TaskResult>,
    },
    /// `a && b && ...` (kept flat, so long chains stay shallow).
    All(Vec<Depends>),
    /// `a || b || ...`
    Any(Vec<Depends>),
    /// `!inner`
    Not(Box<Depends>),
    /// An expression written by hand, used as it is.
    Raw(String),
}

impl Depends {
    /// A task by name, as Argo's default condition.
    pub fn task(name: &str) -> Depends {
        Depends::Task { name: name.into(), result: None }
    }

    /// The task names this expression mentions (raw expressions are parsed
    /// the way Argo parses them).
    pub fn task_names(&self) -> Vec<Arc<str>> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect(&self, out: &mut Vec<Arc<str>>) {
        match self {
            Depends::Task { name, .. } => out.push(name.clone()),
            Depends::All(parts) | Depends::Any(parts) => parts.iter().for_each(|p| p.collect(out)),
            Depends::Not(inner) => inner.collect(out),
            Depends::Raw(text) => out.extend(raw_task_names(text).into_iter().map(Arc::from)),
        }
    }

    /// Whether the expression mentions `task`.
    pub fn mentions(&self, task: &str) -> bool {
        self.task_names().iter().any(|n| &**n == task)
    }

    fn precedence(&self) -> u8 {
        match self {
            Depends::Any(_) | Depends::Raw(_) => 1,
            Depends::All(_) => 2,
            Depends::Not(_) | Depends::Task { .. } => 3,
        }
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, parent: u8) -> fmt::Result {
        let own = self.precedence();
        let wrap = own < parent;
        if wrap {
            f.write_str("(")?;
        }
        match self {
            Depends::Task { name, result: None } => f.write_str(name)?,
            Depends::Task { name, result: Some(result) } => write!(f, "{name}.{}", result.as_str())?,
            Depends::All(parts) | Depends::Any(parts) => {
                let separator = if matches!(self, Depends::All(_)) { " && " } else { " || " };
                for (i, part) in parts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(separator)?;
                    }
                    // Parenthesise a nested group of the same kind too: `a && (b && c)`
                    // only arises from explicit grouping, which is kept.
                    part.write(f, own + u8::from(part.precedence() == own))?;
                }
            }
            Depends::Not(inner) => {
                f.write_str("!")?;
                inner.write(f, 3)?;
            }
            Depends::Raw(text) => f.write_str(text)?,
        }
        if wrap {
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// Task names in a hand-written expression, read by lint's parser; a
/// malformed expression names none here (lint reports it).
fn raw_task_names(text: &str) -> Vec<String> {
    crate::syntax::depends::parse(text)
        .map(|operands| operands.into_iter().map(|o| o.task.to_owned()).collect())
        .unwrap_or_default()
}

impl fmt::Display for Depends {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, 0)
    }
}

impl From<&str> for Depends {
    fn from(text: &str) -> Self {
        Depends::Raw(text.to_owned())
    }
}

impl From<String> for Depends {
    fn from(text: String) -> Self {
        Depends::Raw(text)
    }
}

impl std::ops::BitAnd for Depends {
    type Output = Depends;
    /// `self && other`; a chain `a & b & c` stays one flat `All`.
    fn bitand(self, other: Depends) -> Depends {
        match self {
            Depends::All(mut parts) => {
                parts.push(other);
                Depends::All(parts)
            }
            first => Depends::All(vec![first, other]),
        }
    }
}

impl std::ops::BitOr for Depends {
    type Output = Depends;
    /// `self || other`; a chain `a | b | c` stays one flat `Any`.
    fn bitor(self, other: Depends) -> Depends {
        match self {
            Depends::Any(mut parts) => {
                parts.push(other);
                Depends::Any(parts)
            }
            first => Depends::Any(vec![first, other]),
        }
    }
}

impl std::ops::Not for Depends {
    type Output = Depends;
    fn not(self) -> Depends {
        Depends::Not(Box::new(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str, result: Option<TaskResult>) -> Depends {
        Depends::Task { name: name.into(), result }
    }

    #[test]
    fn renders_with_argo_precedence() {
        let c = || t("C", None);
        let expr = t("A", None) & (t("C", Some(TaskResult::Succeeded)) | t("C", Some(TaskResult::Failed)));
        assert_eq!(expr.to_string(), "A && (C.Succeeded || C.Failed)");
        assert_eq!((t("B", None) | c()).to_string(), "B || C");
        assert_eq!((!(t("A", None) & c())).to_string(), "!(A && C)");
        assert_eq!((t("A", Some(TaskResult::AnySucceeded)) & c()).to_string(), "A.AnySucceeded && C");
        assert_eq!(((t("A", None) | t("B", None)) & c()).to_string(), "(A || B) && C");
    }

    #[test]
    fn finds_task_names_in_raw_expressions() {
        let raw = Depends::from("should-execute-2.Succeeded || (a-b && !C.Failed)");
        assert_eq!(raw.task_names(), ["should-execute-2".into(), "a-b".into(), "C".into()] as [Arc<str>; 3]);
        assert!(raw.mentions("C"));
        // Word operators and underscores, as Argo's expr language reads them.
        let words = Depends::from("a_b and not c");
        assert_eq!(words.task_names(), ["a_b".into(), "c".into()] as [Arc<str>; 2]);
    }
}
