//! `exec TEMPLATE FILE`: run a `#[script]` function as a pod of Argo does.

use crate::author::object::Object;
use crate::author::template::TemplateDef;
use crate::cli::{Exit, Output};
use crate::script::runner::{self, RunnerEntry};
use std::collections::HashSet;
use std::sync::Arc;

/// The `#[script]` runners reachable from `objects`, by template name.
pub(crate) fn runners(objects: &[Object]) -> Vec<RunnerEntry> {
    let mut pending: Vec<Arc<TemplateDef>> = objects.iter().flat_map(|o| o.roots().iter().cloned()).collect();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    while let Some(def) = pending.pop() {
        if !seen.insert(Arc::as_ptr(&def)) {
            continue;
        }
        if let Some(runner) = def.runner
            && !out.iter().any(|r: &RunnerEntry| r.template == runner.template)
        {
            out.push(runner);
        }
        pending.extend(def.uses.iter().cloned());
    }
    out.sort_by_key(|r| r.template);
    out
}

/// Runs the runner of `template` on `file`.
pub fn exec(objects: &[Object], template: &str, file: &std::path::Path, out: &mut Output<'_>) -> Exit {
    let runners = runners(objects);
    match runners.iter().find(|r| r.template == template) {
        Some(runner) => runner::exec(runner, file, out),
        None => {
            let known: Vec<&str> = runners.iter().map(|r| r.template).collect();
            out.error(format!(
                "no #[script] template named '{template}' in this program's workflows; it has: {}",
                if known.is_empty() { "none".to_owned() } else { known.join(", ") }
            ));
            Exit::Usage
        }
    }
}
