//! Exit handlers and lifecycle hooks (`exit_handler.go`, `hooks.go`).

use super::engine::{Engine, Opts};
use super::library::Scope;
use super::names;
use super::substitute::{self, Strict, Variables};
use crate::model;
use indexmap::IndexMap;

impl Engine<'_> {
    /// `runOnExitNode` for a step or task whose `onExit` (or `exit` hook)
    /// names `exit`: `Ok(true)` once the handler is done (or there is none).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn run_on_exit(
        &mut self,
        exit: &str,
        parent_name: &str,
        boundary_id: &str,
        scope: &Scope,
        vars: &mut Variables,
        prefix: &str,
        step_name: &str,
    ) -> Result<bool, String> {
        let hook = model::LifecycleHook { template: Some(exit.to_owned()), ..Default::default() };
        self.run_exit_hook(&hook, parent_name, boundary_id, scope, vars, prefix, step_name)
    }

    #[allow(clippy::too_many_arguments)]
    fn run_exit_hook(
        &mut self,
        hook: &model::LifecycleHook,
        parent_name: &str,
        boundary_id: &str,
        scope: &Scope,
        vars: &mut Variables,
        prefix: &str,
        step_name: &str,
    ) -> Result<bool, String> {
        let mut all = self.global_params();
        all.extend(vars.iter().map(|(k, v)| (k.clone(), v.clone())));
        if let Some(expression) = hook.expression.as_deref().filter(|e| !e.is_empty())
            && !self.eval_bool(expression, &all)?
        {
            return Ok(true);
        }
        let name = names::on_exit(parent_name);
        let step = model::WorkflowStep {
            template: hook.template.clone(),
            template_ref: hook.template_ref.clone(),
            ..Default::default()
        };
        let args = self.hook_arguments(hook, parent_name, vars, prefix, step_name)?;
        let opts = Opts {
            boundary_id: boundary_id.to_owned(),
            on_exit_template: true,
            hooked: true,
            retried: false,
        };
        let result = self.execute_template(&name, &step, scope, &args, &opts);
        if result.as_ref().is_err_and(|m| m == super::engine::PARALLELISM_REACHED) {
            return Ok(false);
        }
        self.add_child(parent_name, &name);
        let id = result?;
        Ok(self.nodes[&id].fulfilled())
    }

    /// `resolveExitTmplArgument`: a hook's arguments may read its parent's outputs.
    fn hook_arguments(
        &self,
        hook: &model::LifecycleHook,
        parent_name: &str,
        vars: &mut Variables,
        prefix: &str,
        step_name: &str,
    ) -> Result<model::Arguments, String> {
        let Some(args) = hook.arguments.clone() else { return Ok(model::Arguments::default()) };
        let mut args = Some(args);
        if let Some(parent) = self.by_name(parent_name) {
            let id = parent.id.clone();
            self.build_local_scope(vars, prefix, step_name, &id);
        }
        let mut all = self.global_params();
        all.extend(vars.iter().map(|(k, v)| (k.clone(), v.clone())));
        substitute::mark_absent_optional_args(&mut args, &all);
        substitute::object(&args.unwrap_or_default(), &all, Strict::None, &self.expressions())
    }

    /// `executeTmplLifeCycleHook`: the expression hooks of a step or task
    /// (and its `exit` hook once it completed). `Ok(false)` while one runs.
    pub(crate) fn run_hooks(
        &mut self,
        vars: &mut Variables,
        prefix: &str,
        hooks: Option<&IndexMap<String, model::LifecycleHook>>,
        parent_id: &str,
        boundary_id: &str,
        scope: &Scope,
    ) -> Result<bool, String> {
        let Some(hooks) = hooks else { return Ok(true) };
        let parent = self.nodes[parent_id].clone();
        let mut waiting = false;
        for (hook_name, hook) in hooks {
            if hook_name == "exit" {
                if parent.completed() {
                    let done = self.run_exit_hook(
                        hook,
                        &parent.name,
                        boundary_id,
                        scope,
                        vars,
                        prefix,
                        &parent.display_name,
                    )?;
                    waiting |= !done;
                }
                continue;
            }
            let name = format!("{}.hooks.{hook_name}", parent.name);
            let Some(expression) = hook.expression.as_deref().filter(|e| !e.is_empty()) else {
                return Err(format!("Expression required for hook {name}"));
            };
            let mut all = self.global_params();
            all.extend(vars.iter().map(|(k, v)| (k.clone(), v.clone())));
            let run = self.eval_bool(expression, &all)?;
            if run || self.by_name(&name).is_some() {
                let step = model::WorkflowStep {
                    template: hook.template.clone(),
                    template_ref: hook.template_ref.clone(),
                    ..Default::default()
                };
                let args = self.hook_arguments(hook, &parent.name, vars, prefix, &parent.display_name)?;
                let opts = Opts { boundary_id: boundary_id.to_owned(), hooked: true, ..Opts::default() };
                let id = match self.execute_template(&name, &step, scope, &args, &opts) {
                    Err(message) if message == super::engine::PARALLELISM_REACHED => {
                        waiting = true;
                        continue;
                    }
                    result => result?,
                };
                self.add_child(&parent.name, &name);
                waiting |= !self.nodes[&id].fulfilled();
            }
        }
        Ok(!waiting)
    }
}
