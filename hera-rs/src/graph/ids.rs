//! Node ids that every renderer can write bare: `[A-Za-z0-9_]`, unique.

use std::collections::HashSet;

/// Words Mermaid reads as syntax when they stand alone as an id.
const MERMAID_WORDS: [&str; 11] = [
    "end",
    "graph",
    "flowchart",
    "subgraph",
    "style",
    "class",
    "classdef",
    "click",
    "linkstyle",
    "direction",
    "default",
];

/// Hands out ids, each once.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    used: HashSet<String>,
}

impl Ids {
    /// `wanted` made safe and unique (`a-b` → `a_b`; a second `a_b` → `a_b_2`).
    pub fn fresh(&mut self, wanted: &str) -> String {
        let mut base = sanitize(wanted);
        if MERMAID_WORDS.contains(&base.to_ascii_lowercase().as_str()) {
            base.push('_');
        }
        let mut id = base.clone();
        let mut n = 1;
        while !self.used.insert(id.clone()) {
            n += 1;
            id = format!("{base}_{n}");
        }
        id
    }
}

/// Keeps ASCII letters, digits and `_`; anything else becomes `_`.
pub(crate) fn sanitize(text: &str) -> String {
    let id: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if id.is_empty() { "_".to_owned() } else { id }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_safe_and_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.fresh("main__a-b"), "main__a_b");
        assert_eq!(ids.fresh("main__a_b"), "main__a_b_2");
        assert_eq!(ids.fresh("main__a.b"), "main__a_b_3");
        assert_eq!(ids.fresh("end"), "end_");
        assert_eq!(ids.fresh("ünï {{x}}"), "_n____x__");
        assert_eq!(ids.fresh(""), "_");
    }
}
