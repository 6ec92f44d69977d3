//! "Did you mean ...?" for misspelt field names.

/// The candidate closest to `word`, if it is close enough to be a likely typo:
/// the same up to letter case, or at most one edit per three letters away.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(word)) {
        return Some(same);
    }
    let lower = word.to_ascii_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|c| (edit_distance(&lower, &c.to_ascii_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
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
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
