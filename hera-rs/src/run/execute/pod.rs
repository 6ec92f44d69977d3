//! What the host and container executors share: the main container they
//! run, how its process ended, and its outputs read back as Argo's wait
//! container reads them.

use super::Finished;
use super::host::Ended;
use crate::model;
use crate::run::Phase;
use std::path::{Path, PathBuf};

/// The parts of a container or script template's main container that an
/// executor uses.
pub(super) struct ContainerParts {
    pub image: String,
    pub command: Vec<String>,
    pub args: Vec<String>,
    pub env: Vec<model::EnvVar>,
    pub working_dir: Option<String>,
    pub mounts: Vec<model::VolumeMount>,
    pub readiness: Option<model::Probe>,
    pub ports: Vec<model::ContainerPort>,
    /// `imagePullPolicy` (`Always`, `IfNotPresent`, `Never`).
    pub pull_policy: Option<String>,
    /// A script template's source (Argo writes it to a file and appends its path).
    pub source: Option<String>,
}

/// The same fields of `Container` and `ScriptTemplate`, two model types.
macro_rules! parts_of {
    ($c:expr, $source:expr) => {
        ContainerParts {
            image: $c.image.clone().unwrap_or_default(),
            command: $c.command.clone().unwrap_or_default(),
            args: $c.args.clone().unwrap_or_default(),
            env: $c.env.clone().unwrap_or_default(),
            working_dir: $c.working_dir.clone(),
            mounts: $c.volume_mounts.clone().unwrap_or_default(),
            readiness: $c.readiness_probe.clone(),
            ports: $c.ports.clone().unwrap_or_default(),
            pull_policy: $c.image_pull_policy.clone(),
            source: $source,
        }
    };
}

impl ContainerParts {
    /// The main container of `template`, or why `executor` cannot run it.
    pub fn of(template: &model::Template, executor: &str) -> Result<Self, String> {
        if let Some(c) = &template.container {
            Ok(parts_of!(c, None))
        } else if let Some(s) = &template.script {
            Ok(parts_of!(s, Some(s.source.clone().unwrap_or_default())))
        } else {
            Err(format!(
                "the {executor} executor cannot run template '{}': it is not a container or script",
                template.name.as_deref().unwrap_or("")
            ))
        }
    }
}

/// A pod's state once its process ended.
pub(super) enum Ending {
    /// Final, nothing collected: killed at its deadline (the kubelet kills a
    /// pod past its `activeDeadlineSeconds`), or a daemon stopped at the end
    /// of its scope (the engine has already marked its node,
    /// `killDaemonedChildren`).
    Final(Finished),
    /// Exited, its state by exit code; its outputs are still to collect.
    Exited(Finished),
}

/// How a pod's process ended.
pub(super) fn process_ended(
    executor: &str,
    job: &super::Job,
    output: &std::process::Output,
    ended: Ended,
) -> Ending {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let log = format!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    match ended {
        Ended::Killed => return Ending::Final(Finished { log, ..Finished::deadline_exceeded(executor) }),
        Ended::Stopped => {
            return Ending::Final(Finished {
                phase: Some(Phase::Succeeded),
                log,
                executor: executor.into(),
                ..Finished::default()
            });
        }
        Ended::Exited => {}
    }
    let code = output.status.code().unwrap_or(128 + 9);
    Ending::Exited(Finished {
        phase: Some(if code == 0 { Phase::Succeeded } else { Phase::Failed }),
        message: if code == 0 { String::new() } else { format!("Error (exit code {code})") },
        exit_code: Some(code),
        result: job.include_result.then(|| stdout.strip_suffix('\n').unwrap_or(&stdout).to_owned()),
        log,
        executor: executor.into(),
        ..Finished::default()
    })
}

/// Reads the output parameters and artifacts (`SaveParameters`,
/// `SaveArtifacts`: one final newline of a parameter trimmed). `fetch`
/// gives the host file of a pod path, copying it to the given place if it
/// must (`None`: no such file). A failure makes the pod an Error.
pub(super) fn collect_outputs(
    job: &super::Job,
    finished: &mut Finished,
    fetch: impl Fn(&str, &Path) -> Result<Option<PathBuf>, String>,
) {
    if let Err(message) = collect(job, finished, fetch) {
        finished.phase = Some(Phase::Error);
        finished.message = message;
    }
}

fn collect(
    job: &super::Job,
    finished: &mut Finished,
    fetch: impl Fn(&str, &Path) -> Result<Option<PathBuf>, String>,
) -> Result<(), String> {
    let Some(outputs) = &job.template.outputs else { return Ok(()) };
    for p in outputs.parameters.iter().flatten() {
        let Some(from) = &p.value_from else { continue };
        let Some(path) = &from.path else { continue };
        let read = match fetch(path, &job.directory.join("collected/parameters").join(&p.name))? {
            Some(file) => std::fs::read_to_string(file).map_err(|e| go_error(&e)),
            None => Err("no such file or directory"),
        };
        let value = match (read, &from.default) {
            (Ok(text), _) => text,
            (Err(_), Some(default)) => default.clone(),
            (Err(why), None) => return Err(format!("open {path}: {why}")),
        };
        finished.parameters.push((p.name.clone(), value.strip_suffix('\n').unwrap_or(&value).to_owned()));
    }
    for a in outputs.artifacts.iter().flatten() {
        let Some(path) = &a.path else { continue };
        let kept = job.directory.join("outputs").join(&a.name);
        match fetch(path, &kept)? {
            Some(file) => {
                if file != kept {
                    super::copy(&file, &kept)
                        .map_err(|e| format!("cannot save artifact '{}': {e}", a.name))?;
                }
                finished.artifacts.push((a.name.clone(), kept));
            }
            None if a.optional == Some(true) => {}
            None => return Err(format!("open {path}: no such file or directory")),
        }
    }
    Ok(())
}

/// An I/O error as Go's `os` package words it.
pub(super) fn go_error(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory",
        std::io::ErrorKind::PermissionDenied => "permission denied",
        _ => "cannot read",
    }
}

/// Where a volume mount's files are on this machine.
pub(super) enum VolumeDir {
    /// A directory the engine makes: an emptyDir in the pod's own
    /// directory, a persistent volume claim in the run's shared one (every
    /// pod of the run that mounts the claim sees the same files).
    Made(PathBuf),
    /// A `hostPath` volume: the machine's own directory.
    Host(PathBuf),
}

/// The directory behind `mount` (its `subPath` within the volume), from
/// the template's volumes or the workflow's; an error for a mount that
/// names no volume or a kind of volume `executor` cannot give a pod.
pub(super) fn volume_dir(
    job: &super::Job,
    mount: &model::VolumeMount,
    executor: &str,
) -> Result<VolumeDir, String> {
    let volume = job
        .template
        .volumes
        .iter()
        .flatten()
        .chain(job.volumes.iter())
        .find(|v| v.name == mount.name)
        .ok_or_else(|| format!("volumeMount '{}' at {} names no volume", mount.name, mount.mount_path))?;
    let sub = |base: PathBuf| match mount.sub_path.as_deref().filter(|s| !s.is_empty()) {
        Some(sub) => base.join(sub.trim_start_matches('/')),
        None => base,
    };
    if volume.empty_dir.is_some() {
        Ok(VolumeDir::Made(sub(job.directory.join("volumes").join(&volume.name))))
    } else if let Some(claim) = &volume.persistent_volume_claim {
        Ok(VolumeDir::Made(sub(job.shared.join("claims").join(&claim.claim_name))))
    } else if let Some(host_path) = &volume.host_path {
        Ok(VolumeDir::Host(sub(PathBuf::from(&host_path.path))))
    } else {
        Err(format!(
            "volume '{}' is neither an emptyDir, a persistent volume claim nor a hostPath, which the {executor} executor cannot give the pod: mock the template",
            volume.name
        ))
    }
}
