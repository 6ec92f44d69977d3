//! How Argo's controller joins a workflow's spec from its parts
//! (`workflow/util/merge.go`): `MergeTo`, a strategic merge patch in which
//! the target's own fields win, and `JoinWorkflowSpec`, the Workflow over
//! the WorkflowTemplate it references over the controller's
//! `workflowDefaults`. Lint merges the defaults as the controller does
//! before it validates; the local engine joins what it runs.

use super::{Document, ObjectMeta, Value, WorkflowSpec};
use crate::yaml::Node;

/// The lists a strategic merge patch merges item by item, and the key that
/// matches items (the `patchMergeKey`s of Argo's and Kubernetes' types that
/// can occur in a Workflow: templates, arguments, volumes, containers).
fn merge_key(field: &str) -> Option<&'static str> {
    Some(match field {
        "templates" | "parameters" | "artifacts" | "volumes" | "imagePullSecrets" | "initContainers"
        | "sidecars" | "tasks" | "env" | "containers" => "name",
        "tolerations" => "key",
        "hostAliases" => "ip",
        "volumeMounts" => "mountPath",
        _ => return None,
    })
}

/// Merges `patch` into `target`, whose own values win (`MergeTo`):
/// mappings key by key, lists with a merge key item by item
/// (`merge_key`), anything else taken from the patch only where the
/// target has nothing (a `null` is nothing, as for Kubernetes). `hooks`
/// and `labelsFrom` are merged entry by entry without looking inside, as
/// `MergeTo` does.
pub(crate) fn merge_to(patch: &Value, target: &mut Value) {
    merge(patch, target, None);
}

fn merge(patch: &Value, target: &mut Value, field: Option<&str>) {
    match (patch, target) {
        (Value::Object(patch), Value::Object(target)) => {
            let whole_entries = matches!(field, Some("hooks" | "labelsFrom"));
            for (key, value) in patch {
                match target.get_mut(key) {
                    None | Some(Value::Null) => {
                        target.insert(key.clone(), value.clone());
                    }
                    Some(existing) if !whole_entries => merge(value, existing, Some(key)),
                    Some(_) => {}
                }
            }
        }
        (Value::Array(patch), Value::Array(target)) => {
            let Some(key) = field.and_then(merge_key) else { return };
            for item in patch {
                let Some(id) = item.get(key) else { continue };
                match target.iter_mut().find(|t| t.get(key) == Some(id)) {
                    Some(existing) => merge(item, existing, None),
                    None => target.push(item.clone()),
                }
            }
        }
        _ => {}
    }
}

/// The labels and annotations of `defaults` that `target` lacks
/// (`JoinWorkflowMetaData`).
pub(crate) fn join_metadata(target: &mut ObjectMeta, defaults: &ObjectMeta) {
    if let Some(labels) = &defaults.labels {
        let to = target.labels.get_or_insert_with(Default::default);
        for (key, value) in labels {
            to.entry(key.clone()).or_insert_with(|| value.clone());
        }
    }
    if let Some(annotations) = &defaults.annotations {
        let to = target.annotations.get_or_insert_with(Default::default);
        for (key, value) in annotations {
            to.entry(key.clone()).or_insert_with(|| value.clone());
        }
    }
}

/// Where an artifact is: the fields of Argo's `ArtifactLocation`, and the
/// ones of them that are a storage backend (`ArtifactLocation.Get`).
const LOCATION: [&str; 11] =
    ["archiveLogs", "s3", "git", "http", "artifactory", "hdfs", "raw", "oss", "gcs", "azure", "plugin"];

fn backend(artifact: &Value) -> Option<&str> {
    LOCATION[1..].iter().copied().find(|key| artifact.get(key).is_some_and(|v| !v.is_null()))
}

/// `mergeArtifactOverride`: `over` wins; when both keep the artifact in the
/// same backend, the location fields `over` leaves out come from `base`
/// (a bucket or endpoint set at a lower level).
fn override_artifact(base: &Value, over: &Value) -> Value {
    let mut merged = over.clone();
    if backend(base).is_none() || backend(base) != backend(over) {
        return merged;
    }
    for key in LOCATION {
        let Some(from) = base.get(key) else { continue };
        let Some(object) = merged.as_object_mut() else { break };
        match object.get_mut(key) {
            None | Some(Value::Null) => {
                object.insert(key.into(), from.clone());
            }
            Some(existing) => merge(from, existing, Some(key)),
        }
    }
    merged
}

/// The arguments (`parameters` or `artifacts`) of a spec value, by name.
fn arguments<'a>(spec: &'a Value, kind: &str) -> Vec<(&'a str, &'a Value)> {
    let items = spec.get("arguments").and_then(|a| a.get(kind)).and_then(Value::as_array);
    items.into_iter().flatten().filter_map(|item| Some((item.get("name")?.as_str()?, item))).collect()
}

/// `Parameter.HasValue`.
fn has_value(parameter: &Value) -> bool {
    ["value", "valueFrom", "default"].iter().any(|key| parameter.get(key).is_some_and(|v| !v.is_null()))
}

/// `JoinWorkflowSpec`: `workflow`'s own fields, then what `template` (a
/// referenced WorkflowTemplate's spec) adds, then what `defaults` adds.
/// An argument keeps its value from one place only, the highest that
/// gives it one, so a `value` from the template never sits beside a
/// `valueFrom` from the workflow. Errors when the joined spec is not a
/// valid one (the parts disagree on a field's type).
pub(crate) fn join_spec(
    workflow: &WorkflowSpec,
    template: Option<&WorkflowSpec>,
    defaults: Option<&WorkflowSpec>,
) -> Result<WorkflowSpec, String> {
    let to_value = |spec: &WorkflowSpec| serde_json::to_value(spec).map_err(|e| e.to_string());
    let own = to_value(workflow)?;
    let from_template = template.map(to_value).transpose()?;
    let mut joined = own.clone();
    for patch in [from_template.clone(), defaults.map(to_value).transpose()?].into_iter().flatten() {
        merge(&patch, &mut joined, None);
    }
    // The workflow's own `suspend` stands, even unset.
    if let Some(object) = joined.as_object_mut() {
        match own.get("suspend") {
            Some(suspend) => object.insert("suspend".into(), suspend.clone()),
            None => object.shift_remove("suspend"),
        };
    }
    let sources = [Some(&own), from_template.as_ref()];
    let parameters: Vec<Vec<(&str, &Value)>> =
        sources.iter().map(|s| s.map(|s| arguments(s, "parameters")).unwrap_or_default()).collect();
    let artifacts: Vec<Vec<(&str, &Value)>> =
        sources.iter().map(|s| s.map(|s| arguments(s, "artifacts")).unwrap_or_default()).collect();
    let find = |lists: &[Vec<(&str, &Value)>], name: &str, valued: bool| -> Option<Value> {
        lists.iter().find_map(|list| {
            list.iter().find(|(n, v)| *n == name && (!valued || has_value(v))).map(|(_, v)| (*v).clone())
        })
    };
    if let Some(list) = joined.pointer_mut("/arguments/parameters").and_then(Value::as_array_mut) {
        for parameter in list.iter_mut().filter(|p| has_value(p)) {
            let name = parameter.get("name").and_then(Value::as_str).unwrap_or_default().to_owned();
            if let Some(own) = find(&parameters, &name, true) {
                *parameter = own;
            }
        }
    }
    if let Some(list) = joined.pointer_mut("/arguments/artifacts").and_then(Value::as_array_mut) {
        for artifact in list.iter_mut() {
            let name = artifact.get("name").and_then(Value::as_str).unwrap_or_default().to_owned();
            if let Some(over) = find(&artifacts, &name, false) {
                *artifact = override_artifact(artifact, &over);
            }
        }
    }
    let workflow = serde_json::json!({
        "apiVersion": super::ARGO_API_VERSION, "kind": "Workflow", "metadata": {}, "spec": joined,
    });
    match Document::from_node(&Node::from(workflow)) {
        Ok(Document::Workflow(workflow)) => Ok(workflow.spec),
        Ok(_) => unreachable!("the kind is Workflow"),
        Err(error) => Err(format!("the joined workflow spec is not valid: {error}")),
    }
}

/// The fields of a Template that make its type (`wfv1.TemplateType`).
const TEMPLATE_TYPES: [&str; 10] =
    ["container", "containerSet", "steps", "dag", "script", "resource", "data", "suspend", "http", "plugin"];

/// `mergedTemplateDefaultsInto`: `template` with `spec.templateDefaults`
/// merged in, its own fields winning; a default of another template type
/// (a `container` default for a `script` template) does not apply.
pub(crate) fn with_template_defaults(
    template: &super::Template,
    defaults: &super::Template,
) -> Result<super::Template, String> {
    let mut patch = serde_json::to_value(defaults).map_err(|e| e.to_string())?;
    let mut target = serde_json::to_value(template).map_err(|e| e.to_string())?;
    if let Some(patch) = patch.as_object_mut() {
        for kind in TEMPLATE_TYPES {
            if target.get(kind).is_none_or(Value::is_null) {
                patch.shift_remove(kind);
            }
        }
    }
    merge(&patch, &mut target, None);
    let workflow = serde_json::json!({
        "apiVersion": super::ARGO_API_VERSION, "kind": "Workflow", "metadata": {},
        "spec": {"templates": [target]},
    });
    match Document::from_node(&Node::from(workflow)) {
        Ok(Document::Workflow(workflow)) => {
            Ok(workflow.spec.templates.and_then(|t| t.into_iter().next()).unwrap_or_default())
        }
        Ok(_) => unreachable!("the kind is Workflow"),
        Err(error) => Err(format!("spec.templateDefaults cannot be merged into the template: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_target_wins_and_lists_merge_by_name() {
        let patch = json!({"spec": {
            "entrypoint": "d", "serviceAccountName": "sa",
            "arguments": {"parameters": [{"name": "a", "value": "1"}, {"name": "b", "value": "2"}]},
            "hooks": {"exit": {"template": "x"}},
            "nodeSelector": {"k": "v"}
        }});
        let mut target = json!({"spec": {
            "entrypoint": "main", "serviceAccountName": null,
            "arguments": {"parameters": [{"name": "b", "value": "3"}]},
            "hooks": {"exit": {"expression": "true"}},
            "nodeSelector": ["not", "a", "map"]
        }});
        merge_to(&patch, &mut target);
        assert_eq!(
            target,
            json!({"spec": {
                "entrypoint": "main", "serviceAccountName": "sa",
                "arguments": {"parameters": [{"name": "b", "value": "3"}, {"name": "a", "value": "1"}]},
                "hooks": {"exit": {"expression": "true"}},
                "nodeSelector": ["not", "a", "map"]
            }})
        );
    }

    fn spec(value: serde_json::Value) -> WorkflowSpec {
        let workflow =
            json!({"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": {}, "spec": value});
        match Document::from_node(&Node::from(workflow)).unwrap() {
            Document::Workflow(w) => w.spec,
            _ => unreachable!(),
        }
    }

    #[test]
    fn the_workflow_wins_over_its_template_over_the_defaults() {
        let workflow = spec(json!({
            "arguments": {"parameters": [{"name": "m", "valueFrom": {"configMapKeyRef": {"name": "c", "key": "k"}}}]},
            "workflowTemplateRef": {"name": "t"}
        }));
        let template = spec(json!({
            "entrypoint": "main", "suspend": true, "parallelism": 2,
            "arguments": {"parameters": [{"name": "m", "value": "template's"}, {"name": "n", "value": "1"}]},
            "templates": [{"name": "main", "container": {"image": "alpine"}}]
        }));
        let defaults = spec(json!({"parallelism": 9, "serviceAccountName": "sa", "entrypoint": "other"}));
        let joined = join_spec(&workflow, Some(&template), Some(&defaults)).unwrap();
        assert_eq!(joined.entrypoint.as_deref(), Some("main"));
        assert_eq!((joined.parallelism, joined.service_account_name.as_deref()), (Some(2), Some("sa")));
        // The workflow's own `suspend` (unset) stands.
        assert_eq!(joined.suspend, None);
        let parameters = joined.arguments.unwrap().parameters.unwrap();
        // The workflow's valueFrom, not mixed with the template's value.
        assert_eq!(parameters[0].value, None);
        assert!(parameters[0].value_from.is_some());
        assert_eq!((parameters[1].name.as_str(), parameters[1].value.as_deref()), ("n", Some("1")));
        assert_eq!(joined.templates.unwrap()[0].name.as_deref(), Some("main"));
    }

    #[test]
    fn template_defaults_apply_where_the_template_is_silent_and_of_its_type_only() {
        let template = spec(json!({"templates": [{"name": "t", "timeout": "1m",
            "script": {"image": "python", "source": "print(1)"}}]}))
        .templates
        .unwrap()
        .remove(0);
        let defaults = spec(json!({"templateDefaults": {"timeout": "30s",
            "retryStrategy": {"limit": "2"}, "container": {"image": "alpine"}}}))
        .template_defaults
        .unwrap();
        let merged = with_template_defaults(&template, &defaults).unwrap();
        assert_eq!(merged.timeout.as_deref(), Some("1m"));
        assert!(merged.retry_strategy.is_some());
        assert!(merged.container.is_none(), "a container default does not make a script a container");
        assert_eq!(merged.script.unwrap().image.as_deref(), Some("python"));
    }

    #[test]
    fn an_artifact_in_the_same_backend_keeps_the_lower_levels_location_fields() {
        let base = json!({"name": "a", "s3": {"bucket": "b", "endpoint": "e", "key": "old"}});
        let over = json!({"name": "a", "s3": {"key": "new"}});
        assert_eq!(
            override_artifact(&base, &over),
            json!({"name": "a", "s3": {"key": "new", "bucket": "b", "endpoint": "e"}})
        );
        let other = json!({"name": "a", "http": {"url": "https://x"}});
        assert_eq!(override_artifact(&base, &other), other);
    }
}
