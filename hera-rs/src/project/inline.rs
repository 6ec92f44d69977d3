//! `emit --inline-refs`: each `templateRef` to a (Cluster)WorkflowTemplate
//! among the objects is replaced by a copy of the template it names, so a
//! workflow becomes self-contained (for change detection, or to run it
//! where the library templates are not installed).

use crate::model::{self, Document, WorkflowSpec};
use std::collections::HashMap;

/// `documents` with the `templateRef`s of every task and step that name a
/// template among them replaced by a copy of it (and of what it calls, by
/// name or by reference). A copy keeps its name unless the object already
/// has a different template of that name; then it is `<object>-<template>`
/// (with characters a template name cannot hold made `-`).
/// References to templates not among `documents` are kept.
///
/// ```
/// use hera::model::Document;
/// let yaml = "\
/// apiVersion: argoproj.io/v1alpha1
/// kind: WorkflowTemplate
/// metadata: {name: lib}
/// spec:
///   templates:
///   - {name: hello, container: {image: busybox}}
/// ---
/// apiVersion: argoproj.io/v1alpha1
/// kind: Workflow
/// metadata: {generateName: use-}
/// spec:
///   entrypoint: main
///   templates:
///   - name: main
///     steps:
///     - - name: a
///         templateRef: {name: lib, template: hello}
/// ";
/// let documents = hera::project::inline_template_refs(&hera::yaml::documents(yaml).unwrap());
/// let Document::Workflow(workflow) = &documents[1] else { unreachable!() };
/// let templates = workflow.spec.templates.as_ref().unwrap();
/// assert_eq!(templates[1].name.as_deref(), Some("hello"));
/// assert_eq!(templates[0].steps.as_ref().unwrap()[0][0].template.as_deref(), Some("hello"));
/// ```
pub fn inline_template_refs(documents: &[Document]) -> Vec<Document> {
    let library: Vec<(bool, &str, &WorkflowSpec)> = documents
        .iter()
        .filter_map(|d| match d {
            Document::WorkflowTemplate(t) => Some((false, t.metadata.name.as_deref()?, &t.spec)),
            Document::ClusterWorkflowTemplate(t) => Some((true, t.metadata.name.as_deref()?, &t.spec)),
            _ => None,
        })
        .collect();
    documents
        .iter()
        .map(|document| {
            let mut document = document.clone();
            if let Some(spec) = document.workflow_spec_mut() {
                inline(spec, &library);
            }
            document
        })
        .collect()
}

/// The node fields that call a template.
struct Target<'a> {
    template: &'a mut Option<String>,
    template_ref: &'a mut Option<model::TemplateRef>,
}

fn targets(template: &mut model::Template) -> Vec<Target<'_>> {
    let mut out = Vec::new();
    if let Some(dag) = template.dag.as_mut() {
        for task in &mut dag.tasks {
            out.push(Target { template: &mut task.template, template_ref: &mut task.template_ref });
        }
    }
    for step in template.steps.iter_mut().flatten().flatten() {
        out.push(Target { template: &mut step.template, template_ref: &mut step.template_ref });
    }
    out
}

fn inline(spec: &mut WorkflowSpec, library: &[(bool, &str, &WorkflowSpec)]) {
    let Some(templates) = spec.templates.as_mut() else { return };
    // (cluster, object, template) → the name of its copy here.
    let mut copies: HashMap<(bool, String, String), String> = HashMap::new();
    let mut pending: Vec<(usize, Option<(bool, String)>)> = (0..templates.len()).map(|i| (i, None)).collect();
    while let Some((index, origin)) = pending.pop() {
        let mut template = templates[index].clone();
        for target in targets(&mut template) {
            // A copy's calls by name are calls into the object it came from.
            let wanted = match (&*target.template_ref, &origin, &*target.template) {
                (Some(r), _, _) => match (r.name.as_deref(), r.template.as_deref()) {
                    (Some(object), Some(name)) => {
                        Some((r.cluster_scope == Some(true), object.to_owned(), name.to_owned()))
                    }
                    _ => None,
                },
                (None, Some((cluster, object)), Some(name)) => Some((*cluster, object.clone(), name.clone())),
                _ => None,
            };
            let Some(key) = wanted else { continue };
            let Some(source) = find(library, &key) else { continue };
            let local = match copies.get(&key) {
                Some(local) => local.clone(),
                None => {
                    let local = local_name(templates, &key, source);
                    copies.insert(key.clone(), local.clone());
                    if !templates.iter().any(|t| t.name.as_deref() == Some(&local)) {
                        let mut copy = source.clone();
                        copy.name = Some(local.clone());
                        templates.push(copy);
                        pending.push((templates.len() - 1, Some((key.0, key.1.clone()))));
                    }
                    local
                }
            };
            *target.template = Some(local);
            *target.template_ref = None;
        }
        templates[index] = template;
    }
}

fn find<'a>(
    library: &[(bool, &str, &'a WorkflowSpec)],
    key: &(bool, String, String),
) -> Option<&'a model::Template> {
    library
        .iter()
        .find(|(cluster, name, _)| *cluster == key.0 && *name == key.1)
        .and_then(|(_, _, spec)| spec.templates.iter().flatten().find(|t| t.name.as_deref() == Some(&key.2)))
}

/// The template's own name, unless another template here has it.
fn local_name(
    templates: &[model::Template],
    key: &(bool, String, String),
    source: &model::Template,
) -> String {
    let free = |name: &str| templates.iter().all(|t| t.name.as_deref() != Some(name) || t == source);
    if free(&key.2) {
        return key.2.clone();
    }
    // Template names allow letters, digits and '-' only (`lib-v1.0.0` → `lib-v1-0-0`).
    let base: String = format!("{}-{}", key.1, key.2)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' })
        .collect();
    let mut name = base.clone();
    let mut n = 2;
    while !free(&name) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}
