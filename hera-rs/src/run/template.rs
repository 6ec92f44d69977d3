//! `executeTemplate`: resolve what a step or task calls, bind its inputs,
//! retry it, and run it by its kind.

use super::engine::{Engine, Opts};
use super::execute::Job;
use super::library::Scope;
use super::names;
use super::node::{NodeType, Phase};
use super::substitute::{self, Strict, Variables};
use crate::model;

/// Argo's `maxAllowedStackDepth`.
const MAX_STACK_DEPTH: usize = 100;

impl Engine<'_> {
    /// Runs `holder` as node `name`; returns the node's id, or an error after
    /// marking the node.
    pub(crate) fn execute_template(
        &mut self,
        name: &str,
        holder: &model::WorkflowStep,
        scope: &Scope,
        args: &model::Arguments,
        opts: &Opts,
    ) -> Result<String, String> {
        self.depth += 1;
        // Every level of a recursive template (coinflip-recursive's random
        // depth, up to Argo's limit) nests this call: deep chains continue on
        // a fresh stack segment instead of overflowing a test thread's 2 MiB
        // in debug builds.
        let result = crate::support::stack::grown(1024 * 1024, 8 * 1024 * 1024, || {
            self.execute_template_inner(name, holder, scope, args, opts)
        });
        self.depth -= 1;
        result
    }

    fn execute_template_inner(
        &mut self,
        name: &str,
        holder: &model::WorkflowStep,
        scope: &Scope,
        args: &model::Arguments,
        opts: &Opts,
    ) -> Result<String, String> {
        let existing = self.by_name(name).map(|n| n.id.clone());
        if self.depth >= MAX_STACK_DEPTH {
            return Err(self.node_or_error(
                existing,
                name,
                holder,
                opts,
                super::engine::MAX_DEPTH_EXCEEDED.into(),
            ));
        }
        let library = std::rc::Rc::clone(&self.library);
        let (template_scope, found) = match library.resolve(scope, holder) {
            Ok(found) => found,
            Err(message) => return Err(self.node_or_error(existing, name, holder, opts, message)),
        };
        // executeTemplate merges spec.templateDefaults in once resolved.
        let merged = match &self.spec.template_defaults {
            Some(defaults) => match crate::model::merge::with_template_defaults(found, defaults) {
                Ok(merged) => Some(Box::new(merged)),
                Err(message) => return Err(self.node_or_error(existing, name, holder, opts, message)),
            },
            None => None,
        };
        let resolved = merged.as_deref().unwrap_or(found);
        let mut local = Variables::default();
        let retry = resolved.retry_strategy.clone().or_else(|| self.spec.retry_strategy.clone());
        let pod_type = resolved.container.is_some()
            || resolved.script.is_some()
            || resolved.resource.is_some()
            || resolved.container_set.is_some();
        let template_name = resolved.name.clone().unwrap_or_default();
        if pod_type && retry.is_none() {
            local.insert("pod.name".into(), Some(names::pod_name(&self.workflow, name, &template_name)));
        }
        match &holder.name {
            Some(step_name) => {
                local.insert("steps.name".into(), Some(step_name.clone()));
                local.insert("tasks.name".into(), Some(step_name.clone()));
            }
            // The entrypoint and the exit handler run as a step without a
            // name (`&wfv1.WorkflowStep{Template: …}`): `steps.name` is "".
            None => {
                local.insert("steps.name".into(), Some(String::new()));
            }
        }
        local.insert("node.name".into(), Some(name.to_owned()));
        // Known for the library's own templates (not an inline one, nor one
        // merged with the defaults): whether any field has a tag.
        let tagged = (merged.is_none() && holder.inline.is_none()).then(|| self.library.has_tags(found));
        let processed = match self.process_args(resolved, tagged, args, &local) {
            Ok(t) => t,
            Err(message) => return Err(self.node_or_error(existing, name, holder, opts, message)),
        };
        if let Some(id) = &existing
            && self.nodes[id].fulfilled()
        {
            return Ok(id.clone());
        }
        // checkTemplateTimeouts: a node still Pending past its template's `timeout` fails.
        if let Some(id) = &existing
            && self.nodes[id].phase == Phase::Pending
            && let Some(timeout) = processed.timeout.as_deref().filter(|t| !t.is_empty())
        {
            let seconds = crate::syntax::duration::seconds(timeout).map_err(|e| {
                self.node_or_error(
                    existing.clone(),
                    name,
                    holder,
                    opts,
                    format!("invalid timeout format {e}"),
                )
            })?;
            let deadline = self.nodes[id].started_at + seconds;
            if self.clock.now() > deadline {
                self.mark_phase(name, Phase::Failed, Some(super::engine::TIMEOUT.into()));
                return Err(super::engine::TIMEOUT.into());
            }
            self.wake_at(deadline);
        }
        let existing_node = existing.as_ref().map(|id| self.nodes[id].clone());
        if self.parallelism_reached(&processed, existing_node.as_ref(), &opts.boundary_id) {
            return Err(super::engine::PARALLELISM_REACHED.into());
        }
        let mut existing = existing;
        // Synchronization (executeTemplate's TryAcquire): a node that cannot
        // take its locks waits Pending with Argo's message.
        let mut unlocked = false;
        if let Some(sync) = processed.synchronization.clone() {
            let node_id = self.id(name);
            match self.try_acquire(&node_id, &sync) {
                Err(message) => return Err(self.node_or_error(existing, name, holder, opts, message)),
                Ok(Some((lock, message))) => {
                    let id = match &existing {
                        Some(id) => id.clone(),
                        None => self.unstarted_node(name, holder, &processed, opts, Some(message.clone())),
                    };
                    // markNodeWaitingForLock
                    self.nodes.get_mut(&id).expect("exists").waiting = Some(lock);
                    self.mark_phase(name, self.nodes[&id].phase, Some(message));
                    return Ok(id);
                }
                Ok(None) => {
                    unlocked = existing.as_ref().is_some_and(|id| self.nodes[id].waiting_for_lock());
                    if let Some(id) = &existing
                        && unlocked
                    {
                        let node = self.nodes.get_mut(id).expect("exists");
                        node.waiting = None;
                        if node.node_type != NodeType::Pod {
                            self.mark_phase(name, Phase::Running, None);
                        }
                    }
                }
            }
        }
        // Memoization: a hit is a Succeeded node with the cached outputs, and
        // nothing runs; a miss runs and fills the entry when it succeeds.
        if let Some(memoize) = processed.memoize.clone()
            && (existing.is_none() || unlocked)
        {
            let cache = memoize.cache.config_map.name.clone().unwrap_or_default();
            let seed = self.library.config_maps.get(&cache).cloned();
            let entry = match self.memo.load(&cache, &memoize.key, seed.as_ref()) {
                Ok(entry) => entry,
                Err(message) => return Err(self.node_or_error(existing, name, holder, opts, message)),
            };
            let mut hit = entry.is_some();
            let mut outputs = entry.as_ref().and_then(|e| e.outputs.clone());
            if !memoize.max_age.is_empty() {
                let max_age = match crate::syntax::duration::seconds(&memoize.max_age) {
                    Ok(seconds) => seconds,
                    Err(e) => {
                        return Err(self.node_or_error(
                            existing,
                            name,
                            holder,
                            opts,
                            format!("invalid maxAge: {e}"),
                        ));
                    }
                };
                let now = (self.start_wall.timestamp_millis() as f64 / 1000.0 + self.clock.now()) as i64;
                if entry.as_ref().is_none_or(|e| (now - e.created) as f64 > max_age) {
                    hit = false;
                    outputs = None;
                }
            }
            let status = model::MemoizationStatus { hit, key: memoize.key.clone(), cache_name: cache };
            let id = match &existing {
                Some(id) => id.clone(),
                None => self.unstarted_node(name, holder, &processed, opts, None),
            };
            self.nodes.get_mut(&id).expect("exists").memoization = Some(status);
            if hit {
                // initializeCacheHitNode
                let node = self.nodes.get_mut(&id).expect("exists");
                node.outputs = outputs;
                node.no_pod = false;
                self.mark_phase(name, Phase::Succeeded, None);
                return Ok(id);
            }
            if self.nodes[&id].node_type != NodeType::Pod && self.nodes[&id].phase == Phase::Pending {
                self.mark_phase(name, Phase::Running, None);
            }
            existing = Some(id);
        }

        // The strategy as substituted (its expression may read the inputs).
        let retry = retry.map(|r| processed.retry_strategy.clone().unwrap_or(r));
        let mut node_name = name.to_owned();
        let mut processed = processed;
        let mut opts = opts.clone();
        let mut retry_parent = None;
        if let Some(strategy) = &retry {
            let parent_id = match &existing {
                Some(id) => id.clone(),
                None => self.initialize_node(
                    name,
                    NodeType::Retry,
                    holder,
                    &opts.boundary_id,
                    Phase::Running,
                    &opts,
                    None,
                ),
            };
            self.set_inputs(&parent_id, &processed);
            opts.retried = true;
            let proceed = match self.process_retries(&parent_id, strategy) {
                Ok(proceed) => proceed,
                Err(message) => {
                    self.mark_error(name, message.clone());
                    return Err(message);
                }
            };
            if !proceed || self.nodes[&parent_id].fulfilled() {
                return Ok(parent_id);
            }
            let children = self.nodes[&parent_id].children.clone();
            let last = children.last().cloned();
            let retry_num;
            if let Some(last) = last.filter(|l| !self.nodes[l].phase.fulfilled()) {
                node_name = self.nodes[&last].name.clone();
                retry_num = children.len() - 1;
            } else {
                retry_num = children.len();
                node_name = format!("{name}({retry_num})");
                self.add_child(name, &node_name);
            }
            let mut local = Variables::default();
            if pod_type {
                local.insert(
                    "pod.name".into(),
                    Some(names::pod_name(&self.workflow, &node_name, &template_name)),
                );
            }
            local.insert("retries".into(), Some(retry_num.to_string()));
            let last_child = children.last().map(|id| self.nodes[id].clone());
            let (code, status, duration, message) = match &last_child {
                Some(c) => (
                    c.outputs.as_ref().and_then(|o| o.exit_code.clone()).unwrap_or_else(|| "0".into()),
                    c.phase.as_str().to_owned(),
                    format!("{}", c.whole_seconds()),
                    c.message.clone(),
                ),
                None => ("0".into(), String::new(), "0".into(), String::new()),
            };
            local.insert("retries.lastExitCode".into(), Some(code));
            local.insert("retries.lastStatus".into(), Some(status));
            local.insert("retries.lastDuration".into(), Some(duration));
            local.insert("retries.lastMessage".into(), Some(message));
            processed = Processed::Changed(self.substitute_template(processed.boxed(), false, &local)?);
            retry_parent = Some(name.to_owned());
        }

        let result = if processed.container.is_some() || processed.script.is_some() {
            self.execute_pod(&node_name, holder, &processed, &opts, NodeType::Pod)
        } else if processed.steps.is_some() {
            let result = self.execute_steps(&node_name, holder, &template_scope, &processed, &opts);
            self.kill_daemons_when_done(&node_name);
            result
        } else if processed.dag.is_some() {
            let result = self.execute_dag(&node_name, holder, &template_scope, &processed, &opts);
            self.kill_daemons_when_done(&node_name);
            result
        } else if processed.suspend.is_some() {
            self.execute_suspend(&node_name, holder, &processed, &opts)
        } else if processed.resource.is_some()
            || processed.http.is_some()
            || processed.plugin.is_some()
            || processed.data.is_some()
            || processed.container_set.is_some()
        {
            self.execute_mocked_only(&node_name, holder, &processed, &opts)
        } else {
            let message = format!("Template '{template_name}' missing specification");
            self.initialize_node(
                &node_name,
                NodeType::Skipped,
                holder,
                &opts.boundary_id,
                Phase::Error,
                &opts,
                Some(message.clone()),
            );
            return Err(message);
        };
        let id = match result {
            Ok(id) => id,
            Err(message) => {
                if self.by_name(&node_name).is_some() {
                    self.mark_error(&node_name, message.clone());
                }
                return Err(message);
            }
        };
        if let Some(parent) = retry_parent {
            let parent_id = self.id(&parent);
            if !self.nodes[&parent_id].phase.fulfilled() && self.nodes[&id].phase.fulfilled() {
                return self.execute_template(&parent, holder, scope, args, &Opts { retried: false, ..opts });
            }
            // A daemoned attempt makes its retry node daemoned (executeTemplate).
            let attempt = &self.nodes[&id];
            if !attempt.phase.fulfilled() && attempt.daemoned {
                let phase = attempt.phase;
                self.nodes.get_mut(&parent_id).expect("exists").daemoned = true;
                self.tree_version += 1;
                self.mark_phase(&parent, phase, None);
            }
            return Ok(parent_id);
        }
        Ok(id)
    }

    /// The defer of `executeSteps` and `executeDAG`: once the steps or DAG
    /// node `name` is fulfilled, its daemoned children are killed.
    fn kill_daemons_when_done(&mut self, name: &str) {
        if let Some(node) = self.by_name(name)
            && node.fulfilled()
        {
            let id = node.id.clone();
            self.kill_daemoned_children(Some(&id));
        }
    }

    /// A node made before its work starts (waiting for a lock, or a cache
    /// miss: `initializeExecutableNode` with `GetNodeType`): Pending, its pod
    /// not yet made.
    fn unstarted_node(
        &mut self,
        name: &str,
        holder: &model::WorkflowStep,
        template: &model::Template,
        opts: &Opts,
        message: Option<String>,
    ) -> String {
        let node_type = if template.steps.is_some() {
            NodeType::Steps
        } else if template.dag.is_some() {
            NodeType::Dag
        } else if template.suspend.is_some() {
            NodeType::Suspend
        } else if template.http.is_some() {
            NodeType::Http
        } else if template.plugin.is_some() {
            NodeType::Plugin
        } else {
            NodeType::Pod
        };
        let id =
            self.initialize_node(name, node_type, holder, &opts.boundary_id, Phase::Pending, opts, message);
        let node = self.nodes.get_mut(&id).expect("just made");
        node.no_pod = true;
        id
    }

    /// `initializeNodeOrMarkError`: the error, after the node records it.
    fn node_or_error(
        &mut self,
        existing: Option<String>,
        name: &str,
        holder: &model::WorkflowStep,
        opts: &Opts,
        message: String,
    ) -> String {
        match existing {
            Some(_) => {
                self.mark_error(name, message.clone());
            }
            None => {
                self.initialize_node(
                    name,
                    NodeType::Skipped,
                    holder,
                    &opts.boundary_id,
                    Phase::Error,
                    opts,
                    Some(message.clone()),
                );
            }
        }
        message
    }

    /// `ProcessArgs` then `SubstituteParams`. `tagged`: whether `template`
    /// has a tag anywhere, when known.
    fn process_args<'t>(
        &self,
        template: &'t model::Template,
        tagged: Option<bool>,
        args: &model::Arguments,
        local: &Variables,
    ) -> Result<Processed<'t>, String> {
        // Without inputs the arguments change nothing, and without a tag
        // neither does substitution: a steps template (every pass) or a
        // leaf is used as it is, not copied.
        let no_inputs = template.inputs.as_ref().is_none_or(|i| {
            i.parameters.as_ref().is_none_or(Vec::is_empty) && i.artifacts.as_ref().is_none_or(Vec::is_empty)
        });
        if tagged == Some(false) && no_inputs {
            return Ok(Processed::Same(template));
        }
        // Boxed: a Template is 15 KB, and each move of one is a copy.
        let mut template = Box::new(template.clone());
        let arg_params = args.parameters.clone().unwrap_or_default();
        if let Some(inputs) = template.inputs.as_mut() {
            for p in inputs.parameters.iter_mut().flatten() {
                if p.value.is_none() && p.default.is_some() {
                    p.value = p.default.clone();
                }
                if let Some(arg) = arg_params.iter().find(|a| a.name == p.name) {
                    if arg.value.as_deref() == Some(super::substitute::ABSENT_OPTIONAL_ARGUMENT) {
                        // Not given: the input's default or valueFrom stands.
                        if p.value.is_none() && p.value_from.is_none() {
                            return Err(format!(
                                "inputs.parameters.{}: argument references an absent optional (skipped/omitted node output with no default)",
                                p.name
                            ));
                        }
                    } else if arg.value.is_some() {
                        p.value = arg.value.clone();
                    } else if arg.value_from.is_some() {
                        p.value_from = arg.value_from.clone();
                    }
                }
                if let Some(cm) = p.value_from.as_ref().and_then(|v| v.config_map_key_ref.as_ref()) {
                    let value = self
                        .library
                        .config_maps
                        .get(cm.name.as_deref().unwrap_or(""))
                        .and_then(|d| d.get(&cm.key));
                    match (value, p.value_from.as_ref().and_then(|v| v.default.clone())) {
                        (Some(v), _) => p.value = Some(v.clone()),
                        (None, Some(default)) => p.value = Some(default),
                        (None, None) => {
                            return Err(format!(
                                "unable to retrieve inputs.parameters.{} from ConfigMap: configmaps \"{}\" not found (give it to hera run as a file)",
                                p.name,
                                cm.name.as_deref().unwrap_or("")
                            ));
                        }
                    }
                }
            }
            let arg_artifacts = args.artifacts.clone().unwrap_or_default();
            for a in inputs.artifacts.iter_mut().flatten() {
                let given = arg_artifacts.iter().find(|x| x.name == a.name);
                // Artifact.HasLocation, or a `from`.
                let has_location = a.raw.is_some()
                    || a.http.is_some()
                    || a.git.is_some()
                    || a.plugin.is_some()
                    || super::repository::stored_key(a).is_some()
                    || a.from.is_some();
                if a.optional != Some(true) && !has_location && given.is_none() {
                    return Err(format!("inputs.artifacts.{} was not supplied", a.name));
                }
                if let Some(given) = given {
                    let (path, mode) = (a.path.clone(), a.mode);
                    *a = given.clone();
                    a.path = path;
                    a.mode = mode;
                }
            }
        }
        // The arguments only change the inputs: a template without a tag
        // has one now only if they brought it.
        let tag_free = tagged == Some(false) && !substitute::json_of(&template.inputs)?.contains("{{");
        self.substitute_template(template, tag_free, local).map(Processed::Changed)
    }

    /// `SubstituteParams`: globals and locals, then the inputs. `tag_free`:
    /// `template` is known to have no tag.
    pub(crate) fn substitute_template(
        &self,
        template: Box<model::Template>,
        tag_free: bool,
        local: &Variables,
    ) -> Result<Box<model::Template>, String> {
        // Without a tag neither pass changes anything: the variables are
        // not even gathered (most of a mocked or tag-free node's cost).
        let json = if tag_free { None } else { Some(substitute::json_of(&*template)?) };
        let Some(json) = json.filter(|j| j.contains("{{")) else {
            return inputs_given(&template).map(|()| template);
        };
        let mut vars = self.global_params();
        vars.extend(local.iter().map(|(k, v)| (k.clone(), v.clone())));
        let expressions = self.expressions();
        let first = substitute::object_boxed_json(template, &json, &vars, Strict::None, &expressions)?;
        inputs_given(&first)?;
        let params = first.inputs.as_ref().and_then(|i| i.parameters.clone()).unwrap_or_default();
        for p in &params {
            if let Some(value) = &p.value {
                vars.insert(format!("inputs.parameters.{}", p.name), Some(value.clone()));
            }
        }
        vars.insert("inputs.parameters".into(), Some(crate::json::to_compact(&params).unwrap_or_default()));
        for a in first.inputs.iter().flat_map(|i| i.artifacts.iter().flatten()) {
            if let Some(path) = &a.path {
                vars.insert(format!("inputs.artifacts.{}.path", a.name), Some(path.clone()));
            }
        }
        for a in first.outputs.iter().flat_map(|o| o.artifacts.iter().flatten()) {
            if let Some(path) = &a.path {
                vars.insert(format!("outputs.artifacts.{}.path", a.name), Some(path.clone()));
            }
        }
        for p in first.outputs.iter().flat_map(|o| o.parameters.iter().flatten()) {
            if let Some(path) = p.value_from.as_ref().and_then(|v| v.path.clone()) {
                vars.insert(format!("outputs.parameters.{}.path", p.name), Some(path));
            }
        }
        substitute::object_boxed(first, &vars, Strict::None, &expressions)
    }

    /// Records the inputs a node ran with.
    fn set_inputs(&mut self, id: &str, template: &model::Template) {
        if let Some(inputs) = &template.inputs
            && let Some(node) = self.nodes.get_mut(id)
        {
            node.inputs = Some(inputs.clone());
        }
    }

    /// `executeContainer` / `executeScript` (and an `http` template's
    /// request): a node of `node_type`, its pod queued.
    fn execute_pod(
        &mut self,
        name: &str,
        holder: &model::WorkflowStep,
        template: &model::Template,
        opts: &Opts,
        node_type: NodeType,
    ) -> Result<String, String> {
        let id = match self.by_name(name) {
            // A node made while it waited for a lock or missed its cache: its pod starts now.
            Some(node) if node.no_pod && !self.past_workflow_deadline() => {
                let id = node.id.clone();
                self.nodes.get_mut(&id).expect("exists").no_pod = false;
                id
            }
            Some(node) => return Ok(node.id.clone()),
            None => {
                self.initialize_node(name, node_type, holder, &opts.boundary_id, Phase::Pending, opts, None)
            }
        };
        self.set_inputs(&id, template);
        if let Some(outputs) = &template.outputs {
            // Declared outputs, so collected values keep their globalName.
            self.nodes.get_mut(&id).expect("just made").outputs = Some(model::Outputs {
                parameters: outputs.parameters.clone(),
                artifacts: outputs.artifacts.clone(),
                ..Default::default()
            });
        }
        let include_result = self.include_result(name, &opts.boundary_id);
        let input_artifacts = self.input_artifact_files(&id, template)?;
        let template_name = template.name.clone().unwrap_or_default();
        let daemon = template.daemon == Some(true);
        if daemon {
            self.daemon_pods.insert(id.clone());
        }
        let started = self.nodes[&id].started_at;
        let deadline = self.pod_deadline(template, started, opts.on_exit_template)?;
        // Past the workflow's deadline no pod starts (the node stays Pending
        // until the deadline sweep fails it).
        if !opts.on_exit_template && self.past_workflow_deadline() {
            self.nodes.get_mut(&id).expect("just made").no_pod = true;
            return Ok(id);
        }
        // A mock's outcome is known at once: it ends within this pass (the
        // nodes, phases and outputs are those of a pod that ended before
        // the next pass; a long chain of mocks then needs one pass, not one
        // per task).
        if let Some(outcome) = self.mocks.get(&template_name).cloned() {
            self.mark_phase(name, Phase::Running, None);
            let now = self.clock.now();
            let mut end = now + outcome.seconds()?;
            let mut finished = outcome.finish_template(template);
            if daemon && finished.phase == Some(Phase::Succeeded) {
                // A mocked daemon is ready at once with the mock's outputs,
                // and runs until its scope ends.
                finished.phase = Some(Phase::Running);
                self.running += 1;
                self.finish(&id, finished);
                self.daemoned(&id);
                return Ok(id);
            }
            if let Some(deadline) = deadline.filter(|d| *d < end) {
                end = deadline.max(now);
                finished = super::execute::Finished::deadline_exceeded("mock");
            }
            if end <= now {
                self.running += 1;
                self.finish(&id, finished);
            } else {
                // It runs a while on the run's clock.
                self.virtual_pods.push((end, id.clone(), finished));
            }
            return Ok(id);
        }
        if let Some(deadline) = deadline {
            self.pod_deadlines.insert(id.clone(), deadline);
        }
        // Only a pod that really runs gets a job (and a copy of its template).
        let job = Job {
            node_id: id.clone(),
            node_name: name.to_owned(),
            pod_name: names::pod_name(&self.workflow, name, &template_name),
            template: Box::new(template.clone()),
            include_result,
            input_artifacts,
            directory: self.work.join(&id),
            volumes: self.workflow_volumes(),
            shared: self.work.clone(),
            deadline: None,
            control: Default::default(),
        };
        self.queued.push(job);
        Ok(id)
    }

    /// `includeScriptOutput`: whether the parent template reads this step's
    /// result (`{prefix}.NAME.outputs.result` or `{prefix}['NAME'].outputs.result`
    /// in its JSON). The names a parent reads are found once per parent, not
    /// once per child.
    fn include_result(&self, name: &str, boundary_id: &str) -> bool {
        let Some(boundary) = self.nodes.get(boundary_id) else { return false };
        let step = step_or_task_name(name);
        let cached = self.parent_text.borrow().get(boundary_id).cloned();
        let read = match cached {
            Some(found) => found,
            None => {
                let Some(parent) = self.boundary_template(boundary) else { return false };
                let prefix = if parent.dag.is_some() {
                    "tasks"
                } else if parent.steps.is_some() {
                    "steps"
                } else {
                    ""
                };
                let text = crate::json::to_compact(&parent).unwrap_or_default();
                let found = std::rc::Rc::new(result_readers(prefix, &text));
                self.parent_text.borrow_mut().insert(boundary_id.to_owned(), std::rc::Rc::clone(&found));
                found
            }
        };
        read.contains(step)
    }

    /// The template a steps or DAG node runs.
    pub(crate) fn boundary_template(&self, boundary: &super::node::Node) -> Option<&model::Template> {
        let reference = boundary.template_ref.as_ref();
        // The workflow's own node runs the entrypoint. A `templateRef`
        // names its own scope; a name alone is the workflow's.
        let name = match (boundary.template_name.as_deref(), reference) {
            (None, None) => self.spec.entrypoint.as_deref(),
            (name, _) => name,
        };
        self.library.resolve_named(&Scope::Workflow, name, reference).ok().map(|(_, t)| t)
    }

    /// `{{inputs.artifacts.NAME}}` in a steps or DAG template: the input
    /// artifact itself (`wfScope.resolveVar`'s special case), so a step's
    /// argument can pass it on with `from`. Each is loaded as a pod's would
    /// be, under the node `id`, and referred to as `id/NAME`. One that
    /// cannot be loaded stays unresolved: the step that passes it on fails,
    /// naming the variable.
    /// They are loaded on the template's first pass, not on every one.
    pub(crate) fn add_input_artifact_refs(
        &mut self,
        id: &str,
        template: &model::Template,
        vars: &mut Variables,
    ) {
        let names: Vec<String> = template
            .inputs
            .iter()
            .flat_map(|i| i.artifacts.iter().flatten())
            .map(|a| a.name.clone())
            .collect();
        let key = |name: &str| (id.to_owned(), name.to_owned());
        if names.iter().any(|n| !self.artifact_files.contains_key(&key(n)))
            && let Ok(files) = self.input_artifact_files(id, template)
        {
            for (artifact, file) in files {
                self.artifact_files.insert(key(&artifact.name), file);
            }
        }
        for name in names.iter().filter(|n| self.artifact_files.contains_key(&key(n))) {
            vars.insert(format!("inputs.artifacts.{name}"), Some(format!("{id}/{name}")));
        }
    }

    /// The host files of a pod's input artifacts: `raw` data written out,
    /// `from` an earlier node's file, a key (any store's, see
    /// [`super::repository::key`]) read from the local artifact repository,
    /// `http` fetched (with the `server` feature). Other sources (`git`, a
    /// store without a key) cannot be reached from here: an error naming
    /// the artifact.
    fn input_artifact_files(
        &self,
        id: &str,
        template: &model::Template,
    ) -> Result<Vec<(model::Artifact, std::path::PathBuf)>, String> {
        let mut files = Vec::new();
        for a in template.inputs.iter().flat_map(|i| i.artifacts.iter().flatten()) {
            let key = super::repository::stored_key(a).filter(|_| a.from.is_none());
            let file = if let Some(raw) = &a.raw {
                // Under the node's own directory: two pods' raw artifacts of one
                // name never share a file.
                let file = self.work.join(id).join("raw").join(&a.name);
                std::fs::create_dir_all(file.parent().expect("has parent")).map_err(|e| e.to_string())?;
                std::fs::write(&file, &raw.data).map_err(|e| e.to_string())?;
                file
            } else if let Some(key) = key {
                let file = super::repository::file(&self.artifacts_dir(), &a.name, &key)?;
                if !file.exists() {
                    if a.optional == Some(true) {
                        continue;
                    }
                    return Err(format!(
                        "input artifact '{}': key '{key}' is not in the local artifact repository ({}): put the file there, give the artifact as raw or from, or mock the template",
                        a.name,
                        file.display()
                    ));
                }
                super::repository::unpacked(a, &file, &self.work.join(id).join("unpacked"))?
            } else if let Some(file) = a.from.as_deref().and_then(|f| self.resolved_artifact(f)) {
                // `subPath`: a file or directory inside the artifact.
                match a.sub_path.as_deref().filter(|s| !s.is_empty()) {
                    Some(sub) => {
                        let inside = file.join(sub.trim_start_matches('/'));
                        if !inside.exists() {
                            return Err(format!(
                                "input artifact '{}': subPath '{sub}' is not in the artifact",
                                a.name
                            ));
                        }
                        inside
                    }
                    None => file,
                }
            } else if a.optional == Some(true) && a.http.is_none() {
                continue;
            } else if let Some(http) = &a.http {
                let file = self.work.join(id).join("http").join(&a.name);
                match super::repository::fetch_http(&a.name, http, &file) {
                    Ok(()) => super::repository::unpacked(a, &file, &self.work.join(id).join("unpacked"))?,
                    Err(_) if a.optional == Some(true) => continue,
                    Err(message) => return Err(message),
                }
            } else if a.git.is_some() || a.plugin.is_some() {
                return Err(format!(
                    "input artifact '{}' comes from a {} source, which hera run cannot reach: mock the template or give the artifact as a local file (raw, or a key in the local artifact repository)",
                    a.name,
                    if a.git.is_some() { "git" } else { "plugin" }
                ));
            } else {
                return Err(format!("inputs.artifacts.{} missing location information", a.name));
            };
            files.push((a.clone(), file));
        }
        Ok(files)
    }

    /// The workflow's volumes, its volume claim templates as claims.
    fn workflow_volumes(&self) -> Vec<model::Volume> {
        let mut volumes = self.spec.volumes.clone().unwrap_or_default();
        for claim in self.spec.volume_claim_templates.iter().flatten() {
            let name = claim.metadata.as_ref().and_then(|m| m.name.clone()).unwrap_or_default();
            volumes.push(model::Volume {
                name: name.clone(),
                persistent_volume_claim: Some(model::PersistentVolumeClaimVolumeSource {
                    claim_name: name,
                    ..Default::default()
                }),
                ..Default::default()
            });
        }
        volumes
    }

    /// The local artifact repository.
    pub(crate) fn artifacts_dir(&self) -> std::path::PathBuf {
        self.work.join("artifacts")
    }

    /// The host file of an artifact given as `node-id/name` (how resolved `from` references read).
    pub(crate) fn resolved_artifact(&self, from: &str) -> Option<std::path::PathBuf> {
        let (id, name) = from.rsplit_once('/')?;
        self.artifact_files.get(&(id.to_owned(), name.to_owned())).cloned()
    }

    /// Templates that are no container: `data` runs here, `http` makes
    /// its request (with the `server` feature); `resource`, `plugin` and
    /// container sets need a cluster, so only a mock runs them.
    fn execute_mocked_only(
        &mut self,
        name: &str,
        holder: &model::WorkflowStep,
        template: &model::Template,
        opts: &Opts,
    ) -> Result<String, String> {
        let template_name = template.name.clone().unwrap_or_default();
        let (kind, node_type) = if template.resource.is_some() {
            ("resource", NodeType::Pod)
        } else if template.http.is_some() {
            ("http", NodeType::Http)
        } else if template.plugin.is_some() {
            ("plugin", NodeType::Plugin)
        } else if template.data.is_some() {
            ("data", NodeType::Pod)
        } else {
            ("containerSet", NodeType::Pod)
        };
        if self.mocks.contains_key(&template_name) {
            return self.execute_pod(name, holder, template, opts, node_type);
        }
        if let Some(data) = &template.data {
            return self.execute_data(name, holder, template, data, opts);
        }
        #[cfg(feature = "server")]
        if kind == "http" {
            return self.execute_pod(name, holder, template, opts, node_type);
        }
        if let Some(node) = self.by_name(name) {
            return Ok(node.id.clone());
        }
        let why = if kind == "http" {
            "this build has no HTTP client (the `server` feature)"
        } else {
            "it needs a cluster"
        };
        let message = format!(
            "hera run cannot run the {kind} template '{template_name}' on this machine ({why}): mock it with --mock {template_name}='{{\"phase\":\"Succeeded\"}}' (or Run::mock in a test)"
        );
        Ok(self.initialize_node(
            name,
            node_type,
            holder,
            &opts.boundary_id,
            Phase::Error,
            opts,
            Some(message),
        ))
    }

    /// A `data` template (a pod in Argo, running `argoexec data`): its
    /// source read from the local artifact repository, transformed here.
    fn execute_data(
        &mut self,
        name: &str,
        holder: &model::WorkflowStep,
        template: &model::Template,
        data: &model::Data,
        opts: &Opts,
    ) -> Result<String, String> {
        if let Some(node) = self.by_name(name) {
            return Ok(node.id.clone());
        }
        let id =
            self.initialize_node(name, NodeType::Pod, holder, &opts.boundary_id, Phase::Pending, opts, None);
        self.set_inputs(&id, template);
        self.mark_phase(name, Phase::Running, None);
        let finished = super::execute::run_data(data, &self.artifacts_dir());
        self.running += 1;
        self.finish(&id, finished);
        Ok(id)
    }

    /// `executeSuspend`: a duration passes on the run's clock; an indefinite
    /// suspend waits for `--resume`.
    fn execute_suspend(
        &mut self,
        name: &str,
        holder: &model::WorkflowStep,
        template: &model::Template,
        opts: &Opts,
    ) -> Result<String, String> {
        let id = match self.by_name(name) {
            Some(node) => node.id.clone(),
            None => {
                let id = self.initialize_node(
                    name,
                    NodeType::Suspend,
                    holder,
                    &opts.boundary_id,
                    Phase::Pending,
                    opts,
                    None,
                );
                self.set_inputs(&id, template);
                id
            }
        };
        let suspend = template.suspend.clone().unwrap_or_default();
        let resume = |engine: &mut Self| {
            // Outputs of a resumed suspend take their defaults (OverrideOutputParametersWithDefault).
            let params: Vec<model::Parameter> = template
                .outputs
                .iter()
                .flat_map(|o| o.parameters.iter().flatten())
                .map(|p| {
                    let mut p = p.clone();
                    p.value =
                        p.value.clone().or_else(|| p.value_from.as_ref().and_then(|v| v.default.clone()));
                    p
                })
                .collect();
            if !params.is_empty() {
                engine.nodes.get_mut(&id).expect("exists").outputs =
                    Some(model::Outputs { parameters: Some(params), ..Default::default() });
            }
            engine.mark_phase(name, Phase::Succeeded, None);
        };
        if let Some(duration) = suspend.duration.as_deref().filter(|d| !d.is_empty()) {
            let seconds = crate::syntax::duration::seconds(duration)?;
            let deadline = self.nodes[&id].started_at + seconds;
            if self.clock.now() >= deadline {
                resume(self);
                return Ok(id);
            }
            self.wake_at(deadline);
        } else if self.resume.matches(&self.nodes[&id]) {
            resume(self);
            return Ok(id);
        }
        self.mark_phase(name, Phase::Running, None);
        Ok(id)
    }
}

/// The step or task names whose `outputs.result` the template JSON `text`
/// reads: what Argo's per-name patterns `{prefix}\.NAME\.outputs\.result`
/// and `{prefix}\[['"]NAME['"]\]\.outputs.result` would match (a name has
/// no dot, or no quote), found by looking back from each `outputs` (a
/// regex over a large DAG's JSON cost more than the rest of its run).
fn result_readers(prefix: &str, text: &str) -> std::collections::HashSet<String> {
    let bytes = text.as_bytes();
    let mut names = std::collections::HashSet::new();
    let mut from = 0;
    while let Some(found) = text[from..].find(".outputs") {
        let dot = from + found;
        from = dot + 1;
        let after = &text[dot + ".outputs".len()..];
        // `{prefix}.NAME.outputs.result`: NAME is the run of non-dots before.
        if after.starts_with(".result") {
            let start = text[..dot].rfind('.').map_or(0, |d| d + 1);
            if start > 0 && start < dot && text[..start - 1].ends_with(prefix) {
                names.insert(text[start..dot].to_owned());
            }
        }
        // `{prefix}['NAME'].outputs?result` (any character but a newline
        // between `outputs` and `result`), the quotes either kind.
        let mut chars = after.chars();
        let any = chars.next().is_some_and(|c| c != '\n');
        if any
            && chars.as_str().starts_with("result")
            && dot >= 1
            && bytes[dot - 1] == b']'
            && dot >= 2
            && matches!(bytes[dot - 2], b'\'' | b'"')
        {
            let close = dot - 2;
            let open = text[..close].rfind(['\'', '"']);
            if let Some(open) = open
                && open + 1 < close
                && open >= 1
                && bytes[open - 1] == b'['
                && text[..open - 1].ends_with(prefix)
            {
                names.insert(text[open + 1..close].to_owned());
            }
        }
    }
    names
}

/// `getStepOrDAGTaskName`: the step or task name inside a node name.
fn step_or_task_name(node_name: &str) -> &str {
    let bytes = node_name.as_bytes();
    let mut opener = None;
    let mut end = node_name.len();
    for i in (0..bytes.len()).rev() {
        let c = bytes[i];
        match opener {
            Some(o) if c == o => opener = None,
            Some(_) => {}
            None if c == b')' => opener = Some(b'('),
            None if c == b']' => opener = Some(b'['),
            None => {
                end = i + 1;
                break;
            }
        }
    }
    let name = &node_name[..end];
    name.rfind('.').map_or(name, |dot| &name[dot + 1..])
}

/// A template after `ProcessArgs`: the one resolved, when nothing changed it.
enum Processed<'t> {
    Same(&'t model::Template),
    Changed(Box<model::Template>),
}

impl Processed<'_> {
    /// The template as one of its own, to change.
    fn boxed(self) -> Box<model::Template> {
        match self {
            Processed::Same(template) => Box::new(template.clone()),
            Processed::Changed(template) => template,
        }
    }
}

impl std::ops::Deref for Processed<'_> {
    type Target = model::Template;

    fn deref(&self) -> &model::Template {
        match self {
            Processed::Same(template) => template,
            Processed::Changed(template) => template,
        }
    }
}

/// substituteParams's check that each input parameter has a value (or a
/// `valueFrom` to take it from) once the arguments are in.
fn inputs_given(template: &model::Template) -> Result<(), String> {
    let params = template.inputs.iter().flat_map(|i| i.parameters.iter().flatten());
    match params.into_iter().find(|p| p.value.is_none() && p.value_from.is_none()) {
        Some(p) => Err(format!("inputs.parameters.{} had no value", p.name)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    /// The patterns as regexes, searched again after each match's start.
    fn by_regex(prefix: &str, text: &str) -> std::collections::HashSet<String> {
        let prefix = regex::escape(prefix);
        let patterns = [
            format!(r"{prefix}\.([^.]+)\.outputs\.result"),
            format!(r#"{prefix}\[['"]([^'"]+)['"]\]\.outputs.result"#),
        ];
        let mut names = std::collections::HashSet::new();
        for pattern in patterns {
            let re = regex::Regex::new(&pattern).unwrap();
            let mut at = 0;
            while let Some(caps) = re.captures_at(text, at) {
                names.insert(caps[1].to_owned());
                at = caps.get(0).unwrap().start() + 1;
                while !text.is_char_boundary(at) {
                    at += 1;
                }
            }
        }
        names
    }

    #[test]
    fn result_readers_find_what_argos_patterns_match() {
        let texts = [
            r#"{"a":"{{tasks.gen.outputs.result}}","b":"{{tasks['x-y'].outputs.result}}"}"#,
            r#"tasks.tasks.a.outputs.result steps.b.outputs.result tasks["q"].outputsXresult"#,
            "tasks.a.outputs.resul tasks..outputs.result .outputs.result tasks.é.outputs.result",
            "tasks['a\"].outputs.result tasks[\"b'].outputs\nresult xtasks.c.outputs.results",
            "tasks[''].outputs.result tasks['a'b'].outputs.result [].outputs.result",
        ];
        for text in texts {
            for prefix in ["tasks", "steps", ""] {
                assert_eq!(super::result_readers(prefix, text), by_regex(prefix, text), "{prefix} in {text}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn result_readers_agree_with_the_regexes(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "tasks", "steps", ".", "[", "]", "'", "\"", "outputs", "result", "a", "b-c", "\n", "é", "x",
            ]), 0..24),
        ) {
            let text: String = parts.concat();
            for prefix in ["tasks", "steps", ""] {
                proptest::prop_assert_eq!(super::result_readers(prefix, &text), by_regex(prefix, &text));
            }
        }
    }

    #[test]
    fn step_names_inside_node_names() {
        assert_eq!(super::step_or_task_name("wf[0].hello(0:a)"), "hello");
        assert_eq!(super::step_or_task_name("wf.task(1)"), "task");
        assert_eq!(super::step_or_task_name("wf"), "wf");
    }
}
