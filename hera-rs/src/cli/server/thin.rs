//! The thin commands: get, logs, workflows, delete and the workflow actions.

use super::Context;
use super::submit::print_json;
use crate::server::{Action, LogOptions, Settings};
use crate::support::Exit;

/// Arguments of `get`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct GetArgs {
    /// The workflow.
    pub name: String,
    /// `json`: Argo's Workflow object on stdout (as `argo get -o json`).
    #[arg(short = 'o', long = "output", value_name = "FORMAT", value_parser = ["json"])]
    pub output: Option<String>,
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
    if args.output.is_some() {
        print_json(&workflow, &mut cx);
        return Exit::Success;
    }
    let status = workflow.status.as_ref();
    let phase = status.and_then(|s| s.phase.as_deref()).unwrap_or("Pending");
    cx.out.write(&format!("Name: {}\nNamespace: {namespace}\nPhase: {phase}\n", args.name));
    if let Some(message) = status.and_then(|s| s.message.as_deref()) {
        cx.out.write(&format!("Message: {message}\n"));
    }
    for node in status.and_then(|s| s.nodes.as_ref()).into_iter().flat_map(|n| n.values()) {
        let shown = node.display_name.as_deref().unwrap_or(&node.name);
        let message = node.message.as_deref().map(|m| format!("  {m}")).unwrap_or_default();
        cx.out.write(&format!("  {shown}  {}{message}\n", node.phase.as_deref().unwrap_or("")));
    }
    Exit::Success
}

pub(crate) fn logs(args: &LogsArgs, mut cx: Context<'_, '_, '_>) -> Exit {
    let namespace = cx.namespace().to_owned();
    let options =
        LogOptions { pod: args.node.clone(), follow: args.follow, grep: args.grep.clone(), container: None };
    let out = &mut *cx.out;
    let result = cx.client.logs(&namespace, &args.name, &options, |entry| {
        out.write(&format!("{}: {}\n", entry.pod_name, entry.content));
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
