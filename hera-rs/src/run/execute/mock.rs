//! A fixed outcome for a template, instead of running it.

use super::{Finished, Job};
use crate::run::Phase;
use serde::Deserialize;

/// What a mocked template produces: `--mock TEMPLATE=FILE_OR_JSON`, or
/// [`crate::run::Run::mock`] in a test.
///
/// ```
/// use hera::run::Outcome;
/// let failed = Outcome::failed("no rows").exit_code(3);
/// let ok = Outcome::succeeded().result("42").output("rows", "3");
/// # let _ = (failed, ok);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Outcome {
    /// `Succeeded` (the default), `Failed` or `Error`.
    #[serde(default)]
    pub phase: Option<String>,
    /// The node's message.
    #[serde(default)]
    pub message: Option<String>,
    /// `outputs.result`.
    #[serde(default)]
    pub result: Option<String>,
    /// `outputs.exitCode`.
    #[serde(default)]
    pub exit_code: Option<i32>,
    /// Output parameters.
    #[serde(default)]
    pub parameters: indexmap::IndexMap<String, String>,
    /// Output artifacts: name → file on this machine.
    #[serde(default)]
    pub artifacts: indexmap::IndexMap<String, std::path::PathBuf>,
    /// How long the pod runs, on the run's clock (a Go duration: `30s`,
    /// `5m`); none: it ends at once. A mocked pod that outlives its
    /// `activeDeadlineSeconds` or `timeout` fails as a killed pod would.
    #[serde(default)]
    pub duration: Option<String>,
}

impl Outcome {
    /// A step that succeeds.
    pub fn succeeded() -> Self {
        Outcome { phase: Some("Succeeded".into()), ..Outcome::default() }
    }

    /// A step that fails with `message`.
    pub fn failed(message: impl Into<String>) -> Self {
        Outcome {
            phase: Some("Failed".into()),
            message: Some(message.into()),
            exit_code: Some(1),
            ..Outcome::default()
        }
    }

    /// A step that errors (could not run) with `message`.
    pub fn errored(message: impl Into<String>) -> Self {
        Outcome { phase: Some("Error".into()), message: Some(message.into()), ..Outcome::default() }
    }

    /// Sets `outputs.result`.
    pub fn result(mut self, result: impl Into<String>) -> Self {
        self.result = Some(result.into());
        self
    }

    /// Sets an output parameter.
    pub fn output(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        self.parameters.insert(name.into(), value.to_string());
        self
    }

    /// Sets an output artifact to a file on this machine.
    pub fn artifact(mut self, name: impl Into<String>, file: impl Into<std::path::PathBuf>) -> Self {
        self.artifacts.insert(name.into(), file.into());
        self
    }

    /// Makes the pod run for `duration` (a Go duration, `30s`) on the run's clock.
    pub fn duration(mut self, duration: impl Into<String>) -> Self {
        self.duration = Some(duration.into());
        self
    }

    /// How long the pod runs, in seconds.
    pub(crate) fn seconds(&self) -> Result<f64, String> {
        match self.duration.as_deref().filter(|d| !d.is_empty()) {
            None => Ok(0.0),
            Some(d) => {
                crate::syntax::duration::seconds(d).map_err(|e| format!("invalid mock duration '{d}': {e}"))
            }
        }
    }

    /// Sets `outputs.exitCode`.
    pub fn exit_code(mut self, code: i32) -> Self {
        self.exit_code = Some(code);
        self
    }

    /// Reads `--mock`'s value: inline JSON, or a JSON or YAML file.
    pub fn parse(text: &str) -> Result<Self, String> {
        let trimmed = text.trim_start();
        let source = if trimmed.starts_with('{') {
            text.to_owned()
        } else {
            std::fs::read_to_string(text).map_err(|e| format!("cannot read mock file {text}: {e}"))?
        };
        let outcome: Outcome =
            serde_saphyr::from_str(&source).map_err(|e| format!("invalid mock {text}: {e}"))?;
        outcome.phase()?;
        outcome.seconds()?;
        Ok(outcome)
    }

    /// The phase it ends in.
    pub(crate) fn phase(&self) -> Result<Phase, String> {
        match self.phase.as_deref().unwrap_or("Succeeded") {
            "Succeeded" => Ok(Phase::Succeeded),
            "Failed" => Ok(Phase::Failed),
            "Error" => Ok(Phase::Error),
            other => Err(format!("a mock's phase is Succeeded, Failed or Error, not '{other}'")),
        }
    }

    /// The pod's end, as the engine records it.
    pub(crate) fn finish(&self, job: &Job) -> Finished {
        self.finish_template(&job.template)
    }

    /// The end of a pod of `template`.
    pub(crate) fn finish_template(&self, template: &crate::model::Template) -> Finished {
        let phase = self.phase().unwrap_or(Phase::Error);
        let exit_code = self.exit_code.or(match phase {
            Phase::Succeeded => Some(0),
            Phase::Failed => Some(1),
            _ => None,
        });
        let message = self.message.clone().unwrap_or_else(|| match (phase, exit_code) {
            (Phase::Failed, Some(code)) => format!("Error (exit code {code})"),
            _ => String::new(),
        });
        let declared = template.outputs.as_ref().and_then(|o| o.parameters.as_ref());
        let mut parameters: Vec<(String, String)> =
            self.parameters.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        // Declared outputs the mock leaves out take their defaults, as a pod's would.
        for p in declared.into_iter().flatten() {
            if !self.parameters.contains_key(&p.name)
                && let Some(default) = p.value_from.as_ref().and_then(|v| v.default.clone())
            {
                parameters.push((p.name.clone(), default));
            }
        }
        Finished {
            phase: Some(phase),
            message,
            exit_code,
            result: self.result.clone(),
            parameters,
            artifacts: self.artifacts.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            log: self.result.clone().unwrap_or_default(),
            executor: "mock".into(),
        }
    }
}
