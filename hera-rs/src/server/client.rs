//! The HTTP side: one [`Client`] per server, JSON in and out, statuses
//! turned into [`ServerError`]s (as `errFromResponse` in Argo's
//! `pkg/apiclient/http1/facade.go` reads `{code, message}`).

use super::config::Config;
use super::error::ServerError;
use super::sse::Events;
use crate::model::Value;
use serde::Serialize;
use std::time::Duration;
use ureq::Agent;

/// The largest JSON answer read (a list of many workflows can be large).
const BODY_LIMIT: u64 = 512 * 1024 * 1024;

/// A blocking client of one Argo Server (REST API v4.1.2).
///
/// ```
/// use hera::server::{Client, Config};
///
/// let client = Client::new(Config::new("localhost:2746").unwrap()).unwrap();
/// assert_eq!(client.config().url, "https://localhost:2746");
/// ```
pub struct Client {
    config: Config,
    agent: Agent,
    requests: std::cell::Cell<usize>,
}

/// An HTTP method of the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Client {
    /// A client for `config`; fails only when the CA file cannot be read.
    pub fn new(config: Config) -> Result<Client, ServerError> {
        let mut tls = ureq::tls::TlsConfig::builder().disable_verification(config.insecure_skip_verify);
        if let Some(path) = &config.ca_cert {
            let pem = std::fs::read(path).map_err(|e| {
                ServerError::Config(format!("--ca-cert {}: cannot read: {e}", path.display()))
            })?;
            let certs: Vec<_> = ureq::tls::parse_pem(&pem)
                .filter_map(|item| match item {
                    Ok(ureq::tls::PemItem::Certificate(cert)) => Some(cert),
                    _ => None,
                })
                .collect();
            if certs.is_empty() {
                return Err(ServerError::Config(format!(
                    "--ca-cert {}: no PEM certificate in the file",
                    path.display()
                )));
            }
            tls = tls.root_certs(ureq::tls::RootCerts::new_with_certs(&certs));
        }
        let agent = Agent::config_builder()
            .http_status_as_error(false)
            .tls_config(tls.build())
            .timeout_connect(Some(config.request_timeout))
            .timeout_recv_response(Some(config.request_timeout))
            .user_agent(concat!("hera-rs/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Ok(Client { config, agent, requests: std::cell::Cell::new(0) })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The namespace requests use when none is given.
    pub fn namespace(&self) -> &str {
        &self.config.namespace
    }

    /// How many requests this client has sent (for benchmarks and `--verbose`).
    pub fn requests(&self) -> usize {
        self.requests.get()
    }

    /// Sends one request and reads its JSON answer. `what` names the object
    /// in errors.
    pub(crate) fn call_value<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&B>,
        what: &str,
    ) -> Result<Value, ServerError> {
        let url = format!("{}{path}", self.config.url);
        self.requests.set(self.requests.get() + 1);
        let response = match (method, body) {
            (Method::Get | Method::Delete, _) | (_, None) => {
                let mut request = match method {
                    Method::Get => self.agent.get(&url).force_send_body(),
                    Method::Delete => self.agent.delete(&url).force_send_body(),
                    Method::Post => self.agent.post(&url),
                    Method::Put => self.agent.put(&url),
                };
                request = self.headers(request, query);
                request.send_empty()
            }
            (Method::Post | Method::Put, Some(body)) => {
                let json = serde_json::to_string(body)
                    .map_err(|e| ServerError::Config(format!("cannot encode {what}: {e}")))?;
                let request =
                    if method == Method::Post { self.agent.post(&url) } else { self.agent.put(&url) };
                self.headers(request, query).header("Content-Type", "application/json").send(json)
            }
        };
        let mut response = response.map_err(|e| self.transport_error(e, what))?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(BODY_LIMIT)
            .read_to_string()
            .map_err(|e| self.transport_error(e, what))?;
        if !(200..300).contains(&status) {
            return Err(self.status_error(status, &text, what));
        }
        if text.trim().is_empty() {
            return Ok(Value::Object(Default::default()));
        }
        serde_json::from_str(&text)
            .map_err(|e| ServerError::Malformed { what: what.to_owned(), reason: format!("not JSON: {e}") })
    }

    /// Opens a server-sent-events stream (`Accept: text/event-stream`, as
    /// `Facade.EventStreamReader` does). `idle` bounds the wait for each
    /// next piece of the stream.
    pub(crate) fn stream(
        &self,
        path: &str,
        query: &[(&str, &str)],
        idle: Option<Duration>,
        what: &str,
    ) -> Result<Events, ServerError> {
        let url = format!("{}{path}", self.config.url);
        self.requests.set(self.requests.get() + 1);
        let request = self.agent.get(&url).header("Accept", "text/event-stream");
        let request = self.headers_get(request, query).config().timeout_per_read(idle).build();
        let response = request.call().map_err(|e| self.transport_error(e, what))?;
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            let text = response.into_body().read_to_string().unwrap_or_default();
            return Err(self.status_error(status, &text, what));
        }
        Ok(Events::new(Box::new(response.into_body().into_reader()), what))
    }

    fn headers<B>(
        &self,
        mut request: ureq::RequestBuilder<B>,
        query: &[(&str, &str)],
    ) -> ureq::RequestBuilder<B> {
        request = request.header("Accept", "application/json");
        if let Some(token) = &self.config.token {
            request = request.header("Authorization", token.header());
        }
        for (key, value) in query {
            request = request.query(*key, *value);
        }
        request
    }

    fn headers_get(
        &self,
        mut request: ureq::RequestBuilder<ureq::typestate::WithoutBody>,
        query: &[(&str, &str)],
    ) -> ureq::RequestBuilder<ureq::typestate::WithoutBody> {
        if let Some(token) = &self.config.token {
            request = request.header("Authorization", token.header());
        }
        for (key, value) in query {
            request = request.query(*key, *value);
        }
        request
    }

    /// The error for a non-2xx answer; Argo's `{code, message}` passed through.
    pub(crate) fn status_error(&self, status: u16, text: &str, what: &str) -> ServerError {
        let message = serde_json::from_str::<Value>(text)
            .ok()
            .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_else(|| text.trim().chars().take(300).collect());
        let what = what.to_owned();
        match status {
            401 | 403 => ServerError::Unauthorized {
                status,
                token: self.config.token.as_ref().map(|t| t.source()),
                message,
            },
            404 => ServerError::NotFound { what, message },
            409 => ServerError::Conflict { what, message },
            400 | 422 => ServerError::Invalid { what, message },
            _ => ServerError::Status { status, what, message },
        }
    }

    pub(crate) fn transport_error(&self, error: ureq::Error, what: &str) -> ServerError {
        let url = self.config.url.clone();
        match error {
            ureq::Error::Timeout(_) => ServerError::Timeout {
                url,
                what: what.to_owned(),
                seconds: self.config.request_timeout.as_secs_f64(),
            },
            ureq::Error::Tls(reason) => ServerError::Tls { url, reason: reason.to_owned() },
            ureq::Error::Rustls(reason) => ServerError::Tls { url, reason: reason.to_string() },
            ureq::Error::Pem(reason) => ServerError::Tls { url, reason: reason.to_string() },
            ureq::Error::Io(error) if error.kind() == std::io::ErrorKind::TimedOut => ServerError::Timeout {
                url,
                what: what.to_owned(),
                seconds: self.config.request_timeout.as_secs_f64(),
            },
            ureq::Error::Io(error) if looks_like_tls(&error.to_string()) => {
                ServerError::Tls { url, reason: error.to_string() }
            }
            ureq::Error::Protocol(reason) => {
                ServerError::Malformed { what: what.to_owned(), reason: format!("not HTTP: {reason}") }
            }
            ureq::Error::BadUri(reason) => ServerError::Config(format!("bad server URL {url}: {reason}")),
            error => ServerError::Unreachable { url, reason: error.to_string() },
        }
    }
}

fn looks_like_tls(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    ["certificate", "tls", "handshake", "invalidcontenttype", "corrupt message"]
        .iter()
        .any(|w| message.contains(w))
}
