//! YAML text → [`Node`]s, with the options that make reading behave like
//! kubectl and Argo.

use super::node::Node;
use super::problem::{Error, Location, Problem};
use serde_saphyr::{DefaultMessageFormatter, DuplicateKeyPolicy, MessageFormatter, Options};

/// Deepest nesting of lists and mappings accepted. Argo documents rarely pass
/// 30 levels; the cap keeps hostile input from exhausting the stack.
pub const MAX_DEPTH: usize = 128;

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
            max_depth: MAX_DEPTH,
            flow_nesting_limit: MAX_DEPTH,
            max_documents: 100_000,
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
    serde_saphyr::from_multiple_with_options::<Node>(source, options()).map_err(syntax_error)
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
    } else if message.contains("budget breached")
        || message.contains("alias replay")
        || message.contains("Alias")
    {
        format!("the document expands beyond the reading limits (an alias bomb?): {message}")
    } else {
        message.to_owned()
    }
}
