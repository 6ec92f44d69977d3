//! "Did you mean ...?" for misspelt names.

/// The candidate closest to `word`, if it is close enough to be a likely typo:
/// the same up to letter case, or at most one edit (a swap of neighbours
/// counts as one) per three letters away.
///
/// ```
/// use hera_rs_names::closest;
///
/// assert_eq!(closest("sorce", &["source", "image"]), Some("source"));
/// assert_eq!(closest("volumes", &["source", "image"]), None);
/// ```
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(word)) {
        return Some(same);
    }
    let lower = word.to_ascii_lowercase();
    // One edit per three letters: a one- or two-letter word has no typos
    // worth guessing at (`c` is not a slip for `a`).
    let limit = word.chars().count() / 3;
    candidates
        .iter()
        .map(|c| (strsim::osa_distance(&lower, &c.to_ascii_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        // Ties go to the alphabetically first candidate, so the suggestion
        // does not depend on the order of the candidates (hash maps).
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_typos_and_case_slips_only() {
        let fields = ["source", "image", "command", "args", "serviceAccountName"];
        assert_eq!(closest("sorce", &fields), Some("source"));
        assert_eq!(closest("imgae", &fields), Some("image"));
        assert_eq!(closest("ServiceAccountName", &fields), Some("serviceAccountName"));
        assert_eq!(closest("volumes", &fields), None);
        assert_eq!(closest("c", &["a", "b"]), None);
        assert_eq!(closest("step1", &["step3", "step2"]), Some("step2"));
        assert_eq!(closest("step1", &["step2", "step3"]), Some("step2"));
        assert_eq!(closest("cpus", &["cpu", "memory", "cpu_limit", "memory_limit"]), Some("cpu"));
    }
}
