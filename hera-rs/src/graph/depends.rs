//! Reading a DAG task's `depends` expression into labelled edges.
//!
//! The graph needs only which tasks an expression mentions, with which
//! results, and whether it is more than "all of these succeeded"; it never
//! evaluates the expression, so it reads the tokens lint's parser reads
//! but never fails.

use crate::syntax::depends::{self, RESULTS, Token};

/// One task mentioned by a `depends` expression, with the edge label to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Dependency {
    pub task: String,
    /// `None` when the task is only waited for to succeed (`A`, `A.Succeeded`).
    pub label: Option<String>,
}

/// The parsed expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Parsed {
    /// Each task once, in order of first mention.
    pub dependencies: Vec<Dependency>,
    /// Whether the expression uses `||` or `!`: the edges alone then do not
    /// tell when the task runs, so the node shows the expression.
    pub complex: bool,
}

/// Reads `expression`'s task references, `||` and `!` (with
/// [`depends::tokens`], lint's reader, taking what it can).
pub(crate) fn parse(expression: &str) -> Parsed {
    // Per task: the references as written, e.g. ["C.Succeeded", "!C.Failed"].
    let mut mentions: Vec<(&str, Vec<String>)> = Vec::new();
    let mut complex = false;
    let mut negated = false;
    for (token, _) in depends::tokens(expression) {
        let word = match token {
            Token::Word(word) => word,
            Token::Not | Token::Other('!') => {
                negated = true;
                complex = true;
                continue;
            }
            Token::Or | Token::Other('|') => {
                complex = true;
                continue;
            }
            // `!(A && B)`: the `!` is not the next task's own.
            Token::Open | Token::Close => {
                negated = false;
                continue;
            }
            Token::And | Token::Other(_) => continue,
        };
        let (task, result) = match word.rsplit_once('.') {
            Some((task, result)) if RESULTS.contains(&result) => (task, Some(result)),
            _ => (word, None),
        };
        let written = format!(
            "{}{task}{}{}",
            if negated { "!" } else { "" },
            if result.is_some() { "." } else { "" },
            result.unwrap_or("")
        );
        let entry = match mentions.iter().position(|(t, _)| *t == task) {
            Some(index) => &mut mentions[index].1,
            None => {
                mentions.push((task, Vec::new()));
                &mut mentions.last_mut().expect("just pushed").1
            }
        };
        if !entry.contains(&written) {
            entry.push(written);
        }
        negated = false;
    }
    let dependencies = mentions
        .into_iter()
        .map(|(task, written)| {
            // Plain `A` and `A.Succeeded` are what an unlabelled edge means.
            let plain = written.iter().all(|w| *w == task || *w == format!("{task}.Succeeded"));
            Dependency { label: (!plain).then(|| written.join(" | ")), task: task.to_owned() }
        })
        .collect();
    Parsed { dependencies, complex }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dep(task: &str, label: Option<&str>) -> Dependency {
        Dependency { task: task.into(), label: label.map(Into::into) }
    }

    #[test]
    fn plain_and_succeeded_need_no_label() {
        let parsed = parse("B && C.Succeeded");
        assert_eq!(parsed.dependencies, [dep("B", None), dep("C", None)]);
        assert!(!parsed.complex);
    }

    #[test]
    fn other_results_and_negation_label_the_edge() {
        let parsed = parse("A && (C.Succeeded || C.Failed) && !d-1.Errored");
        assert_eq!(
            parsed.dependencies,
            [dep("A", None), dep("C", Some("C.Succeeded | C.Failed")), dep("d-1", Some("!d-1.Errored"))]
        );
        assert!(parsed.complex);
        assert_eq!(parse("!(A && B)").dependencies, [dep("A", None), dep("B", None)]);
    }

    #[test]
    fn word_operators_are_operators_not_tasks() {
        let parsed = parse("A and not B.Failed or C");
        assert_eq!(parsed.dependencies, [dep("A", None), dep("B", Some("!B.Failed")), dep("C", None)]);
        assert!(parsed.complex);
        assert!(!parse("A and B").complex);
    }

    #[test]
    fn any_text_is_accepted() {
        assert_eq!(parse("").dependencies, []);
        assert_eq!(parse("&& ||| (((").dependencies, []);
        assert_eq!(parse("x.y.Failed").dependencies, [dep("x.y", Some("x.y.Failed"))]);
    }
}
