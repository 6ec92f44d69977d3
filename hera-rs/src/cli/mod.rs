//! Command lines: [`main`] for a workflow program's `main`, and the `hera`
//! command, tools over Argo YAML files whether or not they were written with
//! hera-rs.
//!
//! ```text
//! hera fmt [--write | --check] [--json] [--allow-comment-loss] PATH...
//! hera lint [--format text|json] [--deny-warnings] PATH...
//! hera graph [--format dot|mermaid] [--template NAME] FILE
//! hera diff A B
//! ```
//!
//! Every subcommand follows one exit-code policy ([`Exit`]): 0 when all went
//! well, 1 when the input has problems (each printed on stderr as one line,
//! `FILE:LINE:COL: field.path: message`), 2 for usage errors and files that
//! cannot be read or written. Output to a closed pipe (`hera fmt x | head`)
//! ends the command quietly.

pub mod diff;
pub mod fmt;
pub mod graph;
pub(crate) mod input;
pub mod lint;
mod output;
mod program;
mod read;

pub use output::Output;
pub use program::{NoArgs, main, main_with, run, run_with};

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// How a command ended; its number is the process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// 0: everything went well.
    Success = 0,
    /// 1: the input has problems (or, later, a step failed).
    Problems = 1,
    /// 2: the command line was wrong, or a file could not be read or written.
    Usage = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

/// The `hera` command line.
#[derive(Debug, Parser)]
#[command(
    name = "hera",
    version,
    about = "Tools for Argo Workflows YAML: format, lint, draw and compare files."
)]
pub struct Tool {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Fmt(fmt::FmtArgs),
    Lint(lint::LintArgs),
    Graph(graph::GraphArgs),
    Diff(diff::DiffArgs),
}

/// Runs the `hera` binary with the process's arguments and standard streams.
pub fn tool_main() -> ExitCode {
    tool_run(std::env::args_os(), &mut Output::standard()).into()
}

/// Runs the `hera` command line `args` (program name first) against `out`.
pub fn tool_run<I, T>(args: I, out: &mut Output<'_>) -> Exit
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let tool = match Tool::try_parse_from(args) {
        Ok(tool) => tool,
        Err(error) => return clap_exit(error, out),
    };
    match tool.command {
        Command::Fmt(args) => fmt::run(&args, out),
        Command::Lint(args) => lint::run(&args, out),
        Command::Graph(args) => graph::run(&args, out),
        Command::Diff(args) => diff::run(&args, out),
    }
}

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
