//! `hera::cli::main`: the `main` of a workflow program — emitter and, in
//! the pod, the runner of its `#[script]` functions.

use super::{Exit, Output};
use crate::object::Object;
use crate::script::runner::{self, RunnerEntry};
use crate::template::TemplateDef;
use clap::{Args, Parser, Subcommand};
use std::collections::HashSet;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// The command line of a workflow program: the author's own arguments
/// (`A`), then a subcommand.
#[derive(Debug, Parser)]
#[command(about = "Print this program's Argo objects, or run one of its #[script] functions as Argo does.")]
struct Program<A: Args> {
    #[command(flatten)]
    args: A,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the objects as a YAML stream (the default).
    Yaml,
    /// Print the objects as JSON, one object per document.
    Json,
    /// Run the #[script] function of TEMPLATE on the input parameters in FILE
    /// (what the pod of a script step runs; Argo appends FILE).
    Exec {
        /// The script template's name.
        template: String,
        /// The file holding `{{inputs.parameters}}` as JSON.
        file: PathBuf,
    },
}

/// A program without arguments of its own.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct NoArgs {}

/// The `main` of a workflow program: with no arguments (or `yaml`) prints
/// `objects` as a YAML stream, with `json` as JSON, and with
/// `exec TEMPLATE FILE` runs a `#[script]` function inside a pod. Problems
/// go to stderr one per line: exit 1 for problems in the objects or a failed
/// step, 2 for usage errors.
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
    main_with::<NoArgs, _, _>(|_| objects)
}

/// [`main`] for a program with arguments of its own (a `clap::Args` struct):
/// the objects are built from them, and only when a subcommand needs them.
///
/// ```no_run
/// use hera::prelude::*;
///
/// #[derive(clap::Args)]
/// struct Size {
///     #[arg(long, default_value_t = 3)]
///     tasks: usize,
/// }
///
/// fn main() -> std::process::ExitCode {
///     hera::cli::main_with(|size: &Size| {
///         let step = Container::new("step").image("busybox");
///         let dag = Dag::new("main", |d| {
///             for i in 0..size.tasks {
///                 d.task(format!("t{i}"), step.call());
///             }
///         });
///         [Workflow::generate_name("fan-").entrypoint(dag)]
///     })
/// }
/// ```
pub fn main_with<A, I, O>(objects: impl FnOnce(&A) -> I) -> ExitCode
where
    A: Args,
    I: IntoIterator<Item = O>,
    O: Into<Object>,
{
    run_with(std::env::args_os(), objects, &mut Output::standard()).into()
}

/// [`main`] with explicit arguments (program name first), objects and output.
pub fn run<I, T>(args: I, objects: &[Object], out: &mut Output<'_>) -> Exit
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_with::<NoArgs, _, _, _, _>(args, |_| objects.to_vec(), out)
}

/// [`main_with`] with explicit arguments and output.
pub fn run_with<A, I, O, S, T>(args: S, objects: impl FnOnce(&A) -> I, out: &mut Output<'_>) -> Exit
where
    A: Args,
    I: IntoIterator<Item = O>,
    O: Into<Object>,
    S: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let program = match Program::<A>::try_parse_from(args) {
        Ok(program) => program,
        Err(error) => return super::clap_exit(error, out),
    };
    let objects: Vec<Object> = objects(&program.args).into_iter().map(Into::into).collect();
    match program.command {
        None | Some(Command::Yaml) => print(&objects, false, out),
        Some(Command::Json) => print(&objects, true, out),
        Some(Command::Exec { template, file }) => exec(&objects, &template, &file, out),
    }
}

fn print(objects: &[Object], json: bool, out: &mut Output<'_>) -> Exit {
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

/// The `#[script]` runners reachable from `objects`, by template name.
fn runners(objects: &[Object]) -> Vec<RunnerEntry> {
    let mut pending: Vec<Arc<TemplateDef>> = objects.iter().flat_map(|o| o.roots().iter().cloned()).collect();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    while let Some(def) = pending.pop() {
        if !seen.insert(Arc::as_ptr(&def)) {
            continue;
        }
        if let Some(runner) = def.runner
            && !out.iter().any(|r: &RunnerEntry| r.template == runner.template)
        {
            out.push(runner);
        }
        pending.extend(def.uses.iter().cloned());
    }
    out.sort_by_key(|r| r.template);
    out
}

fn exec(objects: &[Object], template: &str, file: &std::path::Path, out: &mut Output<'_>) -> Exit {
    let runners = runners(objects);
    match runners.iter().find(|r| r.template == template) {
        Some(runner) => runner::exec(runner, file, out),
        None => {
            let known: Vec<&str> = runners.iter().map(|r| r.template).collect();
            out.error(format!(
                "no #[script] template named '{template}' in this program's workflows; it has: {}",
                if known.is_empty() { "none".to_owned() } else { known.join(", ") }
            ));
            Exit::Usage
        }
    }
}
