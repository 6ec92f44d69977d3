//! `executeSteps`: groups run in order, the steps of a group side by side.

use super::engine::{Engine, MAX_DEPTH_EXCEEDED, Opts, PARALLELISM_REACHED, TIMEOUT};
use super::library::Scope;
use super::loops;
use super::node::{NodeType, Phase};
use super::substitute::{self, Strict, Variables};
use crate::model;

/// What resolving a group's references gave.
enum Resolved {
    Steps(Vec<model::WorkflowStep>),
    /// A variable is not known yet: look again on the next pass.
    NotYet,
}

impl Engine<'_> {
    /// Runs the `steps` template `template` as node `name`.
    pub(crate) fn execute_steps(
        &mut self,
        name: &str,
        holder: &model::WorkflowStep,
        scope: &Scope,
        template: &model::Template,
        opts: &Opts,
    ) -> Result<String, String> {
        let id = match self.by_name(name) {
            Some(node) => node.id.clone(),
            None => self.initialize_node(
                name,
                NodeType::Steps,
                holder,
                &opts.boundary_id,
                Phase::Running,
                opts,
                None,
            ),
        };
        // The groups settled on an earlier pass and what they give the
        // groups after them: a pass starts at the first unsettled group
        // instead of walking (and re-reading the results of) every group
        // before it, which made a pass over N groups cost N.
        let mut settled = self.settled_steps.remove(&id).unwrap_or_default();
        #[cfg(debug_assertions)]
        self.check_settled(&settled, template, name, scope)?;
        let mut vars = PassVars { settled: &settled.vars, added: Variables::default(), merged: false };
        for p in &self.global_outputs {
            if let Some(v) = &p.value {
                vars.added.insert(format!("workflow.outputs.parameters.{}", p.name), Some(v.clone()));
            }
        }
        self.add_input_artifact_refs(&id, template, &mut vars.added);
        let groups = template.steps.as_deref().unwrap_or_default();
        // What the groups that settle on this pass give, kept for the next.
        let mut newly = Variables::default();
        let mut newly_settled = settled.groups;
        let mut settling = true;
        for (i, group) in groups.iter().enumerate().skip(settled.groups) {
            let group_name = group_node_name(name, i);
            match self.by_name(&group_name).map(|n| n.fulfilled()) {
                None => {
                    self.initialize_node(
                        &group_name,
                        NodeType::StepGroup,
                        &model::WorkflowStep::default(),
                        &id,
                        Phase::Running,
                        &Opts::default(),
                        None,
                    );
                }
                Some(false) => {
                    self.mark_phase(&group_name, Phase::Running, None);
                }
                Some(true) => {}
            }
            if i == 0 {
                self.add_child(name, &group_name);
            } else {
                let previous = group_node_name(name, i - 1);
                let children = self.by_name(&previous).map(|n| n.children.clone()).unwrap_or_default();
                if children.is_empty() {
                    self.add_child(&previous, &group_name);
                } else {
                    for child in children {
                        for out in self.outbound_nodes(&child) {
                            let out_name = self.nodes[&out].name.clone();
                            self.add_child(&out_name, &group_name);
                        }
                    }
                }
            }
            let group_id = match self.execute_step_group(group, &group_name, &id, scope, &mut vars, opts) {
                Ok(id) => id,
                Err(message) => {
                    self.mark_error(&group_name, message);
                    return Ok(id);
                }
            };
            let group_node = &self.nodes[&group_id];
            if !group_node.fulfilled() {
                settled.vars.extend(newly);
                settled.groups = newly_settled;
                self.settled_steps.insert(id.clone(), settled);
                return Ok(id);
            }
            if group_node.phase.failed_or_error() {
                let message = group_node.message.clone();
                self.update_outbound_steps(name, groups.len());
                self.mark_phase(name, Phase::Failed, Some(message));
                return Ok(id);
            }
            // The group's results become visible to the next groups.
            self.add_group_results(&mut vars.added, group, &group_name, &group_id, &id, scope)?;
            settling = settling && self.settles(group, &group_name, &group_id);
            if settling {
                self.add_group_statuses(&mut newly, &group_id);
                self.add_group_results(&mut newly, group, &group_name, &group_id, &id, scope)?;
                newly_settled = i + 1;
            }
        }
        self.update_outbound_steps(name, groups.len());
        let outputs = self.outputs_from_scope(&id, template, vars.whole())?;
        if outputs.is_some() {
            self.add_global_outputs(outputs.as_ref(), &id);
            self.nodes.get_mut(&id).expect("exists").outputs = outputs;
        }
        self.mark_phase(name, Phase::Succeeded, None);
        Ok(id)
    }

    /// Whether a group that succeeded is settled: a later pass would only
    /// walk it again (executeStepGroup returns early only once everything
    /// below it is done, and the next groups are below it) and give the
    /// same scope entries. Not so for a group with hooks or exit handlers,
    /// which are looked at again on each walk, nor for one that links the
    /// next group to itself (it has no step nodes), whose status changes.
    fn settles(&self, group: &[model::WorkflowStep], group_name: &str, group_id: &str) -> bool {
        let hooked = group.iter().any(|s| {
            s.hooks.as_ref().is_some_and(|h| !h.is_empty())
                || s.on_exit.as_ref().is_some_and(|e| !e.is_empty())
        });
        let node = &self.nodes[group_id];
        !hooked
            && !node.children.is_empty()
            && node.children.iter().all(|c| {
                self.nodes[c].name.strip_prefix(group_name).is_some_and(|rest| rest.starts_with('.'))
            })
    }

    /// What walking a done group again writes first (executeStepGroup):
    /// the status of each of its steps, by display name.
    fn add_group_statuses(&self, vars: &mut Variables, group_id: &str) {
        for child in &self.nodes[group_id].children {
            add_step_status(vars, &self.nodes[child]);
        }
    }

    /// `buildLocalScope` for each step of a group that is done: what its
    /// steps give the groups after it.
    fn add_group_results(
        &self,
        vars: &mut Variables,
        group: &[model::WorkflowStep],
        group_name: &str,
        group_id: &str,
        steps_id: &str,
        scope: &Scope,
    ) -> Result<(), String> {
        for step in group {
            let step_name = step.name.as_deref().unwrap_or_default();
            let child_name = [group_name, ".", step_name].concat();
            match self.by_name(&child_name).map(|n| n.id.clone()) {
                Some(child) => {
                    self.build_local_scope(vars, "steps", step_name, &child);
                    if matches!(self.nodes[&child].phase, Phase::Skipped | Phase::Omitted) {
                        let called = self.library.resolve(scope, step).ok().map(|(_, t)| t);
                        self.add_skipped_outputs(vars, "steps", step_name, &child, called);
                    }
                }
                None => {
                    let prefix = format!("{child_name}(");
                    let children: Vec<String> = self
                        .nodes
                        .values()
                        .filter(|n| {
                            n.boundary_id == steps_id
                                && n.name.starts_with(&prefix)
                                && n.node_type != NodeType::Skipped
                        })
                        .map(|n| n.id.clone())
                        .collect();
                    if !children.is_empty() {
                        self.aggregate_outputs(vars, "steps", step_name, &children)?;
                    }
                    self.build_local_scope(vars, "steps", step_name, group_id);
                }
            }
        }
        Ok(())
    }

    /// Debug builds check that the settled groups are still done and give
    /// what they gave: nothing that changed them was missed.
    #[cfg(debug_assertions)]
    fn check_settled(
        &self,
        settled: &SettledSteps,
        template: &model::Template,
        name: &str,
        scope: &Scope,
    ) -> Result<(), String> {
        let groups = template.steps.as_deref().unwrap_or_default();
        let steps_id = self.id(name);
        let mut fresh = Variables::default();
        for (i, group) in groups.iter().enumerate().take(settled.groups) {
            let group_name = group_node_name(name, i);
            let group_id = self.id(&group_name);
            let node = &self.nodes[&group_id];
            debug_assert!(node.fulfilled() && !node.phase.failed_or_error(), "{group_name} unsettled");
            debug_assert!(self.settles(group, &group_name, &group_id), "{group_name} unsettled");
            self.add_group_statuses(&mut fresh, &group_id);
            self.add_group_results(&mut fresh, group, &group_name, &group_id, &steps_id, scope)?;
        }
        debug_assert_eq!(fresh, settled.vars, "the settled groups of {name} gave other results");
        Ok(())
    }

    /// `updateOutboundNodes`: the last group's children's outbound nodes.
    fn update_outbound_steps(&mut self, name: &str, groups: usize) {
        let Some(last) = (0..groups)
            .rev()
            .find_map(|i| self.by_name(&group_node_name(name, i)).map(|n| n.children.clone()))
        else {
            return;
        };
        let outbound: Vec<String> = last.iter().flat_map(|c| self.outbound_nodes(c)).collect();
        let id = self.id(name);
        if let Some(node) = self.nodes.get_mut(&id) {
            node.outbound_nodes = outbound;
        }
    }

    /// `executeStepGroup`.
    fn execute_step_group(
        &mut self,
        group: &[model::WorkflowStep],
        group_name: &str,
        boundary_id: &str,
        scope: &Scope,
        vars: &mut PassVars<'_>,
        opts: &Opts,
    ) -> Result<String, String> {
        let group_id = self.id(group_name);
        if self.nodes[&group_id].fulfilled() && self.children_fulfilled(&group_id) {
            return Ok(group_id);
        }
        let steps = match self.resolve_step_references(group, vars)? {
            Resolved::Steps(steps) => steps,
            Resolved::NotYet => return Ok(group_id),
        };
        let steps = self.expand_step_group(group_name, boundary_id, steps, vars)?;
        let mut step_of = std::collections::HashMap::new();
        let mut held_back = false;
        for step in &steps {
            let step_name = step.name.clone().unwrap_or_default();
            let child_name = format!("{group_name}.{step_name}");
            let when = step.when.clone().unwrap_or_default();
            match crate::syntax::when::should_execute(&when) {
                Err(e) => {
                    let message = e.to_string();
                    if self.by_name(&child_name).is_none() {
                        self.initialize_node(
                            &child_name,
                            NodeType::Skipped,
                            step,
                            boundary_id,
                            Phase::Error,
                            opts,
                            Some(message.clone()),
                        );
                    }
                    self.add_child(group_name, &child_name);
                    return Err(message);
                }
                Ok(false) => {
                    if self.by_name(&child_name).is_none() {
                        let reason = format!("when '{when}' evaluated false");
                        self.initialize_node(
                            &child_name,
                            NodeType::Skipped,
                            step,
                            boundary_id,
                            Phase::Skipped,
                            opts,
                            Some(reason),
                        );
                        self.add_child(group_name, &child_name);
                    }
                    continue;
                }
                Ok(true) => {}
            }
            let args = step.arguments.clone().unwrap_or_default();
            let child_opts = Opts {
                boundary_id: boundary_id.to_owned(),
                on_exit_template: opts.on_exit_template,
                ..Opts::default()
            };
            match self.execute_template(&child_name, step, scope, &args, &child_opts) {
                Ok(_) => {
                    step_of.insert(child_name.clone(), step.clone());
                    self.add_child(group_name, &child_name);
                }
                // The child is made, as an Error (executeStepGroup goes on).
                Err(message) if message == MAX_DEPTH_EXCEEDED => {
                    step_of.insert(child_name.clone(), step.clone());
                    self.add_child(group_name, &child_name);
                }
                // No node yet: the group is not done (Argo's pods never end
                // within the pass that starts them; a mock's can).
                Err(message) if message == PARALLELISM_REACHED => held_back = true,
                Err(message) if message == TIMEOUT => {
                    if self.by_name(&child_name).is_some() {
                        step_of.insert(child_name.clone(), step.clone());
                        self.add_child(group_name, &child_name);
                    }
                    self.mark_phase(group_name, Phase::Failed, Some(message));
                    return Ok(group_id);
                }
                Err(message) => {
                    self.add_child(group_name, &child_name);
                    return Err(format!(
                        "step group deemed errored due to child {child_name} error: {message}"
                    ));
                }
            }
        }
        let children = self.nodes[&group_id].children.clone();
        let mut completed = true;
        for child in &children {
            let node = self.nodes[child].clone();
            add_step_status(&mut vars.added, &node);
            let step = step_of.get(&node.name);
            // Only a step with hooks needs the whole scope.
            if let Some(step) = step.filter(|s| s.hooks.is_some())
                && !self.run_hooks(vars.whole(), "steps", step.hooks.as_ref(), child, boundary_id, scope)?
            {
                return Ok(group_id);
            }
            if !node.fulfilled() {
                completed = false;
            } else if node.completed()
                && let Some(step) = step
                && let Some(exit) = step.on_exit.as_deref().filter(|e| !e.is_empty())
            {
                let done = self.run_on_exit(
                    exit,
                    &node.name,
                    boundary_id,
                    scope,
                    vars.whole(),
                    "steps",
                    &node.display_name,
                )?;
                if !done {
                    completed = false;
                }
            }
        }
        if !completed || held_back {
            return Ok(group_id);
        }
        for child in &children {
            let node = &self.nodes[child];
            let step = step_of.get(&node.name);
            if node.phase.failed_or_error()
                && !step.is_some_and(|s| continues_on(s.continue_on.as_ref(), node.phase))
            {
                let message = format!("child '{child}' failed");
                self.mark_phase(group_name, Phase::Failed, Some(message));
                return Ok(group_id);
            }
        }
        self.mark_phase(group_name, Phase::Succeeded, None);
        Ok(group_id)
    }

    /// `resolveReferences`: `when` first (a false one needs nothing else),
    /// then the whole step, strict about `steps.*` and `tasks.*`.
    fn resolve_step_references(
        &self,
        group: &[model::WorkflowStep],
        vars: &PassVars<'_>,
    ) -> Result<Resolved, String> {
        let strict = Strict::Prefixes(&["steps", "tasks"]);
        let expressions = self.expressions();
        let mut out = Vec::with_capacity(group.len());
        // The globals and the steps before, merged only for a group with a
        // tag: a steps template re-resolves every group on every pass, and
        // the merge grows with the groups before it.
        let mut merged: Option<Variables> = None;
        for step in group {
            if !crate::json::to_compact(step).map_err(|e| e.to_string())?.contains("{{") {
                out.push(step.clone());
                continue;
            }
            let all = merged.get_or_insert_with(|| {
                let mut all = self.global_params();
                vars.copy_into(&mut all);
                all
            });
            let all: &Variables = all;
            let mut step = step.clone();
            let hooks = step.hooks.take();
            if let Some(when) = step.when.clone().filter(|w| !w.is_empty()) {
                let resolved = match substitute::object(&when, all, strict, &expressions) {
                    Ok(w) => w,
                    Err(e) if is_missing(&e) => return Ok(Resolved::NotYet),
                    Err(e) => return Err(format!("failed to resolve references: {e}")),
                };
                let expands = loops::should_expand(
                    step.with_items.as_ref(),
                    step.with_param.as_deref(),
                    step.with_sequence.as_ref(),
                );
                match crate::syntax::when::should_execute(&resolved) {
                    Err(e) if !expands => return Err(format!("failed to resolve references: {e}")),
                    Ok(false) => {
                        step.when = Some(resolved);
                        step.hooks = hooks;
                        out.push(step);
                        continue;
                    }
                    _ => {}
                }
            }
            substitute::mark_absent_optional_args(&mut step.arguments, all);
            let mut resolved: model::WorkflowStep = match substitute::object(&step, all, strict, &expressions)
            {
                Ok(s) => s,
                Err(e) if is_missing(&e) => return Ok(Resolved::NotYet),
                Err(e) => return Err(format!("failed to resolve references: {e}")),
            };
            resolved.hooks = hooks;
            out.push(resolved);
        }
        Ok(Resolved::Steps(out))
    }

    /// `expandStepGroup`: loops become one step per item.
    fn expand_step_group(
        &mut self,
        group_name: &str,
        boundary_id: &str,
        steps: Vec<model::WorkflowStep>,
        vars: &PassVars<'_>,
    ) -> Result<Vec<model::WorkflowStep>, String> {
        let mut out = Vec::new();
        for step in steps {
            if !loops::should_expand(
                step.with_items.as_ref(),
                step.with_param.as_deref(),
                step.with_sequence.as_ref(),
            ) {
                out.push(step);
                continue;
            }
            let when = step.when.clone().unwrap_or_default();
            let items = match loops::items(
                step.with_items.as_ref(),
                step.with_param.as_deref(),
                step.with_sequence.as_ref(),
            ) {
                Ok(items) => items,
                Err(e) => {
                    if crate::syntax::when::should_execute(&when).unwrap_or(true) {
                        return Err(e);
                    }
                    Vec::new()
                }
            };
            let step_name = step.name.clone().unwrap_or_default();
            if items.is_empty() {
                let child_name = format!("{group_name}.{step_name}");
                if self.by_name(&child_name).is_none() {
                    self.initialize_node(
                        &child_name,
                        NodeType::Skipped,
                        &step,
                        boundary_id,
                        Phase::Skipped,
                        &Opts::default(),
                        Some("Skipped, empty params".into()),
                    );
                    self.add_child(group_name, &child_name);
                }
                continue;
            }
            let mut body = step.clone();
            body.with_items = None;
            body.with_param = None;
            body.with_sequence = None;
            let mut scope = self.global_params();
            vars.copy_into(&mut scope);
            let lenient = matches!(crate::syntax::when::should_execute(&when), Ok(false));
            let expressions = self.expressions();
            for (i, item) in items.iter().enumerate() {
                let (name, mut expanded) =
                    loops::expand_one(&body, &step_name, i, item, &scope, lenient, &expressions)?;
                expanded.name = Some(name);
                expanded.template = step.template.clone();
                out.push(expanded);
            }
        }
        Ok(out)
    }
}

/// The groups of a steps node that are done, with everything below them,
/// and the scope entries they give the groups after them.
#[derive(Debug, Default)]
pub(crate) struct SettledSteps {
    groups: usize,
    vars: Variables,
}

/// A steps pass's variables: the settled groups' entries, and what the
/// pass adds over them (which wins, as an entry written later would).
/// Most passes read neither whole; one that must is given both merged.
pub(crate) struct PassVars<'s> {
    settled: &'s Variables,
    added: Variables,
    /// Whether `added` holds the settled entries too.
    merged: bool,
}

impl PassVars<'_> {
    /// All the variables as one map (the settled ones copied in, once).
    fn whole(&mut self) -> &mut Variables {
        if !self.merged {
            for (name, value) in self.settled {
                self.added.entry(name.clone()).or_insert_with(|| value.clone());
            }
            self.merged = true;
        }
        &mut self.added
    }

    /// Copies all the variables into `all`, over what it holds.
    fn copy_into(&self, all: &mut Variables) {
        if !self.merged {
            all.extend(self.settled.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        all.extend(self.added.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
}

/// `steps.DISPLAY_NAME.status`, which executeStepGroup writes for each
/// step of a group it walks.
fn add_step_status(vars: &mut Variables, node: &super::node::Node) {
    vars.insert(format!("steps.{}.status", node.display_name), Some(node.phase.as_str().into()));
}

/// A steps node's group `i`: `NAME[i]`.
fn group_node_name(steps: &str, i: usize) -> String {
    [steps, "[", &i.to_string(), "]"].concat()
}

/// `IsMissingVariableErr`.
pub(crate) fn is_missing(message: &str) -> bool {
    message.contains("failed to resolve {{")
        || message.contains(" is missing")
        || message.contains("variable not in env")
}

/// `ContinuesOn`.
pub(crate) fn continues_on(continue_on: Option<&model::ContinueOn>, phase: Phase) -> bool {
    let Some(c) = continue_on else { return false };
    (phase == Phase::Failed && c.failed == Some(true)) || (phase == Phase::Error && c.error == Some(true))
}
