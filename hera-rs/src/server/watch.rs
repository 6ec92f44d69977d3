//! Following one workflow until it finishes: the SSE watch on
//! `/api/v1/workflow-events/{namespace}` that `argo wait` and `argo watch`
//! use (`cmd/argo/commands/common/wait.go`, `watch.go`). The stream ends
//! now and then with an `EOF` error message; that is answered by
//! reconnecting from the last resourceVersion seen, not by failing.

use super::client::Client;
use super::error::ServerError;
use super::sse::Message;
use super::typed::typed;
use crate::model::Workflow;
use std::time::{Duration, Instant};

/// How a watch ended.
#[derive(Debug)]
pub enum Watched {
    /// The workflow finished (phase Succeeded, Failed or Error).
    Finished(Box<Workflow>),
    /// The deadline passed first; the last state seen, if any.
    TimedOut(Option<Box<Workflow>>),
}

/// How many times in a row a stream may end without news before the
/// watch gives up.
const RECONNECTS: usize = 20;

/// Whether `workflow` has finished (`finishedAt` set, or a final phase).
pub fn finished(workflow: &Workflow) -> bool {
    workflow.status.as_ref().is_some_and(|status| {
        status.finished_at.is_some()
            || matches!(status.phase.as_deref(), Some("Succeeded" | "Failed" | "Error"))
    })
}

impl Client {
    /// Watches workflow `name` until it finishes or `timeout` passes,
    /// calling `seen` with every state the server sends.
    pub fn watch_workflow(
        &self,
        namespace: &str,
        name: &str,
        timeout: Option<Duration>,
        mut seen: impl FnMut(&Workflow),
    ) -> Result<Watched, ServerError> {
        let deadline = timeout.map(|t| Instant::now() + t);
        let what = format!("the watch of Workflow {namespace}/{name}");
        let selector = format!("metadata.name={name}");
        let mut resource_version = "0".to_owned();
        let mut last: Option<Box<Workflow>> = None;
        let mut quiet = 0;
        loop {
            let remaining = match deadline {
                Some(deadline) => match deadline.checked_duration_since(Instant::now()) {
                    Some(left) if !left.is_zero() => Some(left),
                    _ => return Ok(Watched::TimedOut(last)),
                },
                None => None,
            };
            let query = [
                ("listOptions.fieldSelector", selector.as_str()),
                ("listOptions.resourceVersion", resource_version.as_str()),
            ];
            let mut events = match self.stream(
                &format!("/api/v1/workflow-events/{namespace}"),
                &query,
                remaining,
                &what,
            ) {
                Ok(events) => events,
                Err(ServerError::Timeout { .. }) if deadline.is_some_and(|d| Instant::now() >= d) => {
                    return Ok(Watched::TimedOut(last));
                }
                Err(error) => return Err(error),
            };
            let mut news = false;
            loop {
                match events.next_message() {
                    Ok(Some(Message::Result(mut event))) => {
                        let Some(object) = event.get_mut("object").map(serde_json::Value::take) else {
                            continue;
                        };
                        let workflow: Workflow = typed(object, Workflow::KIND, &what)?;
                        if let Some(version) = &workflow.metadata.resource_version {
                            resource_version.clone_from(version);
                        }
                        news = true;
                        seen(&workflow);
                        if finished(&workflow) {
                            return Ok(Watched::Finished(Box::new(workflow)));
                        }
                        last = Some(Box::new(workflow));
                    }
                    // The end of this stream: reconnect.
                    Ok(Some(Message::Error(message))) if message == "EOF" => break,
                    Ok(Some(Message::Error(message))) => {
                        return Err(ServerError::Status { status: 200, what, message });
                    }
                    Ok(None) => break,
                    Err(ServerError::Timeout { .. }) if deadline.is_some() => {
                        return Ok(Watched::TimedOut(last));
                    }
                    // A connection cut mid-way: reconnect from what was seen.
                    Err(ServerError::Unreachable { .. }) => break,
                    Err(error) => return Err(error),
                }
            }
            quiet = if news { 0 } else { quiet + 1 };
            if quiet > RECONNECTS {
                // The server keeps closing without news: ask it directly.
                let workflow = self.get_workflow(namespace, name)?;
                if finished(&workflow) {
                    return Ok(Watched::Finished(Box::new(workflow)));
                }
                return Err(ServerError::Unreachable {
                    url: self.config().url.clone(),
                    reason: format!("{what} keeps ending without news"),
                });
            }
        }
    }
}
