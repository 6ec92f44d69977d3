//! What can go wrong talking to an Argo Server, one variant per cause.

use super::config::TokenSource;

/// An error of the Argo Server client. Messages name the server, the object
/// and, for authentication, where the token came from; never the token.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// No server is configured.
    #[error("no Argo Server configured: pass --server or set ARGO_SERVER (host:port or URL)")]
    NoServer,
    /// The configuration is wrong (a bad URL, an unreadable CA file).
    #[error("{0}")]
    Config(String),
    /// The server could not be reached.
    #[error("cannot reach the Argo Server at {url}: {reason}")]
    Unreachable {
        /// The server's base URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// The TLS handshake failed (certificate, protocol).
    #[error("TLS with the Argo Server at {url} failed: {reason}")]
    Tls {
        /// The server's base URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// The server's certificate is not trusted (unknown CA, wrong host
    /// name, expired).
    #[error(
        "the Argo Server at {url} presented a certificate this client does not trust: {reason} \
         (--ca-cert FILE trusts the CA that signed it; --insecure-skip-verify or \
         ARGO_INSECURE_SKIP_VERIFY=true skips the check)"
    )]
    UntrustedCertificate {
        /// The server's base URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// 401 or 403.
    #[error("{}", unauthorized_message(*.status, .token, .message))]
    Unauthorized {
        /// 401 or 403.
        status: u16,
        /// Where the token came from, if one was sent.
        token: Option<TokenSource>,
        /// Argo's message.
        message: String,
    },
    /// 404: the object does not exist.
    #[error("{what} not found on the server{}", suffix(.message))]
    NotFound {
        /// The object (`WorkflowTemplate argo/my-wt`) or path.
        what: String,
        /// Argo's message.
        message: String,
    },
    /// 409: the object exists, or it changed since it was read.
    #[error("conflict on {what}: {message}")]
    Conflict {
        /// The object.
        what: String,
        /// Argo's message.
        message: String,
    },
    /// 400 (or 422): Argo refused the request; its message is passed through.
    #[error("the Argo Server refused {what}: {message}")]
    Invalid {
        /// The object or request.
        what: String,
        /// Argo's message.
        message: String,
    },
    /// Any other status.
    #[error("the Argo Server answered {status} for {what}: {message}")]
    Status {
        /// The HTTP status.
        status: u16,
        /// The object or request.
        what: String,
        /// Argo's message.
        message: String,
    },
    /// The response is not what the API specifies.
    #[error("malformed response from the Argo Server for {what}: {reason}")]
    Malformed {
        /// The object or request.
        what: String,
        /// Why, with the field path where known.
        reason: String,
    },
    /// The server did not answer in time.
    #[error("the Argo Server at {url} did not answer within {seconds:.1}s ({what})")]
    Timeout {
        /// The server's base URL.
        url: String,
        /// The request.
        what: String,
        /// The timeout.
        seconds: f64,
    },
}

fn suffix(message: &str) -> String {
    if message.is_empty() { String::new() } else { format!(": {message}") }
}

fn unauthorized_message(status: u16, token: &Option<TokenSource>, message: &str) -> String {
    let what = if status == 401 { "not authenticated" } else { "not allowed" };
    let token = match token {
        Some(source) => format!("the token from {source} was refused"),
        None => "no token was sent: pass --token or set ARGO_TOKEN".to_owned(),
    };
    format!("{what} ({status}): {token}{}", suffix(message))
}

impl ServerError {
    /// Whether this is a failure to do the job at all (exit 2: no server,
    /// unreachable, TLS, authentication) rather than a problem with the
    /// objects (exit 1).
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            ServerError::NoServer
                | ServerError::Config(_)
                | ServerError::Unreachable { .. }
                | ServerError::Tls { .. }
                | ServerError::UntrustedCertificate { .. }
                | ServerError::Unauthorized { .. }
                | ServerError::Timeout { .. }
        )
    }
}
