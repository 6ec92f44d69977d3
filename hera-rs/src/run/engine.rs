//! The engine: Argo's controller loop on one machine. Like Argo's
//! `operate`, every pass walks the workflow from its entrypoint over the node
//! tree kept so far and takes each node one step further; pods run between
//! passes on worker threads; waits pass on a virtual clock.

use super::execute::{Control, Executor, Finished, Job, Outcome};
use super::library::Library;
use super::names;
use super::node::{Node, NodeType, Phase};
use super::substitute::{Fast, Variables};
use super::trace::Trace;
use crate::model;
use indexmap::IndexMap;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::Instant;

/// Options of a step or task's template execution (`executeTemplateOpts`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Opts {
    pub boundary_id: String,
    pub on_exit_template: bool,
    pub hooked: bool,
    pub retried: bool,
}

/// The nodes by id, in the order they were made.
pub(crate) type Nodes = IndexMap<String, Node, Fast>;

/// The run's state.
pub(crate) struct Engine<'a> {
    pub workflow: String,
    pub spec: model::WorkflowSpec,
    /// Shared, so a pass can hold a library template while it changes nodes.
    pub library: std::rc::Rc<Library>,
    pub nodes: Nodes,
    /// `woc.scope`: the workflow's variables.
    pub globals: Variables,
    /// Global output parameters (`status.outputs.parameters`).
    pub global_outputs: Vec<model::Parameter>,
    /// Output artifacts: (node id, name) → host file.
    pub artifact_files: HashMap<(String, String), PathBuf>,
    pub mocks: &'a HashMap<String, Outcome>,
    pub executor: Arc<dyn Executor>,
    /// Runs a template in-process instead (a `#[script]` function in a test).
    pub in_process: Option<Arc<dyn Executor>>,
    pub in_process_templates: Vec<String>,
    pub work: PathBuf,
    pub clock: Clock,
    /// Jobs to start after this pass.
    pub queued: Vec<Job>,
    /// Pods running now.
    pub running: usize,
    /// The earliest virtual time a waiting node wants to be looked at again.
    pub wake_at: Option<f64>,
    /// Suspend nodes to resume as soon as they are reached (`--resume`).
    pub resume: Resume,
    pub trace: &'a mut dyn Trace,
    /// The steps or tasks whose result each steps or DAG node's template
    /// reads (for `includeScriptOutput`), by node id.
    pub parent_text: std::cell::RefCell<HashMap<String, std::rc::Rc<std::collections::HashSet<String>>>>,
    /// RFC 3339 times already written, by whole second of the run's clock.
    pub timestamps: std::cell::RefCell<HashMap<i64, String>>,
    /// When the run began, on the wall clock.
    pub start_wall: chrono::DateTime<chrono::Utc>,
    pub depth: usize,
    /// The order in which pods finished (node ids).
    pub finished_order: Vec<String>,
    /// Mocked pods that run a while on the run's clock: when each ends,
    /// its node id, and how it ends.
    pub virtual_pods: Vec<(f64, String, Finished)>,
    /// The deadlines of queued pods, on the run's clock, by node id.
    pub pod_deadlines: HashMap<String, f64>,
    /// The workflow's `activeDeadlineSeconds`, as a time on the run's clock.
    pub workflow_deadline: Option<f64>,
    /// Mutexes and semaphores.
    pub locks: super::sync::Locks,
    /// Semaphore limits given by hand (`CONFIGMAP/KEY` → limit), for
    /// semaphores whose ConfigMap is not among the files.
    pub semaphore_limits: HashMap<String, usize>,
    /// Memoization caches.
    pub memo: super::memo::Memo,
    /// The `parallelism` of each steps or DAG node's template, by node id.
    pub parallelism_of: std::cell::RefCell<HashMap<String, Option<i64>>>,
    /// Pods of `daemon: true` templates (node ids), mocked or real.
    pub daemon_pods: std::collections::HashSet<String>,
    /// The controls of daemon pods running on worker threads, by node id.
    pub controls: HashMap<String, Control>,
    /// The threads pods run on.
    pub workers: super::workers::Workers,
    /// Node ids by node name.
    pub ids: HashMap<String, String, Fast>,
    /// `depends` expressions rewritten and parsed, by shape (names as
    /// positions) and the `continueOn` flags of the tasks they name.
    pub depends_programs:
        std::cell::RefCell<HashMap<String, std::rc::Rc<crate::syntax::expr::depends::Compiled>>>,
    /// Counts the changes to what `childrenFulfilled` reads (a node added,
    /// a child attached, a phase or `daemoned` changed): see [`Fulfilment`].
    pub tree_version: u64,
    pub fulfilment: std::cell::RefCell<Fulfilment>,
    /// The settled groups of each running steps node, by node id.
    pub settled_steps: HashMap<String, super::steps::SettledSteps>,
}

/// `childrenFulfilled`'s answer for each node (by index), kept while
/// `tree_version` stays the same. A pass over a chain of N steps asks it
/// of every group, and each question walks the rest of the chain: with the
/// answers kept between questions, a pass walks it once.
#[derive(Default)]
pub(crate) struct Fulfilment {
    version: u64,
    seen: Vec<u8>,
}

/// What a worker thread tells the engine about its pod.
#[derive(Debug)]
pub(crate) enum Event {
    /// A daemon's pod is ready.
    Ready,
    /// The pod ended.
    Finished(Finished),
}

/// What `executeTemplate` returns when a `parallelism` limit holds the
/// node back (`ErrParallelismReached`): no node is made, and the caller
/// goes on with the next step or task.
pub(crate) const PARALLELISM_REACHED: &str = "Max parallelism reached";

/// What `executeTemplate` returns past the recursion limit
/// (`ErrMaxDepthExceeded`): the node is made, as an Error with this
/// message, and the caller goes on as if it had been started.
pub(crate) const MAX_DEPTH_EXCEEDED: &str = "Maximum recursion depth exceeded. See https://argo-workflows.readthedocs.io/en/latest/scaling/#maximum-recursion-depth";

/// What `executeTemplate` returns when a Pending node outlived its
/// template's `timeout` (`ErrTimeout`, whose text is `timeout`).
pub(crate) const TIMEOUT: &str = "timeout";

/// Argo's message for a Pending or suspended node when the workflow's
/// deadline passes (`failNodesWithoutCreatedPodsAfterDeadlineOrShutdown`).
pub(crate) const STEP_DEADLINE: &str = "Step exceeded its deadline";

/// Which indefinite suspends resume by themselves.
#[derive(Clone, Debug, Default)]
pub enum Resume {
    /// None: the run stops when only they are left, saying which wait.
    #[default]
    None,
    /// Every one.
    All,
    /// Those with these display names or node names.
    Nodes(Vec<String>),
}

/// Time on the run's clock, in seconds since it began: real time plus
/// every wait skipped.
#[derive(Clone, Debug)]
pub(crate) struct Clock {
    start: Instant,
    skipped: f64,
    /// Wait for real instead of skipping.
    pub real_time: bool,
}

impl Clock {
    pub fn new(real_time: bool) -> Self {
        Clock { start: Instant::now(), skipped: 0.0, real_time }
    }

    pub fn now(&self) -> f64 {
        self.start.elapsed().as_secs_f64() + self.skipped
    }

    /// Moves the clock to `at` (sleeping when the clock is real).
    pub fn advance_to(&mut self, at: f64) {
        let now = self.now();
        if at <= now {
            return;
        }
        if self.real_time {
            std::thread::sleep(std::time::Duration::from_secs_f64(at - now));
        } else {
            self.skipped += at - now;
        }
    }
}

impl Engine<'_> {
    /// The id of the node named `name`.
    pub fn id(&self, name: &str) -> String {
        names::node_id(&self.workflow, name)
    }

    /// The node named `name` (through the index of names: no id is hashed).
    pub fn by_name(&self, name: &str) -> Option<&Node> {
        self.nodes.get(self.ids.get(name)?)
    }

    /// `initializeNode`.
    #[allow(clippy::too_many_arguments)]
    pub fn initialize_node(
        &mut self,
        name: &str,
        node_type: NodeType,
        holder: &model::WorkflowStep,
        boundary_id: &str,
        phase: Phase,
        opts: &Opts,
        message: Option<String>,
    ) -> String {
        let id = self.id(name);
        let display_name = match self.nodes.get(boundary_id) {
            Some(boundary) => {
                let rest = name.strip_prefix(boundary.name.as_str()).unwrap_or(name);
                strip_separator(rest).to_owned()
            }
            None => name.to_owned(),
        };
        let now = self.clock.now();
        let node = Node {
            id: id.clone(),
            name: name.to_owned(),
            display_name,
            node_type,
            template_name: holder.template.clone(),
            template_ref: holder.template_ref.clone(),
            boundary_id: boundary_id.to_owned(),
            phase,
            message: message.unwrap_or_default(),
            started_at: now,
            finished_at: phase.fulfilled().then_some(now),
            children: Vec::new(),
            outbound_nodes: Vec::new(),
            inputs: None,
            outputs: None,
            hooked: opts.hooked,
            retried: opts.retried,
            executor: None,
            log: String::new(),
            waiting: None,
            memoization: None,
            no_pod: false,
            daemoned: false,
            pod_ip: None,
        };
        self.trace.node(&node);
        self.ids.insert(name.to_owned(), id.clone());
        self.nodes.insert(id.clone(), node);
        self.tree_version += 1;
        id
    }

    /// `markNodePhase`.
    pub fn mark_phase(&mut self, name: &str, phase: Phase, message: Option<String>) -> String {
        let id = self.id(name);
        let now = self.clock.now();
        let Some(node) = self.nodes.get_mut(&id) else { return id };
        let mut changed = node.phase != phase;
        if changed {
            self.tree_version += 1;
        }
        node.phase = phase;
        if let Some(message) = message
            && message != node.message
        {
            node.message = message;
            changed = true;
        }
        if node.phase.fulfilled() && node.finished_at.is_none() {
            node.finished_at = Some(now);
        }
        // A memoized node that succeeded fills its cache entry (steps.go,
        // dag.go and the pod reconciliation each `Save`); a key Argo refuses
        // errors the node.
        let save = (changed && phase == Phase::Succeeded)
            .then(|| node.memoization.clone().filter(|m| !m.hit).map(|m| (m, node.outputs.clone())))
            .flatten();
        if let Some((status, outputs)) = save {
            let now_text = self.timestamp(now);
            let seed = self.library.config_maps.get(&status.cache_name);
            if let Err(message) =
                self.memo.save(&status.cache_name, &status.key, &id, outputs.as_ref(), &now_text, seed)
            {
                let node = self.nodes.get_mut(&id).expect("exists");
                node.phase = Phase::Error;
                node.message = message;
                self.tree_version += 1;
            }
        }
        let Some(node) = self.nodes.get_mut(&id) else { return id };
        // `Release`: a fulfilled node gives back its locks.
        if node.phase.fulfilled() && !self.locks.is_empty() {
            self.locks.release(&id);
        }
        if changed {
            let node = node.clone();
            self.trace.node(&node);
        }
        id
    }

    /// `markNodeError`.
    pub fn mark_error(&mut self, name: &str, message: String) -> String {
        self.mark_phase(name, Phase::Error, Some(message))
    }

    /// `addChildNode`.
    pub fn add_child(&mut self, parent: &str, child: &str) {
        // Both are looked up by name (a steps pass links every group it
        // walks again): an id is only hashed for a child not made yet.
        let Some(parent_id) = self.ids.get(parent) else { return };
        let child_id = match self.ids.get(child) {
            Some(id) => id.clone(),
            None => self.id(child),
        };
        if let Some(node) = self.nodes.get_mut(parent_id)
            && !node.children.contains(&child_id)
        {
            node.children.push(child_id);
            self.tree_version += 1;
        }
    }

    /// `getOutboundNodes`.
    pub fn outbound_nodes(&self, id: &str) -> Vec<String> {
        let node = &self.nodes[id];
        match node.node_type {
            NodeType::Skipped | NodeType::Suspend | NodeType::Http | NodeType::Plugin | NodeType::Pod => {
                vec![node.id.clone()]
            }
            NodeType::TaskGroup => {
                if node.children.is_empty() {
                    return vec![node.id.clone()];
                }
                node.children.iter().flat_map(|c| self.outbound_nodes(c)).collect()
            }
            NodeType::Retry => node.children.last().map(|c| vec![c.clone()]).unwrap_or_default(),
            NodeType::Steps | NodeType::Dag | NodeType::StepGroup => {
                node.outbound_nodes.iter().flat_map(|o| self.outbound_nodes(o)).collect()
            }
        }
    }

    /// `childrenFulfilled`: every leaf below `id` is done (a node with
    /// children counts through them, not its own phase), each node looked
    /// at once (`childrenFulfilledHelper`'s cache: below a steps chain, each
    /// step's children are the next group, and every group asks).
    pub fn children_fulfilled(&self, id: &str) -> bool {
        // The cache is by node index, not id, and outlives the question
        // (see `Fulfilment`): hashing ids was most of a host run's own time.
        const UNKNOWN: u8 = 0;
        const DONE: u8 = 1;
        const NOT_DONE: u8 = 2;
        fn below(nodes: &Nodes, index: usize, seen: &mut [u8]) -> bool {
            match seen[index] {
                DONE => return true,
                NOT_DONE => return false,
                _ => {}
            }
            let node = &nodes[index];
            let done = if node.children.is_empty() {
                node.fulfilled()
            } else {
                node.children.iter().filter_map(|c| nodes.get_index_of(c)).all(|i| below(nodes, i, seen))
            };
            seen[index] = if done { DONE } else { NOT_DONE };
            done
        }
        let ask = |seen: &mut Vec<u8>| {
            seen.resize(self.nodes.len(), UNKNOWN);
            self.nodes[id]
                .children
                .iter()
                .filter_map(|c| self.nodes.get_index_of(c))
                .all(|i| below(&self.nodes, i, seen))
        };
        let mut memo = self.fulfilment.borrow_mut();
        if memo.version != self.tree_version {
            memo.seen.clear();
            memo.version = self.tree_version;
        }
        let answer = ask(&mut memo.seen);
        // Every test run checks that no change went uncounted.
        debug_assert_eq!(answer, ask(&mut Vec::new()), "childrenFulfilled({id}) kept past a change");
        answer
    }

    /// Asks to be woken at virtual time `at`.
    pub fn wake_at(&mut self, at: f64) {
        self.wake_at = Some(self.wake_at.map_or(at, |w| w.min(at)));
    }

    /// The RFC 3339 time of `offset` on the run's clock.
    pub fn timestamp(&self, offset: f64) -> String {
        // Times are kept to the second: each second is formatted once.
        let key = (self.start_wall.timestamp_millis() + (offset * 1000.0) as i64).div_euclid(1000);
        if let Some(found) = self.timestamps.borrow().get(&key) {
            return found.clone();
        }
        let text = super::format_time(self.start_wall, offset);
        self.timestamps.borrow_mut().insert(key, text.clone());
        text
    }

    /// The workflow's variables (`globalParams()`).
    pub fn global_params(&self) -> Variables {
        self.globals.clone()
    }

    /// A worker thread's news of node `id`'s pod.
    pub fn event(&mut self, id: &str, event: Event) {
        match event {
            Event::Finished(finished) => self.finish(id, finished),
            Event::Ready => self.daemoned(id),
        }
    }

    /// A daemon's pod is ready: its node is Running and `daemoned`
    /// (`assessNodeStatus`, `PodRunning` of a daemon template), its IP this machine's.
    pub fn daemoned(&mut self, id: &str) {
        let Some(node) = self.nodes.get_mut(id) else { return };
        if node.phase.fulfilled() {
            return;
        }
        node.daemoned = true;
        node.pod_ip = Some("127.0.0.1".into());
        self.tree_version += 1;
        let name = node.name.clone();
        let node = node.clone();
        self.trace.node(&node);
        self.mark_phase(&name, Phase::Running, None);
    }

    /// `killDaemonedChildren`: the daemoned pods whose scope is the steps or
    /// DAG node `boundary_id` (every one, with `None`) are stopped, and
    /// their nodes Succeeded.
    pub fn kill_daemoned_children(&mut self, boundary_id: Option<&str>) {
        let daemoned: Vec<(String, String)> = self
            .nodes
            .values()
            .filter(|n| n.daemoned && boundary_id.is_none_or(|b| n.boundary_id == b))
            .map(|n| (n.id.clone(), n.name.clone()))
            .collect();
        for (id, name) in daemoned {
            if let Some(control) = self.controls.get(&id) {
                control.stop();
            }
            self.nodes.get_mut(&id).expect("exists").daemoned = false;
            self.tree_version += 1;
            self.mark_phase(&name, Phase::Succeeded, None);
        }
    }

    /// Pods on worker threads other than daemons that are ready: what the
    /// run must wait for before it may skip time (a stopped daemon is
    /// waited for: it ends at once).
    pub fn busy_pods(&self) -> usize {
        let idle = self
            .controls
            .iter()
            .filter(|(id, control)| !control.stopped() && self.nodes.get(*id).is_some_and(|n| n.daemoned))
            .count();
        self.running.saturating_sub(idle)
    }

    /// Applies a finished pod to its node.
    pub fn finish(&mut self, id: &str, finished: Finished) {
        self.running = self.running.saturating_sub(1);
        self.controls.remove(id);
        let Some(node) = self.nodes.get_mut(id) else { return };
        if node.phase.fulfilled() {
            // A daemon stopped at the end of its scope: its node was marked then.
            node.log = finished.log;
            node.executor = Some(finished.executor);
            return;
        }
        let daemon = self.daemon_pods.contains(id);
        node.daemoned = false;
        self.tree_version += 1;
        // Every pod that ran had an IP (`assessNodeStatus` copies the pod's).
        node.pod_ip.get_or_insert_with(|| "127.0.0.1".into());
        let mut outputs = node.outputs.clone().unwrap_or_default();
        if let Some(result) = &finished.result {
            outputs.result = Some(result.clone());
        }
        if let Some(code) = finished.exit_code {
            outputs.exit_code = Some(code.to_string());
        }
        let declared = node.outputs.as_ref().and_then(|o| o.parameters.clone()).unwrap_or_default();
        let mut parameters = Vec::new();
        for (name, value) in &finished.parameters {
            let mut p = declared
                .iter()
                .find(|p| &p.name == name)
                .cloned()
                .unwrap_or_else(|| model::Parameter { name: name.clone(), ..Default::default() });
            p.value = Some(value.clone());
            parameters.push(p);
        }
        if !parameters.is_empty() {
            outputs.parameters = Some(parameters);
        }
        let mut artifacts = Vec::new();
        let mut saving_failed = None;
        for (name, file) in &finished.artifacts {
            self.artifact_files.insert((id.to_owned(), name.clone()), file.clone());
            let declared = node
                .outputs
                .as_ref()
                .and_then(|o| o.artifacts.as_ref())
                .and_then(|a| a.iter().find(|a| &a.name == name));
            let mut artifact = declared
                .cloned()
                .unwrap_or_else(|| model::Artifact { name: name.clone(), ..Default::default() });
            // saveArtifactFromFile: an artifact with a key (`HasKey`) is saved at it.
            if let Some(key) = super::repository::stored_key(&artifact)
                && saving_failed.is_none()
                && let Err(message) = save_at_key(&self.work.join("artifacts"), name, &key, file)
            {
                saving_failed = Some(message);
            }
            artifact.path = artifact.path.or_else(|| Some(file.display().to_string()));
            artifacts.push(artifact);
        }
        if !artifacts.is_empty() {
            outputs.artifacts = Some(artifacts);
        }
        let has_outputs = outputs != model::Outputs::default();
        node.outputs = has_outputs.then_some(outputs);
        node.log = finished.log;
        node.executor = Some(finished.executor);
        let name = node.name.clone();
        // The pod's outputs reach the global scope as the controller
        // assesses it (`podReconciliation` → `addOutputsToGlobalScope`).
        let outputs = node.outputs.clone();
        self.add_global_outputs(outputs.as_ref(), id);
        self.finished_order.push(id.to_owned());
        let mut phase = finished.phase.unwrap_or(Phase::Error);
        // assessNodeStatus: a daemon's pod should run until it is killed;
        // one that ends by itself, even well, is Failed.
        if daemon && phase == Phase::Succeeded {
            phase = Phase::Failed;
        }
        let mut message = (!finished.message.is_empty()).then_some(finished.message);
        if let Some(failed) = saving_failed
            && phase == Phase::Succeeded
        {
            phase = Phase::Error;
            message = Some(failed);
        }
        self.mark_phase(&name, phase, message.or(Some(String::new())));
    }

    /// `checkParallelism`: whether a workflow or template `parallelism`
    /// holds back the node `name` (`node`, if it exists) of `template`.
    pub fn parallelism_reached(
        &self,
        template: &model::Template,
        node: Option<&Node>,
        boundary_id: &str,
    ) -> bool {
        if let Some(limit) = self.spec.parallelism
            && self.active_pods(None) >= limit
        {
            return true;
        }
        if let Some(node) = node
            && (template.dag.is_some() || template.steps.is_some())
            && let Some(limit) = template.parallelism
            && self.active_pods(Some(&node.id)) >= limit
        {
            return true;
        }
        // About to start a child: its boundary's limit counts active children.
        if !boundary_id.is_empty()
            && node.is_none_or(|n| !matches!(n.phase, Phase::Pending | Phase::Running))
            && let Some(limit) = self.boundary_parallelism(boundary_id)
            && self.active_children(boundary_id) >= limit
        {
            return true;
        }
        false
    }

    /// `getActivePods`: Pending or Running pods (within `boundary`), not
    /// counting those waiting for a lock or never started.
    fn active_pods(&self, boundary: Option<&str>) -> i64 {
        self.nodes
            .values()
            .filter(|n| {
                n.node_type == NodeType::Pod
                    && boundary.is_none_or(|b| n.boundary_id == b)
                    && !n.phase.fulfilled()
                    && !n.waiting_for_lock()
                    && !n.no_pod
            })
            .count() as i64
    }

    /// `getActiveChildren`: Pending or Running pods, steps and DAGs within `boundary`.
    fn active_children(&self, boundary: &str) -> i64 {
        self.nodes
            .values()
            .filter(|n| {
                n.boundary_id == boundary
                    && matches!(n.node_type, NodeType::Pod | NodeType::Steps | NodeType::Dag)
                    && !n.phase.fulfilled()
            })
            .count() as i64
    }

    /// The `parallelism` of the template a steps or DAG node runs.
    fn boundary_parallelism(&self, boundary_id: &str) -> Option<i64> {
        if let Some(found) = self.parallelism_of.borrow().get(boundary_id) {
            return *found;
        }
        let limit =
            self.nodes.get(boundary_id).and_then(|b| self.boundary_template(b)).and_then(|t| t.parallelism);
        self.parallelism_of.borrow_mut().insert(boundary_id.to_owned(), limit);
        limit
    }

    /// The deadline of a pod of `template` whose node started at `started`,
    /// on the run's clock: the earliest of its `activeDeadlineSeconds`, its
    /// `timeout` and (except for exit handlers) the workflow's deadline, as
    /// `workflowpod.go` sets the pod's `activeDeadlineSeconds`.
    pub fn pod_deadline(
        &self,
        template: &model::Template,
        started: f64,
        on_exit: bool,
    ) -> Result<Option<f64>, String> {
        let mut deadline: Option<f64> = None;
        let mut tighten = |at: f64| deadline = Some(deadline.map_or(at, |d| d.min(at)));
        if let Some(seconds) = &template.active_deadline_seconds {
            let seconds = super::retry::int_or_string(seconds)
                .map_err(|e| format!("invalid activeDeadlineSeconds: {e}"))?;
            tighten(self.clock.now() + seconds as f64);
        }
        if let Some(timeout) = template.timeout.as_deref().filter(|t| !t.is_empty()) {
            let seconds = crate::syntax::duration::seconds(timeout)
                .map_err(|e| format!("invalid timeout format {e}"))?;
            tighten(started + seconds);
        }
        if let Some(workflow) = self.workflow_deadline
            && !on_exit
        {
            tighten(workflow);
        }
        Ok(deadline)
    }

    /// Whether the workflow's deadline has passed.
    pub fn past_workflow_deadline(&self) -> bool {
        self.workflow_deadline.is_some_and(|d| self.clock.now() >= d)
    }

    /// The workflow's deadline as Go prints a `time.Time`.
    pub fn workflow_deadline_text(&self) -> String {
        let at = self.start_wall
            + chrono::Duration::milliseconds((self.workflow_deadline.unwrap_or(0.0) * 1000.0) as i64);
        let fraction = at.format("%.f").to_string();
        let fraction = fraction.trim_end_matches('0').trim_end_matches('.');
        format!("{}{} +0000 UTC", at.format("%Y-%m-%d %H:%M:%S"), fraction)
    }

    /// `failNodesWithoutCreatedPodsAfterDeadlineOrShutdown`: past the
    /// workflow's deadline, Pending and suspended nodes outside exit
    /// handlers fail. (Running pods end at their own deadline.)
    pub fn expire_workflow_deadline(&mut self) {
        if !self.past_workflow_deadline() {
            return;
        }
        let expired: Vec<String> = self
            .nodes
            .values()
            .filter(|n| {
                !n.fulfilled()
                    && (n.phase == Phase::Pending || n.node_type == NodeType::Suspend)
                    && !self.part_of_exit_handler(n)
            })
            .map(|n| n.name.clone())
            .collect();
        for name in expired {
            self.mark_phase(&name, Phase::Failed, Some(STEP_DEADLINE.into()));
        }
    }

    /// `IsPartOfExitHandler`: the node or a boundary around it is an `.onExit` node.
    fn part_of_exit_handler(&self, node: &Node) -> bool {
        let mut current = node;
        loop {
            if current.display_name.ends_with(".onExit") {
                return true;
            }
            match self.nodes.get(&current.boundary_id) {
                Some(boundary) if boundary.id != current.id => current = boundary,
                _ => return false,
            }
        }
    }

    /// Pods on the run's clock that have ended by now.
    pub fn finish_virtual_pods(&mut self) {
        let now = self.clock.now();
        let mut i = 0;
        while i < self.virtual_pods.len() {
            if self.virtual_pods[i].0 <= now {
                let (_, id, finished) = self.virtual_pods.remove(i);
                self.running += 1;
                self.finish(&id, finished);
            } else {
                i += 1;
            }
        }
    }

    /// When the next pod on the run's clock ends.
    pub fn next_virtual_end(&self) -> Option<f64> {
        self.virtual_pods.iter().map(|(end, _, _)| *end).reduce(f64::min)
    }

    /// Starts the queued pods on worker threads.
    pub fn start_queued(&mut self, done: &mpsc::Sender<(String, Event)>) {
        for job in std::mem::take(&mut self.queued) {
            let name = job.node_name.clone();
            self.mark_phase(&name, Phase::Running, None);
            let mock = job.template.name.as_deref().and_then(|t| self.mocks.get(t)).cloned();
            let executor = match &self.in_process {
                #[cfg(feature = "server")]
                _ if job.template.http.is_some() && mock.is_none() => {
                    Arc::new(super::execute::HttpExecutor) as Arc<dyn Executor>
                }
                Some(e)
                    if job
                        .template
                        .name
                        .as_deref()
                        .is_some_and(|t| self.in_process_templates.iter().any(|x| x == t)) =>
                {
                    Arc::clone(e)
                }
                _ => Arc::clone(&self.executor),
            };
            let done = done.clone();
            self.running += 1;
            let mut job = job;
            if self.daemon_pods.contains(&job.node_id) {
                let (tell, id) = (done.clone(), job.node_id.clone());
                job.control = Control::new(move || {
                    let _ = tell.send((id.clone(), Event::Ready));
                });
                self.controls.insert(job.node_id.clone(), job.control.clone());
            }
            // The pod's deadline, from now, on the real clock.
            if let Some(at) = self.pod_deadlines.remove(&job.node_id) {
                job.deadline = Some(std::time::Duration::from_secs_f64((at - self.clock.now()).max(0.0)));
            }
            self.workers.run(move || {
                let _ = std::fs::create_dir_all(&job.directory);
                let finished = match mock {
                    Some(outcome) => outcome.finish(&job),
                    None => executor.run(&job),
                };
                let _ = done.send((job.node_id.clone(), Event::Finished(finished)));
            });
        }
    }
}

/// Copies an output artifact's file or directory to `key` in the local
/// artifact repository (the plain file, not Argo's `.tgz`: see
/// [`super::repository`]), replacing what was there.
fn save_at_key(
    repository: &std::path::Path,
    name: &str,
    key: &str,
    file: &std::path::Path,
) -> Result<(), String> {
    let target = super::repository::file(repository, name, key)?;
    if target == repository {
        return Err(format!("output artifact '{name}': an empty key names the whole artifact repository"));
    }
    let removed =
        if target.is_dir() { std::fs::remove_dir_all(&target) } else { std::fs::remove_file(&target) };
    match removed {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(format!("output artifact '{name}': cannot replace {}: {e}", target.display()));
        }
        _ => {}
    }
    super::execute::copy(file, &target).map_err(|e| {
        format!("output artifact '{name}': cannot save it at key '{key}' ({}): {e}", target.display())
    })
}

/// `stepsOrDagSeparator`: `^(\[\d+\])?\.` removed from a display name.
fn strip_separator(rest: &str) -> &str {
    let after_group = rest
        .strip_prefix('[')
        .and_then(|r| {
            let digits = r.find(|c: char| !c.is_ascii_digit())?;
            (digits > 0 && r[digits..].starts_with(']')).then(|| &r[digits + 1..])
        })
        .unwrap_or(rest);
    after_group.strip_prefix('.').unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    #[test]
    fn display_names_drop_the_group_and_dot() {
        assert_eq!(super::strip_separator("[0].hello"), "hello");
        assert_eq!(super::strip_separator(".task"), "task");
        assert_eq!(super::strip_separator("[0]"), "[0]");
        assert_eq!(super::strip_separator("(0)"), "(0)");
    }
}
