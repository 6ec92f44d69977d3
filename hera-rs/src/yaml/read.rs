//! YAML text → [`Node`]s, with the options that make reading behave like
//! kubectl and Argo.

use super::node::{Node, NodeValue, Parsed};
use super::problem::{Error, Location, Problem};
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};
use serde_saphyr::{DefaultMessageFormatter, DuplicateKeyPolicy, MessageFormatter, Options};

/// Deepest nesting of lists and mappings accepted. Argo documents rarely pass
/// 30 levels; the cap keeps hostile input from exhausting the stack.
pub const MAX_DEPTH: usize = 128;

/// Largest input read, in bytes. Kubernetes stores objects of at most
/// 1.5 MB; a 50 MB file of generated workflows reads well within this (at
/// about nine times its size in memory), and a larger one is refused before
/// parsing starts.
pub const MAX_INPUT_BYTES: usize = 128 * 1024 * 1024;

/// Most documents in one stream.
pub const MAX_DOCUMENTS: usize = 100_000;

/// Most parser events (roughly two per value) in one input: enough for a
/// 50 MB workflow.
const MAX_EVENTS: usize = 100_000_000;

/// Most values that aliases may replay in one input. A billion-laughs alias
/// bomb expands past any such limit and is refused; real documents that
/// reuse anchors stay far below it.
const MAX_ALIAS_REPLAY: usize = 2_000_000;

fn options() -> Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_reader_input_bytes: None,
            max_events: MAX_EVENTS,
            max_nodes: MAX_EVENTS / 2,
            max_aliases: MAX_ALIAS_REPLAY,
            max_anchors: MAX_ALIAS_REPLAY,
            max_total_scalar_bytes: 512 * 1024 * 1024,
            max_total_comment_bytes: MAX_INPUT_BYTES,
            max_depth: MAX_DEPTH,
            flow_nesting_limit: MAX_DEPTH,
            max_documents: MAX_DOCUMENTS,
            enforce_alias_anchor_ratio: false,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_ALIAS_REPLAY,
        },
        // Kubernetes and Argo read YAML 1.1: `0755` is octal, `yes`/`on` are booleans.
        legacy_octal_numbers: true,
        strict_booleans: false,
        // Duplicates are kept in the tree and reported with their field path.
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        with_snippet: false,
    }
}

/// Parses every document of a YAML stream. Empty documents (and an empty
/// input) yield nothing.
pub fn parse_stream(source: &str) -> Result<Vec<Node>, Error> {
    if source.len() > MAX_INPUT_BYTES {
        return Err(Problem::new(format!(
            "the input is {} MB; hera reads at most {} MB in one stream",
            source.len() >> 20,
            MAX_INPUT_BYTES >> 20
        ))
        .into());
    }
    let parsed =
        serde_saphyr::from_multiple_with_options::<Parsed>(source, options()).map_err(syntax_error)?;
    let mut nodes: Vec<Node> = parsed.into_iter().map(|Parsed(node)| node).collect();
    drop_invented_final_line_break(source, &mut nodes);
    Ok(nodes)
}

/// A `|` or `>` block scalar keeps its final line break only if the source
/// has one (YAML 1.2 §8.1.1.2; libyaml, PyYAML and go-yaml, hence kubectl,
/// agree). The parser adds one when such a scalar ends the input without a
/// line break (`source: |` as the last thing in a file with no final newline),
/// which would change a script by one character; take it back off.
fn drop_invented_final_line_break(source: &str, nodes: &mut [Node]) {
    let last_line = source.rsplit('\n').next().unwrap_or(source);
    if last_line.trim().is_empty() {
        return; // the content's line break, if any, is really there
    }
    let length = source.chars().count();
    let last_scalar = Parser::new_from_str(source)
        .map_while(Result::ok)
        .filter_map(|(event, span)| match event {
            Event::Scalar(_, style, ..) => Some((style, span.end.index())),
            _ => None,
        })
        .last();
    let Some((ScalarStyle::Literal | ScalarStyle::Folded, end)) = last_scalar else { return };
    if end != length {
        return;
    }
    if let Some(NodeValue::String(text)) = nodes.last_mut().and_then(last_leaf).map(|n| &mut n.value)
        && text.ends_with('\n')
    {
        text.pop();
    }
}

/// The last value in document order (the value of the last entry, the last item).
fn last_leaf(node: &mut Node) -> Option<&mut Node> {
    match node.value {
        NodeValue::Seq(ref mut items) => last_leaf(items.last_mut()?),
        NodeValue::Map(ref mut entries) => last_leaf(&mut entries.last_mut()?.1),
        _ => Some(node),
    }
}

/// Turns the parser's error into a one-line [`Problem`].
fn syntax_error(error: serde_saphyr::Error) -> Error {
    let error = error.without_snippet();
    let message = DefaultMessageFormatter.format_message(error).replace('\n', " ");
    let location = error.location().and_then(|l| {
        (l.line() > 0).then(|| Location {
            line: u32::try_from(l.line()).unwrap_or(u32::MAX),
            column: u32::try_from(l.column()).unwrap_or(u32::MAX),
        })
    });
    Problem::new(friendly(&message)).at(location).into()
}

/// Rewords the parser's budget messages, which name internal counters.
fn friendly(message: &str) -> String {
    if message.contains("Depth") || message.contains("recursion limit") {
        format!("nesting is deeper than {MAX_DEPTH} levels; refusing to read further")
    } else if message.contains("Documents {") {
        format!("the stream holds more than {MAX_DOCUMENTS} documents; refusing to read further")
    } else if message.contains("alias replay") || message.contains("Alias") || message.contains("Anchors") {
        format!("the document expands beyond the reading limits (an alias bomb?): {message}")
    } else if message.contains("budget breached") {
        format!("the input is beyond the reading limits: {message}")
    } else {
        message.to_owned()
    }
}
