//! A workflow's logs: the SSE stream of `/api/v1/workflows/{ns}/{name}/log`
//! with `logOptions.container=main` (Kubernetes gives no lines for a pod
//! of several containers without a container name) and, to follow,
//! `logOptions.follow=true` (`cmd/argo/commands/logs.go`).

use super::client::Client;
use super::error::ServerError;
use super::sse::Message;
use crate::model::Value;

/// Which logs to read.
#[derive(Clone, Debug, Default)]
pub struct LogOptions {
    /// One pod only.
    pub pod: Option<String>,
    /// The container (`main` when `None`).
    pub container: Option<String>,
    /// Keep reading until the workflow ends.
    pub follow: bool,
    /// Only lines matching this (the server's `grep`).
    pub grep: Option<String>,
}

/// One line of a log (swagger `LogEntry`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    /// The pod.
    pub pod_name: String,
    /// The line.
    pub content: String,
}

impl Client {
    /// Reads the logs of workflow `name`, calling `line` for each entry
    /// until the stream ends.
    pub fn logs(
        &self,
        namespace: &str,
        name: &str,
        options: &LogOptions,
        mut line: impl FnMut(&LogEntry),
    ) -> Result<(), ServerError> {
        let what = format!("the logs of Workflow {namespace}/{name}");
        let container = options.container.as_deref().unwrap_or("main");
        let mut query = vec![("logOptions.container", container)];
        if options.follow {
            query.push(("logOptions.follow", "true"));
        }
        if let Some(pod) = &options.pod {
            query.push(("podName", pod));
        }
        if let Some(grep) = &options.grep {
            query.push(("grep", grep));
        }
        let path = format!("/api/v1/workflows/{namespace}/{name}/log");
        let mut events = self.stream(&path, &query, None, &what)?;
        loop {
            match events.next_message()? {
                Some(Message::Result(entry)) => {
                    let text = |key: &str| entry.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
                    line(&LogEntry { pod_name: text("podName"), content: text("content") });
                }
                Some(Message::Error(message)) if message == "EOF" => return Ok(()),
                Some(Message::Error(message)) => {
                    return Err(ServerError::Status { status: 200, what, message });
                }
                None => return Ok(()),
            }
        }
    }
}
