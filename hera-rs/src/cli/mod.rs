//! Command lines: [`main`] for a workflow program's `main`, and (hidden from
//! the documented API) the `hera` tool's subcommands over any Argo YAML.
//!
//! ```text
//! hera fmt [--write | --check] [-o yaml|json] [--allow-comment-loss] PATH...
//! hera lint [-o text|json] [--deny-warnings] PATH...
//! hera graph [-o dot|mermaid] [--template NAME] FILE
//! hera diff [--ignore-namespace] A B
//! ```
//!
//! Every command that can print more than one format takes it as
//! `-o/--output FORMAT` (`--format` and `--json` still work).
//!
//! Every subcommand follows one exit-code policy ([`Exit`]): 0 when all went
//! well, 1 when the input has problems (each printed on stderr as one line,
//! `FILE:LINE:COL: field.path: message`), 2 for usage errors and files that
//! cannot be read or written. Output to a closed pipe (`hera fmt x | head`)
//! ends the command quietly.

mod program;
#[cfg(feature = "run")]
pub(crate) mod progress;
#[cfg(feature = "server")]
mod server;
#[doc(hidden)]
pub mod tool;

pub use crate::support::{Exit, Output};
#[cfg(feature = "run")]
pub(crate) use program::script_runners;
#[allow(deprecated)]
pub use program::{NoArgs, invoke, invoke_with, main, main_with, run, run_with};
#[doc(hidden)]
pub use tool::{tool_main, tool_run};

/// Prints clap's usage error or help and says how to exit.
fn clap_exit(error: clap::Error, out: &mut Output<'_>) -> Exit {
    let text = error.render().to_string();
    if error.use_stderr() {
        out.error_text(&text);
        Exit::Usage
    } else {
        out.write(&text);
        Exit::Success
    }
}
