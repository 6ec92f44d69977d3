//! `#[script]` functions run in this process: what a test harness uses, so
//! `cargo test` needs no image and no binary of the program. The runner is
//! the pod's own (`script::runner`); only the process boundary is gone.

use super::{Executor, Finished, Job};
use crate::run::Phase;
use crate::script::OUTPUTS_DIRECTORY;
use crate::script::runner::{self, RunnerEntry};
use crate::support::Output;
use std::path::{Path, PathBuf};

/// Runs the `#[script]` functions of a program.
#[derive(Debug, Clone)]
pub(crate) struct ScriptExecutor {
    pub runners: Vec<RunnerEntry>,
}

impl Executor for ScriptExecutor {
    fn run(&self, job: &Job) -> Finished {
        let error = |message: String| Finished::error("script", message);
        let name = job.template.name.as_deref().unwrap_or("");
        let Some(entry) = self.runners.iter().find(|r| r.template == name) else {
            return error(format!("no #[script] function named '{name}' in this program"));
        };
        let source = job.template.script.as_ref().and_then(|s| s.source.clone()).unwrap_or_default();
        let inputs = job.directory.join("inputs.json");
        let outputs = job.directory.join("outputs");
        if let Err(e) = std::fs::create_dir_all(&outputs).and_then(|()| std::fs::write(&inputs, source)) {
            return error(format!("cannot write the inputs file: {e}"));
        }
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let exit = {
            let mut out = Output::new(&mut stdout, &mut stderr);
            runner::exec_in(entry, &inputs, &outputs, &mut out)
        };
        let stdout = String::from_utf8_lossy(&stdout).into_owned();
        let stderr = String::from_utf8_lossy(&stderr).into_owned();
        let code = i32::from(exit != crate::support::Exit::Success);
        let mut finished = Finished {
            phase: Some(if code == 0 { Phase::Succeeded } else { Phase::Failed }),
            message: if code == 0 { String::new() } else { format!("Error (exit code {code})") },
            exit_code: Some(code),
            result: job.include_result.then(|| stdout.strip_suffix('\n').unwrap_or(&stdout).to_owned()),
            log: format!("{stdout}{stderr}"),
            executor: "script (in process)".into(),
            ..Finished::default()
        };
        let local = |path: &str| -> PathBuf {
            Path::new(path)
                .strip_prefix(OUTPUTS_DIRECTORY)
                .map_or_else(|_| PathBuf::from(path), |rest| outputs.join(rest))
        };
        for p in job.template.outputs.iter().flat_map(|o| o.parameters.iter().flatten()) {
            let Some(path) = p.value_from.as_ref().and_then(|v| v.path.as_deref()) else { continue };
            match std::fs::read_to_string(local(path)) {
                Ok(text) => finished
                    .parameters
                    .push((p.name.clone(), text.strip_suffix('\n').unwrap_or(&text).to_owned())),
                Err(_) => match p.value_from.as_ref().and_then(|v| v.default.clone()) {
                    Some(default) => finished.parameters.push((p.name.clone(), default)),
                    None if code == 0 => {
                        finished.phase = Some(Phase::Error);
                        finished.message = format!("open {path}: no such file or directory");
                    }
                    None => {}
                },
            }
        }
        for a in job.template.outputs.iter().flat_map(|o| o.artifacts.iter().flatten()) {
            let Some(path) = a.path.as_deref() else { continue };
            let file = local(path);
            if file.exists() {
                finished.artifacts.push((a.name.clone(), file));
            }
        }
        finished
    }
}
