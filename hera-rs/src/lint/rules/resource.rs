//! Resource templates: action, manifest and merge strategy.

use super::template_body::ENUM;
use crate::lint::context::{ObjectCx, Sink, TemplateCx};
use crate::lint::rule::declare_rule;
use crate::syntax::tags::replace_tags;

declare_rule! {
    /// `resource`: resource templates: a valid action; manifest or manifestFrom (one, not both) unless get/delete; a manifest that is YAML; manifestFrom names an input artifact.
    pub static RESOURCE = {
        id: "resource",
        severity: Error,
        summary: "resource templates: a valid action; manifest or manifestFrom (one, not both) unless get/delete; a manifest that is YAML; manifestFrom names an input artifact",
        remediation: "use one of get, create, apply, delete, replace, patch; give manifest or manifestFrom (naming an input artifact), not both",
    };
}

const ACTIONS: [&str; 6] = ["get", "create", "apply", "delete", "replace", "patch"];
const MERGE_STRATEGIES: [&str; 3] = ["strategic", "merge", "json"];

/// A resource template's action, manifest (or manifestFrom) and merge strategy.
pub fn resource(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    let Some(resource) = &t.template.resource else { return };
    let path = t.at().key("resource");
    let action = resource.action.as_str();
    if !ACTIONS.contains(&action) {
        sink.error(
            &RESOURCE,
            &path.key("action"),
            format!("resource.action must be one of: {}, not '{action}'", ACTIONS.join(", ")),
        );
    }
    match (&resource.manifest, &resource.manifest_from) {
        (Some(_), Some(_)) => sink.error(
            &RESOURCE,
            &path,
            "shouldn't have both `manifest` and `manifestFrom` specified in `Manifest` for resource template",
        ),
        (None, None) if action != "get" && action != "delete" => sink.error(
            &RESOURCE,
            &path,
            format!(
                "either resource.manifest or resource.manifestFrom must be specified for action '{action}'"
            ),
        ),
        _ => {}
    }
    if let Some(manifest) = &resource.manifest
        && let Err(error) = crate::yaml::parse(&replace_tags(manifest, "x"))
    {
        let first = error.problems().first().map(ToString::to_string).unwrap_or_default();
        sink.error(
            &RESOURCE,
            &path.key("manifest"),
            format!("resource.manifest must be a valid yaml: {first}"),
        );
    }
    if let Some(from) = &resource.manifest_from {
        let name = &from.artifact.name;
        let declared =
            t.template.inputs.iter().flat_map(|i| i.artifacts.iter().flatten()).any(|a| &a.name == name);
        if !declared {
            sink.error(
                &RESOURCE,
                &path.key("manifestFrom").key("artifact").key("name"),
                format!("artifact {name} in `manifestFrom` refer to a non-exist artifact: declare it in inputs.artifacts"),
            );
        }
    }
    if let Some(strategy) = resource.merge_strategy.as_deref()
        && !MERGE_STRATEGIES.contains(&strategy)
    {
        sink.error(
            &ENUM,
            &path.key("mergeStrategy"),
            format!("mergeStrategy '{strategy}' is not one of {}", MERGE_STRATEGIES.join(", ")),
        );
    }
}
