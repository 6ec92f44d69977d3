//! YAML comments as Rust comments.
//!
//! Each comment is written above the statement of the nearest thing that
//! holds it and has a statement of its own: a task or step, else its
//! template, else the object (at the top of the function). A comment on a
//! field deeper than that names the field. The generator emits a marker
//! statement where a block goes (prettyplease keeps no comments) and
//! [`Comments::write`] replaces each marker line with its comment lines.

use crate::path::FieldPath;
use crate::yaml::Comment;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The comments not yet written, and the blocks written so far.
#[derive(Default)]
pub(crate) struct Comments {
    /// The current document's comments that no statement took yet.
    open: Vec<Comment>,
    /// The text of each marker, by number.
    blocks: Vec<String>,
}

/// The marker's name: no generated code or input string makes this line.
const MARKER: &str = "__hera_generate_comment__";

impl Comments {
    /// Starts a document with its comments.
    pub(crate) fn document(&mut self, comments: Vec<Comment>) {
        self.open = comments;
    }

    /// A marker statement for the comments at or below `at`, which are then
    /// written; nothing when there are none.
    pub(crate) fn take(&mut self, at: &FieldPath) -> Option<TokenStream> {
        let prefix = at.segments();
        let mut lines = Vec::new();
        let mut previous: Option<FieldPath> = None;
        let mut i = 0;
        while i < self.open.len() {
            if !self.open[i].path.segments().starts_with(prefix) {
                i += 1;
                continue;
            }
            let Comment { path, text } = self.open.remove(i);
            let relative = FieldPath::root().join(&path.segments()[prefix.len()..]);
            if relative.is_root() {
                lines.push(text);
            } else if previous.as_ref() == Some(&path) {
                lines.push(format!("  {text}"));
            } else {
                lines.push(format!("{relative}: {text}"));
            }
            previous = Some(path);
        }
        if lines.is_empty() {
            return None;
        }
        self.blocks.push(lines.join("\n"));
        let number = Literal::usize_unsuffixed(self.blocks.len() - 1);
        let marker = proc_macro2::Ident::new(MARKER, proc_macro2::Span::call_site());
        Some(quote!(#marker!(#number);))
    }

    /// `code` with each marker line replaced by its comment, indented as it,
    /// and set apart from the statement above by a blank line.
    pub(crate) fn write(&self, code: &str) -> String {
        let mut out = String::with_capacity(code.len());
        for line in code.split_inclusive('\n') {
            let trimmed = line.trim_start();
            let number = trimmed
                .strip_prefix(MARKER)
                .and_then(|rest| rest.strip_prefix("!("))
                .and_then(|rest| rest.trim_end().strip_suffix(");"))
                .and_then(|n| n.parse::<usize>().ok());
            let Some(block) = number.and_then(|n| self.blocks.get(n)) else {
                out.push_str(line);
                continue;
            };
            let indent = &line[..line.len() - trimmed.len()];
            // A blank line sets a block apart from the statement above it.
            if !out.is_empty() && !out.ends_with("{\n") && !out.ends_with("\n\n") {
                out.push('\n');
            }
            for text in block.split('\n') {
                let text = text.trim_end();
                out.push_str(indent);
                out.push_str(if text.is_empty() { "//" } else { "// " });
                out.push_str(text);
                out.push('\n');
            }
        }
        out
    }
}
