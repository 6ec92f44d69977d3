//! Procedural macros of hera-rs, re-exported by the `hera-rs` crate as
//! `hera::script` and `hera::Outputs`. Depend on `hera-rs`, not on this crate.
//!
//! # `#[script]`
//!
//! Turns a plain function into an Argo script template run by the program's
//! own binary. The function stays as written; beside it a module of the same
//! name holds:
//!
//! * `template()` — the script template (`hera::Script`);
//! * `call(...)` — a call with one typed argument per parameter;
//! * `NAME` — the template's name;
//! * the runner entry `hera::cli` uses for `<binary> exec <name> <file>`.
//!
//! Options, all optional: `name = "..."` (default: the function's name in
//! kebab-case), `image = "..."`, `image_pull_policy = "..."`,
//! `command = "..."` (default `/usr/local/bin/<binary>`), `timeout = "5m"`,
//! `service_account = "..."`, `resources(cpu = "500m", memory = "1Gi",
//! cpu_limit = "1", memory_limit = "2Gi")`, `retry(limit = 3, policy =
//! "OnFailure")`, `env(KEY = "value")`, `labels(key = "value")`,
//! `annotations(key = "value")`, `node_selector(key = "value")` (keys may
//! be strings: `labels("app.kubernetes.io/name" = "x")`).
//!
//! Parameters: any type serde can read (strings travel as they are, the
//! rest as JSON), `Option<T>` (optional, default `null`), a default with
//! `#[default(value)]`, and `hera::InputArtifact` for input artifacts.
//! Return: any serialisable type (printed: Argo's `outputs.result`), a
//! struct deriving `Outputs` (named outputs), or `Result<_, E: Display>`
//! (an `Err` fails the step with its message).
//!
//! # `#[derive(Outputs)]`
//!
//! On a struct with named fields: each field is a named output of the
//! script returning it, an output parameter or, for `hera::OutputArtifact`
//! fields, an output artifact. It also defines `<Struct>Refs`, typed
//! references to the outputs of a task (`task.outputs().field`).

mod errors;
mod naming;
mod outputs;
mod script;

use proc_macro::TokenStream;

/// Makes a Rust function an Argo script template. See the crate docs.
#[proc_macro_attribute]
pub fn script(attr: TokenStream, item: TokenStream) -> TokenStream {
    script::expand(attr.into(), item.into()).into()
}

/// Declares a struct's fields as a script's named outputs. See the crate docs.
#[proc_macro_derive(Outputs)]
pub fn derive_outputs(input: TokenStream) -> TokenStream {
    outputs::expand(input.into()).into()
}
