//! Finds comments, which the typed model cannot keep.

use serde_saphyr::granit_parser::{Event, Parser};

/// Whether `source` holds a YAML comment (a `#` inside a string or a block
/// scalar is not one). Unparseable input counts as having none: reading it
/// fails anyway.
pub fn has_comments(source: &str) -> bool {
    Parser::new_from_str(source).map_while(Result::ok).any(|(event, _)| matches!(event, Event::Comment(..)))
}

/// The comment block a file starts with: whole lines that are comments or
/// blank, up to the first line of content (a licence header, the header
/// `emit` writes). `hera fmt` keeps it, as it is, above what it prints.
pub fn leading_comments(source: &str) -> &str {
    // The block ends after its last comment line: blank lines after it
    // belong to the content.
    let (mut at, mut end) = (0, 0);
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim();
        if !line.ends_with('\n') || !(trimmed.is_empty() || trimmed.starts_with('#')) {
            break;
        }
        at += line.len();
        if !trimmed.is_empty() {
            end = at;
        }
    }
    &source[..end]
}

#[cfg(test)]
mod tests {
    use super::{has_comments, leading_comments};

    #[test]
    fn the_leading_comment_block_is_whole_lines() {
        assert_eq!(leading_comments("# a\n# b\nkind: x\n"), "# a\n# b\n");
        assert_eq!(leading_comments("# a\n\n# b\n\nkind: x\n"), "# a\n\n# b\n");
        assert_eq!(leading_comments("kind: x # not a header\n"), "");
        assert_eq!(leading_comments("\n\nkind: x\n"), "");
        assert_eq!(leading_comments("# only a comment"), "");
        // Trailing spaces stay on their comment line (they once cut it short).
        assert_eq!(leading_comments("# a   \n#   \nkind: x\n"), "# a   \n#   \n");
    }

    #[test]
    fn tells_comments_from_hashes_in_values() {
        assert!(has_comments("a: 1 # why\n"));
        assert!(has_comments("# header\na: 1\n"));
        assert!(!has_comments("a: \"# not\"\nb: |\n  # script comment\n  echo\nc: x#y\n"));
    }
}
