//! Server-sent events as the Argo Server sends them: `data: {"result": …}`
//! lines, or `data: {"error": {…}}` when the stream ends on the server's
//! side (grpc-gateway's stream envelope; Argo's
//! `pkg/apiclient/http1/server-sent-events-client.go` reads the same).

use super::error::ServerError;
use crate::model::Value;
use std::io::{BufRead, BufReader, Read};

/// One message of a stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// `{"result": …}`.
    Result(Value),
    /// `{"error": {"message": …}}`: the server ended the stream (`EOF` is
    /// the normal end of a watch, answered by reconnecting).
    Error(String),
}

/// The messages of one stream; `None` when the connection ends.
pub struct Events {
    reader: BufReader<Box<dyn Read + Send>>,
    what: String,
    line: String,
}

impl Events {
    /// Reads events from `reader`; `what` names the stream in errors.
    pub fn new(reader: Box<dyn Read + Send>, what: &str) -> Events {
        Events { reader: BufReader::new(reader), what: what.to_owned(), line: String::new() }
    }

    /// The next message, `Ok(None)` at the end of the connection.
    pub fn next_message(&mut self) -> Result<Option<Message>, ServerError> {
        let mut data = String::new();
        loop {
            self.line.clear();
            let read = self.reader.read_line(&mut self.line).map_err(|e| self.io_error(e))?;
            if read == 0 {
                return if data.is_empty() { Ok(None) } else { self.parse(&data).map(Some) };
            }
            let line = self.line.trim_end_matches(['\n', '\r']);
            if line.is_empty() {
                if data.is_empty() {
                    continue;
                }
                return self.parse(&data).map(Some);
            }
            if let Some(rest) = line.strip_prefix("data:") {
                if !data.is_empty() {
                    data.push('\n');
                }
                data.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            }
            // `event:`, `id:`, `retry:` and `:` comments carry nothing Argo uses.
        }
    }

    fn parse(&self, data: &str) -> Result<Message, ServerError> {
        let malformed = |reason: String| ServerError::Malformed { what: self.what.clone(), reason };
        let mut value: Value =
            serde_json::from_str(data).map_err(|e| malformed(format!("stream message is not JSON: {e}")))?;
        if let Some(result) = value.get_mut("result") {
            return Ok(Message::Result(result.take()));
        }
        if let Some(error) = value.get("error") {
            let message = error.get("message").and_then(Value::as_str).unwrap_or("stream error");
            return Ok(Message::Error(message.to_owned()));
        }
        Err(malformed("stream message has neither \"result\" nor \"error\"".into()))
    }

    fn io_error(&self, error: std::io::Error) -> ServerError {
        if error.kind() == std::io::ErrorKind::TimedOut {
            return ServerError::Timeout { url: String::new(), what: self.what.clone(), seconds: 0.0 };
        }
        ServerError::Unreachable {
            url: String::new(),
            reason: format!("{} stream broke: {error}", self.what),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_results_errors_and_the_end() {
        let text = ": hi\ndata: {\"result\": {\"a\": 1}}\n\ndata: {\"error\": {\"code\": 2, \"message\": \"EOF\"}}\n\n";
        let mut events = Events::new(Box::new(std::io::Cursor::new(text.as_bytes().to_vec())), "watch");
        assert_eq!(events.next_message().unwrap(), Some(Message::Result(serde_json::json!({"a": 1}))));
        assert_eq!(events.next_message().unwrap(), Some(Message::Error("EOF".into())));
        assert_eq!(events.next_message().unwrap(), None);
    }

    #[test]
    fn bad_messages_are_errors_not_panics() {
        let mut events = Events::new(Box::new(std::io::Cursor::new(b"data: {nope\n\n".to_vec())), "logs");
        assert!(matches!(events.next_message(), Err(ServerError::Malformed { .. })));
    }
}
