//! `executeDAG`: tasks run when their `depends` hold, in Argo's order.

use super::engine::{Engine, Opts};
use super::library::Scope;
use super::loops;
use super::node::{NodeType, Phase};
use super::steps::{continues_on, is_missing};
use super::substitute::{self, Strict, Variables};
use crate::model;
use crate::syntax::expr::depends as expr_depends;
use std::collections::{HashMap, HashSet};

/// One DAG's walk (`dagContext`).
pub(crate) struct DagWalk<'t> {
    boundary_name: String,
    boundary_id: String,
    tasks: &'t [model::DagTask],
    /// Each task's place in `tasks`, by name.
    index: HashMap<&'t str, usize>,
    visited: HashSet<String>,
    /// `depends` of each task, with bare names expanded (`GetTaskDependencies`).
    logic: HashMap<String, (Vec<String>, String)>,
    scope: Scope,
    on_exit_template: bool,
    /// The `tasks.*` variables as the pass began (`buildLocalScopeFromTask`):
    /// what finishes during a pass is seen on the next one.
    vars: Variables,
}

impl<'t> DagWalk<'t> {
    fn task(&self, name: &str) -> Option<&'t model::DagTask> {
        self.index.get(name).map(|&i| &self.tasks[i])
    }

    fn task_node_name(&self, task: &str) -> String {
        format!("{}.{task}", self.boundary_name)
    }

    /// `GetTaskDependencies`: the tasks a task waits for, and its `depends`
    /// (a `dependencies` list read as `a && b`, which Argo expands the same way).
    fn dependencies(&mut self, name: &str) -> (Vec<String>, String) {
        if let Some(found) = self.logic.get(name) {
            return found.clone();
        }
        let depends = match self.task(name) {
            Some(t) if t.depends.as_deref().is_some_and(|d| !d.is_empty()) => {
                t.depends.clone().unwrap_or_default()
            }
            Some(t) => t.dependencies.iter().flatten().cloned().collect::<Vec<_>>().join(" && "),
            None => String::new(),
        };
        let found = (expr_depends::dependencies(&depends), depends);
        self.logic.insert(name.to_owned(), found.clone());
        found
    }

    /// What `continueOn` says of a task, for `expandDependency`.
    fn continue_on(&self, name: &str) -> expr_depends::ContinueOn {
        let c = self.task(name).and_then(|t| t.continue_on.as_ref());
        expr_depends::ContinueOn {
            error: c.is_some_and(|c| c.error == Some(true)),
            failed: c.is_some_and(|c| c.failed == Some(true)),
        }
    }
}

/// A task as a step, for `executeTemplate` (the fields they share).
pub(crate) fn as_step(task: &model::DagTask) -> model::WorkflowStep {
    model::WorkflowStep {
        name: Some(task.name.clone()),
        template: task.template.clone(),
        template_ref: task.template_ref.clone(),
        inline: task.inline.clone(),
        arguments: task.arguments.clone(),
        continue_on: task.continue_on.clone(),
        hooks: task.hooks.clone(),
        on_exit: task.on_exit.clone(),
        when: task.when.clone(),
        with_items: task.with_items.clone(),
        with_param: task.with_param.clone(),
        with_sequence: task.with_sequence.clone(),
    }
}

impl Engine<'_> {
    /// Runs the `dag` template `template` as node `name`.
    pub(crate) fn execute_dag(
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
                NodeType::Dag,
                holder,
                &opts.boundary_id,
                Phase::Running,
                opts,
                None,
            ),
        };
        let dag = template.dag.clone().expect("a dag template");
        let mut walk = DagWalk {
            boundary_name: name.to_owned(),
            boundary_id: id.clone(),
            tasks: &dag.tasks,
            index: dag.tasks.iter().enumerate().rev().map(|(i, t)| (t.name.as_str(), i)).collect(),
            visited: HashSet::new(),
            logic: HashMap::new(),
            scope: scope.clone(),
            on_exit_template: opts.on_exit_template,
            vars: Variables::default(),
        };
        walk.vars = self.dag_scope(&walk);
        walk.vars.extend(self.global_params());
        self.add_input_artifact_refs(&id, template, &mut walk.vars);
        let targets: Vec<String> = match dag.target.as_deref().filter(|t| !t.is_empty()) {
            Some(target) => target.split(' ').map(str::to_owned).collect(),
            None => self.leaf_tasks(&mut walk),
        };
        // Daemoned tasks are looked at first (executeDAG's "pre-execute daemoned tasks").
        for task in &dag.tasks {
            if self.by_name(&walk.task_node_name(&task.name)).is_some_and(|n| n.daemoned) {
                self.execute_dag_task(&mut walk, &task.name)?;
            }
        }
        for target in &targets {
            self.execute_dag_task(&mut walk, target)?;
        }
        let phase = self.assess_dag_phase(&mut walk, &targets, dag.fail_fast.unwrap_or(true));
        match phase {
            Phase::Running => return Ok(id),
            Phase::Failed | Phase::Error => {
                self.update_outbound_dag(&walk, &targets, name);
                self.mark_phase(name, phase, None);
                return Ok(id);
            }
            _ => {}
        }
        let mut vars = Variables::default();
        for task in &dag.tasks {
            let Some(node_id) = self.by_name(&walk.task_node_name(&task.name)).map(|n| n.id.clone()) else {
                continue;
            };
            if self.nodes[&node_id].node_type == NodeType::TaskGroup {
                let children = self.nodes[&node_id].children.clone();
                self.aggregate_outputs(&mut vars, "tasks", &task.name, &children)?;
            }
            self.build_local_scope(&mut vars, "tasks", &task.name, &node_id);
            if matches!(self.nodes[&node_id].phase, Phase::Skipped | Phase::Omitted) {
                let step = as_step(task);
                let called = self.library.resolve(scope, &step).ok().map(|(_, t)| t);
                self.add_skipped_outputs(&mut vars, "tasks", &task.name, &node_id, called);
            }
            let outputs = self.nodes[&node_id].outputs.clone();
            self.add_global_outputs(outputs.as_ref(), &node_id);
        }
        let outputs = self.outputs_from_scope(&id, template, &vars)?;
        if outputs.is_some() {
            self.nodes.get_mut(&id).expect("exists").outputs = outputs;
        }
        self.update_outbound_dag(&walk, &targets, name);
        self.mark_phase(name, Phase::Succeeded, None);
        Ok(id)
    }

    /// `findLeafTaskNames`: tasks no other task depends on.
    fn leaf_tasks(&self, walk: &mut DagWalk<'_>) -> Vec<String> {
        let mut depended = HashSet::new();
        for task in walk.tasks {
            for dep in walk.dependencies(&task.name).0 {
                depended.insert(dep);
            }
        }
        walk.tasks.iter().filter(|t| !depended.contains(&t.name)).map(|t| t.name.clone()).collect()
    }

    fn update_outbound_dag(&mut self, walk: &DagWalk<'_>, targets: &[String], name: &str) {
        let mut outbound = Vec::new();
        for target in targets {
            if let Some(node) = self.by_name(&walk.task_node_name(target)) {
                let id = node.id.clone();
                outbound.extend(self.outbound_nodes(&id));
            }
        }
        let id = self.id(name);
        if let Some(node) = self.nodes.get_mut(&id) {
            node.outbound_nodes = outbound;
        }
    }

    /// `assessDAGPhase`.
    fn assess_dag_phase(&mut self, walk: &mut DagWalk<'_>, targets: &[String], fail_fast: bool) -> Phase {
        let target_ids: HashMap<String, String> =
            targets.iter().map(|t| (self.id(&walk.task_node_name(t)), t.clone())).collect();
        let mut target_phases: HashMap<String, Option<Phase>> =
            target_ids.keys().map(|k| (k.clone(), None)).collect();
        let boundary = &self.nodes[&walk.boundary_id];
        let mut queue: Vec<(String, Phase)> =
            boundary.children.iter().map(|c| (c.clone(), Phase::Succeeded)).collect();
        let mut seen = HashSet::new();
        let mut i = 0;
        while i < queue.len() {
            let (id, inherited) = queue[i].clone();
            i += 1;
            if !seen.insert((id.clone(), inherited)) {
                continue;
            }
            let Some(node) = self.nodes.get(&id) else { return Phase::Running };
            let mut branch = inherited;
            if !node.fulfilled() {
                return Phase::Running;
            } else if node.completed() {
                branch = node.phase;
            }
            if let Some(previous) = target_phases.get_mut(&node.id)
                && !previous.is_some_and(|p| p.failed_or_error())
            {
                *previous = Some(branch);
            }
            let children = if node.node_type == NodeType::Retry {
                // getRetryNodeChildrenIds: the attempts' own children (a
                // hooked attempt itself), last attempt first.
                let mut ids = Vec::new();
                for attempt in node.children.iter().rev().filter_map(|c| self.nodes.get(c)) {
                    if attempt.hooked {
                        ids.push(attempt.id.clone());
                    } else {
                        ids.extend(attempt.children.iter().cloned());
                    }
                }
                ids
            } else {
                node.children.clone()
            };
            queue.extend(children.into_iter().map(|c| (c, branch)));
        }
        let mut result = Phase::Succeeded;
        for target in targets {
            let id = self.id(&walk.task_node_name(target));
            match target_phases.get(&id).copied().flatten() {
                None => {
                    result = Phase::Running;
                    if !fail_fast {
                        break;
                    }
                }
                Some(phase) if phase.failed_or_error() => {
                    if walk.task(target).is_some_and(|t| continues_on(t.continue_on.as_ref(), phase)) {
                        continue;
                    }
                    result = phase;
                    if fail_fast {
                        break;
                    }
                }
                Some(_) => {}
            }
        }
        result
    }

    /// `executeDAGTask`: runs a task once its dependencies are done.
    fn execute_dag_task(&mut self, walk: &mut DagWalk<'_>, task_name: &str) -> Result<(), String> {
        if !walk.visited.insert(task_name.to_owned()) {
            return Ok(());
        }
        let Some(task) = walk.task(task_name) else { return Ok(()) };
        let node_name = walk.task_node_name(task_name);
        let boundary_id = walk.boundary_id.clone();
        let opts = Opts {
            boundary_id: boundary_id.clone(),
            on_exit_template: walk.on_exit_template,
            ..Opts::default()
        };
        if let Some(node) = self.by_name(&node_name).cloned() {
            if task.hooks.is_some() && (node.fulfilled() || node.phase == Phase::Running) {
                let mut vars = walk.vars.clone();
                vars.insert(format!("tasks.{task_name}.status"), Some(node.phase.as_str().into()));
                let scope = walk.scope.clone();
                if !self.run_hooks(&mut vars, "tasks", task.hooks.as_ref(), &node.id, &boundary_id, &scope)? {
                    return Ok(());
                }
            }
            if node.fulfilled() {
                if node.completed()
                    && let Some(exit) = task.on_exit.as_deref().filter(|e| !e.is_empty())
                {
                    let mut vars = walk.vars.clone();
                    let scope = walk.scope.clone();
                    self.run_on_exit(exit, &node.name, &boundary_id, &scope, &mut vars, "tasks", task_name)?;
                }
                return Ok(());
            }
        }
        let (dependencies, logic) = walk.dependencies(task_name);
        let group =
            self.by_name(&node_name).filter(|n| n.node_type == NodeType::TaskGroup).map(|n| n.name.clone());
        let connect = |engine: &mut Self, walk: &mut DagWalk<'_>, child: &str| {
            if dependencies.is_empty() || group.is_some() {
                let parent = group.clone().unwrap_or_else(|| walk.boundary_name.clone());
                engine.add_child(&parent, child);
            } else {
                for dep in &dependencies {
                    let Some(dep_id) = engine.by_name(&walk.task_node_name(dep)).map(|n| n.id.clone()) else {
                        continue;
                    };
                    for out in engine.outbound_nodes(&dep_id) {
                        let out_name = engine.nodes[&out].name.clone();
                        engine.add_child(&out_name, child);
                    }
                }
            }
        };
        let step = as_step(task);
        // A task that will not run: a Skipped node, hung where it would have run.
        let not_run = |engine: &mut Self, walk: &mut DagWalk<'_>, phase: Phase, message: String| {
            engine.initialize_node(
                &node_name,
                NodeType::Skipped,
                &step,
                &boundary_id,
                phase,
                &opts,
                Some(message),
            );
            connect(engine, walk, &node_name);
        };
        if !logic.is_empty() {
            for dep in &dependencies {
                // A long chain recurses as deep as it is long: grow the stack as needed
                // (a red zone wide enough for the serde work of one task).
                crate::support::stack::grown(1024 * 1024, 8 * 1024 * 1024, || {
                    self.execute_dag_task(walk, dep)
                })?;
            }
            match self.evaluate_depends(walk, &dependencies, &logic) {
                Err(message) => {
                    not_run(self, walk, Phase::Error, message);
                    return Ok(());
                }
                Ok(None) => return Ok(()),
                Ok(Some(false)) => {
                    not_run(self, walk, Phase::Omitted, "omitted: depends condition not met".into());
                    return Ok(());
                }
                Ok(Some(true)) => {}
            }
        }
        // resolveDependencyReferences
        let vars = &walk.vars;
        let expressions = self.expressions();
        let mut marked = task.clone();
        substitute::mark_absent_optional_args(&mut marked.arguments, vars);
        let resolved: model::DagTask =
            match substitute::object(&marked, vars, Strict::Prefixes(&["tasks", "steps"]), &expressions) {
                Ok(t) => t,
                Err(e) if is_missing(&e) => return Ok(()),
                Err(e) => {
                    not_run(self, walk, Phase::Error, e);
                    return Ok(());
                }
            };
        let expands = loops::should_expand(
            task.with_items.as_ref(),
            task.with_param.as_deref(),
            task.with_sequence.as_ref(),
        );
        let mut expanded = Vec::new();
        if expands {
            let items = match loops::items(
                resolved.with_items.as_ref(),
                resolved.with_param.as_deref(),
                resolved.with_sequence.as_ref(),
            ) {
                Ok(items) => items,
                Err(e) => {
                    not_run(self, walk, Phase::Error, e);
                    return Ok(());
                }
            };
            let mut body = resolved.clone();
            body.with_items = None;
            body.with_param = None;
            body.with_sequence = None;
            for (i, item) in items.iter().enumerate() {
                let (name, mut t) = loops::expand_one(&body, task_name, i, item, vars, false, &expressions)?;
                t.name = name;
                t.template = task.template.clone();
                expanded.push(t);
            }
            if expanded.is_empty() {
                not_run(self, walk, Phase::Skipped, "Skipped, empty params".into());
            } else if group.is_none() && self.by_name(&node_name).is_none() {
                connect(self, walk, &node_name);
                self.initialize_node(
                    &node_name,
                    NodeType::TaskGroup,
                    &step,
                    &boundary_id,
                    Phase::Running,
                    &opts,
                    None,
                );
            }
        } else {
            expanded.push(resolved);
        }
        let group = if expands {
            self.by_name(&node_name).filter(|n| n.node_type == NodeType::TaskGroup).map(|n| n.name.clone())
        } else {
            None
        };
        for t in &expanded {
            let child_name = walk.task_node_name(&t.name);
            if self.by_name(&child_name).is_none() {
                match &group {
                    Some(g) => self.add_child(g, &child_name),
                    None => connect(self, walk, &child_name),
                }
                let when = t.when.clone().unwrap_or_default();
                match crate::syntax::when::should_execute(&when) {
                    Err(e) => {
                        self.initialize_node(
                            &child_name,
                            NodeType::Skipped,
                            &step,
                            &boundary_id,
                            Phase::Error,
                            &opts,
                            Some(e.to_string()),
                        );
                        continue;
                    }
                    Ok(false) => {
                        let reason = format!("when '{when}' evaluated false");
                        self.initialize_node(
                            &child_name,
                            NodeType::Skipped,
                            &step,
                            &boundary_id,
                            Phase::Skipped,
                            &opts,
                            Some(reason),
                        );
                        continue;
                    }
                    Ok(true) => {}
                }
            }
            let args = t.arguments.clone().unwrap_or_default();
            let scope = walk.scope.clone();
            let executed = match self.execute_template(&child_name, &as_step(t), &scope, &args, &opts) {
                // Past the recursion limit the task's node is made, as an
                // Error, and executeDAGTask goes on with it.
                Err(message) if message == super::engine::MAX_DEPTH_EXCEEDED => {
                    self.by_name(&child_name).map(|n| n.id.clone()).ok_or(message)
                }
                other => other,
            };
            match executed {
                Ok(id) => {
                    // What ended within the pass (a mock) is seen by the tasks after it.
                    if self.nodes[&id].fulfilled() && group.is_none() {
                        let mut vars = std::mem::take(&mut walk.vars);
                        self.build_local_scope(&mut vars, "tasks", task_name, &id);
                        walk.vars = vars;
                    }
                    if self.nodes[&id].completed()
                        && let Some(exit) = task.on_exit.as_deref().filter(|e| !e.is_empty())
                    {
                        let mut vars = walk.vars.clone();
                        let name = self.nodes[&id].name.clone();
                        if !self.run_on_exit(
                            exit,
                            &name,
                            &boundary_id,
                            &scope,
                            &mut vars,
                            "tasks",
                            task_name,
                        )? {
                            return Ok(());
                        }
                    }
                }
                // No node: wait for a running one to end (ErrParallelismReached).
                Err(message) if message == super::engine::PARALLELISM_REACHED => continue,
                Err(message) if message == super::engine::TIMEOUT => {
                    self.mark_phase(&child_name, Phase::Failed, Some(message));
                    return Ok(());
                }
                Err(message) => {
                    if self.by_name(&child_name).is_some() {
                        self.mark_error(&child_name, format!("task '{child_name}' errored: {message}"));
                    }
                    return Ok(());
                }
            }
        }
        if let Some(g) = group {
            let mut phase = Phase::Succeeded;
            for t in &expanded {
                let Some(node) = self.by_name(&walk.task_node_name(&t.name)) else { return Ok(()) };
                if !node.fulfilled() {
                    return Ok(());
                }
                if node.phase.failed_or_error() {
                    phase = node.phase;
                }
            }
            self.mark_phase(&g, phase, None);
        }
        Ok(())
    }

    /// `evaluateDependsLogic`: `None` while a dependency is still running.
    fn evaluate_depends(
        &mut self,
        walk: &DagWalk<'_>,
        dependencies: &[String],
        logic: &str,
    ) -> Result<Option<bool>, String> {
        let mut results = std::collections::BTreeMap::new();
        for dep in dependencies {
            let Some(node) = self.by_name(&walk.task_node_name(dep)) else { return Ok(None) };
            if !node.fulfilled() {
                return Ok(None);
            }
            let (mut any_succeeded, mut all_failed) = (false, false);
            if node.node_type == NodeType::TaskGroup {
                all_failed = !node.children.is_empty();
                for child in &node.children {
                    let phase = self.nodes.get(child).map(|c| c.phase);
                    any_succeeded |= phase == Some(Phase::Succeeded);
                    all_failed &= phase == Some(Phase::Failed);
                }
            }
            let p = node.phase;
            results.insert(
                dep.clone(),
                expr_depends::TaskResults {
                    succeeded: p == Phase::Succeeded,
                    failed: p == Phase::Failed,
                    errored: p == Phase::Error,
                    skipped: p == Phase::Skipped,
                    omitted: p == Phase::Omitted,
                    daemoned: node.daemoned && p != Phase::Pending,
                    any_succeeded,
                    all_failed,
                },
            );
        }
        // Rewritten and parsed once per shape of expression (its names as
        // positions, see `shape`) and continueOn flags of its names: a
        // chain's `depends: tN` are one program.
        let distinct = |names: &[String]| {
            let mut seen: Vec<String> = names.iter().map(|n| n.replace('-', "_")).collect();
            seen.sort();
            seen.windows(2).all(|w| w[0] != w[1])
        };
        if dependencies.iter().any(|d| d.contains('-')) && !distinct(dependencies) {
            // Two names that are one after `-` becomes `_`: read as written.
            return expr_depends::evaluate(logic, &results, |name| walk.continue_on(name)).map(Some);
        }
        let mut key = expr_depends::shape(logic);
        key.push('\u{1f}');
        for dep in dependencies {
            let c = walk.continue_on(dep);
            key.push(if c.error { '1' } else { '0' });
            key.push(if c.failed { '1' } else { '0' });
        }
        let cached = self.depends_programs.borrow().get(&key).cloned();
        let compiled = match cached {
            Some(compiled) => compiled,
            None => {
                let shape = &key[..key.find('\u{1f}').unwrap_or(key.len())];
                let compiled = std::rc::Rc::new(expr_depends::Compiled::new(shape, |position| {
                    let index = position[1..].parse::<usize>().unwrap_or_default();
                    dependencies.get(index).map(|name| walk.continue_on(name)).unwrap_or_default()
                }));
                self.depends_programs.borrow_mut().insert(key, std::rc::Rc::clone(&compiled));
                compiled
            }
        };
        let by_position = dependencies
            .iter()
            .enumerate()
            .filter_map(|(i, dep)| Some((format!("x{i}"), *results.get(dep)?)))
            .collect();
        match compiled.evaluate(&by_position) {
            Ok(runs) => Ok(Some(runs)),
            // The message names the expression as written.
            Err(_) => expr_depends::evaluate(logic, &results, |name| walk.continue_on(name)).map(Some),
        }
    }

    /// The `tasks.*` variables of a DAG's finished tasks.
    fn dag_scope(&self, walk: &DagWalk<'_>) -> Variables {
        let mut vars = Variables::default();
        for task in walk.tasks {
            let Some(node) = self.by_name(&walk.task_node_name(&task.name)) else { continue };
            let id = node.id.clone();
            if node.node_type == NodeType::TaskGroup {
                let children = node.children.clone();
                let _ = self.aggregate_outputs(&mut vars, "tasks", &task.name, &children);
            }
            self.build_local_scope(&mut vars, "tasks", &task.name, &id);
            if matches!(self.nodes[&id].phase, Phase::Skipped | Phase::Omitted) {
                let step = as_step(task);
                let called = self.library.resolve(&walk.scope, &step).ok().map(|(_, t)| t);
                self.add_skipped_outputs(&mut vars, "tasks", &task.name, &id, called);
            }
        }
        vars
    }
}
