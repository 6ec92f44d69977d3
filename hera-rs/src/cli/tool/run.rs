//! `hera run FILE...`: run a workflow on this machine (hera::run).

use super::read;
use crate::cli::progress::live::{self, Rows, Sink};
use crate::cli::progress::{Progress, tree};
use crate::run::execute::{ContainerEngine, ContainerExecutor};
use crate::run::{HostExecutor, Outcome, Phase, Report, Run};
use crate::support::{Exit, Output};
use clap::Args;
use std::path::PathBuf;

/// `hera run` and an author program's `run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Files to read (a Workflow, and the templates and ConfigMaps it uses).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub options: RunOptions,
}

/// The options of a run, shared by `hera run` and programs.
#[derive(Debug, Args)]
pub struct RunOptions {
    /// Run the document with this name (default: the first Workflow).
    #[arg(long, value_name = "NAME")]
    pub workflow: Option<String>,
    /// Start at this template instead of spec.entrypoint.
    #[arg(long, value_name = "NAME")]
    pub entrypoint: Option<String>,
    /// A workflow parameter.
    #[arg(short = 'p', long = "parameter", value_name = "NAME=VALUE")]
    pub parameters: Vec<String>,
    /// Where pods run: auto (docker, else podman, when one answers its
    /// probe; else the host; no probe when no template runs in a
    /// container), host, docker or podman (an error when it does not answer).
    #[arg(long, value_name = "auto|host|docker|podman", default_value = "auto")]
    pub executor: String,
    /// The docker or podman command to call (default: `docker`, then
    /// `podman`, on PATH). With `--executor auto` a file name starting with
    /// `podman` is podman, any other docker.
    #[arg(long = "container-binary", value_name = "PATH")]
    pub container_binary: Option<PathBuf>,
    /// The entrypoint of an image, for templates that give no command.
    #[arg(long = "image-entrypoint", value_name = "IMAGE=COMMAND")]
    pub image_entrypoints: Vec<String>,
    /// A directory searched before PATH by the host's pods (stand-ins for
    /// programs the images have and this machine lacks); repeatable.
    #[arg(long = "host-path", value_name = "DIR")]
    pub host_path: Vec<PathBuf>,
    /// A YAML file of image entrypoints, each `IMAGE: COMMAND` (a string of
    /// words or a list); `--image-entrypoint` wins over it.
    #[arg(long = "image-entrypoints", value_name = "FILE")]
    pub image_entrypoints_file: Option<PathBuf>,
    /// A fixed outcome for a template: JSON ({"phase":"Failed","message":"..."}) or a file.
    #[arg(long = "mock", value_name = "TEMPLATE=FILE_OR_JSON")]
    pub mocks: Vec<String>,
    /// Keep the run's files (outputs, artifacts) in this directory.
    #[arg(long, value_name = "DIR")]
    pub artifacts: Option<PathBuf>,
    /// `text` (a summary) or `json` (the final Workflow, as `argo get -o json`).
    #[arg(short = 'o', long = "output", default_value = "text", value_name = "text|json")]
    pub output: String,
    /// Wait for real (suspend durations, retry backoffs pass at once otherwise).
    #[arg(long)]
    pub real_time: bool,
    /// Resume this indefinite suspend (a node name) when reached, or `all`.
    #[arg(long, value_name = "NODE|all")]
    pub resume: Vec<String>,
    /// Run even when lint finds errors.
    #[arg(long)]
    pub allow_invalid: bool,
    /// The controller's workflowDefaults (the workflow-controller ConfigMap,
    /// its configuration, or a Workflow), merged into the workflow before it
    /// is linted and run, as the controller merges them.
    #[arg(long = "workflow-defaults", value_name = "FILE")]
    pub workflow_defaults: Option<PathBuf>,
    /// The limit of a semaphore whose ConfigMap is not among the files.
    #[arg(long = "semaphore", value_name = "CONFIGMAP/KEY=N")]
    pub semaphores: Vec<String>,
    /// Keep memoization caches in this directory (`DIR/<cache>.json`), across runs.
    #[arg(long = "memo-dir", value_name = "DIR")]
    pub memo_dir: Option<PathBuf>,
    /// Print each pod's output after the summary, each line prefixed with its node.
    #[arg(long)]
    pub log: bool,
    /// What stderr shows while it runs: `tree` (the nodes with phase,
    /// duration and message, redrawn in place), `lines` (one per node
    /// change), `none`, or `auto` (the tree on a terminal, else lines; none
    /// with `-o json`).
    #[arg(long, value_enum, value_name = "MODE", default_value_t = Progress::Auto)]
    pub progress: Progress,
}

impl RunOptions {
    /// A [`Run`] of `documents` with these options, or a usage error. Says
    /// on `out`'s stderr which executor runs the pods, and why (with `-o text`).
    pub fn run(
        &self,
        documents: Vec<crate::model::Document>,
        host: HostExecutor,
        out: &mut Output<'_>,
    ) -> Result<Run, String> {
        let mocked: Vec<&str> = self.mocks.iter().filter_map(|m| m.split_once('=')).map(|(t, _)| t).collect();
        let containers = runs_containers(&documents, &mocked);
        let mut run = Run::documents(documents).allow_invalid(self.allow_invalid).real_time(self.real_time);
        if let Some(w) = &self.workflow {
            run = run.workflow(w);
        }
        if let Some(path) = &self.workflow_defaults {
            run = run.workflow_defaults(super::lint::read_defaults(path)?);
        }
        if let Some(e) = &self.entrypoint {
            run = run.entrypoint(e);
        }
        for p in &self.parameters {
            let (name, value) = p.split_once('=').ok_or_else(|| format!("-p {p}: write NAME=VALUE"))?;
            run = run.parameter(name, value);
        }
        for m in &self.mocks {
            let (template, outcome) =
                m.split_once('=').ok_or_else(|| format!("--mock {m}: write TEMPLATE=FILE_OR_JSON"))?;
            run = run.mock(template, Outcome::parse(outcome)?);
        }
        let mut host = host;
        host.path.extend(self.host_path.iter().cloned());
        if let Some(path) = &self.image_entrypoints_file {
            host.entrypoints.extend(read_entrypoints(path)?);
        }
        for e in &self.image_entrypoints {
            let (image, command) =
                e.split_once('=').ok_or_else(|| format!("--image-entrypoint {e}: write IMAGE=COMMAND"))?;
            host.entrypoints
                .insert(image.to_owned(), command.split_whitespace().map(str::to_owned).collect());
        }
        let (executor, note) = self.executor(host, containers)?;
        if self.output == "text" {
            out.error(format!("executor: {note}"));
        }
        run = match executor {
            Chosen::Host(host) => run.executor(host),
            Chosen::Container(container) => run.executor(container),
        };
        if let Some(dir) = &self.artifacts {
            run = run.directory(dir);
        }
        for s in &self.semaphores {
            let (name, limit) =
                s.split_once('=').ok_or_else(|| format!("--semaphore {s}: write CONFIGMAP/KEY=N"))?;
            let limit = limit.trim().parse().map_err(|_| format!("--semaphore {s}: N is a whole number"))?;
            run = run.semaphore(name, limit);
        }
        if let Some(dir) = &self.memo_dir {
            run = run.memo_dir(dir);
        }
        for r in &self.resume {
            run = if r == "all" { run.resume_all() } else { run.resume(r) };
        }
        if !matches!(self.output.as_str(), "text" | "json") {
            return Err(format!("-o {}: use text or json", self.output));
        }
        Ok(run)
    }

    /// The executor `--executor` asks for, and why it is the one: `auto`
    /// probes docker then podman (or the `--container-binary`) and falls
    /// back to `host`, or takes `host` at once when no template runs in a
    /// container (`containers` false); `docker` and `podman` that do not
    /// answer are an error.
    fn executor(&self, host: HostExecutor, containers: bool) -> Result<(Chosen, String), String> {
        let binary = self.container_binary.as_deref();
        let named = |engine: ContainerEngine| match ContainerExecutor::probe(engine, binary, PROBE_TIMEOUT) {
            Ok(container) => {
                let note = format!("{engine} {} (--executor {engine})", container.version());
                Ok((Chosen::Container(container), note))
            }
            Err(e) => Err(format!("--executor {engine}: {e}: start it, or use --executor auto or host")),
        };
        match self.executor.as_str() {
            "host" => Ok((Chosen::Host(host), "host (--executor host)".into())),
            "docker" => named(ContainerEngine::Docker),
            "podman" => named(ContainerEngine::Podman),
            "auto" if !containers => {
                Ok((Chosen::Host(host), "host (--executor auto: no template runs in a container)".into()))
            }
            "auto" => {
                let engines = match binary {
                    Some(binary) => vec![ContainerEngine::of_binary(binary)],
                    None => vec![ContainerEngine::Docker, ContainerEngine::Podman],
                };
                let mut failures = Vec::new();
                for engine in engines {
                    match ContainerExecutor::probe(engine, binary, PROBE_TIMEOUT) {
                        Ok(container) => {
                            let note =
                                format!("{engine} {} (--executor auto: it answers)", container.version());
                            return Ok((Chosen::Container(container), note));
                        }
                        Err(e) => failures.push(e.to_string()),
                    }
                }
                Ok((Chosen::Host(host), format!("host ({})", failures.join("; "))))
            }
            other => Err(format!("--executor {other}: use auto, host, docker or podman")),
        }
    }

    /// Runs `run`, showing its progress on stderr, then prints the report;
    /// the exit code of its phase. `command` prefixes errors (`hera run`).
    pub fn execute(&self, run: Run, command: &str, out: &mut Output<'_>) -> Exit {
        let progress = match self.progress {
            Progress::Auto if self.output == "json" => Progress::None,
            other => other.resolve(out.stderr_is_terminal()),
        };
        let sink = Sink::for_output(out);
        let (run, display) = match progress {
            Progress::Tree => {
                let (trace, display) = live::local(sink.clone(), Rows::of_stderr(out.stderr_is_terminal()));
                (run.trace(trace), Some(display))
            }
            Progress::Lines => (run.trace(crate::run::trace::Lines::new(sink.clone())), None),
            _ => (run, None),
        };
        let result = run.run();
        // The run (and its trace) is gone: the display's thread ends.
        if let Some(display) = display {
            let _ = display.join();
        }
        sink.drain_into(out);
        match result {
            Ok(report) => self.print(&report, out),
            Err(error) => {
                out.error(format!("{command}: {error}"));
                Exit::Usage
            }
        }
    }

    /// Prints the report; the exit code of its phase.
    pub fn print(&self, report: &Report, out: &mut Output<'_>) -> Exit {
        if self.output == "json" {
            out.write(&crate::json::to_string(&report.workflow()).unwrap_or_else(|_| "{}\n".to_owned()));
        } else {
            // As `argo get` draws it: the header and the node tree.
            let workflow = report.workflow();
            out.error_text(&format!("\n{}", tree::render(&workflow, chrono::Utc::now())));
            if self.log {
                for node in report.nodes().iter().filter(|n| !n.log.is_empty()) {
                    for line in node.log.lines() {
                        out.error(format!("{}: {line}", node.display_name));
                    }
                }
            }
        }
        if report.phase() == Phase::Succeeded { Exit::Success } else { Exit::Problems }
    }
}

/// Whether a template of `documents` that no mock replaces runs in a
/// container (a `container`, `script` or `containerSet` template, named
/// or inline): only then does `--executor auto` ask the engines, whose
/// probe costs from 30 ms (docker without a daemon) to half a second
/// (`podman info`) on every run.
fn runs_containers(documents: &[crate::model::Document], mocked: &[&str]) -> bool {
    fn walk(value: &serde_json::Value, mocked: &[&str]) -> bool {
        match value {
            serde_json::Value::Object(map) => {
                let pod = ["container", "script", "containerSet"]
                    .iter()
                    .any(|k| map.get(*k).is_some_and(|v| v.is_object()));
                let name = map.get("name").and_then(serde_json::Value::as_str);
                (pod && !name.is_some_and(|n| mocked.contains(&n))) || map.values().any(|v| walk(v, mocked))
            }
            serde_json::Value::Array(items) => items.iter().any(|v| walk(v, mocked)),
            _ => false,
        }
    }
    documents.iter().any(|d| crate::json::to_value(d).map_or(true, |v| walk(&v, mocked)))
}

/// How long a container engine has to answer its probe.
const PROBE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// The executor a run uses.
enum Chosen {
    Host(HostExecutor),
    Container(ContainerExecutor),
}

/// Runs `hera run`.
pub fn run(args: &RunArgs, out: &mut Output<'_>) -> Exit {
    if args.files.is_empty() {
        out.error("hera run: give the workflow's file(s)");
        return Exit::Usage;
    }
    let mut documents = Vec::new();
    for file in &args.files {
        match read::documents_at(file, "run", out) {
            Ok(d) => documents.extend(d),
            Err(exit) => return exit,
        }
    }
    let run = match args.options.run(documents, HostExecutor::default(), out) {
        Ok(run) => run,
        Err(message) => {
            out.error(format!("hera run: {message}"));
            return Exit::Usage;
        }
    };
    args.options.execute(run, "hera run", out)
}

/// Reads `--image-entrypoints FILE`: a mapping of image to command, the
/// command a string of words or a list of them. The message names the file
/// and the image.
fn read_entrypoints(path: &std::path::Path) -> Result<Vec<(String, Vec<String>)>, String> {
    let what = |message: String| format!("--image-entrypoints {}: {message}", path.display());
    let text = std::fs::read_to_string(path).map_err(|e| what(e.to_string()))?;
    let value: crate::model::Value = crate::yaml::from_str(&text).map_err(|e| what(e.to_string()))?;
    let Some(map) = value.as_object() else {
        return Err(what("expected a mapping of image to command".into()));
    };
    map.iter()
        .map(|(image, command)| {
            let words: Option<Vec<String>> = match command {
                crate::model::Value::String(text) => {
                    Some(text.split_whitespace().map(str::to_owned).collect())
                }
                crate::model::Value::Array(items) => {
                    items.iter().map(|item| item.as_str().map(str::to_owned)).collect()
                }
                _ => None,
            };
            match words {
                Some(words) if !words.is_empty() => Ok((image.clone(), words)),
                _ => Err(what(format!("{image}: expected a command (a string or a list of strings)"))),
            }
        })
        .collect()
}
