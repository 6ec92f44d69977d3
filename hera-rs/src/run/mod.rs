//! Run a workflow on this machine, as Argo's controller would run it.
//!
//! The engine mirrors Argo's controller (`workflow/controller/operator.go`,
//! `steps.go`, `dag.go`, `exit_handler.go`, `hooks.go`): the same node tree,
//! node names and ids, phases and messages, the same `{{…}}` substitution
//! over each template's JSON, `when` in govaluate ([`crate::syntax::when`]),
//! `depends` as Argo rewrites and evaluates it. Pods run on an
//! [`Executor`]: a mock, the host (each node in a private filesystem view),
//! a container engine with the template's image ([`ContainerExecutor`],
//! docker or podman), or a `#[script]` function of the program. Artifacts
//! live in the run's local artifact repository (`DIR/artifacts/`), where
//! every store's key maps. Waits (suspend durations, retry backoffs) pass
//! on a virtual clock unless [`Run::real_time`].
//!
//! ```
//! use hera::run::{Outcome, Phase, Run};
//! let yaml = r#"
//! apiVersion: argoproj.io/v1alpha1
//! kind: Workflow
//! metadata: {name: hello}
//! spec:
//!   entrypoint: main
//!   templates:
//!   - name: main
//!     steps:
//!     - - {name: fetch, template: fetch}
//!     - - {name: report, template: fetch, when: "{{steps.fetch.outputs.result}} > 2"}
//!   - name: fetch
//!     container: {image: alpine, command: [fetch]}
//! "#;
//! let documents = hera::yaml::documents(yaml).unwrap();
//! let report = Run::documents(documents).mock("fetch", Outcome::succeeded().result("1")).run().unwrap();
//! assert_eq!(report.phase(), Phase::Succeeded);
//! assert_eq!(report.node("report").unwrap().phase, Phase::Skipped);
//! ```

mod dag;
mod engine;
pub mod execute;
mod hooks;
mod library;
mod loops;
mod memo;
pub(crate) mod names;
mod node;
mod report;
pub(crate) mod repository;
mod retry;
mod scope;
mod steps;
mod substitute;
mod sync;
mod template;
pub mod trace;
mod workers;

pub use execute::{ContainerEngine, ContainerExecutor, Executor, HostExecutor, Outcome};
pub use node::{Node, NodeType, Phase};
pub use report::Report;
pub(crate) use report::node_status;

use crate::model::{self, Document};
use engine::{Clock, Engine, Opts, Resume};
use library::{Library, Scope};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use substitute::Variables;

/// Why a run could not start.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// No Workflow (or template to run as one) among the documents.
    #[error("no Workflow to run: give a Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow")]
    NothingToRun,
    /// `--workflow NAME` names no document.
    #[error("no Workflow named '{0}' among the documents")]
    UnknownWorkflow(String),
    /// The work directory could not be made.
    #[error("cannot create the run's directory {path}: {source}")]
    WorkDirectory {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// A run to make: what to run and how. `run()` runs it to its end.
pub struct Run {
    documents: Vec<Document>,
    workflow: Option<String>,
    entrypoint: Option<String>,
    parameters: Vec<(String, String)>,
    mocks: HashMap<String, Outcome>,
    executor: Arc<dyn Executor>,
    in_process: Option<(Arc<dyn Executor>, Vec<String>)>,
    work: Option<PathBuf>,
    real_time: bool,
    resume: Resume,
    allow_invalid: bool,
    trace: Box<dyn trace::Trace>,
    semaphores: HashMap<String, usize>,
    memo_dir: Option<PathBuf>,
    defaults: Option<crate::lint::WorkflowDefaults>,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Run").field("workflow", &self.workflow).field("mocks", &self.mocks.keys()).finish()
    }
}

impl Run {
    /// Runs the first Workflow of `documents` (the others provide templates
    /// for `templateRef` and ConfigMaps).
    pub fn documents(documents: Vec<Document>) -> Self {
        Run {
            documents,
            workflow: None,
            entrypoint: None,
            parameters: Vec::new(),
            mocks: HashMap::new(),
            executor: Arc::new(HostExecutor::default()),
            in_process: None,
            work: None,
            real_time: false,
            resume: Resume::None,
            allow_invalid: false,
            trace: Box::new(trace::Silent),
            semaphores: HashMap::new(),
            memo_dir: None,
            defaults: None,
        }
    }

    /// Runs the first Workflow of an author program's objects (a
    /// [`crate::project::Project`] or any collection of objects), its
    /// `#[script]` functions in this process: a whole-workflow test.
    pub fn new(project: impl crate::project::IntoProject) -> Result<Self, crate::Error> {
        let project = project.into_project();
        let built = project.build(None)?;
        let runners = crate::cli::script_runners(project.objects());
        let templates = runners.iter().map(|r| r.template.to_owned()).collect();
        let executor: Arc<dyn Executor> = Arc::new(execute::ScriptExecutor { runners });
        Ok(Run::documents(built.documents).in_process(executor, templates))
    }

    /// Runs the document named `name`.
    pub fn workflow(mut self, name: impl Into<String>) -> Self {
        self.workflow = Some(name.into());
        self
    }

    /// Starts at this template instead of `spec.entrypoint`.
    pub fn entrypoint(mut self, name: impl Into<String>) -> Self {
        self.entrypoint = Some(name.into());
        self
    }

    /// Sets a workflow parameter (`-p NAME=VALUE`).
    pub fn parameter(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        self.parameters.push((name.into(), value.to_string()));
        self
    }

    /// Replaces template `template`'s pods with a fixed outcome.
    pub fn mock(mut self, template: impl Into<String>, outcome: Outcome) -> Self {
        self.mocks.insert(template.into(), outcome);
        self
    }

    /// Runs pods with `executor` (the host executor by default).
    pub fn executor(mut self, executor: impl Executor + 'static) -> Self {
        self.executor = Arc::new(executor);
        self
    }

    /// Runs these templates with `executor` instead (the `#[script]`
    /// functions of a program, in process).
    pub(crate) fn in_process(mut self, executor: Arc<dyn Executor>, templates: Vec<String>) -> Self {
        self.in_process = Some((executor, templates));
        self
    }

    /// Keeps the run's files (scratch, outputs, artifacts) in `directory`.
    pub fn directory(mut self, directory: impl Into<PathBuf>) -> Self {
        self.work = Some(directory.into());
        self
    }

    /// Waits for real (suspend durations, retry backoffs).
    pub fn real_time(mut self, real_time: bool) -> Self {
        self.real_time = real_time;
        self
    }

    /// Resumes every indefinite suspend as soon as it is reached.
    pub fn resume_all(mut self) -> Self {
        self.resume = Resume::All;
        self
    }

    /// Resumes the indefinite suspend `node` (display or full name) when reached.
    pub fn resume(mut self, node: impl Into<String>) -> Self {
        match &mut self.resume {
            Resume::Nodes(nodes) => nodes.push(node.into()),
            _ => self.resume = Resume::Nodes(vec![node.into()]),
        }
        self
    }

    /// Sets the limit of the semaphore `configmap/key` whose ConfigMap is
    /// not among the documents (`--semaphore NAME/KEY=N`).
    pub fn semaphore(mut self, name: impl Into<String>, limit: usize) -> Self {
        self.semaphores.insert(name.into(), limit);
        self
    }

    /// Keeps memoization caches in `directory` (`DIR/<cache>.json`, the
    /// entries Argo keeps in the cache's ConfigMap), so a later run hits
    /// what this one saved (`--memo-dir`). Without it a cache lives as long
    /// as the run.
    pub fn memo_dir(mut self, directory: impl Into<PathBuf>) -> Self {
        self.memo_dir = Some(directory.into());
        self
    }

    /// The controller's `workflowDefaults` (its ConfigMap's): merged into
    /// the workflow before it is linted and run, as the controller merges
    /// them (`setWorkflowDefaults`, or `JoinWorkflowSpec` for a Workflow
    /// with `workflowTemplateRef`).
    pub fn workflow_defaults(mut self, defaults: crate::lint::WorkflowDefaults) -> Self {
        self.defaults = Some(defaults);
        self
    }

    /// Runs even when lint finds errors.
    pub fn allow_invalid(mut self, allow: bool) -> Self {
        self.allow_invalid = allow;
        self
    }

    /// Reports every node change to `trace`.
    pub fn trace(mut self, trace: impl trace::Trace + 'static) -> Self {
        self.trace = Box::new(trace);
        self
    }

    /// Runs the workflow to its end.
    pub fn run(mut self) -> Result<Report, RunError> {
        let (mut workflow, given) = self.pick()?;
        // Lint sees the object as it was given (a generateName, not our local name).
        let invalid = self.invalid(&workflow);
        let (spec, unjoined) = match self.join(&mut workflow, &given) {
            Ok(spec) => (spec, None),
            Err(message) => (given, Some(message)),
        };
        let stored = workflow.spec.workflow_template_ref.is_some().then(|| spec.clone());
        if let Some(entry) = &self.entrypoint {
            workflow.spec.entrypoint = Some(entry.clone());
        }
        let mut spec = spec;
        if let Some(entry) = &self.entrypoint {
            spec.entrypoint = Some(entry.clone());
        }
        // Parameters given at submit time replace the spec's.
        let mut arguments = spec.arguments.clone().unwrap_or_default();
        for (name, value) in &self.parameters {
            let params = arguments.parameters.get_or_insert_with(Vec::new);
            match params.iter_mut().find(|p| &p.name == name) {
                Some(p) => {
                    p.value = Some(value.clone());
                    p.value_from = None;
                }
                None => params.push(model::Parameter {
                    name: name.clone(),
                    value: Some(value.clone()),
                    ..Default::default()
                }),
            }
        }
        spec.arguments = Some(arguments);
        let name = workflow.metadata.name.clone().unwrap_or_else(|| {
            format!("{}local", workflow.metadata.generate_name.clone().unwrap_or_else(|| "workflow-".into()))
        });
        workflow.metadata.name = Some(name.clone());
        let started = chrono::Utc::now();
        self.trace.start(&workflow, started);
        let work = match &self.work {
            Some(dir) => dir.clone(),
            None => std::env::temp_dir().join(format!(
                "hera-run-{}-{}",
                std::process::id(),
                started.timestamp_nanos_opt().unwrap_or(0)
            )),
        };
        std::fs::create_dir_all(&work)
            .map_err(|source| RunError::WorkDirectory { path: work.clone(), source })?;

        let library = Library::new(spec.templates.as_deref().unwrap_or(&[]), &self.documents);
        let mut engine = Engine {
            workflow: name.clone(),
            spec: spec.clone(),
            library: std::rc::Rc::new(library),
            nodes: Default::default(),
            globals: Variables::default(),
            global_outputs: Vec::new(),
            artifact_files: HashMap::new(),
            mocks: &self.mocks,
            executor: Arc::clone(&self.executor),
            in_process: self.in_process.as_ref().map(|(e, _)| Arc::clone(e)),
            in_process_templates: self.in_process.as_ref().map(|(_, t)| t.clone()).unwrap_or_default(),
            work: work.clone(),
            clock: Clock::new(self.real_time),
            queued: Vec::new(),
            running: 0,
            wake_at: None,
            resume: self.resume.clone(),
            trace: self.trace.as_mut(),
            start_wall: started,
            parent_text: Default::default(),
            timestamps: Default::default(),
            depth: 0,
            finished_order: Vec::new(),
            virtual_pods: Vec::new(),
            pod_deadlines: HashMap::new(),
            workflow_deadline: spec.active_deadline_seconds.map(|s| s as f64),
            parallelism_of: Default::default(),
            locks: Default::default(),
            semaphore_limits: self.semaphores.clone(),
            memo: memo::Memo::new(self.memo_dir.clone()),
            daemon_pods: Default::default(),
            controls: HashMap::new(),
            workers: Default::default(),
            depends_programs: Default::default(),
            ids: Default::default(),
            tree_version: 0,
            fulfilment: Default::default(),
            settled_steps: HashMap::new(),
        };
        let (phase, message) = match (invalid, unjoined) {
            (Some(message), _) => (Phase::Failed, message),
            (None, Some(message)) => (Phase::Error, message),
            (None, None) => match engine.set_globals(&workflow, started) {
                Err(message) => (Phase::Error, message),
                Ok(()) => engine.run_to_end(),
            },
        };
        let finished_at = engine.clock.now();
        let nodes = engine.nodes.values().cloned().collect();
        let order = std::mem::take(&mut engine.finished_order);
        let outputs = engine.global_outputs.clone();
        if self.work.is_none() {
            let _ = std::fs::remove_dir_all(&work);
        }
        Ok(Report { name, phase, message, nodes, order, outputs, workflow, stored, started, finished_at })
    }

    /// The document to run, and its spec.
    fn pick(&self) -> Result<(model::Workflow, model::WorkflowSpec), RunError> {
        let runnable = |d: &Document| -> Option<(model::Workflow, model::WorkflowSpec)> {
            let (metadata, spec) = match d {
                Document::Workflow(w) => (w.metadata.clone(), w.spec.clone()),
                Document::WorkflowTemplate(t) => (t.metadata.clone(), t.spec.clone()),
                Document::ClusterWorkflowTemplate(t) => (t.metadata.clone(), t.spec.clone()),
                Document::CronWorkflow(c) => (c.metadata.clone(), c.spec.workflow_spec.clone()),
                _ => return None,
            };
            let workflow = model::Workflow {
                api_version: model::Workflow::API_VERSION.into(),
                kind: model::Workflow::KIND.into(),
                metadata,
                spec: spec.clone(),
                status: None,
            };
            Some((workflow, spec))
        };
        match &self.workflow {
            Some(name) => self
                .documents
                .iter()
                .find(|d| d.name() == Some(name.as_str()))
                .and_then(runnable)
                .ok_or_else(|| RunError::UnknownWorkflow(name.clone())),
            None => self
                .documents
                .iter()
                .find(|d| matches!(d, Document::Workflow(_)))
                .or_else(|| self.documents.iter().find(|d| runnable(d).is_some()))
                .and_then(runnable)
                .ok_or(RunError::NothingToRun),
        }
    }

    /// The spec the controller runs and the workflow's metadata
    /// (`setExecWorkflow`): for a `workflowTemplateRef`, the workflow's
    /// spec joined with the referenced template's (among the documents)
    /// and the defaults (`setStoredWfSpec`), its labels and annotations
    /// joined with the defaults' (`JoinWorkflowMetaData`) and the
    /// template's label added (`setWfTemplateLabel`); otherwise the
    /// workflow with the defaults merged in (`setWorkflowDefaults`). The
    /// error is the controller's when the template is not there.
    fn join(
        &self,
        workflow: &mut model::Workflow,
        given: &model::WorkflowSpec,
    ) -> Result<model::WorkflowSpec, String> {
        let defaults = self.defaults.as_ref();
        let Some(reference) = &given.workflow_template_ref else {
            let merged = defaults.and_then(|d| d.apply(&Document::Workflow(Box::new(workflow.clone()))));
            if let Some(Document::Workflow(merged)) = merged {
                *workflow = *merged;
            }
            return Ok(workflow.spec.clone());
        };
        let name = reference.name.as_deref().unwrap_or_default();
        let cluster = reference.cluster_scope == Some(true);
        let template = self.documents.iter().find_map(|d| match d {
            Document::WorkflowTemplate(t) if !cluster && t.metadata.name.as_deref() == Some(name) => {
                Some(&t.spec)
            }
            Document::ClusterWorkflowTemplate(t) if cluster && t.metadata.name.as_deref() == Some(name) => {
                Some(&t.spec)
            }
            _ => None,
        });
        // The lister's NotFound error (`k8s.io/apimachinery` `NewNotFound`).
        let kind = if cluster { "clusterworkflowtemplate" } else { "workflowtemplate" };
        let template = template.ok_or_else(|| format!("{kind}.argoproj.io \"{name}\" not found"))?;
        if let Some(defaults) = defaults {
            model::merge::join_metadata(&mut workflow.metadata, defaults.metadata());
        }
        let label = if cluster {
            "workflows.argoproj.io/cluster-workflow-template"
        } else {
            "workflows.argoproj.io/workflow-template"
        };
        workflow.metadata.labels.get_or_insert_with(Default::default).insert(label.into(), name.into());
        model::merge::join_spec(given, Some(template), defaults.map(crate::lint::WorkflowDefaults::spec))
    }

    /// Lint's first error, as the controller reports an invalid spec.
    fn invalid(&self, workflow: &model::Workflow) -> Option<String> {
        if self.allow_invalid {
            return None;
        }
        let mut documents = vec![Document::Workflow(Box::new(workflow.clone()))];
        documents.extend(self.documents.iter().filter(|d| !matches!(d, Document::Workflow(_))).cloned());
        let inputs: Vec<crate::lint::Input<'_>> = documents.iter().map(crate::lint::Input::from).collect();
        let findings = crate::lint::lint_with(&inputs, self.defaults.as_ref());
        let error = findings.iter().find(|f| f.severity == crate::lint::Severity::Error)?;
        Some(format!("invalid spec: {}", error.message))
    }
}

/// RFC 3339 time of `offset` seconds after `start`, as Kubernetes writes it.
pub(crate) fn format_time(start: chrono::DateTime<chrono::Utc>, offset: f64) -> String {
    let at = start + chrono::Duration::milliseconds((offset * 1000.0) as i64);
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Engine<'_> {
    /// `setGlobalParameters`.
    fn set_globals(
        &mut self,
        workflow: &model::Workflow,
        started: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), String> {
        let meta = &workflow.metadata;
        let set = |vars: &mut Variables, key: &str, value: String| {
            vars.insert(key.to_owned(), Some(value));
        };
        let g = &mut self.globals;
        set(g, "workflow.name", self.workflow.clone());
        set(g, "workflow.namespace", meta.namespace.clone().unwrap_or_else(|| "argo".into()));
        set(g, "workflow.mainEntrypoint", self.spec.entrypoint.clone().unwrap_or_default());
        set(g, "workflow.serviceAccountName", self.spec.service_account_name.clone().unwrap_or_default());
        set(
            g,
            "workflow.uid",
            format!("00000000-0000-4000-8000-{:012x}", started.timestamp_micros() & 0xffff_ffff_ffff),
        );
        set(g, "workflow.creationTimestamp", started.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        set(g, "workflow.creationTimestamp.RFC3339", started.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        set(g, "workflow.creationTimestamp.s", started.timestamp().to_string());
        // `workflow.creationTimestamp.<c>` for Argo's strftime characters
        // (`util/strftime` FormatChars), in chrono's spelling.
        for (c, format) in [
            ('B', "%B"),
            ('b', "%b"),
            ('m', "%m"),
            ('A', "%A"),
            ('a', "%a"),
            ('d', "%d"),
            ('H', "%H"),
            ('I', "%I"),
            ('M', "%M"),
            ('S', "%S"),
            ('Y', "%Y"),
            ('y', "%y"),
            ('p', "%p"),
            ('Z', "%Z"),
            ('z', "%z"),
            ('L', "%.3f"),
        ] {
            set(g, &format!("workflow.creationTimestamp.{c}"), started.format(format).to_string());
        }
        // `setGlobalRuntimeParameters`: the workflow's phase while it runs
        // (its exit handler sees the final one).
        set(g, "workflow.status", "Running".into());
        if let Some(at) =
            meta.annotations.as_ref().and_then(|a| a.get("workflows.argoproj.io/scheduled-time"))
        {
            set(g, "workflow.scheduledTime", at.clone());
        }
        if let Some(priority) = self.spec.priority {
            set(g, "workflow.priority", priority.to_string());
        }
        let params = self.spec.arguments.as_ref().and_then(|a| a.parameters.clone()).unwrap_or_default();
        let all = crate::json::to_compact(&params).unwrap_or_default();
        set(g, "workflow.parameters", all.clone());
        set(g, "workflow.parameters.json", all);
        for p in &params {
            let value = match (&p.value, p.value_from.as_ref()) {
                (Some(v), _) => v.clone(),
                (None, Some(from)) if from.config_map_key_ref.is_some() => {
                    let cm = from.config_map_key_ref.as_ref().expect("checked");
                    let found = self
                        .library
                        .config_maps
                        .get(cm.name.as_deref().unwrap_or(""))
                        .and_then(|d| d.get(&cm.key))
                        .cloned();
                    match (found, &from.default) {
                        (Some(v), _) => v,
                        (None, Some(d)) => d.clone(),
                        (None, None) => {
                            return Err(format!(
                                "failed to set global parameter {} from configmap with name {} and key {}: configmaps \"{}\" not found",
                                p.name,
                                cm.name.as_deref().unwrap_or(""),
                                cm.key,
                                cm.name.as_deref().unwrap_or("")
                            ));
                        }
                    }
                }
                _ => {
                    return Err(format!(
                        "either value or valueFrom must be specified in order to set global parameter {}",
                        p.name
                    ));
                }
            };
            self.globals.insert(format!("workflow.parameters.{}", p.name), Some(value));
        }
        let labels = meta.labels.clone().unwrap_or_default();
        let annotations = meta.annotations.clone().unwrap_or_default();
        // Go's encoding/json writes a map's keys sorted.
        let sorted = |map: &model::IndexMap<String, String>| {
            serde_json::to_string(&map.iter().collect::<std::collections::BTreeMap<_, _>>())
                .unwrap_or_default()
        };
        for (all, map) in [("workflow.labels", &labels), ("workflow.annotations", &annotations)] {
            self.globals.insert(all.into(), Some(sorted(map)));
            self.globals.insert(format!("{all}.json"), Some(sorted(map)));
        }
        for (k, v) in &labels {
            self.globals.insert(format!("workflow.labels.{k}"), Some(v.clone()));
        }
        for (k, v) in &annotations {
            self.globals.insert(format!("workflow.annotations.{k}"), Some(v.clone()));
        }
        if let Some(md) = &self.spec.workflow_metadata {
            for (k, v) in md.labels.iter().flatten() {
                self.globals.insert(format!("workflow.labels.{k}"), Some(v.clone()));
            }
            for (k, v) in md.annotations.iter().flatten() {
                self.globals.insert(format!("workflow.annotations.{k}"), Some(v.clone()));
            }
        }
        Ok(())
    }

    /// Passes until the workflow ends; its phase and message.
    fn run_to_end(&mut self) -> (Phase, String) {
        let (done, finished) = mpsc::channel::<(String, engine::Event)>();
        loop {
            while let Ok((id, event)) = finished.try_recv() {
                self.event(&id, event);
            }
            self.wake_at = None;
            self.expire_workflow_deadline();
            let before = self.fingerprint();
            let duration = format!("{}", self.clock.now());
            self.globals.insert("workflow.duration".into(), Some(duration));
            if let Some(end) = self.operate() {
                self.wind_down(&finished);
                return end;
            }
            self.start_queued(&done);
            // The controller looks again at the workflow's deadline (`requeueAfter`).
            if let Some(deadline) = self.workflow_deadline
                && self.clock.now() < deadline
            {
                self.wake_at(deadline);
            }
            let next = match (self.wake_at, self.next_virtual_end()) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            // Daemons that are ready run on while time passes.
            if self.busy_pods() > 0 {
                // Real pods run in real time: wait for one, or for the next
                // pod on the run's clock to end.
                let first = match self.next_virtual_end() {
                    Some(at) => finished
                        .recv_timeout(std::time::Duration::from_secs_f64((at - self.clock.now()).max(0.0)))
                        .ok(),
                    None => finished.recv().ok(),
                };
                if let Some((id, event)) = first {
                    self.event(&id, event);
                }
                while let Ok((id, event)) = finished.try_recv() {
                    self.event(&id, event);
                }
                self.finish_virtual_pods();
            } else if self.fingerprint() != before {
                // This pass changed something (a node skipped, so a task
                // that depends on it can go): look again before time
                // passes, as the controller requeues at once on a change.
                continue;
            } else if let Some(at) = next {
                self.clock.advance_to(at);
                self.finish_virtual_pods();
            } else {
                let message = self.stuck_message();
                self.wind_down(&finished);
                return (Phase::Running, message);
            }
        }
    }

    /// The run's end: daemons still running are killed (operator.go kills
    /// the daemoned children before the workflow completes), then the pods
    /// still running (a failFast sibling) and those on the run's clock end.
    fn wind_down(&mut self, finished: &mpsc::Receiver<(String, engine::Event)>) {
        self.kill_daemoned_children(None);
        // Daemons never ready are stopped as well.
        for control in self.controls.values() {
            control.stop();
        }
        while self.running > 0 {
            match finished.recv() {
                Ok((id, event)) => self.event(&id, event),
                Err(_) => break,
            }
        }
        while let Some(at) = self.next_virtual_end() {
            self.clock.advance_to(at);
            self.finish_virtual_pods();
        }
    }

    /// What changes between passes.
    fn fingerprint(&self) -> (usize, Vec<Phase>) {
        (self.nodes.len(), self.nodes.values().map(|n| n.phase).collect())
    }

    /// Why nothing more can happen.
    fn stuck_message(&self) -> String {
        let waiting: Vec<&str> = self
            .nodes
            .values()
            .filter(|n| n.node_type == NodeType::Suspend && !n.fulfilled())
            .map(|n| n.name.as_str())
            .collect();
        if waiting.is_empty() {
            "the workflow cannot go further: a variable it needs is never set (see the nodes still Pending or Running)".into()
        } else {
            format!(
                "waiting at suspend node(s) {}: resume with --resume NODE or --resume all",
                waiting.join(", ")
            )
        }
    }

    /// One pass (`operate`): `Some((phase, message))` once the workflow ended.
    fn operate(&mut self) -> Option<(Phase, String)> {
        // Workflow-level locks: the only workflow here takes them at once,
        // unless a semaphore's limit is 0; then it stays Pending, as Argo leaves it.
        if let Some(sync) = self.spec.synchronization.clone() {
            let holder = format!(
                "{}/{}",
                self.globals.get("workflow.namespace").cloned().flatten().unwrap_or_default(),
                self.workflow
            );
            match self.try_acquire(&holder, &sync) {
                Err(message) => return Some((Phase::Error, message)),
                Ok(Some((_, message))) => return Some((Phase::Pending, message)),
                Ok(None) => {}
            }
        }
        let entry = model::WorkflowStep { template: self.spec.entrypoint.clone(), ..Default::default() };
        let args = self.spec.arguments.clone().unwrap_or_default();
        let name = self.workflow.clone();
        let was_open = self.by_name(&name).is_none_or(|n| !n.fulfilled());
        let pods_before = self.finished_order.len();
        let id = match self.execute_template(&name, &entry, &Scope::Workflow, &args, &Opts::default()) {
            Ok(id) => id,
            // The workflow waits for a pod to end (`ErrParallelismReached`).
            Err(message) if message == engine::PARALLELISM_REACHED => match self.by_name(&name) {
                Some(node) => node.id.clone(),
                None => return None,
            },
            Err(message) => {
                return Some((Phase::Error, format!("error in entry template execution: {message}")));
            }
        };
        let node = self.nodes[&id].clone();
        let mut status = match node.phase {
            Phase::Pending => "Pending",
            Phase::Running => "Running",
            Phase::Succeeded | Phase::Skipped | Phase::Omitted => "Succeeded",
            Phase::Failed => "Failed",
            Phase::Error => "Error",
        };
        self.globals.insert("workflow.status".into(), Some(status.into()));
        let failures: Vec<serde_json::Value> = self
            .nodes
            .values()
            .filter(|n| n.phase.failed_or_error())
            .map(|n| {
                serde_json::json!({
                    "displayName": n.display_name,
                    "message": n.message,
                    "templateName": n.template_name.clone().unwrap_or_default(),
                    "phase": n.phase.as_str(),
                    "podName": names::pod_name(&self.workflow, &n.name, n.template_name.as_deref().unwrap_or("")),
                    "finishedAt": n.finished_at.map(|end| self.timestamp(end)),
                })
            })
            .collect();
        let failures = serde_json::to_string(&failures).unwrap_or_default();
        // Argo quotes the JSON (`strconv.Quote`).
        self.globals
            .insert("workflow.failures".into(), Some(serde_json::to_string(&failures).unwrap_or_default()));
        // Mocked pods end within the pass that starts them; Argo would have
        // seen the workflow Running on a pass before they ended, and its
        // hooks would have been looked at then.
        let mut hooks = self.run_workflow_hooks_as(
            &name,
            "Running",
            was_open && node.fulfilled() && self.finished_order.len() > pods_before,
        );
        if hooks.as_ref().is_ok_and(|done| *done) {
            hooks = self.run_workflow_hooks(&name);
        }
        match hooks {
            Ok(true) => {}
            Ok(false) => return None,
            // markNodeError on the workflow's node: the next pass sees it in Error.
            Err(message) => {
                self.mark_error(&name, message);
                status = "Error";
            }
        }
        let node = self.nodes[&id].clone();
        if !node.fulfilled() {
            return None;
        }
        let exit = self
            .spec
            .on_exit
            .clone()
            .filter(|e| !e.is_empty())
            .map(|t| model::WorkflowStep { template: Some(t), ..Default::default() })
            .or_else(|| {
                self.spec.hooks.as_ref().and_then(|h| h.get("exit")).map(|h| model::WorkflowStep {
                    template: h.template.clone(),
                    template_ref: h.template_ref.clone(),
                    arguments: h.arguments.clone(),
                    ..Default::default()
                })
            });
        let mut exit_node = None;
        if let Some(step) = exit {
            let exit_name = names::on_exit(&self.workflow);
            let opts = Opts { on_exit_template: true, hooked: true, ..Opts::default() };
            let args = step.arguments.clone().unwrap_or_default();
            match self.execute_template(&exit_name, &step, &Scope::Workflow, &args, &opts) {
                Err(message) if message == engine::PARALLELISM_REACHED => return None,
                Ok(id) => {
                    if !self.nodes[&id].fulfilled() {
                        return None;
                    }
                    exit_node = Some(self.nodes[&id].clone());
                }
                Err(message) => {
                    return Some((Phase::Error, format!("error in exit template execution : {message}")));
                }
            }
        }
        Some(match status {
            "Succeeded" => match exit_node.filter(|n| n.phase.failed_or_error()) {
                Some(n) if n.phase == Phase::Failed => (Phase::Failed, n.message),
                Some(n) => (Phase::Error, n.message),
                None => (Phase::Succeeded, String::new()),
            },
            "Failed" => (Phase::Failed, node.message),
            _ => (Phase::Error, node.message),
        })
    }

    /// The workflow's hooks evaluated with `workflow.status` = `status`
    /// (when `when` holds), the status then put back.
    fn run_workflow_hooks_as(
        &mut self,
        workflow_node: &str,
        status: &str,
        when: bool,
    ) -> Result<bool, String> {
        if !when || self.spec.hooks.is_none() {
            return Ok(true);
        }
        let real = self.globals.insert("workflow.status".into(), Some(status.into()));
        let result = self.run_workflow_hooks(workflow_node);
        if let Some(real) = real {
            self.globals.insert("workflow.status".into(), real);
        }
        result
    }

    /// `executeWfLifeCycleHook`: the workflow's expression hooks
    /// (`spec.hooks`, except `exit`, which runs as the exit handler), each
    /// evaluated over the workflow's variables on every pass; once one fired,
    /// its node `WF.hooks.NAME` is looked at on every pass. `Ok(false)`
    /// while a hook that fired is not yet fulfilled.
    fn run_workflow_hooks(&mut self, workflow_node: &str) -> Result<bool, String> {
        let Some(hooks) = self.spec.hooks.clone() else { return Ok(true) };
        let mut done = true;
        for (hook_name, hook) in &hooks {
            if hook_name == "exit" {
                continue;
            }
            let name = format!("{}.hooks.{hook_name}", self.workflow);
            let Some(expression) = hook.expression.as_deref().filter(|e| !e.is_empty()) else {
                return Err(format!("Expression required for hook {name}"));
            };
            let fired = self.eval_bool(expression, &self.global_params())?;
            if !fired && self.by_name(&name).is_none() {
                continue;
            }
            let step = model::WorkflowStep {
                template: hook.template.clone(),
                template_ref: hook.template_ref.clone(),
                ..Default::default()
            };
            let args = hook.arguments.clone().unwrap_or_default();
            let opts = Opts { hooked: true, ..Opts::default() };
            match self.execute_template(&name, &step, &Scope::Workflow, &args, &opts) {
                Ok(id) => {
                    self.add_child(workflow_node, &name);
                    done &= self.nodes[&id].fulfilled();
                }
                Err(message) if message == engine::PARALLELISM_REACHED => done = false,
                Err(message) => return Err(message),
            }
        }
        Ok(done)
    }

    /// Evaluates `{{= … }}` tags.
    pub(crate) fn expressions(&self) -> ExpressionFn {
        expression_tag
    }

    /// An expr expression that must give a boolean (hooks, retry expressions).
    pub(crate) fn eval_bool(&self, source: &str, vars: &Variables) -> Result<bool, String> {
        expr_bool(source, vars)
    }

    /// An expr expression whose value becomes a string (`valueFrom.expression`).
    pub(crate) fn eval_string(&self, source: &str, vars: &Variables) -> Result<String, String> {
        crate::syntax::expr::eval_template(source, &expr_env(vars))
    }
}

impl Resume {
    /// Whether the suspend node `node` resumes as soon as it is reached.
    fn matches(&self, node: &Node) -> bool {
        match self {
            Resume::None => false,
            Resume::All => true,
            Resume::Nodes(names) => names.iter().any(|n| n == &node.display_name || n == &node.name),
        }
    }
}

/// What evaluates `{{= … }}` tags.
pub(crate) type ExpressionFn = fn(&str, &Variables, substitute::Strict<'_>) -> Result<Option<String>, String>;

/// Argo's expr environment of the variables in scope (`env.GetFuncMap`).
fn expr_env(vars: &Variables) -> crate::syntax::expr::Env {
    use crate::syntax::expr::Value;
    crate::syntax::expr::Env::argo(
        vars.iter().map(|(k, v)| (k.clone(), v.as_ref().map_or(Value::Nil, |v| Value::String(v.clone())))),
    )
}

/// `expressionReplaceStrict`: a `{{= … }}` tag's value. A tag that reads a
/// variable not in scope is an error when that variable is strict, and is
/// otherwise left for a later pass (`Ok(None)`) if it cannot be evaluated.
fn expression_tag(
    source: &str,
    vars: &Variables,
    strict: substitute::Strict<'_>,
) -> Result<Option<String>, String> {
    let env = expr_env(vars);
    let missing: Vec<String> = match crate::syntax::expr::compile(source) {
        Ok(program) => program.variables().into_iter().filter(|v| !env.has_path(v)).collect(),
        Err(_) => Vec::new(),
    };
    if let Some(id) = missing.iter().find(|id| strict.applies(id)) {
        return Err(format!("failed to evaluate expression: {id} is missing"));
    }
    let allow_unresolved = !missing.is_empty() || matches!(strict, substitute::Strict::None);
    match crate::syntax::expr::eval_template(source, &env) {
        Ok(value) => Ok(Some(value)),
        Err(_) if allow_unresolved => Ok(None),
        Err(e) => Err(e),
    }
}

fn expr_bool(source: &str, vars: &Variables) -> Result<bool, String> {
    crate::syntax::expr::eval_bool(source, &expr_env(vars)).map_err(|e| e.to_string())
}
