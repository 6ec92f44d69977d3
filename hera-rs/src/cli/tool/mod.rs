//! The `hera` tool: subcommands over Argo YAML files, whether or not they
//! were written with hera-rs. Only `bin/hera.rs` and the tests call these.

pub mod diff;
pub mod fmt;
#[cfg(feature = "generate")]
pub mod generate;
pub mod graph;
pub(crate) mod input;
pub mod lint;
pub mod new;
mod read;
#[cfg(feature = "run")]
pub mod run;

#[cfg(feature = "server")]
pub(crate) use read::documents_at as read_documents_at;

use crate::support::{Exit, Output};
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// The `hera` command line.
#[derive(Debug, Parser)]
#[command(
    name = "hera",
    version,
    about = "Tools for Argo Workflows YAML: format, lint, draw and compare files; start a hera-rs project."
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
    /// Run a workflow on this machine, as Argo would.
    #[cfg(feature = "run")]
    // Boxed: the other commands' arguments are a fraction of its size.
    Run(Box<run::RunArgs>),
    New(new::NewArgs),
    #[cfg(feature = "generate")]
    Generate(generate::GenerateArgs),
    #[cfg(feature = "server")]
    #[command(flatten)]
    Server(Box<super::server::ServerCommand>),
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
        Err(error) => return super::clap_exit(error, out),
    };
    match tool.command {
        Command::Fmt(args) => fmt::run(&args, out),
        Command::Lint(args) => {
            let exit = lint::run(&args, out);
            #[cfg(feature = "server")]
            if let (Some(server), false) = (&args.server, exit == Exit::Usage) {
                let mut documents = Vec::new();
                for path in &args.paths {
                    match read::documents_at(path, "lint", &mut *out) {
                        Ok(read) => documents.extend(read),
                        Err(_) => return exit,
                    }
                }
                let env = |name: &str| std::env::var(name).ok();
                return exit.max(super::server::lint_on_server(server, &documents, &env, out));
            }
            exit
        }
        Command::Graph(args) => graph::run(&args, out),
        #[cfg(feature = "server")]
        Command::Diff(args) if args.server.is_some() => {
            let files = std::iter::once(args.a.clone()).chain(args.b.clone()).collect();
            let server = args.server.as_deref().unwrap_or("");
            super::server::diff_with_server(server, files, &|name| std::env::var(name).ok(), out)
        }
        Command::Diff(args) => diff::run(&args, out),
        #[cfg(feature = "run")]
        Command::Run(args) => run::run(&args, out),
        Command::New(args) => new::run(&args, out),
        #[cfg(feature = "generate")]
        Command::Generate(args) => generate::run(&args, out),
        #[cfg(feature = "server")]
        Command::Server(command) => super::server::run(
            &command,
            super::server::Objects::Files,
            "hera",
            &|name| std::env::var(name).ok(),
            out,
        ),
    }
}
