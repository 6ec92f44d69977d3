//! Finds comments, which the typed model cannot keep.

use crate::path::FieldPath;
use serde_saphyr::granit_parser::{Event, Parser, Placement, ScalarStyle};

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

/// A comment and the field it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// The field: the one a comment on its own lines stands above, or the
    /// one whose line a comment ends. The root for a file's header.
    pub path: FieldPath,
    /// The text after `#`, less one leading space.
    pub text: String,
}

/// The comments of each document of `source`, in source order, with the
/// field each is attached to; one list per document [`documents`](super::documents)
/// reads (empty documents are skipped as it skips them). Unparseable input
/// gives what was read before the error.
///
/// ```
/// let comments = hera::yaml::attached_comments("# header\nspec:\n  # why\n  entrypoint: main # the DAG\n");
/// let found: Vec<String> = comments[0].iter().map(|c| format!("{}: {}", c.path, c.text)).collect();
/// assert_eq!(found, [": header", "spec.entrypoint: why", "spec.entrypoint: the DAG"]);
/// ```
pub fn attached_comments(source: &str) -> Vec<Vec<Comment>> {
    let mut walk = Walk::default();
    for (event, _) in Parser::new_from_str(source).map_while(Result::ok) {
        walk.event(event);
    }
    walk.finish()
}

/// Where the walk is inside a collection.
enum Frame {
    /// A mapping at `path`; `key` is the entry being read, if its key was.
    Mapping { path: FieldPath, key: Option<FieldPath> },
    /// A sequence at `path`, with the index of its next item.
    Sequence { path: FieldPath, next: usize },
}

#[derive(Default)]
struct Walk {
    stack: Vec<Frame>,
    /// Comments on their own lines, waiting for the node they stand above.
    waiting: Vec<String>,
    /// The node a same-line comment belongs to.
    last: FieldPath,
    document: Vec<Comment>,
    /// Whether the document has content (an empty one is skipped).
    content: bool,
    documents: Vec<Vec<Comment>>,
}

impl Walk {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Comment(text, placement) => {
                let text = text.strip_prefix(' ').unwrap_or(&text).trim_end().to_owned();
                if placement == Placement::Right {
                    self.document.push(Comment { path: self.last.clone(), text });
                } else {
                    self.waiting.push(text);
                }
            }
            Event::Scalar(text, style, ..) => {
                if self.stack.is_empty()
                    && style == ScalarStyle::Plain
                    && ["", "~", "null", "Null", "NULL"].contains(&text.as_ref())
                {
                    return; // an empty document, which is no document
                }
                let is_key = matches!(self.stack.last(), Some(Frame::Mapping { key: None, .. }));
                let path = self.node(Some(&text));
                if !is_key {
                    self.value_done();
                }
                self.last = path;
            }
            Event::Alias(..) => {
                self.last = self.node(None);
                self.value_done();
            }
            Event::MappingStart(..) => {
                let path = self.collection();
                self.stack.push(Frame::Mapping { path, key: None });
            }
            Event::SequenceStart(..) => {
                let path = self.collection();
                self.stack.push(Frame::Sequence { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(Frame::Mapping { path, .. } | Frame::Sequence { path, .. }) = self.stack.pop() {
                    self.last = path;
                }
                self.value_done();
            }
            Event::DocumentEnd => {
                // Comments left waiting stand above the next document.
                if self.content {
                    self.documents.push(std::mem::take(&mut self.document));
                } else {
                    self.waiting.splice(0..0, self.document.drain(..).map(|c| c.text));
                }
                self.content = false;
                self.stack.clear();
                self.last = FieldPath::root();
            }
            _ => {}
        }
    }

    /// The path of a collection starting now. Comments above the value of
    /// a key wait for its first entry (`spec:` / `# why` / `entrypoint: main`
    /// is about the entrypoint); those above a list item or the root are
    /// the item's or the document's.
    fn collection(&mut self) -> FieldPath {
        let nested = matches!(self.stack.last(), Some(Frame::Mapping { .. }));
        let waiting = if nested { std::mem::take(&mut self.waiting) } else { Vec::new() };
        let path = self.node(None);
        self.waiting = waiting;
        self.last = path.clone();
        path
    }

    /// The path of the node starting now (a key when `key` is its text in
    /// a mapping waiting for one); comments waiting above it are its own.
    fn node(&mut self, key: Option<&str>) -> FieldPath {
        self.content = true;
        let path = match self.stack.last_mut() {
            None => FieldPath::root(),
            Some(Frame::Mapping { path, key: entry @ None }) => {
                // A key that is not a plain scalar (rare) is known by "?".
                let entry_path = path.key(key.unwrap_or("?"));
                *entry = Some(entry_path.clone());
                entry_path
            }
            Some(Frame::Mapping { key: Some(entry), .. }) => entry.clone(),
            Some(Frame::Sequence { path, next }) => {
                *next += 1;
                path.index(*next - 1)
            }
        };
        for text in self.waiting.drain(..) {
            self.document.push(Comment { path: path.clone(), text });
        }
        path
    }

    /// A value ended: its mapping waits for the next key.
    fn value_done(&mut self) {
        if let Some(Frame::Mapping { key, .. }) = self.stack.last_mut() {
            *key = None;
        }
    }

    fn finish(mut self) -> Vec<Vec<Comment>> {
        // Comments after the last document's content end it.
        let root = FieldPath::root();
        let waiting = std::mem::take(&mut self.waiting);
        let last = if self.content { Some(&mut self.document) } else { self.documents.last_mut() };
        if let Some(last) = last {
            last.extend(waiting.into_iter().map(|text| Comment { path: root.clone(), text }));
        }
        if self.content {
            self.documents.push(self.document);
        }
        self.documents
    }
}

#[cfg(test)]
mod tests {
    use super::{attached_comments, has_comments, leading_comments};

    fn found(source: &str) -> Vec<Vec<(String, String)>> {
        attached_comments(source)
            .into_iter()
            .map(|d| d.into_iter().map(|c| (c.path.to_string(), c.text)).collect())
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect()
    }

    #[test]
    fn comments_belong_to_the_field_below_or_on_their_line() {
        let source = "\
# About the workflow.
kind: Workflow
spec:
  templates:
  # The entry.
  - name: main # named main
    steps: # groups
    - - name: a
        # calls echo
        template: echo
  - name: echo
    container: {image: alpine} # pinned
# the end
";
        assert_eq!(
            found(source),
            [pairs(&[
                ("", "About the workflow."),
                ("spec.templates[0]", "The entry."),
                ("spec.templates[0].name", "named main"),
                ("spec.templates[0].steps", "groups"),
                ("spec.templates[0].steps[0][0].template", "calls echo"),
                ("spec.templates[1].container", "pinned"),
                ("", "the end"),
            ])]
        );
    }

    #[test]
    fn comments_follow_documents_as_documents_reads_them() {
        let source = "a: 1 # one\n---\n# second\nb: 2\n---\n# before an empty one\n---\nc: 3\n";
        let documents = crate::yaml::parse(source).unwrap();
        let comments = found(source);
        assert_eq!(comments.len(), documents.len());
        assert_eq!(
            comments,
            [pairs(&[("a", "one")]), pairs(&[("", "second")]), pairs(&[("", "before an empty one")])]
        );
        for source in ["a: 1\n---\nnull\n---\n~\n", "---\n---\na: 1\n...\n", "# only a comment\n"] {
            assert_eq!(found(source).len(), crate::yaml::parse(source).unwrap().len(), "{source:?}");
        }
        // Above the separator: the next document's.
        assert_eq!(found("a: 1\n# of b\n---\nb: 2\n"), [vec![], pairs(&[("", "of b")])]);
    }

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
