//! Artifacts anywhere in a template: one storage location each, and a
//! garbage-collection strategy the CRD knows.

use super::template_body::ENUM;
use crate::lint::at::At;
use crate::lint::context::{ObjectCx, Sink, TemplateCx};
use crate::lint::rule::declare_rule;
use crate::model::Artifact;

declare_rule! {
    /// `artifact`: an artifact sets at most one storage location (s3, gcs, http, git, raw, ...).
    pub static ARTIFACT = {
        id: "artifact",
        severity: Error,
        summary: "an artifact sets at most one storage location (s3, gcs, http, git, raw, ...)",
        remediation: "keep one storage location per artifact; use another artifact for another location",
    };
}

const GC_STRATEGIES: [&str; 4] = ["", "OnWorkflowCompletion", "OnWorkflowDeletion", "Never"];

/// Inputs, outputs and the arguments of each call.
pub fn artifacts(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    let template = t.template;
    let mut lists: Vec<(At<'_>, &[Artifact])> = Vec::new();
    if let Some(list) = template.inputs.as_ref().and_then(|i| i.artifacts.as_deref()) {
        lists.push((t.at().key("inputs").key("artifacts"), list));
    }
    if let Some(list) = template.outputs.as_ref().and_then(|o| o.artifacts.as_deref()) {
        lists.push((t.at().key("outputs").key("artifacts"), list));
    }
    for node in t.nodes() {
        if let Some(list) = node.fields.arguments.as_ref().and_then(|a| a.artifacts.as_deref()) {
            lists.push((node.at.key("arguments").key("artifacts"), list));
        }
    }
    for (path, list) in lists {
        for (index, artifact) in list.iter().enumerate() {
            check(artifact, &path.named(index, &artifact.name), sink);
        }
    }
}

/// `spec.arguments.artifacts`.
pub fn workflow_artifacts(object: &ObjectCx<'_>, sink: &mut Sink) {
    let list = object.spec.arguments.as_ref().and_then(|a| a.artifacts.as_deref()).unwrap_or_default();
    for (index, artifact) in list.iter().enumerate() {
        check(artifact, &object.at().key("arguments").key("artifacts").named(index, &artifact.name), sink);
    }
}

/// The storage locations an artifact names (`s3`, `git`, ...).
pub fn locations(a: &Artifact) -> Vec<&'static str> {
    [
        (a.s3.is_some(), "s3"),
        (a.git.is_some(), "git"),
        (a.http.is_some(), "http"),
        (a.artifactory.is_some(), "artifactory"),
        (a.hdfs.is_some(), "hdfs"),
        (a.raw.is_some(), "raw"),
        (a.oss.is_some(), "oss"),
        (a.gcs.is_some(), "gcs"),
        (a.azure.is_some(), "azure"),
        (a.plugin.is_some(), "plugin"),
    ]
    .into_iter()
    .filter_map(|(set, name)| set.then_some(name))
    .collect()
}

fn check(a: &Artifact, path: &At<'_>, sink: &mut Sink) {
    let locations = locations(a);
    if locations.len() > 1 {
        sink.error(
            &ARTIFACT,
            path,
            format!(
                "artifact '{}' names {} locations ({}); at most one artifact location can be set",
                a.name,
                locations.len(),
                locations.join(", ")
            ),
        );
    }
    if let Some(strategy) = a.artifact_gc.as_ref().and_then(|gc| gc.strategy.as_deref())
        && !GC_STRATEGIES.contains(&strategy)
    {
        sink.error(
            &ENUM,
            &path.key("artifactGC").key("strategy"),
            format!("artifactGC.strategy '{strategy}' is not one of OnWorkflowCompletion, OnWorkflowDeletion, Never"),
        );
    }
}
