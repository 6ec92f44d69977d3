//! `-o json` and `-o yaml`: objects on stdout, as the `argo` CLI prints
//! them (`argo get -o json` is the Workflow itself; `argo list -o json`
//! a JSON array of them); human output stays on stderr.

use super::Context;
use crate::support::{Exit, Output};
use serde::Serialize;

/// A machine output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Pretty JSON (one value; a list is one JSON array).
    Json,
    /// YAML (a list is one YAML sequence).
    Yaml,
}

/// Prints `value` in `format` on stdout.
pub(crate) fn print<T: Serialize>(value: &T, format: Format, cx: &mut Context<'_, '_, '_>) -> Exit {
    print_as(value, format, &format!("hera {}", cx.name), cx.out)
}

/// [`print`] for a command outside a server [`Context`]; `command` names it
/// in the error (`hera version`).
pub(crate) fn print_as<T: Serialize>(value: &T, format: Format, command: &str, out: &mut Output<'_>) -> Exit {
    let text = match format {
        Format::Json => crate::json::to_string(value).map_err(|e| e.to_string()),
        Format::Yaml => crate::yaml::emit::model_to_string(value).map_err(|e| e.to_string()),
    };
    match text {
        Ok(text) => {
            out.write(&text);
            Exit::Success
        }
        Err(error) => {
            out.error(format!("{command}: cannot print the result: {error}"));
            Exit::Problems
        }
    }
}
