//! Following a workflow until it ends, as `argo submit --wait/--watch/--log`
//! and `argo watch` do (`cmd/argo/commands/common/watch.go`): `--watch`
//! shows the node tree, redrawn in place on a terminal, one line per node
//! change otherwise (`--progress`); `--log` streams the pods' logs at the
//! same time, each line prefixed with its node (above the tree on a
//! terminal). Ctrl-C stops following, not the workflow ([`super::interrupt`]).
//!
//! The watch and the log stream each read on a thread of their own (with a
//! client of the same configuration); this thread shows what they send
//! ([`crate::cli::progress::live`]), and redraws the tree between events
//! so the durations of running nodes advance.

use super::Context;
use super::interrupt::Following;
use super::print::{Format, print};
use crate::cli::progress::Progress;
use crate::cli::progress::live::{self, Clock, Display, Event, Rows, Show};
use crate::model::Workflow;
use crate::server::{Client, Config, LogOptions, ServerError, Watched};
use crate::support::Exit;
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

/// How to follow.
pub(crate) struct How<'a> {
    /// Stream the logs too.
    pub log: bool,
    /// Show the nodes (tree or lines), not only the workflow's phase.
    pub watch: bool,
    /// How to show the nodes when watching.
    pub progress: Progress,
    /// Stop waiting after this long.
    pub timeout: Option<Duration>,
    /// How the timeout was given (for the message).
    pub timeout_text: &'a str,
    /// Print the final workflow on stdout.
    pub output: Option<Format>,
}

/// What the reading threads send.
enum Message {
    /// Something to show.
    Show(Event),
    /// The watch ended.
    Watched(Result<Watched, ServerError>),
    /// The log stream ended.
    Logged(Result<(), ServerError>),
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
    let show = match (how.watch, how.progress.resolve(cx.out.stderr_is_terminal())) {
        (false, _) => Show::Phase,
        (true, Progress::Tree) => Show::Tree,
        (true, Progress::None) => Show::Nothing,
        (true, _) => Show::Lines,
    };
    cx.out.error(format!(
        "{} {}: waiting for Workflow {namespace}/{name} (Ctrl-C stops waiting, not the workflow)",
        cx.program, cx.name
    ));
    let (sender, events) = mpsc::channel();
    let config = cx.client.config().clone();
    {
        let (sender, config, namespace, name, timeout) =
            (sender.clone(), config.clone(), namespace.to_owned(), name.to_owned(), how.timeout);
        std::thread::spawn(move || {
            let result = Client::new(config).and_then(|client| {
                client.watch_workflow(&namespace, &name, timeout, |workflow| {
                    let _ = sender.send(Message::Show(Event::Workflow(Box::new(workflow.clone()))));
                })
            });
            let _ = sender.send(Message::Watched(result));
        });
    }
    let mut display = Display::new(show, false).rows(Rows::of_stderr(cx.out.stderr_is_terminal()));
    let mut watched = None;
    let mut logged = (!how.log).then_some(Ok(()));
    let mut logging = false;
    let out = &mut *cx.out;
    let mut write = |text: &str| out.error_text(text);
    live::drive(&mut display, &mut Clock, &events, &mut write, |message, display, now, wall, write| {
        match message {
            Message::Show(event) => {
                display.apply(event, now, wall, write);
                // The logs from the first state on: its nodes name the pods.
                if how.log && !logging && display.has_workflow() {
                    logging = true;
                    logs(sender.clone(), config.clone(), namespace, name);
                }
            }
            Message::Watched(result) => {
                if how.log && !logging && matches!(result, Ok(Watched::Finished(_))) {
                    logging = true;
                    logs(sender.clone(), config.clone(), namespace, name);
                }
                watched = Some(result);
            }
            Message::Logged(result) => logged = Some(result),
        }
        // Done when the watch is, and the logs too, unless the watch did not
        // see the end (a timeout, an error): then the logs are left.
        match &watched {
            Some(Ok(Watched::Finished(_))) => logged.is_none(),
            Some(_) => false,
            None => true,
        }
    });
    let workflow = match watched {
        Some(Ok(Watched::Finished(workflow))) => workflow,
        Some(Ok(Watched::TimedOut(_))) => {
            cx.out.error(format!(
                "{} {}: Workflow {namespace}/{name} is still running after --timeout {}; stopped waiting, \
                 not the workflow (follow it again with `{again}`)",
                cx.program, cx.name, how.timeout_text
            ));
            return Ok(Exit::Problems);
        }
        Some(Err(error)) => return Err(error),
        None => unreachable!("the watch's thread always sends its end"),
    };
    if let Some(Err(error)) = logged {
        return Err(error);
    }
    Ok(finished(namespace, name, &workflow, how.output, cx))
}

/// Streams the logs of `namespace/name` on a thread of its own, to `sender`.
fn logs(sender: Sender<Message>, config: Config, namespace: &str, name: &str) {
    let (namespace, name) = (namespace.to_owned(), name.to_owned());
    std::thread::spawn(move || {
        let options = LogOptions { follow: true, ..Default::default() };
        let result = Client::new(config).and_then(|client| {
            client.logs(&namespace, &name, &options, |entry| {
                let _ = sender.send(Message::Show(Event::Log {
                    pod: entry.pod_name.clone(),
                    content: entry.content.clone(),
                }));
            })
        });
        let _ = sender.send(Message::Logged(result));
    });
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
