//! `{{...}}` tags in strings, as Argo's template engine finds them.

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

/// `text` with every tag replaced by `with`.
pub fn replace_tags(text: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start + 2..].find("}}") else { break };
        out.push_str(&rest[..start]);
        out.push_str(with);
        rest = &rest[start + 2 + end + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_trimmed_tags() {
        let found: Vec<&str> = tags("a {{ inputs.parameters.x }} b {{=asInt(1)}} {{item}} {{open").collect();
        assert_eq!(found, ["inputs.parameters.x", "=asInt(1)", "item"]);
        assert_eq!(replace_tags("name: {{x}}-{{ y }}", "v"), "name: v-v");
        assert_eq!(replace_tags("{{open", "v"), "{{open");
    }
}
