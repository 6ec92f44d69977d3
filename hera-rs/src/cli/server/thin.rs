//! The thin commands: get, logs, workflows, delete and the workflow actions.

use super::Context;
use super::follow::{How, follow};
use super::print::{Format, print};
use crate::cli::progress::{Progress, tree};
use crate::server::{Action, LogOptions, Settings};
use crate::support::Exit;

/// Arguments of `get`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct GetArgs {
    /// The workflow.
    pub name: String,
    /// Argo's Workflow object on stdout (as `argo get -o json|yaml`).
    #[arg(short = 'o', long = "output", value_name = "FORMAT", value_enum)]
    pub output: Option<Format>,
    #[command(flatten)]
    pub settings: Settings,
}

/// Arguments of `watch`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct WatchArgs {
    /// The workflow.
    pub name: String,
    /// Follow the pods' logs too, each line prefixed with its node.
    #[arg(long)]
    pub log: bool,
    /// How to show the nodes: `tree` (redrawn in place), `lines` (one per
    /// change), `none`, or `auto` (the tree on a terminal, else lines).
    #[arg(long, value_enum, value_name = "MODE", default_value_t = Progress::Auto)]
    pub progress: Progress,
    /// Stop watching after this long (`30s`, `5m`, `1h`): exit 1.
    #[arg(long, value_name = "DURATION")]
    pub timeout: Option<String>,
    /// The final Workflow object on stdout.
    #[arg(short = 'o', long = "output", value_name = "FORMAT", value_enum)]
    pub output: Option<Format>,
    #[command(flatten)]
    pub settings: Settings,
}

/// Arguments of `logs`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct LogsArgs {
    /// The workflow.
    pub name: String,
    /// Keep reading until the workflow ends.
    #[arg(short = 'f', long)]
    pub follow: bool,
    /// Only this pod (`--node` takes a pod name).
    #[arg(long, value_name = "POD")]
    pub node: Option<String>,
    /// Only lines matching this.
    #[arg(long)]
    pub grep: Option<String>,
    /// The container [default: main] (Kubernetes gives no lines for a pod
    /// of several containers without one).
    #[arg(short = 'c', long, value_name = "NAME")]
    pub container: Option<String>,
    #[command(flatten)]
    pub settings: Settings,
}

/// Arguments of `workflows`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct WorkflowsArgs {
    /// Only running workflows.
    #[arg(long, conflicts_with = "completed")]
    pub running: bool,
    /// Only completed workflows.
    #[arg(long)]
    pub completed: bool,
    /// The Workflow objects on stdout, one JSON array or YAML sequence (as
    /// `argo list -o json|yaml`).
    #[arg(short = 'o', long = "output", value_name = "FORMAT", value_enum)]
    pub output: Option<Format>,
    #[command(flatten)]
    pub settings: Settings,
}

/// Arguments of the commands that take one workflow name.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct NameArgs {
    /// The workflow.
    pub name: String,
    #[command(flatten)]
    pub settings: Settings,
}

pub(crate) fn get(args: &GetArgs, mut cx: Context<'_, '_, '_>) -> Exit {
    let namespace = cx.namespace().to_owned();
    let workflow = match cx.client.get_workflow(&namespace, &args.name) {
        Ok(workflow) => workflow,
        Err(error) => return cx.fail(&error),
    };
    if let Some(format) = args.output {
        return print(&workflow, format, &mut cx);
    }
    // As `argo get` prints it: the header and the node tree.
    cx.out.write(&tree::render(&workflow, chrono::Utc::now()));
    Exit::Success
}

pub(crate) fn watch(args: &WatchArgs, mut cx: Context<'_, '_, '_>) -> Exit {
    let namespace = cx.namespace().to_owned();
    let timeout = match args.timeout.as_deref().map(super::submit::parse_duration).transpose() {
        Ok(timeout) => timeout,
        Err(message) => {
            cx.out.error(format!("{} watch: --timeout: {message}", cx.program));
            return Exit::Usage;
        }
    };
    let how = How {
        log: args.log,
        watch: true,
        progress: args.progress,
        timeout,
        timeout_text: args.timeout.as_deref().unwrap_or(""),
        output: args.output,
    };
    match follow(&namespace, &args.name, &how, &mut cx) {
        Ok(exit) => exit,
        Err(error) => cx.fail(&error),
    }
}

pub(crate) fn logs(args: &LogsArgs, mut cx: Context<'_, '_, '_>) -> Exit {
    let namespace = cx.namespace().to_owned();
    let options = LogOptions {
        pod: args.node.clone(),
        follow: args.follow,
        grep: args.grep.clone(),
        container: args.container.clone(),
    };
    // Each line prefixed with its node: the pods' nodes from the workflow's
    // status, read again (once per pod) for a pod not in it yet.
    let client = cx.client;
    let workflow = |name: &str| client.get_workflow(&namespace, name).map(|w| tree::pods(&w)).ok();
    let mut pods = workflow(&args.name).unwrap_or_default();
    let mut asked = std::collections::HashSet::new();
    let out = &mut *cx.out;
    let result = cx.client.logs(&namespace, &args.name, &options, |entry| {
        if !pods.contains_key(&entry.pod_name)
            && asked.insert(entry.pod_name.clone())
            && let Some(known) = workflow(&args.name)
        {
            pods = known;
        }
        let node = pods.get(&entry.pod_name).unwrap_or(&entry.pod_name);
        out.write(&format!("{node}: {}\n", entry.content));
    });
    match result {
        Ok(()) => Exit::Success,
        Err(error) => cx.fail(&error),
    }
}

pub(crate) fn workflows(args: &WorkflowsArgs, mut cx: Context<'_, '_, '_>) -> Exit {
    let namespace = cx.namespace().to_owned();
    let selector = if args.running {
        Some("workflows.argoproj.io/completed!=true")
    } else if args.completed {
        Some("workflows.argoproj.io/completed=true")
    } else {
        None
    };
    let workflows = match cx.client.list_workflows(&namespace, selector) {
        Ok(workflows) => workflows,
        Err(error) => return cx.fail(&error),
    };
    if let Some(format) = args.output {
        return print(&workflows, format, &mut cx);
    }
    for workflow in &workflows {
        let name = workflow.metadata.name.as_deref().unwrap_or("");
        let phase = workflow.status.as_ref().and_then(|s| s.phase.as_deref()).unwrap_or("Pending");
        cx.out.write(&format!("{name}\t{phase}\n"));
    }
    Exit::Success
}

pub(crate) fn delete(args: &NameArgs, mut cx: Context<'_, '_, '_>) -> Exit {
    let namespace = cx.namespace().to_owned();
    match cx.client.delete_workflow(&namespace, &args.name) {
        Ok(()) => {
            cx.out.error(format!("hera delete: deleted Workflow {namespace}/{}", args.name));
            Exit::Success
        }
        Err(error) => cx.fail(&error),
    }
}

pub(crate) fn action(args: &NameArgs, action: Action, mut cx: Context<'_, '_, '_>) -> Exit {
    let namespace = cx.namespace().to_owned();
    match cx.client.workflow_action(&namespace, &args.name, action) {
        Ok(workflow) => {
            let name = workflow.metadata.name.as_deref().unwrap_or(&args.name);
            cx.out.error(format!("hera {}: Workflow {namespace}/{name}", action.as_str()));
            Exit::Success
        }
        Err(error) => cx.fail(&error),
    }
}
