//! Finds comments, which the typed model cannot keep.

use serde_saphyr::granit_parser::{Event, Parser};

/// Whether `source` holds a YAML comment (a `#` inside a string or a block
/// scalar is not one). Unparseable input counts as having none: reading it
/// fails anyway.
pub fn has_comments(source: &str) -> bool {
    Parser::new_from_str(source).map_while(Result::ok).any(|(event, _)| matches!(event, Event::Comment(..)))
}

#[cfg(test)]
mod tests {
    use super::has_comments;

    #[test]
    fn tells_comments_from_hashes_in_values() {
        assert!(has_comments("a: 1 # why\n"));
        assert!(has_comments("# header\na: 1\n"));
        assert!(!has_comments("a: \"# not\"\nb: |\n  # script comment\n  echo\nc: x#y\n"));
    }
}
