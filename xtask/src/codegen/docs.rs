//! Turns the schema's descriptions into rustdoc that renders as plain prose.
//!
//! Descriptions are written for Go and Swagger, not for rustdoc: they contain
//! bare URLs, `<PLACEHOLDER>`s that rustdoc would read as HTML, `[x]` that it
//! would read as links, code fences without a language and tab-indented
//! blocks that it would compile as doctests. Here every such construct
//! becomes text: fences become ```` ```text ````, indentation is dropped, the
//! characters are escaped and URLs become autolinks.

/// Rustdoc lines for `description`, or `fallback` when there is none.
pub fn doc_lines(description: Option<&str>, fallback: &str) -> Vec<String> {
    let text = description.map(str::trim).filter(|d| !d.is_empty()).unwrap_or(fallback);
    let mut out = Vec::new();
    let mut in_fence = false;
    for raw in text.lines() {
        let line = raw.trim();
        if let Some(rest) = line.strip_prefix("```") {
            if in_fence {
                out.push("```".to_owned());
                in_fence = false;
                if !rest.trim().is_empty() {
                    push_escaped(&mut out, rest);
                }
            } else {
                out.push("```text".to_owned());
                in_fence = true;
                if !rest.trim().is_empty() {
                    out.push(rest.trim().to_owned());
                }
            }
        } else if in_fence {
            out.push(raw.trim_end().replace('\t', "    "));
        } else {
            push_escaped(&mut out, line);
        }
    }
    if in_fence {
        out.push("```".to_owned());
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

fn push_escaped(out: &mut Vec<String>, line: &str) {
    let mut escaped = escape_line(line.trim());
    if escaped.starts_with('#') {
        escaped.insert(0, '\\');
    }
    out.push(escaped);
}

/// Escapes one line of prose; code spans (balanced backticks) stay as written.
pub fn escape_line(line: &str) -> String {
    let balanced = line.matches('`').count().is_multiple_of(2);
    let mut out = String::with_capacity(line.len() + 8);
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            if balanced {
                in_code = !in_code;
            } else {
                out.push('\\');
            }
            out.push('`');
            rest = &rest[1..];
            continue;
        }
        if !in_code && (rest.starts_with("https://") || rest.starts_with("http://")) {
            let end = rest
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '<' | '>' | '`' | '[' | ']')
                })
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        if !in_code && matches!(c, '<' | '>' | '[' | ']' | '\\' | '|') {
            out.push('\\');
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_links_and_urls_become_text() {
        assert_eq!(
            escape_line("Set <NAME> to [a] see https://example.com/x."),
            r"Set \<NAME\> to \[a\] see <https://example.com/x>."
        );
        assert_eq!(escape_line("keep `a<b>[c]` as code"), "keep `a<b>[c]` as code");
        assert_eq!(escape_line("a ` lone tick"), r"a \` lone tick");
    }

    #[test]
    fn fences_become_text_and_indentation_is_dropped() {
        let doc = "Intro\n``` <q> ::= x\n\tcode\n```\n\tindented\n# hash";
        assert_eq!(
            doc_lines(Some(doc), "x"),
            ["Intro", "```text", "<q> ::= x", "    code", "```", "indented", r"\# hash"]
        );
    }

    #[test]
    fn fallback_when_missing() {
        assert_eq!(doc_lines(None, "Fallback."), ["Fallback."]);
        assert_eq!(doc_lines(Some("  "), "Fallback."), ["Fallback."]);
    }
}
