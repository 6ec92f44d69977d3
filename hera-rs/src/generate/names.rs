//! Rust names for Argo names: `hello-world` → `hello_world`, unique in
//! their scope, never a keyword or a name the generated code calls.

use heck::ToSnakeCase;
use std::collections::HashSet;

/// Names a generated body uses itself, which a variable must not shadow.
const RESERVED: [&str; 14] = [
    "d",
    "s",
    "t",
    "c",
    "m",
    "model",
    "hera",
    "item",
    "item_field",
    "input",
    "input_artifact",
    "workflow_parameter",
    "text",
    "std",
];

const KEYWORDS: [&str; 51] = [
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "async",
    "await", "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
    "unsized", "virtual", "yield", "try",
];

/// The names taken in one scope.
#[derive(Debug, Default, Clone)]
pub(crate) struct Names {
    taken: HashSet<String>,
}

impl Names {
    /// A new name for `name`, with `suffix` when the plain one is taken.
    pub fn fresh(&mut self, name: &str, suffix: &str) -> String {
        let mut base = name.to_snake_case();
        base.retain(|c| c.is_ascii_alphanumeric() || c == '_');
        if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
            base = format!("t_{base}");
        }
        let clashes = |n: &str| KEYWORDS.contains(&n) || RESERVED.contains(&n) || self.taken.contains(n);
        let mut candidate = base.clone();
        if clashes(&candidate) {
            candidate = format!("{base}_{suffix}");
        }
        let mut n = 2;
        while clashes(&candidate) {
            candidate = format!("{base}_{suffix}{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_identifiers() {
        let mut names = Names::default();
        assert_eq!(names.fresh("hello-world", "t"), "hello_world");
        assert_eq!(names.fresh("hello_world", "t"), "hello_world_t");
        assert_eq!(names.fresh("hello_world", "t"), "hello_world_t2");
        assert_eq!(names.fresh("loop", "t"), "loop_t");
        assert_eq!(names.fresh("item", "task"), "item_task");
        assert_eq!(names.fresh("1st", "t"), "t_1st");
    }
}
