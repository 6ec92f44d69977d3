//! Collects the templates an object uses, once each.

use super::BuildOptions;
use super::image;
use crate::author::template::TemplateDef;
use crate::lint::Finding;
use crate::model;
use crate::path::{FieldPath, Segment};
use std::collections::HashMap;
use std::sync::Arc;

/// Appends to `out` (the object's templates, found at `path`) the templates
/// reachable from `roots`, in the order first met (depth first), with
/// `image` filled in where a container or script has none and the script
/// command of [`BuildOptions`] applied; returns every problem found on the
/// way, at its path in the object.
pub(crate) fn templates(
    roots: &[Arc<TemplateDef>],
    image: Option<&str>,
    options: &BuildOptions,
    path: &FieldPath,
    out: &mut Vec<model::Template>,
) -> Vec<Finding> {
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, &Arc<TemplateDef>> = HashMap::new();
    let mut pending: Vec<&Arc<TemplateDef>> = roots.iter().rev().collect();
    while let Some(def) = pending.pop() {
        if let Some(first) = seen.get(def.name()) {
            if !Arc::ptr_eq(first, def) && first.template != def.template {
                problems.push(Finding::builder(
                    &crate::lint::rules::builder::DUPLICATE_TEMPLATE,
                    path.join(&[Segment::Name(def.name().to_owned())]),
                    format!(
                        "two different templates are named '{}'; give one of them another name",
                        def.name()
                    ),
                ));
            }
            continue;
        }
        seen.insert(def.name(), def);
        let mut template = def.template.clone();
        if let Some(image) = image {
            image::fill(&mut template, image);
        }
        if let (Some(script), Some(runner)) = (&mut template.script, &def.runner) {
            let library = runner.in_library.then_some(options.program_binary.as_ref()).flatten();
            if let Some(command) = &options.script_command {
                script.command = Some(vec![command.clone()]);
            } else if let Some(binary) = library {
                script.command = Some(vec![crate::script::expansion::default_command(Some(binary), binary)]);
            }
        }
        let at = path.named(out.len(), def.name());
        problems.extend(def.problems.iter().map(|problem| {
            let mut problem = problem.clone();
            problem.path = at.join(problem.path.segments());
            problem
        }));
        out.push(template);
        pending.extend(def.uses.iter().rev());
    }
    problems
}
