//! `hera::cli::main`: the `main` of a workflow program — it prints, lints,
//! draws, lists and emits its objects, and in the pod runs its `#[script]`
//! functions.

mod emit;
mod exec;
pub(crate) mod show;

#[cfg(feature = "run")]
pub(crate) use exec::runners as script_runners;

use crate::author::object::BuildOptions;
#[cfg(feature = "run")]
use crate::project::Project;
use crate::project::{Built, IntoProject};
use crate::support::{Exit, Output};
use clap::{Args, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

/// The command line of a workflow program: the author's own arguments
/// (`A`), then a subcommand.
#[derive(Debug, Parser)]
#[command(
    about = "Print, check, draw, list or emit this program's Argo objects, or run one of its #[script] functions as Argo does."
)]
struct Program<A: Args> {
    #[command(flatten)]
    args: A,
    /// Build the objects for this environment (declared in the program).
    #[arg(long, global = true, value_name = "NAME")]
    env: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the objects as a YAML stream (the default). When lint (or a
    /// builder) finds errors, prints the findings instead and exits 1
    /// (--allow-invalid prints anyway); warnings go to stderr.
    Yaml(show::PrintArgs),
    /// Print the objects as JSON, one object per document (gated like `yaml`).
    Json(show::PrintArgs),
    /// Check the objects with Argo's validation rules (hera::lint); exit 1
    /// on errors (and on warnings with --deny-warnings).
    Lint {
        /// Output format (`--format` is the older spelling).
        #[arg(short = 'o', long = "output", alias = "format", value_enum, default_value_t = super::tool::lint::Format::Text)]
        format: super::tool::lint::Format,
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Per-rule levels (--allow, --warn, --deny RULE).
        #[command(flatten)]
        levels: super::tool::lint::RuleLevels,
        /// The controller's `workflowDefaults` (its ConfigMap, its
        /// configuration or the defaults Workflow), merged into each
        /// Workflow before linting as the controller does.
        #[arg(long, value_name = "FILE")]
        workflow_defaults: Option<std::path::PathBuf>,
        /// Also ask the Argo Server to lint each object (`--server=URL`,
        /// or ARGO_SERVER); both reports are printed.
        #[cfg(feature = "server")]
        #[arg(long, value_name = "URL", num_args = 0..=1, require_equals = true, default_missing_value = "")]
        server: Option<String>,
    },
    /// Draw the objects' DAGs and steps as Graphviz DOT or a Mermaid flowchart.
    Graph {
        /// Output format (`--format` is the older spelling).
        #[arg(short = 'o', long = "output", alias = "format", value_enum, default_value_t = crate::graph::Format::Dot)]
        format: crate::graph::Format,
        /// Draw this template instead of each entrypoint.
        #[arg(long, value_name = "NAME")]
        template: Option<String>,
    },
    /// List the objects: kind, name, version, number of templates.
    List,
    /// Write one file per object into a directory (for a GitOps repository).
    Emit(emit::EmitArgs),
    #[cfg(feature = "run")]
    /// Run the workflow on this machine, as Argo would (hera::run): its
    /// #[script] steps through this program, other pods on the host.
    // Boxed: the other commands' arguments are a fraction of its size.
    Run(Box<crate::cli::tool::run::RunOptions>),
    /// Run the #[script] function of TEMPLATE on the input parameters in FILE
    /// (what the pod of a script step runs; Argo appends FILE).
    ///
    /// The function's outputs (parameters and artifacts) are written below
    /// $hera__outputs_directory (default /tmp/hera-outputs), and its input
    /// artifacts are read below $hera__inputs_directory (default
    /// /tmp/hera-inputs).
    Exec {
        /// The script template's name.
        template: String,
        /// The file holding `{{inputs.parameters}}` as JSON.
        file: PathBuf,
    },
    #[cfg(feature = "server")]
    #[command(flatten)]
    Server(Box<crate::cli::server::ServerCommand>),
}

/// A program without arguments of its own.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct NoArgs {}

/// The `main` of a workflow program. With no arguments (or `yaml`) it prints
/// the objects as a YAML stream; `json` prints JSON; `lint`, `graph`,
/// `list` and `emit --out DIR` check, draw, list and write them; `--env
/// NAME` picks an environment declared in the [`Project`]; `exec TEMPLATE
/// FILE` runs a `#[script]` function inside a pod. Takes a [`Project`] or
/// any collection of objects.
///
/// `yaml` and `json` are gates too: when lint or the builders find errors
/// they print the findings instead of the objects and exit 1, unless
/// `--allow-invalid` (or [`Project::allow_invalid`]) is given. `--only
/// NAME` and `--kind KIND` print one object, or the objects of one kind
/// (`yaml --only my-wt-test- | argo submit -`).
///
/// Findings, of lint and of the builders alike, are one line each under
/// the program's name: `PROGRAM: Kind name: field.path: message [rule]`.
/// Exit 1 for problems in the objects or a failed step, 2 for usage errors.
///
/// `IMAGE_NAME`, when set, replaces the default image (`.image(..)`, and an
/// environment's image tag) of every object in everything the program
/// prints, lints, draws, runs or submits; templates that name their own
/// image keep it. `emit` and `apply` refuse to run with it set: deployed
/// files must name the released image.
///
/// ```no_run
/// use hera::prelude::*;
///
/// fn main() -> std::process::ExitCode {
///     let hello = Container::new("hello").image("busybox").command(["echo", "hello"]);
///     hera::cli::main([Workflow::generate_name("hello-").entrypoint(hello)])
/// }
/// ```
pub fn main(project: impl IntoProject) -> ExitCode {
    main_with::<NoArgs, _>(|_| project)
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
pub fn main_with<A, P>(project: impl FnOnce(&A) -> P) -> ExitCode
where
    A: Args,
    P: IntoProject,
{
    dispatch(std::env::args_os(), project, &mut Output::standard(), AtEnd::Leak).into()
}

/// What to do with the objects once the command is done.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AtEnd {
    /// Free them (a library call: the caller goes on).
    Free,
    /// Leave them to the operating system: the process ends right after,
    /// and freeing tens of thousands of strings one by one is a few percent
    /// of printing a large program.
    Leak,
}

/// [`main`] with explicit arguments (program name first), project and output.
pub fn invoke<I, T>(args: I, project: impl IntoProject, out: &mut Output<'_>) -> Exit
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    invoke_with::<NoArgs, _, _, _>(args, |_| project, out)
}

/// The old name of [`invoke`]; `run` now means the local engine.
#[deprecated(since = "0.2.0", note = "renamed to `hera::cli::invoke`; `run` is the local engine's word")]
pub fn run<I, T>(args: I, project: impl IntoProject, out: &mut Output<'_>) -> Exit
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    invoke(args, project, out)
}

/// The old name of [`invoke_with`]; `run` now means the local engine.
#[deprecated(since = "0.2.0", note = "renamed to `hera::cli::invoke_with`; `run` is the local engine's word")]
pub fn run_with<A, P, S, T>(args: S, project: impl FnOnce(&A) -> P, out: &mut Output<'_>) -> Exit
where
    A: Args,
    P: IntoProject,
    S: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    invoke_with(args, project, out)
}

/// [`main_with`] with explicit arguments and output.
pub fn invoke_with<A, P, S, T>(args: S, project: impl FnOnce(&A) -> P, out: &mut Output<'_>) -> Exit
where
    A: Args,
    P: IntoProject,
    S: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    dispatch(args, project, out, AtEnd::Free)
}

fn dispatch<A, P, S, T>(args: S, project: impl FnOnce(&A) -> P, out: &mut Output<'_>, at_end: AtEnd) -> Exit
where
    A: Args,
    P: IntoProject,
    S: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let name = args.first().map(program_name).unwrap_or_else(|| "program".into());
    let program = match Program::<A>::try_parse_from(&args) {
        Ok(program) => program,
        Err(error) => return super::clap_exit(error, out),
    };
    let project = project(&program.args).into_project();
    let command = program.command.unwrap_or_else(|| Command::Yaml(show::PrintArgs::default()));
    // The runner needs the script registry only, not the built documents.
    if let Command::Exec { template, file } = &command {
        return exec::exec(project.objects(), template, file, out);
    }
    // The one place a program reads its environment (`IMAGE_NAME`, the
    // commit); the library builds from what it is given.
    let options = BuildOptions::from_environment(project.has_release_labels());
    let assembled = match project.assemble_with(program.env.as_deref(), &options) {
        Ok(assembled) => assembled,
        Err(error) => {
            out.error(format!("{name}: {error}"));
            return Exit::Usage;
        }
    };
    // Printing and linting weigh the builders' problems themselves; every
    // other command needs objects as the program means them.
    let printing = matches!(command, Command::Yaml(_) | Command::Json(_) | Command::Lint { .. });
    if !printing && !assembled.problems.is_empty() {
        show::report_problems(&assembled.problems, &name, out);
        return Exit::Problems;
    }
    let crate::project::Assembled { built, problems } = assembled;
    let exit = match command {
        Command::Emit(args) => emit::run(built, &args, &name, options.image_override.is_some(), out),
        #[cfg(feature = "server")]
        Command::Server(command) => {
            let objects = crate::cli::server::Objects::Program(&built.documents);
            crate::cli::server::run(&command, objects, &name, &|name| std::env::var(name).ok(), out)
        }
        command => {
            let exit = match command {
                Command::Yaml(args) => {
                    show::print(&built, &problems, &args, project.allows_invalid(), false, &name, out)
                }
                Command::Json(args) => {
                    show::print(&built, &problems, &args, project.allows_invalid(), true, &name, out)
                }
                #[cfg(feature = "server")]
                Command::Lint { format, deny_warnings, levels, workflow_defaults, server } => {
                    let exit = lint_with_defaults(
                        &built,
                        &problems,
                        format,
                        deny_warnings,
                        &levels,
                        workflow_defaults,
                        &name,
                        out,
                    );
                    match server {
                        Some(server) if exit != Exit::Usage => {
                            let env = |name: &str| std::env::var(name).ok();
                            exit.max(crate::cli::server::lint_on_server(&server, &built.documents, &env, out))
                        }
                        _ => exit,
                    }
                }
                #[cfg(not(feature = "server"))]
                Command::Lint { format, deny_warnings, levels, workflow_defaults } => lint_with_defaults(
                    &built,
                    &problems,
                    format,
                    deny_warnings,
                    &levels,
                    workflow_defaults,
                    &name,
                    out,
                ),
                Command::Graph { format, template } => show::graph(&built, format, template.as_deref(), out),
                Command::List => show::list(&built, out),
                #[cfg(feature = "run")]
                Command::Run(options) => run_locally(&project, &built, &options, out),
                Command::Emit(_) | Command::Exec { .. } => unreachable!("handled above"),
                #[cfg(feature = "server")]
                Command::Server(_) => unreachable!("handled above"),
            };
            if at_end == AtEnd::Leak {
                std::mem::forget(built);
            }
            exit
        }
    };
    if at_end == AtEnd::Leak {
        std::mem::forget(project);
    }
    exit
}

/// `run`: the program's workflow on this machine. A `#[script]` template's
/// command (the program's path in its image) runs this very program.
/// A program's `lint`, after reading `--workflow-defaults FILE` (a usage
/// error, exit 2, when it cannot be read).
#[allow(clippy::too_many_arguments)]
fn lint_with_defaults(
    built: &Built,
    problems: &[crate::lint::Finding],
    format: super::tool::lint::Format,
    deny_warnings: bool,
    levels: &super::tool::lint::RuleLevels,
    defaults: Option<PathBuf>,
    name: &str,
    out: &mut Output<'_>,
) -> Exit {
    let defaults = match defaults.as_deref().map(super::tool::lint::read_defaults).transpose() {
        Ok(defaults) => defaults,
        Err(message) => {
            out.error(format!("{name} lint: {message}"));
            return Exit::Usage;
        }
    };
    show::lint(built, problems, format, deny_warnings, levels, defaults.as_ref(), name, out)
}

#[cfg(feature = "run")]
fn run_locally(
    project: &Project,
    built: &Built,
    options: &crate::cli::tool::run::RunOptions,
    out: &mut Output<'_>,
) -> Exit {
    let mut host = crate::run::HostExecutor::default();
    let runners = exec::runners(project.objects());
    if let Ok(me) = std::env::current_exe() {
        for document in &built.documents {
            let templates = match document {
                crate::model::Document::Workflow(w) => w.spec.templates.as_deref(),
                crate::model::Document::WorkflowTemplate(t) => t.spec.templates.as_deref(),
                crate::model::Document::ClusterWorkflowTemplate(t) => t.spec.templates.as_deref(),
                _ => None,
            };
            for t in templates.into_iter().flatten() {
                if runners.iter().any(|r| Some(r.template) == t.name.as_deref())
                    && let Some(command) =
                        t.script.as_ref().and_then(|s| s.command.as_ref()).and_then(|c| c.first())
                {
                    host.programs.insert(command.clone(), me.clone());
                }
            }
        }
    }
    let run = match options.run(built.documents.clone(), host, out) {
        Ok(run) => run,
        Err(message) => {
            out.error(format!("run: {message}"));
            return Exit::Usage;
        }
    };
    options.execute(run, "run", out)
}

/// The program's file name, for messages and file headers.
fn program_name(arg0: &OsString) -> String {
    std::path::Path::new(arg0).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}
