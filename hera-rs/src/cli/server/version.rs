//! `version`: this client's version and, when a server is configured
//! (`--server`, ARGO_SERVER), the server's (`/api/v1/version`), as `argo
//! version` prints both.

use super::print::{Format, print_as};
use crate::server::{Client, Config, ServerError, Settings};
use crate::support::{Exit, Output};
use serde_json::{Value, json};

/// Arguments of `version`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct VersionArgs {
    /// Both versions as one object on stdout: `{"client": {...}, "server":
    /// {...}|null}` (the server's as `/api/v1/version` answers it).
    #[arg(short = 'o', long = "output", value_name = "FORMAT", value_enum)]
    pub output: Option<Format>,
    #[command(flatten)]
    pub settings: Settings,
}

/// Runs `version`: exit 0; 2 when a server is configured but cannot be
/// asked (unreachable, TLS, authentication), 1 when it answers with an error.
pub(crate) fn run(
    args: &VersionArgs,
    program: &str,
    env: &dyn Fn(&str) -> Option<String>,
    out: &mut Output<'_>,
) -> Exit {
    let client = json!({"name": "hera-rs", "version": env!("CARGO_PKG_VERSION")});
    let server = match Config::resolve(&args.settings, env) {
        Err(ServerError::NoServer) => None,
        Err(error) => return fail(program, &error, out),
        Ok(config) => {
            let url = config.url.clone();
            match Client::new(config).and_then(|c| c.version()) {
                Ok(version) => Some((url, version)),
                Err(error) => {
                    print_client(&client, args.output, out);
                    return fail(program, &error, out);
                }
            }
        }
    };
    match args.output {
        Some(format) => {
            let both = json!({"client": client, "server": server.as_ref().map(|(_, v)| v)});
            print_as(&both, format, &format!("{program} version"), out)
        }
        None => {
            print_client(&client, None, out);
            if let Some((url, version)) = &server {
                let shown = version.get("version").and_then(Value::as_str).unwrap_or("unknown");
                out.write(&format!("server: {shown} ({url})\n"));
            }
            Exit::Success
        }
    }
}

/// The client's line (text only: `-o` prints one object at the end).
fn print_client(client: &Value, output: Option<Format>, out: &mut Output<'_>) {
    if output.is_none() {
        out.write(&format!("client: hera-rs {}\n", client["version"].as_str().unwrap_or("")));
    }
}

fn fail(program: &str, error: &ServerError, out: &mut Output<'_>) -> Exit {
    out.error(format!("{program} version: {error}"));
    if error.is_fatal() { Exit::Usage } else { Exit::Problems }
}
