//! Names: template names from function names, and "did you mean" hints.

use heck::ToKebabCase;

/// `add_numbers` → `add-numbers` (a raw identifier loses its `r#`).
pub fn template_name(function: &str) -> String {
    function.trim_start_matches("r#").to_kebab_case()
}

/// Whether Argo accepts `name` as a parameter name: `^[-a-zA-Z0-9_]+$`.
pub fn valid_parameter_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The known word closest to `word`, if it is plausibly a typo of it.
pub fn suggest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let limit = (word.len() / 3).max(1);
    known
        .iter()
        .map(|k| (strsim::osa_distance(word, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// "unknown key" message with a hint.
pub fn unknown(what: &str, word: &str, known: &[&str]) -> String {
    match suggest(word, known) {
        Some(hint) => format!("unknown {what} `{word}`, did you mean `{hint}`?"),
        None => format!("unknown {what} `{word}`; expected one of: {}", known.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_hints() {
        assert_eq!(template_name("add_numbers"), "add-numbers");
        assert_eq!(template_name("r#type"), "type");
        assert!(valid_parameter_name("max_retries"));
        assert!(!valid_parameter_name("größe"));
        assert_eq!(suggest("imgae", &["image", "name"]), Some("image"));
        assert_eq!(suggest("zzz", &["image", "name"]), None);
    }
}
