//! The commands that talk to an Argo Server, one implementation for the
//! `hera` tool (objects from YAML files) and for author programs (their
//! own objects): submit, apply, status, pull, get, watch, logs, workflows,
//! delete, stop, terminate, retry, resubmit, suspend, resume. Objects go
//! to stdout with `-o json|yaml` ([`print`]); human output to stderr.

mod apply;
mod follow;
mod interrupt;
mod print;
mod submit;
mod thin;
mod version;

use crate::model::Document;
use crate::server::{Client, Config, ServerError, Settings};
use crate::support::{Exit, Output};
use std::path::PathBuf;

pub(crate) use apply::{ApplyArgs, PullArgs, StatusArgs};
pub(crate) use submit::SubmitArgs;
pub(crate) use thin::{GetArgs, LogsArgs, NameArgs, WatchArgs, WorkflowsArgs};
use version::VersionArgs;

/// The server commands, as subcommands of either command line.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum ServerCommand {
    /// Submit workflows (create a Workflow; submit from a WorkflowTemplate,
    /// ClusterWorkflowTemplate or CronWorkflow already on the server);
    /// --wait for the result, --log to follow the pods' logs.
    Submit(SubmitArgs),
    /// Create or update WorkflowTemplates, ClusterWorkflowTemplates and
    /// CronWorkflows on the server; released versions are immutable.
    Apply(ApplyArgs),
    /// For each object: in sync with the server, differs (with the
    /// differences) or missing. Exit 0 when all are in sync, else 1.
    Status(StatusArgs),
    /// Fetch deployed objects (KIND/NAME) as YAML, server fields stripped.
    Pull(PullArgs),
    /// Show a workflow on the server.
    Get(GetArgs),
    /// Follow a workflow until it ends (as `argo watch`): its node tree on
    /// a terminal, one line per change otherwise; exit 0 for Succeeded.
    Watch(WatchArgs),
    /// Print a workflow's logs, each line prefixed with its node.
    Logs(LogsArgs),
    /// List the server's workflows.
    Workflows(WorkflowsArgs),
    /// Delete a workflow.
    Delete(NameArgs),
    /// Stop a workflow (exit handlers still run).
    Stop(NameArgs),
    /// Terminate a workflow (no exit handlers).
    Terminate(NameArgs),
    /// Retry a failed workflow.
    Retry(NameArgs),
    /// Resubmit a workflow as a new one.
    Resubmit(NameArgs),
    /// Suspend a workflow.
    Suspend(NameArgs),
    /// Resume a suspended workflow.
    Resume(NameArgs),
    /// Print this client's version and, with a server configured
    /// (--server, ARGO_SERVER), the server's.
    Version(VersionArgs),
}

/// Where the objects of a command come from.
pub(crate) enum Objects<'a> {
    /// The `hera` tool: the command's FILE arguments.
    Files,
    /// An author program's built objects.
    Program(&'a [Document]),
}

/// Which of the objects a command works on, as `yaml` chooses them.
#[derive(Debug, Clone, Default, clap::Args)]
pub(crate) struct Select {
    /// Only the object named NAME (its name, or its generateName prefix).
    #[arg(long, value_name = "NAME")]
    pub only: Option<String>,
    /// Only the objects of KIND (Workflow, WorkflowTemplate,
    /// ClusterWorkflowTemplate, CronWorkflow; any case).
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
}

/// Runs `command`. `program` names the command line in messages (`hera`,
/// or the author program's name); `env` reads the environment (a map in tests).
pub(crate) fn run(
    command: &ServerCommand,
    objects: Objects<'_>,
    program: &str,
    env: &dyn Fn(&str) -> Option<String>,
    out: &mut Output<'_>,
) -> Exit {
    // No objects, and a server only if one is configured.
    if let ServerCommand::Version(args) = command {
        return version::run(args, program, env, out);
    }
    let (name, settings) = match command {
        ServerCommand::Submit(a) => ("submit", &a.settings),
        ServerCommand::Apply(a) => ("apply", &a.settings),
        ServerCommand::Status(a) => ("status", &a.settings),
        ServerCommand::Pull(a) => ("pull", &a.settings),
        ServerCommand::Get(a) => ("get", &a.settings),
        ServerCommand::Watch(a) => ("watch", &a.settings),
        ServerCommand::Logs(a) => ("logs", &a.settings),
        ServerCommand::Workflows(a) => ("workflows", &a.settings),
        ServerCommand::Delete(a) => ("delete", &a.settings),
        ServerCommand::Stop(a) => ("stop", &a.settings),
        ServerCommand::Terminate(a) => ("terminate", &a.settings),
        ServerCommand::Retry(a) => ("retry", &a.settings),
        ServerCommand::Resubmit(a) => ("resubmit", &a.settings),
        ServerCommand::Suspend(a) => ("suspend", &a.settings),
        ServerCommand::Resume(a) => ("resume", &a.settings),
        ServerCommand::Version(a) => ("version", &a.settings),
    };
    let files = match command {
        ServerCommand::Submit(a) => a.files.as_slice(),
        ServerCommand::Apply(a) => a.files.as_slice(),
        ServerCommand::Status(a) => a.files.as_slice(),
        _ => &[],
    };
    let select = match command {
        ServerCommand::Submit(a) => Some(&a.select),
        ServerCommand::Apply(a) => Some(&a.select),
        ServerCommand::Status(a) => Some(&a.select),
        _ => None,
    };
    let documents = match (objects, files.is_empty()) {
        (Objects::Program(documents), true) => documents.to_vec(),
        (Objects::Files, true)
            if matches!(
                command,
                ServerCommand::Submit(_) | ServerCommand::Apply(_) | ServerCommand::Status(_)
            ) =>
        {
            out.error(format!("hera {name}: give the YAML files to {name}"));
            return Exit::Usage;
        }
        _ => match read_files(files, name, out) {
            Ok(documents) => documents,
            Err(exit) => return exit,
        },
    };
    let documents = match select.filter(|s| s.only.is_some() || s.kind.is_some()) {
        None => documents,
        Some(select) => {
            let args = crate::cli::program::show::PrintArgs {
                only: select.only.clone(),
                kind: select.kind.clone(),
                allow_invalid: false,
            };
            match crate::cli::program::show::select(&documents, &args, program, name, out) {
                Ok(chosen) => chosen.into_iter().cloned().collect(),
                Err(exit) => return exit,
            }
        }
    };
    if matches!(command, ServerCommand::Apply(_)) && env("IMAGE_NAME").is_some_and(|v| !v.is_empty()) {
        out.error(
            "hera apply: refusing to run with IMAGE_NAME set: it overrides the image for tests, and the \
             objects applied to a server must name the released image; unset it",
        );
        return Exit::Usage;
    }
    let client = match connect(settings, env) {
        Ok(client) => client,
        Err(error) => return report(name, &error, out),
    };
    let context = Context { client: &client, name, program, out };
    match command {
        ServerCommand::Submit(args) => submit::run(args, &documents, context),
        ServerCommand::Apply(args) => apply::apply(args, &documents, context),
        ServerCommand::Status(args) => apply::status(args, &documents, context),
        ServerCommand::Pull(args) => apply::pull(args, context),
        ServerCommand::Get(args) => thin::get(args, context),
        ServerCommand::Watch(args) => thin::watch(args, context),
        ServerCommand::Logs(args) => thin::logs(args, context),
        ServerCommand::Workflows(args) => thin::workflows(args, context),
        ServerCommand::Delete(args) => thin::delete(args, context),
        ServerCommand::Stop(args) => thin::action(args, crate::server::Action::Stop, context),
        ServerCommand::Terminate(args) => thin::action(args, crate::server::Action::Terminate, context),
        ServerCommand::Retry(args) => thin::action(args, crate::server::Action::Retry, context),
        ServerCommand::Resubmit(args) => thin::action(args, crate::server::Action::Resubmit, context),
        ServerCommand::Suspend(args) => thin::action(args, crate::server::Action::Suspend, context),
        ServerCommand::Resume(args) => thin::action(args, crate::server::Action::Resume, context),
        ServerCommand::Version(_) => unreachable!("handled above"),
    }
}

/// What every command works with.
pub(crate) struct Context<'c, 'o, 'w> {
    client: &'c Client,
    /// The command (`submit`).
    name: &'static str,
    /// The command line (`hera`, or the author program's name).
    program: &'c str,
    out: &'o mut Output<'w>,
}

impl Context<'_, '_, '_> {
    /// Prints `error` and returns its exit code.
    fn fail(&mut self, error: &ServerError) -> Exit {
        report(self.name, error, self.out)
    }

    fn namespace(&self) -> &str {
        self.client.namespace()
    }
}

fn connect(settings: &Settings, env: &dyn Fn(&str) -> Option<String>) -> Result<Client, ServerError> {
    Client::new(Config::resolve(settings, env)?)
}

/// Prints `error`: exit 2 when the command could not do its job at all
/// (no server, unreachable, TLS, authentication), 1 otherwise.
fn report(name: &str, error: &ServerError, out: &mut Output<'_>) -> Exit {
    out.error(format!("hera {name}: {error}"));
    if error.is_fatal() { Exit::Usage } else { Exit::Problems }
}

fn read_files(files: &[PathBuf], name: &str, out: &mut Output<'_>) -> Result<Vec<Document>, Exit> {
    let mut documents = Vec::new();
    for file in files {
        documents.extend(crate::cli::tool::read_documents_at(file, name, out)?);
    }
    Ok(documents)
}

/// `Kind ns/name` of a document.
fn label(document: &Document, namespace: &str) -> String {
    let name = document.name().unwrap_or("");
    if matches!(document, Document::ClusterWorkflowTemplate(_)) {
        format!("{} {name}", document.kind())
    } else {
        format!("{} {namespace}/{name}", document.kind())
    }
}

/// The namespace of `document`, else the client's.
fn namespace_of<'a>(document: &'a Document, client: &'a Client) -> &'a str {
    document.metadata().and_then(|m| m.namespace.as_deref()).unwrap_or(client.namespace())
}

/// The settings of `lint --server[=URL]` and `diff --server[=URL]`: the URL
/// given, else `ARGO_SERVER` and the other variables.
fn settings_for(server: &str) -> Settings {
    Settings { server: (!server.is_empty()).then(|| server.to_owned()), ..Default::default() }
}

/// `lint --server`: the server's own lint of each object, after hera's.
pub(crate) fn lint_on_server(
    server: &str,
    documents: &[Document],
    env: &dyn Fn(&str) -> Option<String>,
    out: &mut Output<'_>,
) -> Exit {
    let client = match connect(&settings_for(server), env) {
        Ok(client) => client,
        Err(error) => return report("lint --server", &error, out),
    };
    let mut exit = Exit::Success;
    for document in documents {
        let namespace = namespace_of(document, &client).to_owned();
        let result = match document {
            Document::Workflow(o) => client.lint_workflow(&namespace, o).map(|_| ()),
            Document::WorkflowTemplate(o) => client.lint(&namespace, &**o).map(|_| ()),
            Document::ClusterWorkflowTemplate(o) => client.lint(&namespace, &**o).map(|_| ()),
            Document::CronWorkflow(o) => client.lint(&namespace, &**o).map(|_| ()),
            _ => continue,
        };
        let what = label(document, &namespace);
        match result {
            Ok(()) => out.error(format!("hera lint --server: {what}: ok")),
            Err(error) if error.is_fatal() => return report("lint --server", &error, out),
            Err(error) => {
                out.error(format!("hera lint --server: {what}: {error}"));
                exit = Exit::Problems;
            }
        }
    }
    exit
}

/// `diff --server FILE...`: `status` of the files.
pub(crate) fn diff_with_server(
    server: &str,
    files: Vec<PathBuf>,
    env: &dyn Fn(&str) -> Option<String>,
    out: &mut Output<'_>,
) -> Exit {
    let command = ServerCommand::Status(StatusArgs {
        files,
        output: None,
        select: Select::default(),
        settings: settings_for(server),
    });
    run(&command, Objects::Files, "hera", env, out)
}
