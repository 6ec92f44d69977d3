//! The container executor: a container or script template's pod runs in a
//! container engine (docker or podman) with the template's own image.
//!
//! Each pod is one `docker run --name NAME` (podman takes the same words):
//! the image, the command as Kubernetes gives it (`command` replaces the
//! image's entrypoint, `args` its cmd), `env`, `workingDir`, and bind mounts
//! for what Argo's init container and volumes would put in the pod:
//!
//! - a script's source, written to a file of the node's and mounted at
//!   Argo's `/argo/staging/script`, its path the last argument
//!   (`ExecutorScriptSourcePath`, as `workflowpod.go` gives it);
//! - each input artifact, a copy of its file at its `path`;
//! - each `volumeMount`: an `emptyDir` is a directory of the node's, a
//!   persistent volume claim (`spec.volumeClaimTemplates` or a
//!   `persistentVolumeClaim` volume) a directory the run's pods share, a
//!   `hostPath` the host's directory. Other kinds are an error naming the
//!   volume.
//!
//! The container is not started with `--rm`: once it exits, its outputs are
//! read the way Argo's wait container reads them (`isBaseImagePath`): a path
//! under a mount from the mount's host directory, any other path with
//! `docker cp NAME:PATH` from the stopped container. Then the container is
//! removed (`docker rm -f NAME`), whatever happened. Past its deadline, or
//! when its scope stops a daemon, the container is killed (`docker kill`).
//! Pods share the host's network (`--network host`), as the host executor's
//! do, so a daemon's readiness probe and the steps that use it reach it at
//! `127.0.0.1`.

use super::host::{self, Ended, ProbeIn, Readiness};
use super::pod::{self, ContainerParts};
use super::{Executor, Finished, Job};
use crate::model;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Argo's `ExecutorScriptSourcePath`: where a script template's source is.
pub const SCRIPT_PATH: &str = "/argo/staging/script";

/// A container engine's command-line interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContainerEngine {
    /// `docker`: a client that talks to a daemon.
    Docker,
    /// `podman`: no daemon; `podman info` checks it can run containers.
    Podman,
}

impl ContainerEngine {
    /// `docker` or `podman`.
    pub fn name(self) -> &'static str {
        match self {
            ContainerEngine::Docker => "docker",
            ContainerEngine::Podman => "podman",
        }
    }

    /// The engine a binary is: podman when its file name starts with
    /// `podman`, docker otherwise.
    pub fn of_binary(binary: &Path) -> Self {
        let name = binary.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with("podman") { ContainerEngine::Podman } else { ContainerEngine::Docker }
    }

    /// The probe's arguments: the server's version, which only a working
    /// engine gives (`docker version` without a daemon prints the client's
    /// and fails).
    pub fn probe_args(self) -> [&'static str; 3] {
        match self {
            ContainerEngine::Docker => ["version", "--format", "{{.Server.Version}}"],
            ContainerEngine::Podman => ["info", "--format", "{{.Version.Version}}"],
        }
    }
}

impl std::fmt::Display for ContainerEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a container engine does not answer.
#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    /// The binary could not be run (not on PATH, not executable).
    #[error("{engine}: cannot run {}: {reason}", binary.display())]
    NoBinary {
        /// The engine.
        engine: ContainerEngine,
        /// The binary tried.
        binary: PathBuf,
        /// The operating system's reason.
        reason: String,
    },
    /// The probe failed: no daemon answers (docker), or it cannot run
    /// containers (podman).
    #[error("{engine}: no daemon answers ({reason})")]
    NoDaemon {
        /// The engine.
        engine: ContainerEngine,
        /// The probe's error (its last line of stderr).
        reason: String,
    },
    /// The probe did not end in time.
    #[error("{engine}: no answer within {seconds}s (`{} {}`)", binary.display(), engine.probe_args().join(" "))]
    TimedOut {
        /// The engine.
        engine: ContainerEngine,
        /// The binary tried.
        binary: PathBuf,
        /// The probe's timeout.
        seconds: u64,
    },
}

/// Runs container and script templates in docker or podman.
#[derive(Clone, Debug)]
pub struct ContainerExecutor {
    engine: ContainerEngine,
    binary: PathBuf,
    version: String,
    prefix: String,
}

impl ContainerExecutor {
    /// An executor calling `binary` as `engine`, not probed.
    pub fn new(engine: ContainerEngine, binary: impl Into<PathBuf>) -> Self {
        ContainerExecutor {
            engine,
            binary: binary.into(),
            version: String::new(),
            prefix: format!("hera-{}", std::process::id()),
        }
    }

    /// An executor of `engine` if it answers its probe within `timeout`
    /// (`docker version --format {{.Server.Version}}`, `podman info --format
    /// {{.Version.Version}}`). `binary` defaults to the engine's name,
    /// found on `PATH`.
    pub fn probe(
        engine: ContainerEngine,
        binary: Option<&Path>,
        timeout: std::time::Duration,
    ) -> Result<Self, ProbeError> {
        let binary = binary.map_or_else(|| PathBuf::from(engine.name()), Path::to_path_buf);
        let mut command = Command::new(&binary);
        command.args(engine.probe_args()).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let spawned = command.spawn().map_err(|e| ProbeError::NoBinary {
            engine,
            binary: binary.clone(),
            reason: e.to_string(),
        })?;
        let output = wait_with_timeout(spawned, timeout).ok_or_else(|| ProbeError::TimedOut {
            engine,
            binary: binary.clone(),
            seconds: timeout.as_secs(),
        })?;
        let version = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        if !output.status.success() || version.is_empty() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let reason = stderr.lines().map(str::trim).rfind(|l| !l.is_empty()).map_or_else(
                || {
                    format!(
                        "`{} {}` exited with {}",
                        binary.display(),
                        engine.probe_args().join(" "),
                        output.status
                    )
                },
                str::to_owned,
            );
            return Err(ProbeError::NoDaemon { engine, reason });
        }
        Ok(ContainerExecutor { version, ..ContainerExecutor::new(engine, binary) })
    }

    /// Names containers `PREFIX-POD` (default prefix: `hera-PID`).
    pub fn name_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// The engine.
    pub fn engine(&self) -> ContainerEngine {
        self.engine
    }

    /// The binary it calls.
    pub fn binary(&self) -> &Path {
        &self.binary
    }

    /// The server version the probe found (empty when not probed).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The container's name for `job`.
    pub fn container_name(&self, job: &Job) -> String {
        format!("{}-{}", self.prefix, job.pod_name)
    }

    /// What running `job` takes: the container's name, its mounts, and the
    /// arguments of `BINARY run`. Writes nothing.
    pub(crate) fn plan(&self, job: &Job) -> Result<Plan, String> {
        let template = &job.template;
        let parts = ContainerParts::of(template, self.engine.name())?;
        if parts.image.is_empty() {
            return Err(format!(
                "the {} executor cannot run template '{}': it has no image",
                self.engine,
                template.name.as_deref().unwrap_or("")
            ));
        }
        let name = self.container_name(job);
        let mut mounts = Vec::new();
        if template.script.is_some() {
            mounts.push(Mount {
                host: job.directory.join("script"),
                path: SCRIPT_PATH.into(),
                read_only: true,
                source: Source::Script,
            });
        }
        for (i, (artifact, file)) in job.input_artifacts.iter().enumerate() {
            let Some(path) = &artifact.path else { continue };
            mounts.push(Mount {
                host: job.directory.join("inputs").join(format!("{i}-{}", artifact.name)),
                path: path.clone(),
                read_only: false,
                source: Source::Copy(file.clone(), artifact.mode),
            });
        }
        for mount in &parts.mounts {
            let (host, source) = match pod::volume_dir(job, mount, self.engine.name())? {
                pod::VolumeDir::Made(dir) => (dir, Source::Directory),
                pod::VolumeDir::Host(dir) => (dir, Source::Host),
            };
            mounts.push(Mount {
                host,
                path: mount.mount_path.clone(),
                read_only: mount.read_only == Some(true),
                source,
            });
        }
        let mut args: Vec<String> = vec!["run".into(), "--name".into(), name.clone()];
        args.extend(["--network".into(), "host".into()]);
        let working_dir = parts.working_dir.clone().filter(|d| !d.is_empty());
        if let Some(dir) = &working_dir {
            args.extend(["--workdir".into(), dir.clone()]);
        }
        // `imagePullPolicy` as the engine's `--pull`. Without one the
        // engine's default (`missing`) stands, not Kubernetes' (`Always` for
        // `:latest`): a local image is not pulled again.
        if let Some(policy) = parts.pull_policy.as_deref().filter(|p| !p.is_empty()) {
            let pull = match policy {
                "Always" => "always",
                "IfNotPresent" => "missing",
                "Never" => "never",
                other => {
                    return Err(format!(
                        "template '{}': imagePullPolicy '{other}' is not Always, IfNotPresent or Never",
                        template.name.as_deref().unwrap_or("")
                    ));
                }
            };
            args.extend(["--pull".into(), pull.into()]);
        }
        for var in &parts.env {
            args.extend(["--env".into(), format!("{}={}", var.name, var.value.clone().unwrap_or_default())]);
        }
        args.extend(["--env".into(), format!("ARGO_POD_NAME={}", job.pod_name)]);
        args.extend(["--env".into(), format!("ARGO_NODE_ID={}", job.node_id)]);
        for mount in &mounts {
            let mut spec = format!("type=bind,src={},dst={}", mount.host.display(), mount.path);
            if mount.read_only {
                spec.push_str(",readonly");
            }
            args.extend(["--mount".into(), spec]);
        }
        // `command` replaces the image's entrypoint (its first word the
        // executable), `args` the image's cmd.
        let mut rest: Vec<String> = Vec::new();
        if let Some((first, more)) = parts.command.split_first() {
            // podman reads an `--entrypoint` that parses as a JSON array as
            // that array: given as one, the word is never misread.
            let entrypoint = match self.engine {
                ContainerEngine::Podman => serde_json::to_string(&[first]).unwrap_or_else(|_| first.clone()),
                ContainerEngine::Docker => first.clone(),
            };
            args.extend(["--entrypoint".into(), entrypoint]);
            rest.extend(more.iter().cloned());
        }
        rest.extend(parts.args.iter().cloned());
        if template.script.is_some() {
            rest.push(SCRIPT_PATH.into());
        }
        args.push(parts.image.clone());
        args.extend(rest);
        // podman refuses a `--workdir` the image lacks (docker and the
        // kubelet's runtime make it): it is made before the container starts.
        let make_workdir = working_dir.filter(|_| self.engine == ContainerEngine::Podman);
        Ok(Plan {
            name,
            args,
            make_workdir,
            mounts,
            readiness: parts.readiness,
            ports: parts.ports,
            source: parts.source.unwrap_or_default(),
        })
    }

    /// Writes what the mounts need: the script, copies of the input
    /// artifacts, the volumes' directories.
    fn prepare(&self, plan: &Plan) -> Result<(), String> {
        for mount in &plan.mounts {
            let made = match &mount.source {
                Source::Script => mount
                    .host
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|()| std::fs::write(&mount.host, &plan.source))
                    // Executable, as Argo's is: `command: [sh, -c]` runs the path itself.
                    .and_then(|()| host::set_mode(&mount.host, Some(0o755))),
                Source::Copy(file, mode) => {
                    host::copy(file, &mount.host).and_then(|()| host::set_mode(&mount.host, *mode))
                }
                Source::Directory => std::fs::create_dir_all(&mount.host),
                Source::Host => Ok(()),
            };
            made.map_err(|e| format!("cannot prepare {} for {}: {e}", mount.host.display(), mount.path))?;
        }
        Ok(())
    }

    /// Creates the container of `plan` (`podman create`, the words of its
    /// `run`) and makes its working directory `dir` when neither the image
    /// nor a mount has it. podman checks a `--workdir` when it prepares the
    /// container and, unlike docker and the runtimes Kubernetes uses (runc
    /// makes the process's cwd), does not make it (libpod's
    /// `resolveWorkDir`): `podman init` says so, the directory goes in with
    /// `podman cp -` (a tar of that one directory, extracted in the
    /// container's root, so its parents are made and symbolic links resolve
    /// inside the container), and `init` is tried again. A directory that
    /// exists is never in the tar, which would reset its mode.
    fn create_with_workdir(&self, plan: &Plan, dir: &str) -> Result<(), String> {
        let executor = self.engine.name();
        let last_line = |output: &std::process::Output| last_line(&output.stderr);
        let cannot =
            |what: &str, e: std::io::Error| format!("cannot run {} {what}: {e}", self.binary.display());
        let mut create: Vec<&str> = plan.args.iter().map(String::as_str).collect();
        create[0] = "create";
        let created = self.call(&create).map_err(|e| cannot("create", e))?;
        if !created.status.success() {
            return Err(format!("{executor} create: {}", last_line(&created)));
        }
        let init = self.call(&["init", &plan.name]).map_err(|e| cannot("init", e))?;
        if init.status.success() {
            return Ok(());
        }
        let why = last_line(&init);
        if !why.contains("does not exist on container") {
            return Err(format!("{executor} init: {why}"));
        }
        let scratch = std::env::temp_dir().join(format!("{}.workdir", plan.name));
        let tar = directory_tar(dir, &scratch)
            .map_err(|reason| format!("cannot make the working directory {dir}: {reason}"))?;
        let mut cp = Command::new(&self.binary)
            .args(["cp", "-", &format!("{}:/", plan.name)])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| cannot("cp", e))?;
        if let Some(mut stdin) = cp.stdin.take() {
            use std::io::Write;
            // A failed write shows as cp's own failure below.
            let _ = stdin.write_all(&tar);
        }
        let copied = cp.wait_with_output().map_err(|e| cannot("cp", e))?;
        if !copied.status.success() {
            return Err(format!(
                "cannot make the working directory {dir}: {executor} cp: {}",
                last_line(&copied)
            ));
        }
        let init = self.call(&["init", &plan.name]).map_err(|e| cannot("init", e))?;
        if !init.status.success() {
            return Err(format!("{executor} init: {}", last_line(&init)));
        }
        Ok(())
    }

    /// `BINARY WORDS...`, quiet.
    fn call(&self, words: &[&str]) -> std::io::Result<std::process::Output> {
        Command::new(&self.binary).args(words).stdin(Stdio::null()).output()
    }

    /// The host file of `path` in the stopped container: under a mount,
    /// the mount's; otherwise copied to `to` (`docker cp`). `None` when
    /// there is no such file.
    fn fetch(&self, plan: &Plan, path: &str, to: &Path) -> Result<Option<PathBuf>, String> {
        if let Some(file) = plan.host_path(path) {
            return Ok(file.exists().then_some(file));
        }
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        let source = format!("{}:{path}", plan.name);
        let target = to.display().to_string();
        let output = self
            .call(&["cp", &source, &target])
            .map_err(|e| format!("cannot run {} cp: {e}", self.binary.display()))?;
        if output.status.success() {
            return Ok(Some(to.to_path_buf()));
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("Could not find") || stderr.contains("No such") || stderr.contains("no such") {
            return Ok(None);
        }
        Err(format!("cannot copy {path} out of container {}: {}", plan.name, stderr.trim()))
    }
}

/// How a `docker run` goes: the container's name, the words after the
/// binary, and the bind mounts.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    /// The container's name.
    pub name: String,
    /// `run --name NAME ... IMAGE ARGS...`.
    pub args: Vec<String>,
    /// The bind mounts, in the order given.
    pub mounts: Vec<Mount>,
    /// podman with a `workingDir`: the container is created, its working
    /// directory made if the image lacks it, then started
    /// ([`ContainerExecutor::create_with_workdir`]).
    pub make_workdir: Option<String>,
    readiness: Option<model::Probe>,
    ports: Vec<model::ContainerPort>,
    source: String,
}

impl Plan {
    /// The host file of a container path under one of the mounts (the
    /// deepest), if any.
    fn host_path(&self, path: &str) -> Option<PathBuf> {
        self.mounts
            .iter()
            .filter(|m| !matches!(m.source, Source::Script))
            .filter_map(|m| {
                let rest = path.strip_prefix(m.path.trim_end_matches('/'))?;
                if rest.is_empty() {
                    Some((m.path.len(), m.host.clone()))
                } else {
                    let rest = rest.strip_prefix('/')?;
                    Some((m.path.len(), m.host.join(rest)))
                }
            })
            .max_by_key(|(len, _)| *len)
            .map(|(_, file)| file)
    }
}

/// One bind mount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mount {
    /// The host side.
    pub host: PathBuf,
    /// Where the container sees it.
    pub path: String,
    /// `readonly`.
    pub read_only: bool,
    source: Source,
}

/// What the host side of a mount is made from.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Source {
    /// The script's source.
    Script,
    /// A copy of this file or directory (an input artifact), with its `mode`.
    Copy(PathBuf, Option<i64>),
    /// A directory made if missing (an emptyDir, a claim).
    Directory,
    /// The host's own path (a hostPath volume).
    Host,
}

/// The exit code docker and podman give when they could not run the
/// container at all (no such image, a bad mount).
const ENGINE_FAILED: i32 = 125;

/// The last non-empty line an engine wrote to stderr: its reason.
fn last_line(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    text.lines().map(str::trim).rfind(|l| !l.is_empty()).unwrap_or("no reason given").to_owned()
}

/// Whether a container's exit code and last line of stderr say the engine
/// could not start it: 125, or 126 and 127 (its command cannot be run, is
/// not found) when the OCI runtime says so, as docker and podman word it
/// (`... OCI runtime attempted to invoke a command that was not found`,
/// `... OCI permission denied`). A command of the container's own that
/// exits 126 or 127 (`sh -c missing`) is an exit code like any other.
fn engine_failed(code: Option<i32>, last_line: &str) -> bool {
    match code {
        Some(ENGINE_FAILED) => true,
        Some(126 | 127) => last_line.contains("OCI runtime") || last_line.contains("OCI permission denied"),
        _ => false,
    }
}

impl Executor for ContainerExecutor {
    fn run(&self, job: &Job) -> Finished {
        let executor = self.engine.name();
        let error = |message: String| Finished::error(executor, message);
        let plan = match self.plan(job) {
            Ok(plan) => plan,
            Err(message) => return error(message),
        };
        if let Err(message) = self.prepare(&plan) {
            return error(message);
        }
        let mut command = Command::new(&self.binary);
        if let Some(dir) = &plan.make_workdir {
            if let Err(message) = self.create_with_workdir(&plan, dir) {
                let _ = self.call(&["rm", "-f", &plan.name]);
                return error(message);
            }
            command.args(["start", "--attach", &plan.name]);
        } else {
            command.args(&plan.args);
        }
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let daemon = (job.template.daemon == Some(true)).then(|| Readiness {
            probe: plan.readiness.clone(),
            ports: plan.ports.clone(),
            exec: ProbeIn::Container { binary: self.binary.clone(), name: plan.name.clone() },
        });
        let kill = || {
            let _ = self.call(&["kill", &plan.name]);
        };
        let ran = host::run_until(command, job.deadline, &job.control, daemon.as_ref(), &kill);
        let finished = match ran {
            Err(e) => error(format!("cannot run {}: {e}", self.binary.display())),
            Ok((output, ended)) => self.finished(job, &plan, output, ended),
        };
        let _ = self.call(&["rm", "-f", &plan.name]);
        finished
    }
}

impl ContainerExecutor {
    /// How the pod ended, its outputs collected.
    fn finished(&self, job: &Job, plan: &Plan, output: std::process::Output, ended: Ended) -> Finished {
        let executor = self.engine.name();
        let mut finished = match pod::process_ended(executor, job, &output, ended) {
            pod::Ending::Exited(finished) => finished,
            pod::Ending::Final(done) => return done,
        };
        let why = last_line(&output.stderr);
        if engine_failed(finished.exit_code, &why) {
            let verb = if plan.make_workdir.is_some() { "start" } else { "run" };
            let executor = format!("{executor} {verb}");
            return Finished {
                log: finished.log,
                ..Finished::error(self.engine.name(), format!("{executor}: {why}"))
            };
        }
        pod::collect_outputs(job, &mut finished, |path, to| self.fetch(plan, path, to));
        finished
    }
}

/// A tar archive of one directory, `path` (absolute, mode 0755, owned by
/// root), and nothing else: what `mkdir -p` would make, for `podman cp -`.
/// Its parents are not in it, so the modes of those the image has stand
/// (`/tmp` stays 1777). Made by the system's `tar`, as artifacts are.
fn directory_tar(path: &str, scratch: &Path) -> Result<Vec<u8>, String> {
    use std::os::unix::fs::PermissionsExt;
    let name = path.trim_matches('/');
    if name.is_empty() {
        return Err("it is the root".into());
    }
    if name.split('/').any(|part| part.is_empty() || part == "." || part == "..") {
        return Err("it is not a plain absolute path (an empty, `.` or `..` part)".into());
    }
    let _ = std::fs::remove_dir_all(scratch);
    let leaf = scratch.join(name);
    std::fs::create_dir_all(&leaf)
        .and_then(|()| std::fs::set_permissions(&leaf, std::fs::Permissions::from_mode(0o755)))
        .map_err(|e| format!("cannot create {}: {e}", leaf.display()))?;
    let output = Command::new("tar")
        .arg("-C")
        .arg(scratch)
        .args(["--no-recursion", "--owner=0", "--group=0", "--numeric-owner", "-cf", "-", name])
        .stdin(Stdio::null())
        .output();
    let _ = std::fs::remove_dir_all(scratch);
    let output = output.map_err(|e| format!("cannot run tar: {e}"))?;
    if !output.status.success() {
        return Err(format!("tar: {}", String::from_utf8_lossy(&output.stderr).trim()));
    }
    Ok(output.stdout)
}

/// Waits for `child` up to `timeout`; `None` (the child killed) past it.
fn wait_with_timeout(
    mut child: std::process::Child,
    timeout: std::time::Duration,
) -> Option<std::process::Output> {
    let started = std::time::Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => return child.wait_with_output().ok(),
            Ok(None) if started.elapsed() < timeout => {
                std::thread::sleep(std::time::Duration::from_millis(10))
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(template: &str, directory: &Path) -> Job {
        Job {
            node_id: "wf-123".into(),
            node_name: "wf.a".into(),
            pod_name: "wf-a-123".into(),
            template: Box::new(serde_saphyr::from_str(template).unwrap()),
            include_result: false,
            input_artifacts: Vec::new(),
            directory: directory.to_owned(),
            volumes: Vec::new(),
            shared: PathBuf::from("/run"),
            deadline: None,
            control: Default::default(),
        }
    }

    fn executor() -> ContainerExecutor {
        ContainerExecutor::new(ContainerEngine::Docker, "/bin/docker").name_prefix("p")
    }

    #[test]
    fn a_container_is_its_image_command_env_and_workdir() {
        let job = job(
            r#"
name: a
container:
  image: alpine:3.19
  command: [sh, -c]
  args: ["echo $GREETING > /tmp/out"]
  workingDir: /work
  env: [{name: GREETING, value: hi}, {name: EMPTY}]
"#,
            Path::new("/w/wf-123"),
        );
        let plan = executor().plan(&job).unwrap();
        assert_eq!(plan.name, "p-wf-a-123");
        assert_eq!(
            plan.args,
            [
                "run",
                "--name",
                "p-wf-a-123",
                "--network",
                "host",
                "--workdir",
                "/work",
                "--env",
                "GREETING=hi",
                "--env",
                "EMPTY=",
                "--env",
                "ARGO_POD_NAME=wf-a-123",
                "--env",
                "ARGO_NODE_ID=wf-123",
                "--entrypoint",
                "sh",
                "alpine:3.19",
                "-c",
                "echo $GREETING > /tmp/out",
            ]
        );
        assert!(plan.mounts.is_empty());
    }

    #[test]
    fn without_a_command_the_image_keeps_its_entrypoint() {
        let job = job("{name: a, container: {image: 'busybox', args: [echo, hi]}}", Path::new("/w/n"));
        let args = executor().plan(&job).unwrap().args;
        assert!(!args.contains(&"--entrypoint".to_owned()), "{args:?}");
        assert_eq!(args[args.len() - 3..], ["busybox", "echo", "hi"]);
    }

    #[test]
    fn a_script_runs_its_source_from_argos_staging_path() {
        let job = job(
            "{name: s, script: {image: 'python:3.12', command: [python], args: ['-u'], source: 'print(1)'}}",
            Path::new("/w/n"),
        );
        let plan = executor().plan(&job).unwrap();
        assert_eq!(
            plan.args[plan.args.len() - 5..],
            ["--entrypoint", "python", "python:3.12", "-u", "/argo/staging/script"]
        );
        let mount = plan.args.iter().position(|a| a == "--mount").unwrap();
        assert_eq!(plan.args[mount + 1], "type=bind,src=/w/n/script,dst=/argo/staging/script,readonly");
        assert_eq!(plan.source, "print(1)");
    }

    #[test]
    fn inputs_and_volumes_are_bind_mounts() {
        let mut job = job(
            r#"
name: a
inputs: {artifacts: [{name: data, path: /in/data.txt}]}
volumes: [{name: scratch, emptyDir: {}}]
container:
  image: alpine
  command: [cat]
  volumeMounts:
  - {name: scratch, mountPath: /scratch}
  - {name: work, mountPath: /data, subPath: part}
  - {name: host, mountPath: /etc/host-conf, readOnly: true}
"#,
            Path::new("/w/n"),
        );
        job.input_artifacts = vec![(
            job.template.inputs.as_ref().unwrap().artifacts.as_ref().unwrap()[0].clone(),
            "/repo/d".into(),
        )];
        job.volumes = serde_saphyr::from_str(
            "[{name: work, persistentVolumeClaim: {claimName: work}}, {name: host, hostPath: {path: /srv/conf}}]",
        )
        .unwrap();
        let plan = executor().plan(&job).unwrap();
        let mounts: Vec<&str> = plan
            .args
            .iter()
            .enumerate()
            .filter(|(i, _)| *i > 0 && plan.args[i - 1] == "--mount")
            .map(|(_, a)| a.as_str())
            .collect();
        assert_eq!(
            mounts,
            [
                "type=bind,src=/w/n/inputs/0-data,dst=/in/data.txt",
                "type=bind,src=/w/n/volumes/scratch,dst=/scratch",
                "type=bind,src=/run/claims/work/part,dst=/data",
                "type=bind,src=/srv/conf,dst=/etc/host-conf,readonly",
            ]
        );
        assert_eq!(plan.mounts[0].source, Source::Copy("/repo/d".into(), None));
        // Outputs under a mount are read from the host side.
        assert_eq!(plan.host_path("/scratch/x/y"), Some(PathBuf::from("/w/n/volumes/scratch/x/y")));
        assert_eq!(plan.host_path("/in/data.txt"), Some(PathBuf::from("/w/n/inputs/0-data")));
        assert_eq!(plan.host_path("/scratchy"), None);
        assert_eq!(plan.host_path("/tmp/out"), None);
    }

    #[test]
    fn what_cannot_be_mounted_is_an_error_naming_it() {
        let no_volume = job(
            "{name: a, container: {image: x, volumeMounts: [{name: v, mountPath: /v}]}}",
            Path::new("/w"),
        );
        assert_eq!(executor().plan(&no_volume).unwrap_err(), "volumeMount 'v' at /v names no volume");
        let secret = job(
            "{name: a, volumes: [{name: v, secret: {secretName: s}}], container: {image: x, volumeMounts: [{name: v, mountPath: /v}]}}",
            Path::new("/w"),
        );
        let error = executor().plan(&secret).unwrap_err();
        assert!(error.starts_with("volume 'v' is neither an emptyDir"), "{error}");
        let no_image = job("{name: a, container: {command: [x]}}", Path::new("/w"));
        assert_eq!(
            executor().plan(&no_image).unwrap_err(),
            "the docker executor cannot run template 'a': it has no image"
        );
    }

    #[test]
    fn a_working_directory_tar_holds_the_directory_alone() {
        let dir = tempfile::tempdir().unwrap();
        let scratch = dir.path().join("scratch");
        let tar = directory_tar("/tmp/deep/work", &scratch).unwrap();
        assert!(!scratch.exists(), "the scratch directory is removed");
        let listed = Command::new("tar")
            .args(["-tvf", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child.stdin.take().unwrap().write_all(&tar)?;
                child.wait_with_output()
            })
            .unwrap();
        let listed = String::from_utf8(listed.stdout).unwrap();
        let lines: Vec<&str> = listed.lines().collect();
        assert_eq!(lines.len(), 1, "{listed}");
        assert!(lines[0].starts_with("drwxr-xr-x 0/0"), "{listed}");
        assert!(lines[0].ends_with(" tmp/deep/work/"), "{listed}");
        for bad in ["/", "/a/../b", "/a//b"] {
            assert!(directory_tar(bad, &scratch).is_err(), "{bad}");
        }
    }

    #[test]
    fn engines_are_known_by_their_binary() {
        assert_eq!(ContainerEngine::of_binary(Path::new("/usr/bin/podman")), ContainerEngine::Podman);
        assert_eq!(ContainerEngine::of_binary(Path::new("/tmp/fake-docker")), ContainerEngine::Docker);
        assert_eq!(ContainerEngine::Docker.probe_args(), ["version", "--format", "{{.Server.Version}}"]);
    }

    #[test]
    fn a_missing_binary_is_a_probe_error() {
        let error = ContainerExecutor::probe(
            ContainerEngine::Docker,
            Some(Path::new("/nonexistent/docker")),
            std::time::Duration::from_secs(5),
        )
        .unwrap_err();
        assert!(matches!(error, ProbeError::NoBinary { .. }), "{error}");
        assert!(error.to_string().starts_with("docker: cannot run /nonexistent/docker:"), "{error}");
    }
}
