//! Collects the templates an object uses, once each.

use crate::author::template::TemplateDef;
use crate::lint::Finding;
use crate::model;
use std::collections::HashMap;
use std::sync::Arc;

/// Name of the environment variable that overrides the default image at
/// run time (CI sets it to test a freshly built image).
pub const IMAGE_NAME_VAR: &str = "IMAGE_NAME";

/// The templates reachable from `roots`, in the order first met (depth
/// first), with the default image filled in where a container or script
/// has none; plus every problem found on the way.
pub(crate) fn templates(
    roots: &[Arc<TemplateDef>],
    default_image: Option<&str>,
) -> (Vec<model::Template>, Vec<Finding>) {
    let image =
        std::env::var(IMAGE_NAME_VAR).ok().filter(|i| !i.is_empty()).or(default_image.map(str::to_owned));
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<String, Arc<TemplateDef>> = HashMap::new();
    let mut pending: Vec<Arc<TemplateDef>> = roots.iter().rev().cloned().collect();
    while let Some(def) = pending.pop() {
        if let Some(first) = seen.get(def.name()) {
            if !Arc::ptr_eq(first, &def) && first.template != def.template {
                problems.push(Finding::error(
                    format!("spec.templates[{}]", def.name()),
                    format!(
                        "two different templates are named '{}'; give one of them another name",
                        def.name()
                    ),
                ));
            }
            continue;
        }
        seen.insert(def.name().to_owned(), def.clone());
        let mut template = def.template.clone();
        if let Some(image) = &image {
            fill_image(&mut template, image);
        }
        out.push(template);
        problems.extend(def.problems.iter().cloned());
        pending.extend(def.uses.iter().rev().cloned());
    }
    (out, problems)
}

fn fill_image(template: &mut model::Template, image: &str) {
    if let Some(container) = &mut template.container {
        container.image.get_or_insert_with(|| image.to_owned());
    }
    if let Some(script) = &mut template.script {
        script.image.get_or_insert_with(|| image.to_owned());
    }
}
