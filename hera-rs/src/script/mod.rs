//! Support for `#[script]`: Rust functions as Argo script templates, run
//! in the pod by the program's own binary.
//!
//! A `#[script]` function gets a same-named module with `template()` (the
//! script template), `call(...)` (a typed call: each argument must be of the
//! parameter's type, an output of that type, or an untyped reference such
//! as `item()`) and the runner entry that `hera::cli` dispatches to when the
//! pod runs `<binary> exec <template> <file>`.
//!
//! The protocol is Hera's, so Argo runs it unmodified: the template's
//! `source` is `{{inputs.parameters}}`, which Argo replaces with the JSON list
//! of input parameters and writes to a file whose path it appends to the
//! command. Strings travel as they are, other values as JSON. The return
//! value is printed (Argo's `outputs.result`); a struct deriving [`Outputs`]
//! writes one output parameter (or artifact) per field under
//! `$hera__outputs_directory` (default `/tmp/hera-outputs`); an `Err` fails
//! the step with its message.

#[doc(hidden)]
pub mod expansion;
mod lax;
mod outputs;
pub(crate) mod runner;
mod values;

pub use outputs::{InputArtifact, NodeOutputs, OutputArtifact, OutputDecl, OutputValue, Outputs};
pub use runner::{Inputs, RunError};
pub use values::{ScriptInput, ScriptReturn};

/// Where a script's named outputs are written, unless the
/// `hera__outputs_directory` environment variable says otherwise.
pub const OUTPUTS_DIRECTORY: &str = "/tmp/hera-outputs";

/// The environment variable naming the outputs directory (Hera's name).
pub const OUTPUTS_DIRECTORY_VAR: &str = "hera__outputs_directory";

/// Where input artifacts are placed in the container.
pub const INPUTS_DIRECTORY: &str = "/tmp/hera-inputs";

/// The environment variable that moves the input artifacts' directory
/// (for running a script outside Argo, e.g. in tests).
pub const INPUTS_DIRECTORY_VAR: &str = "hera__inputs_directory";
