//! The host executor: runs a container or script template's command on this
//! machine, each node in a private filesystem view.

use super::pod::{self, ContainerParts};
use super::view::{self, View};
use super::{Executor, Finished, Job};
use crate::model;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// Runs commands on this machine.
#[derive(Clone, Debug, Default)]
pub struct HostExecutor {
    /// The entrypoint of each image, for templates that give no command.
    pub entrypoints: HashMap<String, Vec<String>>,
    /// Commands that are this program itself (a `#[script]` image's binary):
    /// the template's first word → the program to run instead.
    pub programs: HashMap<String, PathBuf>,
    /// Directories searched before `PATH` by every pod: stand-ins for
    /// programs an image has and this machine lacks.
    pub path: Vec<PathBuf>,
}

impl HostExecutor {
    /// The argument vector and the main container, or why there is none.
    fn argv(&self, job: &Job) -> Result<(Vec<String>, ContainerParts), String> {
        let parts = ContainerParts::of(&job.template, "host")?;
        let mut argv = if parts.command.is_empty() {
            match self.entrypoints.get(&parts.image) {
                Some(entrypoint) => entrypoint.clone(),
                None => {
                    return Err(format!(
                        "the host executor does not know the entrypoint of image '{}': give the template a command, or pass --image-entrypoint {}=COMMAND",
                        parts.image, parts.image
                    ));
                }
            }
        } else {
            parts.command.clone()
        };
        argv.extend(parts.args.iter().cloned());
        if let Some(source) = &parts.source {
            // Argo writes the source to a file and appends its path.
            let file = job.directory.join("script");
            std::fs::write(&file, source).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            // Executable, as Argo's is: `command: [sh, -c]` runs the path itself.
            set_mode(&file, Some(0o755))
                .map_err(|e| format!("cannot make {} executable: {e}", file.display()))?;
            argv.push(file.display().to_string());
        }
        if let Some(program) = argv.first().and_then(|first| self.programs.get(first)) {
            argv[0] = program.display().to_string();
        }
        Ok((argv, parts))
    }
}

/// The files a template reads or writes outside its working directory.
fn paths_of(job: &Job) -> Vec<String> {
    let outputs = job.template.outputs.as_ref();
    let mut paths: Vec<String> = Vec::new();
    paths.extend(
        outputs
            .and_then(|o| o.parameters.as_ref())
            .into_iter()
            .flatten()
            .filter_map(|p| p.value_from.as_ref()?.path.clone()),
    );
    paths.extend(
        outputs.and_then(|o| o.artifacts.as_ref()).into_iter().flatten().filter_map(|a| a.path.clone()),
    );
    paths.extend(job.input_artifacts.iter().filter_map(|(a, _)| a.path.clone()));
    paths
}

impl Executor for HostExecutor {
    fn run(&self, job: &Job) -> Finished {
        let error = |message: String| Finished::error("host", message);
        let (argv, parts) = match self.argv(job) {
            Ok(found) => found,
            Err(message) => return error(message),
        };
        let paths = paths_of(job);
        // The directories it works in: its volume mounts and working directory.
        let dirs: Vec<&str> =
            parts.mounts.iter().map(|m| m.mount_path.as_str()).chain(parts.working_dir.as_deref()).collect();
        let private = view::available();
        let mut view = private.then(|| {
            View::new(
                // The node's own directory (made when its pod started): one
                // directory fewer to make per node.
                &job.directory,
                &job.shared,
                &paths.iter().map(String::as_str).collect::<Vec<_>>(),
                &dirs,
            )
        });
        // Volumes are directories of this machine bound into the view (a
        // claim's shared by the run's pods); other kinds (configMap,
        // secret, ...) stay a private directory.
        if let Some(v) = view.take() {
            let mut bound = v;
            for mount in &parts.mounts {
                let dir = match pod::volume_dir(job, mount, "host") {
                    Ok(pod::VolumeDir::Made(dir)) => match std::fs::create_dir_all(&dir) {
                        Ok(()) => dir,
                        Err(e) => return error(format!("cannot create {}: {e}", dir.display())),
                    },
                    Ok(pod::VolumeDir::Host(dir)) if dir.is_dir() => dir,
                    _ => continue,
                };
                bound = bound.bind(dir, &mount.mount_path);
            }
            view = Some(bound);
        }
        if let Err(message) = place_inputs(job, view.as_ref()) {
            return error(message);
        }
        let mut launch = match &view {
            Some(view) => match view.command(&argv, parts.working_dir.as_deref()) {
                Ok(launch) => launch,
                Err(message) => return error(message),
            },
            None => {
                let mut command = std::process::Command::new(&argv[0]);
                command.args(&argv[1..]);
                if let Some(dir) = &parts.working_dir {
                    command.current_dir(dir);
                }
                Launch::from(command)
            }
        };
        let command = &mut launch.command;
        if !self.path.is_empty() {
            let inherited = std::env::var_os("PATH").unwrap_or_default();
            let dirs = self.path.iter().cloned().chain(std::env::split_paths(&inherited));
            if let Ok(path) = std::env::join_paths(dirs) {
                command.env("PATH", path);
            }
        }
        for var in &parts.env {
            command.env(&var.name, var.value.clone().unwrap_or_default());
        }
        command.env("ARGO_POD_NAME", &job.pod_name).env("ARGO_NODE_ID", &job.node_id);
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let daemon = (job.template.daemon == Some(true)).then(|| Readiness {
            probe: parts.readiness.clone(),
            ports: parts.ports.clone(),
            exec: if view.is_some() { ProbeIn::View } else { ProbeIn::Host },
        });
        let (output, ended) = match run_until(launch, job.deadline, &job.control, daemon.as_ref(), &|| {}) {
            Ok(output) => output,
            Err(e) => return error(format!("cannot run {}: {e}", argv[0])),
        };
        let executor = if private { "host" } else { "host (shared filesystem)" };
        let mut finished = match pod::process_ended(executor, job, &output, ended) {
            pod::Ending::Exited(finished) => finished,
            pod::Ending::Final(done) => return done,
        };
        let host = |path: &str| view.as_ref().map_or_else(|| PathBuf::from(path), |v| v.host_path(path));
        pod::collect_outputs(job, &mut finished, |path, _| Ok(Some(host(path)).filter(|f| f.exists())));
        finished
    }
}

/// A pod's process before it starts: its command, and the private view it
/// enters first.
pub(super) struct Launch {
    pub(super) command: std::process::Command,
    #[cfg(target_os = "linux")]
    pub(super) view: Option<super::namespace::Entry>,
}

impl From<std::process::Command> for Launch {
    fn from(command: std::process::Command) -> Launch {
        Launch {
            command,
            #[cfg(target_os = "linux")]
            view: None,
        }
    }
}

impl Launch {
    fn spawn(self) -> std::io::Result<std::process::Child> {
        #[cfg(target_os = "linux")]
        if let Some(entry) = self.view {
            return entry.spawn(self.command);
        }
        let mut command = self.command;
        command.spawn()
    }
}

/// How a process ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ended {
    /// By itself.
    Exited,
    /// Killed at its deadline.
    Killed,
    /// Killed because the engine asked (a daemon whose scope ended).
    Stopped,
}

/// A daemon's readiness: its probe, the ports it names, and where an
/// `exec` probe runs.
pub(super) struct Readiness {
    pub(super) probe: Option<model::Probe>,
    pub(super) ports: Vec<model::ContainerPort>,
    pub(super) exec: ProbeIn,
}

/// Where a daemon's `exec` probe runs.
pub(super) enum ProbeIn {
    /// On the host.
    Host,
    /// In the node's private view.
    View,
    /// In a container: `BINARY exec NAME ...`.
    Container {
        /// docker or podman.
        binary: PathBuf,
        /// The container's name.
        name: String,
    },
}

/// Runs `command` to its end, or, past `deadline` or once `control` says
/// stop, kills it and every process it started (its own process group):
/// the pod's `activeDeadlineSeconds`, or a daemon's scope ending. A daemon
/// tells `control` when it is ready (its readiness probe passes, or at once
/// without one). `before_kill` runs first when it is killed (a container
/// executor kills its container: killing the client leaves it running).
pub(super) fn run_until(
    launch: impl Into<Launch>,
    deadline: Option<std::time::Duration>,
    control: &super::Control,
    daemon: Option<&Readiness>,
    before_kill: &dyn Fn(),
) -> std::io::Result<(std::process::Output, Ended)> {
    let mut launch = launch.into();
    if deadline.is_none() && daemon.is_none() {
        return launch.spawn()?.wait_with_output().map(|o| (o, Ended::Exited));
    }
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut launch.command, 0);
    let started = std::time::Instant::now();
    let mut child = launch.spawn()?;
    let stdout = Pipe::read(child.stdout.take().map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let stderr = Pipe::read(child.stderr.take().map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let mut pause = std::time::Duration::from_millis(1);
    let mut ended = Ended::Exited;
    let mut ready = daemon.is_none();
    let mut next_probe = started;
    // Passes in a row (`successThreshold`).
    let mut passes = 0;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        let elapsed = started.elapsed();
        if deadline.is_some_and(|limit| elapsed >= limit) || control.stopped() {
            before_kill();
            kill_group(&mut child);
            ended = if control.stopped() { Ended::Stopped } else { Ended::Killed };
            break child.wait()?;
        }
        if let Some(daemon) = daemon
            && !ready
            && std::time::Instant::now() >= next_probe
        {
            // `None`: not yet past the probe's initial delay.
            match daemon.check(child.id(), elapsed) {
                Some(true) => passes += 1,
                Some(false) => passes = 0,
                None => {}
            }
            if passes >= daemon.success_threshold() {
                ready = true;
                control.ready();
            }
            next_probe = std::time::Instant::now() + std::time::Duration::from_millis(100);
        }
        let mut wait = pause;
        if let Some(limit) = deadline {
            wait = wait.min(limit.saturating_sub(elapsed));
        }
        std::thread::sleep(wait);
        pause = (pause * 2).min(std::time::Duration::from_millis(50));
    };
    // A process that left the group (`setsid`) may hold the pipes open: a
    // killed pod's output is what was read by a moment after the kill.
    let grace = (ended != Ended::Exited).then_some(std::time::Duration::from_secs(1));
    let stdout = stdout.finish(grace);
    let stderr = stderr.finish(grace);
    Ok((std::process::Output { status, stdout, stderr }, ended))
}

impl Readiness {
    /// How many probes must pass in a row (`successThreshold`, at least 1).
    fn success_threshold(&self) -> u32 {
        let threshold = self.probe.as_ref().and_then(|p| p.success_threshold).unwrap_or(1);
        u32::try_from(threshold).unwrap_or(1).max(1)
    }

    /// Whether one probe of the daemon (process `pid`, running for
    /// `elapsed`) passes: `None` before the probe's `initialDelaySeconds`.
    /// Locally the probe is tried every 100 ms, not every `periodSeconds`:
    /// the period only spaces out the tries, like the other waits the run's
    /// clock skips, and the daemon is ready at the first passing one either
    /// way. Without a probe it is ready as soon as it runs (Kubernetes'
    /// default).
    fn check(&self, pid: u32, elapsed: std::time::Duration) -> Option<bool> {
        let Some(probe) = &self.probe else { return Some(true) };
        let delay = probe.initial_delay_seconds.unwrap_or(0).max(0) as u64;
        if elapsed < std::time::Duration::from_secs(delay) {
            return None;
        }
        let timeout = std::time::Duration::from_secs(probe.timeout_seconds.unwrap_or(1).max(1) as u64);
        if let Some(exec) = &probe.exec {
            let argv = exec.command.clone().unwrap_or_default();
            if argv.is_empty() {
                return Some(false);
            }
            return Some(self.exec(pid, &argv, timeout));
        }
        let port = |port: &model::IntOrString| -> Option<u16> {
            match port {
                model::IntOrString::Int(n) => u16::try_from(*n).ok(),
                model::IntOrString::String(name) => self
                    .ports
                    .iter()
                    .find(|p| p.name.as_deref() == Some(name.as_str()))
                    .and_then(|p| u16::try_from(p.container_port).ok())
                    .or_else(|| name.parse().ok()),
            }
        };
        if let Some(http) = &probe.http_get {
            let host = http.host.clone().filter(|h| !h.is_empty()).unwrap_or_else(|| "127.0.0.1".into());
            let Some(port) = port(&http.port) else { return Some(false) };
            let path = http.path.clone().filter(|p| !p.is_empty()).unwrap_or_else(|| "/".into());
            let https = http.scheme.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("https"));
            return Some(http_ready(&host, port, &path, https, timeout));
        }
        if let Some(tcp) = &probe.tcp_socket {
            let host = tcp.host.clone().filter(|h| !h.is_empty()).unwrap_or_else(|| "127.0.0.1".into());
            let Some(port) = port(&tcp.port) else { return Some(false) };
            return Some(connect(&host, port, timeout).is_some());
        }
        // A gRPC probe: ready once its port accepts a connection. The
        // health service's answer (grpc.health.v1.Health/Check) is not
        // asked: that needs an HTTP/2 client, which no other part needs.
        if let Some(grpc) = &probe.grpc {
            let Ok(port) = u16::try_from(grpc.port) else { return Some(false) };
            return Some(connect("127.0.0.1", port, timeout).is_some());
        }
        Some(true)
    }

    /// Runs an `exec` probe, inside the daemon's private view when it has
    /// one (`nsenter` into the namespaces of the node's process), inside its container, or else on the host. Ready when it exits 0 within `timeout`.
    fn exec(&self, pid: u32, argv: &[String], timeout: std::time::Duration) -> bool {
        let mut command = match &self.exec {
            ProbeIn::View => {
                // The node's process entered the view itself, or (a node
                // with a root of its own) its first child did, under unshare(1).
                let inner = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
                    .ok()
                    .and_then(|c| c.split_whitespace().next().map(str::to_owned))
                    .unwrap_or_else(|| pid.to_string());
                // A user namespace only where the node has one of its own
                // (root's nodes have just the mount namespace).
                let user_ns = |pid: &str| std::fs::read_link(format!("/proc/{pid}/ns/user")).ok();
                let own_user = user_ns(&inner) != user_ns("self");
                let mut command = std::process::Command::new("nsenter");
                command.args(["-t", &inner]).args(own_user.then_some("-U"));
                command.args(["-m", "-r", "--preserve-credentials", "--"]).args(argv);
                command
            }
            ProbeIn::Host => {
                let mut command = std::process::Command::new(&argv[0]);
                command.args(&argv[1..]);
                command
            }
            ProbeIn::Container { binary, name } => {
                let mut command = std::process::Command::new(binary);
                command.arg("exec").arg(name).args(argv);
                command
            }
        };
        command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        let Ok(mut probe) = command.spawn() else { return false };
        let started = std::time::Instant::now();
        loop {
            match probe.try_wait() {
                Ok(Some(status)) => return status.success(),
                Ok(None) if started.elapsed() < timeout => {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                _ => {
                    let _ = probe.kill();
                    let _ = probe.wait();
                    return false;
                }
            }
        }
    }
}

fn connect(host: &str, port: u16, timeout: std::time::Duration) -> Option<std::net::TcpStream> {
    use std::net::ToSocketAddrs;
    let address = (host, port).to_socket_addrs().ok()?.next()?;
    std::net::TcpStream::connect_timeout(&address, timeout).ok()
}

/// An `httpGet` probe: a status from 200 to 399. An `https` one only
/// needs the port to accept a connection (no TLS here).
fn http_ready(host: &str, port: u16, path: &str, https: bool, timeout: std::time::Duration) -> bool {
    use std::io::{Read, Write};
    let Some(mut stream) = connect(host, port, timeout) else { return false };
    if https {
        return true;
    }
    let _ = stream.set_read_timeout(Some(timeout));
    let _ = stream.set_write_timeout(Some(timeout));
    let request =
        format!("GET {path} HTTP/1.0\r\nHost: {host}:{port}\r\nUser-Agent: kube-probe/hera\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 64];
    let mut read = 0;
    while read < 12 {
        match stream.read(&mut head[read..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => read += n,
        }
    }
    let line = String::from_utf8_lossy(&head[..read]);
    line.split_whitespace()
        .nth(1)
        .and_then(|code| code.parse::<u16>().ok())
        .is_some_and(|c| (200..400).contains(&c))
}

/// Kills `child` and its process group (`kill -s KILL -- -PGID`: procps-ng
/// 4.0 reads `-PGID` after `-KILL` as an option, and signals nothing).
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    let _ = std::process::Command::new("kill")
        .args(["-s", "KILL", "--", &format!("-{}", child.id())])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let _ = child.kill();
}

/// A pipe read to its end on a thread of its own.
struct Pipe {
    buffer: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    done: std::sync::mpsc::Receiver<()>,
}

impl Pipe {
    fn read(pipe: Option<Box<dyn std::io::Read + Send>>) -> Pipe {
        let buffer = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (tell, done) = std::sync::mpsc::channel();
        let shared = std::sync::Arc::clone(&buffer);
        std::thread::spawn(move || {
            if let Some(mut pipe) = pipe {
                let mut chunk = [0u8; 8192];
                loop {
                    match pipe.read(&mut chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            shared.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(&chunk[..n])
                        }
                    }
                }
            }
            let _ = tell.send(());
        });
        Pipe { buffer, done }
    }

    /// What was read: all of it, or (with a `grace`) what came within it.
    fn finish(self, grace: Option<std::time::Duration>) -> Vec<u8> {
        let _ = match grace {
            Some(grace) => self.done.recv_timeout(grace).ok(),
            None => self.done.recv().ok(),
        };
        std::mem::take(&mut *self.buffer.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Puts input artifacts where the node looks for them.
fn place_inputs(job: &Job, view: Option<&View>) -> Result<(), String> {
    for (artifact, file) in &job.input_artifacts {
        let Some(path) = &artifact.path else { continue };
        let target = view.map_or_else(|| PathBuf::from(path), |v| v.place(path));
        copy(file, &target)
            .and_then(|()| set_mode(&target, artifact.mode))
            .map_err(|e| format!("cannot place input artifact '{}' at {path}: {e}", artifact.name))?;
    }
    Ok(())
}

/// Gives an input artifact's file its `mode` (Argo's `chmod` of a loaded
/// artifact; a directory keeps its modes).
pub(super) fn set_mode(file: &Path, mode: Option<i64>) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(mode) = mode
        && file.is_file()
    {
        use std::os::unix::fs::PermissionsExt;
        let bits = u32::try_from(mode & 0o7777).unwrap_or(0o644);
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(bits))?;
    }
    #[cfg(not(unix))]
    let _ = (file, mode);
    Ok(())
}

/// Copies a file or a directory tree.
pub(crate) fn copy(from: &Path, to: &Path) -> std::io::Result<()> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    if from.is_dir() {
        std::fs::create_dir_all(to)?;
        for entry in std::fs::read_dir(from)? {
            let entry = entry?;
            copy(&entry.path(), &to.join(entry.file_name()))?;
        }
        Ok(())
    } else {
        std::fs::copy(from, to).map(|_| ())
    }
}
