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
    /// A client for `config`; fails only when a certificate or key file
    /// cannot be read (as `util/tls.GetClientTLSConfig` does).
    pub fn new(config: Config) -> Result<Client, ServerError> {
        let mut tls = ureq::tls::TlsConfig::builder().disable_verification(config.insecure_skip_verify);
        if let Some(path) = &config.ca_cert {
            let certs = certificates(path, "--ca-cert")?;
            tls = tls.root_certs(ureq::tls::RootCerts::new_with_certs(&certs));
        }
        if let Some((cert, key)) = &config.client_certificate {
            let chain = certificates(cert, "--client-certificate")?;
            let pem = read(key, "--client-key")?;
            let key = ureq::tls::parse_pem(&pem)
                .find_map(|item| match item {
                    Ok(ureq::tls::PemItem::PrivateKey(key)) => Some(key),
                    _ => None,
                })
                .ok_or_else(|| {
                    ServerError::Config(format!(
                        "--client-key {}: no PEM private key in the file",
                        key.display()
                    ))
                })?;
            tls = tls.client_cert(Some(ureq::tls::ClientCert::new_with_certs(&chain, key)));
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
                let json = crate::json::to_compact(body)
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
        match rustls_error(&error) {
            Some(rustls::Error::InvalidCertificate(reason)) => {
                return ServerError::UntrustedCertificate { url, reason: certificate_reason(reason) };
            }
            Some(rustls::Error::AlertReceived(alert)) => {
                use rustls::AlertDescription as A;
                let reason = match alert {
                    A::CertificateRequired => {
                        "the server asks for a client certificate (--client-certificate FILE --client-key FILE)"
                            .to_owned()
                    }
                    A::BadCertificate | A::UnknownCA | A::CertificateUnknown => {
                        format!("the server refused the client certificate ({alert:?})")
                    }
                    _ => format!("the server ended the handshake ({alert:?})"),
                };
                return ServerError::Tls { url, reason };
            }
            Some(rustls::Error::InvalidMessage(_)) => {
                return ServerError::Tls {
                    url,
                    reason: "the server does not answer in TLS (a plain HTTP server needs ARGO_SECURE=false \
                             or an http:// URL)"
                        .to_owned(),
                };
            }
            Some(reason) => return ServerError::Tls { url, reason: reason.to_string() },
            None => {}
        }
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

/// The bytes of a PEM file named by `flag`.
fn read(path: &std::path::Path, flag: &str) -> Result<Vec<u8>, ServerError> {
    std::fs::read(path)
        .map_err(|e| ServerError::Config(format!("{flag} {}: cannot read: {e}", path.display())))
}

/// The certificates of the PEM file named by `flag`; none is an error.
fn certificates(
    path: &std::path::Path,
    flag: &str,
) -> Result<Vec<ureq::tls::Certificate<'static>>, ServerError> {
    let pem = read(path, flag)?;
    let certs: Vec<_> = ureq::tls::parse_pem(&pem)
        .filter_map(|item| match item {
            Ok(ureq::tls::PemItem::Certificate(cert)) => Some(cert),
            _ => None,
        })
        .collect();
    if certs.is_empty() {
        return Err(ServerError::Config(format!(
            "{flag} {}: no PEM certificate in the file",
            path.display()
        )));
    }
    Ok(certs)
}

/// The rustls error inside `error`: ureq returns it as such, or inside an
/// I/O error when the handshake fails while writing the request.
fn rustls_error(error: &ureq::Error) -> Option<&rustls::Error> {
    match error {
        ureq::Error::Rustls(error) => Some(error),
        ureq::Error::Io(error) => error.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()),
        _ => None,
    }
}

/// Why a certificate is not trusted, in words.
fn certificate_reason(error: &rustls::CertificateError) -> String {
    use rustls::CertificateError as E;
    match error {
        E::UnknownIssuer => "it is not signed by a CA this client trusts".to_owned(),
        E::NotValidForName | E::NotValidForNameContext { .. } => {
            "it is not valid for the host name in the server URL".to_owned()
        }
        E::Expired | E::ExpiredContext { .. } => "it has expired".to_owned(),
        E::NotValidYet | E::NotValidYetContext { .. } => "it is not valid yet".to_owned(),
        E::Revoked => "it has been revoked".to_owned(),
        other => format!("{other:?}"),
    }
}

fn looks_like_tls(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    ["certificate", "tls", "handshake", "invalidcontenttype", "corrupt message"]
        .iter()
        .any(|w| message.contains(w))
}
