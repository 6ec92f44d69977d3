//! Named outputs and artifacts of `#[script]` functions.

use super::{INPUTS_DIRECTORY, INPUTS_DIRECTORY_VAR, OUTPUTS_DIRECTORY, OUTPUTS_DIRECTORY_VAR};
use crate::author::wiring::expr::{Expr, Source};
use std::path::{Path, PathBuf};

/// One output a template declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutputDecl {
    /// Its name (the field's name).
    pub name: &'static str,
    /// An artifact (a file) rather than a parameter (a value).
    pub artifact: bool,
}

impl OutputDecl {
    /// Where the runner writes it and Argo collects it.
    pub fn path(&self, directory: &Path) -> PathBuf {
        let kind = if self.artifact { "artifacts" } else { "parameters" };
        directory.join(kind).join(self.name)
    }
}

/// The value of one output after the function ran.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputValue {
    /// A parameter's text (strings as they are, other values as JSON).
    Parameter(String),
    /// A file the function wrote, to be moved where Argo collects it.
    Artifact(PathBuf),
}

/// A struct whose fields are a script's named outputs; derive it with
/// `#[derive(hera::Outputs)]`. Each field becomes an output parameter (any
/// serialisable type) or, for [`OutputArtifact`] fields, an output artifact.
pub trait Outputs {
    /// References to each output of a task or step running the script
    /// (`task.outputs().sum`), typed like the fields.
    type Refs;

    /// The outputs, in field order.
    fn declare() -> Vec<OutputDecl>;

    /// References to the outputs of one task or step.
    fn refs(node: &NodeOutputs) -> Self::Refs;

    /// The values to write, in field order.
    fn values(&self) -> Result<Vec<OutputValue>, String>;
}

/// The outputs of one task or step, for building typed references.
#[derive(Clone, Debug)]
pub struct NodeOutputs {
    pub(crate) prefix: String,
    pub(crate) source: Source,
}

impl NodeOutputs {
    /// `{{<node>.outputs.parameters.<name>}}`, typed.
    pub fn parameter<T>(&self, name: &str) -> Expr<T> {
        Expr::produced_by(format!("{}.outputs.parameters.{name}", self.prefix), self.source.clone())
    }

    /// `{{<node>.outputs.artifacts.<name>}}`.
    pub fn artifact(&self, name: &str) -> Expr {
        Expr::produced_by(format!("{}.outputs.artifacts.{name}", self.prefix), self.source.clone())
    }
}

/// The directory named outputs are written to in the pod.
pub(crate) fn outputs_directory() -> PathBuf {
    std::env::var_os(OUTPUTS_DIRECTORY_VAR)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(OUTPUTS_DIRECTORY))
}

/// A file a script produces as an output artifact: write it anywhere and
/// return it in a field of an [`Outputs`] struct; the runner moves it where
/// Argo collects it.
///
/// ```
/// let report = hera::OutputArtifact::new(std::env::temp_dir().join("report.txt"));
/// assert!(report.path().ends_with("report.txt"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputArtifact {
    path: PathBuf,
}

impl OutputArtifact {
    /// The artifact is the file (or directory) at `path`.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        OutputArtifact { path: path.into() }
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// An input artifact of a script: a file Argo placed in the pod before the
/// function runs (at `/tmp/hera-inputs/artifacts/<parameter name>`). Where it
/// comes from (another task, S3, HTTP, Git) is chosen at the call site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputArtifact {
    path: PathBuf,
}

impl InputArtifact {
    /// The artifact of the parameter `name`, at its place in the pod.
    pub fn named(name: &str) -> Self {
        InputArtifact { path: Self::path_for(name) }
    }

    /// Where the artifact of the parameter `name` is placed: under
    /// `/tmp/hera-inputs`, or the `hera__inputs_directory` environment
    /// variable's directory when set (for running outside Argo).
    pub fn path_for(name: &str) -> PathBuf {
        let directory = std::env::var_os(INPUTS_DIRECTORY_VAR).map(PathBuf::from);
        directory.unwrap_or_else(|| PathBuf::from(INPUTS_DIRECTORY)).join("artifacts").join(name)
    }

    /// An artifact at any path (for tests that call the function directly).
    pub fn at(path: impl Into<PathBuf>) -> Self {
        InputArtifact { path: path.into() }
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's content as text.
    pub fn read_to_string(&self) -> std::io::Result<String> {
        std::fs::read_to_string(&self.path)
    }
}
