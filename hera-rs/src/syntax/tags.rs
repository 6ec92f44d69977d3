//! `{{...}}` tags in strings, as Argo's template engine finds them.

/// `text` with every tag replaced by `with` (shared with the name rules,
/// which check step names this way).
pub use hera_rs_names::replace_tags;

/// The tags of `text`, trimmed. An unclosed `{{` ends the search.
pub fn tags(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find("{{")?;
        let after = &rest[start + 2..];
        let end = after.find("}}")?;
        rest = &after[end + 2..];
        Some(after[..end].trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_trimmed_tags() {
        let found: Vec<&str> = tags("a {{ inputs.parameters.x }} b {{=asInt(1)}} {{item}} {{open").collect();
        assert_eq!(found, ["inputs.parameters.x", "=asInt(1)", "item"]);
    }
}
