//! What `#[script]` and `#[derive(Outputs)]` expand to call. Not an API:
//! nothing here is stable, and user code must not name it.

pub use crate::script::runner::{Outcome, RunnerEntry};
pub use crate::script::{InputArtifact, Inputs, NodeOutputs, OutputDecl, OutputValue, Outputs, RunError};
pub use serde;

use crate::author::template::{ContainerBuilder, Script, TemplateBuilder};
use crate::author::wiring::call::encode;
use crate::script::{INPUTS_DIRECTORY, OUTPUTS_DIRECTORY, OUTPUTS_DIRECTORY_VAR};
use std::fmt::Display;
use std::marker::PhantomData;

/// One input of a script function.
pub struct InputSpec {
    /// The parameter's name, as written in Rust.
    pub name: &'static str,
    /// An input artifact rather than a parameter.
    pub artifact: bool,
    /// The default value, encoded (`null` for `Option`).
    pub default: Option<String>,
}

/// The script template of a `#[script]` function.
pub fn script_template(entry: &'static RunnerEntry, command: &str, inputs: Vec<InputSpec>) -> Script {
    let outputs = (entry.outputs)();
    let mut script = Script::with_runner(entry.template, *entry)
        .command([command])
        .args(["exec", entry.template])
        .source("{{inputs.parameters}}");
    for input in inputs {
        script = if input.artifact {
            let path = format!("{INPUTS_DIRECTORY}/artifacts/{}", input.name);
            script.input_artifact(crate::Artifact::new(input.name).path(path))
        } else {
            let mut parameter = crate::Parameter::new(input.name);
            if let Some(default) = input.default {
                parameter = parameter.default_value(default);
            }
            script.input(parameter)
        };
    }
    for output in &outputs {
        let path = output.path(std::path::Path::new(OUTPUTS_DIRECTORY)).to_string_lossy().into_owned();
        script = if output.artifact {
            script.output_artifact(crate::Artifact::new(output.name).path(path))
        } else {
            script.output(crate::Parameter::new(output.name).value_from_path(path))
        };
    }
    if !outputs.is_empty() {
        script = script.env(OUTPUTS_DIRECTORY_VAR, OUTPUTS_DIRECTORY);
    }
    script
}

/// The default command: the program's binary where the image installs it.
pub fn default_command(binary: Option<&str>, package: &str) -> String {
    format!("/usr/local/bin/{}", binary.unwrap_or(package))
}

/// A default value of a parameter of type `T`, encoded as Hera does.
pub fn default_value<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value).map(encode).unwrap_or_default()
}

/// The value a function returned, for choosing how to report it (by the
/// most specific impl: autoref specialisation at the expansion site).
pub struct Returned<T>(pub T);

fn serialised<T: serde::Serialize>(value: &T) -> Result<Option<String>, RunError> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Null) => Ok(None),
        Ok(value) => Ok(Some(encode(value))),
        Err(e) => Err(RunError(format!("cannot serialise the result: {e}"))),
    }
}

fn named<T: Outputs>(value: &T) -> Result<Outcome, RunError> {
    let outputs = value.values().map_err(RunError)?;
    Ok(Outcome { outputs, ..Outcome::default() })
}

fn failed(error: &dyn Display) -> Result<Outcome, RunError> {
    Ok(Outcome { failure: Some(error.to_string()), ..Outcome::default() })
}

/// `Result<O, E>` where `O` derives [`Outputs`].
pub trait ReturnsFallibleOutputs {
    /// What to report.
    fn hera_outcome(self) -> Result<Outcome, RunError>;
}
impl<T: Outputs, E: Display> ReturnsFallibleOutputs for &&&&Returned<Result<T, E>> {
    fn hera_outcome(self) -> Result<Outcome, RunError> {
        match &self.0 {
            Ok(value) => named(value),
            Err(error) => failed(error),
        }
    }
}

/// `Result<T, E>` where `T` is serialisable.
pub trait ReturnsFallibleValue {
    /// What to report.
    fn hera_outcome(self) -> Result<Outcome, RunError>;
}
impl<T: serde::Serialize, E: Display> ReturnsFallibleValue for &&&Returned<Result<T, E>> {
    fn hera_outcome(self) -> Result<Outcome, RunError> {
        match &self.0 {
            Ok(value) => Ok(Outcome { result: serialised(value)?, ..Outcome::default() }),
            Err(error) => failed(error),
        }
    }
}

/// A struct deriving [`Outputs`].
pub trait ReturnsOutputs {
    /// What to report.
    fn hera_outcome(self) -> Result<Outcome, RunError>;
}
impl<T: Outputs> ReturnsOutputs for &&Returned<T> {
    fn hera_outcome(self) -> Result<Outcome, RunError> {
        named(&self.0)
    }
}

/// Any serialisable value (printed as the result).
pub trait ReturnsValue {
    /// What to report.
    fn hera_outcome(self) -> Result<Outcome, RunError>;
}
impl<T: serde::Serialize> ReturnsValue for &Returned<T> {
    fn hera_outcome(self) -> Result<Outcome, RunError> {
        Ok(Outcome { result: serialised(&self.0)?, ..Outcome::default() })
    }
}

/// The return type of a function, for declaring its outputs.
pub struct Declare<T>(PhantomData<fn() -> T>);

impl<T> Declare<T> {
    /// A marker for `T`.
    pub fn new() -> Self {
        Declare(PhantomData)
    }
}

impl<T> Default for Declare<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Outputs of `Result<O, E>` where `O` derives [`Outputs`].
pub trait DeclaresFallibleOutputs {
    /// The declared outputs.
    fn hera_outputs(self) -> Vec<OutputDecl>;
}
impl<T: Outputs, E> DeclaresFallibleOutputs for &&&Declare<Result<T, E>> {
    fn hera_outputs(self) -> Vec<OutputDecl> {
        T::declare()
    }
}

/// Outputs of a struct deriving [`Outputs`].
pub trait DeclaresOutputs {
    /// The declared outputs.
    fn hera_outputs(self) -> Vec<OutputDecl>;
}
impl<T: Outputs> DeclaresOutputs for &&Declare<T> {
    fn hera_outputs(self) -> Vec<OutputDecl> {
        T::declare()
    }
}

/// Anything else declares no named outputs (its result is stdout).
pub trait DeclaresNothing {
    /// The declared outputs.
    fn hera_outputs(self) -> Vec<OutputDecl>;
}
impl<T> DeclaresNothing for &Declare<T> {
    fn hera_outputs(self) -> Vec<OutputDecl> {
        Vec::new()
    }
}

/// Used by `#[derive(Outputs)]`: the text of one output parameter.
#[allow(clippy::missing_errors_doc)]
pub fn output_parameter<T: serde::Serialize>(value: &T) -> Result<OutputValue, String> {
    serde_json::to_value(value)
        .map(|v| OutputValue::Parameter(encode(v)))
        .map_err(|e| format!("cannot serialise an output: {e}"))
}

/// Used by `#[derive(Outputs)]`: the file of one output artifact.
pub fn output_artifact(artifact: &crate::OutputArtifact) -> Result<OutputValue, String> {
    Ok(OutputValue::Artifact(artifact.path().to_path_buf()))
}
