//! Following a workflow until it ends, as `argo submit --wait/--watch/--log`
//! and `argo watch` do (`cmd/argo/commands/common/watch.go`): `--log`
//! streams the pods' logs first; `--watch` redraws the node tree on a
//! terminal (as `printWorkflowStatus` does, clearing the screen) and prints
//! one line per node change otherwise; Ctrl-C stops following, not the
//! workflow ([`super::interrupt`]).

use super::interrupt::Following;
use super::print::{Format, print};
use super::{Context, tree};
use crate::model::Workflow;
use crate::server::{LogOptions, ServerError, Watched};
use crate::support::Exit;
use std::collections::HashMap;
use std::time::Duration;

/// How to follow.
pub(crate) struct How<'a> {
    /// Stream the logs first.
    pub log: bool,
    /// Show the nodes (tree or lines), not only the workflow's phase.
    pub watch: bool,
    /// Stop waiting after this long.
    pub timeout: Option<Duration>,
    /// How the timeout was given (for the message).
    pub timeout_text: &'a str,
    /// Print the final workflow on stdout.
    pub output: Option<Format>,
}

/// Follows `namespace/name` until it finishes: exit 0 for Succeeded, 1
/// for anything else or a timeout.
pub(crate) fn follow(
    namespace: &str,
    name: &str,
    how: &How<'_>,
    cx: &mut Context<'_, '_, '_>,
) -> Result<Exit, ServerError> {
    let again = format!("{} watch {name} -n {namespace}", cx.program);
    let _following = Following::start(
        format!(
            "{} {}: interrupted: stopped following Workflow {namespace}/{name}; it goes on running on the \
             server. Follow it again with `{again}` (or `argo watch {name} -n {namespace}`)",
            cx.program, cx.name
        ),
        cx.out.is_standard(),
    );
    if how.log {
        let options = LogOptions { follow: true, ..Default::default() };
        let out = &mut *cx.out;
        cx.client.logs(namespace, name, &options, |entry| {
            out.error(format!("{}: {}", entry.pod_name, entry.content))
        })?;
    }
    let terminal = how.watch && cx.out.stderr_is_terminal();
    cx.out.error(format!(
        "{} {}: waiting for Workflow {namespace}/{name} (Ctrl-C stops waiting, not the workflow)",
        cx.program, cx.name
    ));
    let mut seen = HashMap::new();
    let mut last_phase = String::new();
    let out = &mut *cx.out;
    let watched = cx.client.watch_workflow(namespace, name, how.timeout, |workflow| {
        if terminal {
            // `printWorkflowStatus`: clear the screen, home, the whole tree.
            out.error_text(&format!("\x1b[H\x1b[2J{}", tree::render(workflow, chrono::Utc::now())));
        } else if how.watch {
            tree::changes(workflow, &mut seen).into_iter().for_each(|line| out.error(line));
        } else {
            // Progress: one line per phase of the workflow.
            let phase = workflow.status.as_ref().and_then(|s| s.phase.clone()).unwrap_or_default();
            if !phase.is_empty() && phase != last_phase && !crate::server::finished(workflow) {
                out.error(format!("Workflow {namespace}/{name} {phase}"));
            }
            last_phase = phase;
        }
    })?;
    let workflow = match watched {
        Watched::Finished(workflow) => workflow,
        Watched::TimedOut(_) => {
            cx.out.error(format!(
                "{} {}: Workflow {namespace}/{name} is still running after --timeout {}; stopped waiting, \
                 not the workflow (follow it again with `{again}`)",
                cx.program, cx.name, how.timeout_text
            ));
            return Ok(Exit::Problems);
        }
    };
    Ok(finished(namespace, name, &workflow, how.output, cx))
}

/// Reports a finished workflow: its phase, its failed nodes; the object on
/// stdout with `-o`.
fn finished(
    namespace: &str,
    name: &str,
    workflow: &Workflow,
    output: Option<Format>,
    cx: &mut Context<'_, '_, '_>,
) -> Exit {
    let status = workflow.status.as_ref();
    let phase = status.and_then(|s| s.phase.as_deref()).unwrap_or("Unknown");
    let message = status.and_then(|s| s.message.as_deref()).map(|m| format!(": {m}")).unwrap_or_default();
    cx.out.error(format!("Workflow {namespace}/{name} {phase}{message}"));
    if phase != "Succeeded" {
        let nodes = status.and_then(|s| s.nodes.as_ref());
        for node in nodes.into_iter().flat_map(|n| n.values()) {
            if matches!(node.phase.as_deref(), Some("Failed" | "Error"))
                && node.children.as_ref().is_none_or(Vec::is_empty)
            {
                let shown = node.display_name.as_deref().unwrap_or(&node.name);
                cx.out.error(format!(
                    "  {shown} {}: {}",
                    node.phase.as_deref().unwrap_or(""),
                    node.message.as_deref().unwrap_or("")
                ));
            }
        }
    }
    if let Some(format) = output
        && print(workflow, format, cx) != Exit::Success
    {
        return Exit::Problems;
    }
    if phase == "Succeeded" { Exit::Success } else { Exit::Problems }
}
