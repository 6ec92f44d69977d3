//! `hera::cli::main`: the `main` of a workflow program.

use super::{Exit, Output};
use crate::object::Object;
use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::process::ExitCode;

/// The command line of a workflow program.
#[derive(Debug, Parser)]
#[command(about = "Print this program's Argo objects (YAML by default).")]
struct Program {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the objects as a YAML stream (the default).
    Yaml,
    /// Print the objects as JSON, one object per document.
    Json,
}

/// The `main` of a workflow program: prints `objects` as YAML (or JSON with
/// the `json` argument). Problems found while building them go to stderr,
/// one per line, with exit code 1; warnings go to stderr too, and the
/// objects are still printed.
///
/// ```no_run
/// use hera::prelude::*;
///
/// fn main() -> std::process::ExitCode {
///     let hello = Container::new("hello").image("busybox").command(["echo", "hello"]);
///     hera::cli::main([Workflow::generate_name("hello-").entrypoint(hello)])
/// }
/// ```
pub fn main<O: Into<Object>>(objects: impl IntoIterator<Item = O>) -> ExitCode {
    let objects: Vec<Object> = objects.into_iter().map(Into::into).collect();
    run(std::env::args_os(), &objects, &mut Output::standard()).into()
}

/// [`main`] with explicit arguments (program name first) and output.
pub fn run<I, T>(args: I, objects: &[Object], out: &mut Output<'_>) -> Exit
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let program = match Program::try_parse_from(args) {
        Ok(program) => program,
        Err(error) => return super::clap_exit(error, out),
    };
    let json = matches!(program.command, Some(Command::Json));
    let mut documents = Vec::new();
    let mut exit = Exit::Success;
    for object in objects {
        match object.check() {
            Ok((document, warnings)) => {
                warnings.iter().for_each(|warning| out.error(warning));
                documents.push(document);
            }
            Err(error) => {
                out.error(error);
                exit = Exit::Problems;
            }
        }
    }
    if exit != Exit::Success {
        return exit;
    }
    let text = if json {
        documents.iter().map(crate::json::to_string).collect::<Result<String, _>>()
    } else {
        crate::yaml::to_string_all(&documents)
    };
    match text {
        Ok(text) => {
            out.write(&text);
            Exit::Success
        }
        Err(error) => {
            out.error(error);
            Exit::Problems
        }
    }
}
