//! "Did you mean ...?" for misspelt names.

pub use hera_rs_names::closest;

/// `; did you mean 'x'?` when one of `candidates` is close to `word`, else nothing.
pub fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    closest(word, candidates).map(|c| format!("; did you mean '{c}'?")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hint_only_for_a_likely_typo() {
        assert_eq!(did_you_mean("sorce", &["source", "image"]), "; did you mean 'source'?");
        assert_eq!(did_you_mean("volumes", &["source", "image"]), "");
    }
}
