//! `-o json` and `-o yaml`: objects on stdout, as the `argo` CLI prints
//! them (`argo get -o json` is the Workflow itself; `argo list -o json`
//! a JSON array of them); human output stays on stderr.

use super::Context;
use crate::support::Exit;
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
    let text = match format {
        Format::Json => crate::json::to_string(value).map_err(|e| e.to_string()),
        Format::Yaml => crate::yaml::emit::model_to_string(value).map_err(|e| e.to_string()),
    };
    match text {
        Ok(text) => {
            cx.out.write(&text);
            Exit::Success
        }
        Err(error) => {
            cx.out.error(format!("hera {}: cannot print the result: {error}", cx.name));
            Exit::Problems
        }
    }
}
