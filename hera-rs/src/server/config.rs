//! Where the server is and how to talk to it, read the way the `argo` CLI
//! reads it (`cmd/argo/commands/client/conn.go`, `ArgoServerOpts.GetURL`).

use super::error::ServerError;
use std::path::PathBuf;
use std::time::Duration;

/// Where a token came from (said in authentication errors; the token never is).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenSource {
    /// `--token`.
    Flag,
    /// `ARGO_TOKEN`.
    Environment,
}

impl std::fmt::Display for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TokenSource::Flag => "--token",
            TokenSource::Environment => "ARGO_TOKEN",
        })
    }
}

/// A bearer token. Its `Debug` hides the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    header: String,
    source: TokenSource,
}

impl Token {
    /// A token from `source`; `Bearer ` is added when the value is one word
    /// (as Hera does, hera#1016).
    pub fn new(value: &str, source: TokenSource) -> Token {
        let value = value.trim();
        let header = if value.contains(' ') { value.to_owned() } else { format!("Bearer {value}") };
        Token { header, source }
    }

    /// The `Authorization` header's value.
    pub fn header(&self) -> &str {
        &self.header
    }

    /// Where it came from.
    pub fn source(&self) -> TokenSource {
        self.source
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Token(from {}, ******)", self.source)
    }
}

/// The settings given on a command line; each falls back to its variable.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct Settings {
    /// The Argo Server: `host:port` (https implied; ARGO_SECURE=false for
    /// http) or a full URL [env: ARGO_SERVER].
    #[arg(long, value_name = "URL", global = true)]
    pub server: Option<String>,
    /// The bearer token (`Bearer ` added when missing) [env: ARGO_TOKEN].
    #[arg(long, value_name = "TOKEN", global = true)]
    pub token: Option<String>,
    /// The namespace [env: ARGO_NAMESPACE; default: argo].
    #[arg(short = 'n', long, value_name = "NAMESPACE", global = true)]
    pub namespace: Option<String>,
    /// Do not check the server's certificate [env: ARGO_INSECURE_SKIP_VERIFY=true].
    #[arg(short = 'k', long, global = true)]
    pub insecure_skip_verify: bool,
    /// Trust the CA certificates (PEM) in FILE, instead of the system's, for
    /// the server's certificate (the argo CLI's --certificate-authority).
    #[arg(long, value_name = "FILE", global = true, visible_alias = "certificate-authority")]
    pub ca_cert: Option<PathBuf>,
    /// Present this client certificate (PEM) to the server (with --client-key).
    #[arg(long, value_name = "FILE", global = true, requires = "client_key")]
    pub client_certificate: Option<PathBuf>,
    /// The private key (PEM) of --client-certificate.
    #[arg(long, value_name = "FILE", global = true, requires = "client_certificate")]
    pub client_key: Option<PathBuf>,
    /// Seconds before a request without an answer fails [default: 30].
    #[arg(long, value_name = "SECONDS", global = true, hide = true)]
    pub request_timeout: Option<f64>,
}

/// A resolved client configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// The base URL, base href included, without a trailing `/`.
    pub url: String,
    /// The token, if any.
    pub token: Option<Token>,
    /// The default namespace.
    pub namespace: String,
    /// Skip certificate verification.
    pub insecure_skip_verify: bool,
    /// A file of CA certificates to trust instead of the system's roots.
    pub ca_cert: Option<PathBuf>,
    /// A client certificate and its key (PEM files), for servers that ask
    /// for one (`util/tls.GetClientTLSConfig`: both or neither).
    pub client_certificate: Option<(PathBuf, PathBuf)>,
    /// How long one request may wait for an answer.
    pub request_timeout: Duration,
}

impl Config {
    /// A configuration for `url` (a full URL or `host:port`), no token,
    /// namespace `argo`.
    pub fn new(url: &str) -> Result<Config, ServerError> {
        Ok(Config {
            url: base_url(url, None, true)?,
            token: None,
            namespace: "argo".into(),
            insecure_skip_verify: false,
            ca_cert: None,
            client_certificate: None,
            request_timeout: Duration::from_secs(30),
        })
    }

    /// Resolves `settings`, falling back to the variables read by `env`
    /// (`std::env::var` in a program; a map in tests).
    pub fn resolve(settings: &Settings, env: impl Fn(&str) -> Option<String>) -> Result<Config, ServerError> {
        let env = |name: &str| env(name).filter(|v| !v.is_empty());
        let server = settings.server.clone().or_else(|| env("ARGO_SERVER")).ok_or(ServerError::NoServer)?;
        let secure = env("ARGO_SECURE").is_none_or(|v| v != "false");
        let url = base_url(&server, env("ARGO_BASE_HREF").as_deref(), secure)?;
        let token = match &settings.token {
            Some(token) => Some(Token::new(token, TokenSource::Flag)),
            None => env("ARGO_TOKEN").map(|t| Token::new(&t, TokenSource::Environment)),
        };
        let client_certificate = match (&settings.client_certificate, &settings.client_key) {
            (Some(cert), Some(key)) => Some((cert.clone(), key.clone())),
            (None, None) => None,
            _ => {
                return Err(ServerError::Config(
                    "--client-certificate and --client-key must be given together".into(),
                ));
            }
        };
        let request_timeout = match settings.request_timeout {
            Some(seconds) if seconds.is_finite() && seconds > 0.0 => Duration::from_secs_f64(seconds),
            Some(_) => return Err(ServerError::Config("--request-timeout must be a positive number".into())),
            None => Duration::from_secs(30),
        };
        Ok(Config {
            url,
            token,
            namespace: settings
                .namespace
                .clone()
                .or_else(|| env("ARGO_NAMESPACE"))
                .unwrap_or_else(|| "argo".into()),
            insecure_skip_verify: settings.insecure_skip_verify
                || env("ARGO_INSECURE_SKIP_VERIFY").is_some_and(|v| v == "true"),
            ca_cert: settings.ca_cert.clone(),
            client_certificate,
            request_timeout,
        })
    }
}

/// `host:port` becomes `https://host:port` (`http://` when not `secure`),
/// as `ArgoServerOpts.GetURL` builds it; a URL is kept. The base href
/// (`ARGO_BASE_HREF`) is appended.
fn base_url(server: &str, base_href: Option<&str>, secure: bool) -> Result<String, ServerError> {
    let server = server.trim();
    let url = if server.starts_with("http://") || server.starts_with("https://") {
        server.to_owned()
    } else if server.contains("://") {
        return Err(ServerError::Config(format!(
            "ARGO_SERVER {server:?}: only http:// and https:// are supported"
        )));
    } else {
        format!("{}://{server}", if secure { "https" } else { "http" })
    };
    let host = url.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    if host.is_empty() || host.starts_with('/') {
        return Err(ServerError::Config(format!("ARGO_SERVER {server:?} names no host")));
    }
    let mut url = url.trim_end_matches('/').to_owned();
    if let Some(href) = base_href.map(|h| h.trim_matches('/')).filter(|h| !h.is_empty()) {
        url.push('/');
        url.push_str(href);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn host_port_implies_https_and_base_href_is_appended() {
        let config = Config::resolve(
            &Settings::default(),
            env(&[("ARGO_SERVER", "localhost:2746"), ("ARGO_BASE_HREF", "/argo/")]),
        )
        .unwrap();
        assert_eq!(config.url, "https://localhost:2746/argo");
        assert_eq!(config.namespace, "argo");
        let plain =
            Config::resolve(&Settings::default(), env(&[("ARGO_SERVER", "h:1"), ("ARGO_SECURE", "false")]));
        assert_eq!(plain.unwrap().url, "http://h:1");
    }

    #[test]
    fn flags_win_and_tokens_get_bearer() {
        let settings =
            Settings { server: Some("http://a:1/".into()), token: Some("abc".into()), ..Default::default() };
        let config =
            Config::resolve(&settings, env(&[("ARGO_SERVER", "b:2"), ("ARGO_TOKEN", "Bearer x")])).unwrap();
        assert_eq!(config.url, "http://a:1");
        let token = config.token.unwrap();
        assert_eq!((token.header(), token.source()), ("Bearer abc", TokenSource::Flag));
        assert!(!format!("{token:?}").contains("abc"));
    }

    #[test]
    fn a_missing_server_names_the_variable() {
        let error = Config::resolve(&Settings::default(), env(&[])).unwrap_err();
        assert!(error.to_string().contains("ARGO_SERVER"), "{error}");
    }
}
