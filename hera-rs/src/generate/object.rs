//! Whole documents: the object builder with its metadata, its spec and its
//! templates, and the program around them.

use super::comments::Comments;
use super::literal::{assignments, ident, literal, string};
use super::names::Names;
use super::refs::Handles;
use super::shape::{Shape, model};
use super::template::{Templates, parameter, template};
use super::{GenerateError, Where};
use crate::model::Document;
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// The whole program for `documents`.
pub(crate) fn program(
    documents: &[Document],
    comments: Vec<Vec<crate::yaml::Comment>>,
    source: &str,
    fallbacks: &mut Vec<String>,
    notes: &mut Comments,
) -> Result<TokenStream, GenerateError> {
    let mut functions = Vec::new();
    let mut calls = Vec::new();
    let mut names = Names::default();
    let mut comments = comments.into_iter();
    for (i, document) in documents.iter().enumerate() {
        notes.document(comments.next().unwrap_or_default());
        let label = match document.name() {
            Some(name) => format!("{source}: {} {name}", document.kind()),
            None => format!("{source}: document {}", i + 1),
        };
        let at = Where::new(&label);
        let base = document.name().or_else(|| generate_name(document)).unwrap_or(document.kind());
        let function = ident(&names.fresh(&format!("{}_{base}", document.kind()), "object"));
        let body = self::document(document, &at, fallbacks, notes)?;
        let top = notes.take(&crate::path::FieldPath::root());
        let doc = format!(
            " The {} `{}`.",
            if document.kind().is_empty() { "document" } else { document.kind() },
            document.name().or_else(|| generate_name(document)).unwrap_or("(unnamed)")
        );
        functions.push(quote! {
            #[doc = #doc]
            pub fn #function() -> Object {
                #top
                #body
            }
        });
        calls.push(quote!(#function()));
    }
    let header = format!(" The objects of `{source}`, as hera-rs code.");
    Ok(quote! {
        #![doc = #header]
        #![allow(unused_imports)]
        use hera::model;
        use hera::prelude::*;

        /// Every object, in the order of the file.
        pub fn objects() -> Vec<Object> {
            vec![#(#calls),*]
        }

        /// Prints the objects as YAML (`yaml`), or lints, draws, runs them: see `--help`.
        pub fn main() -> std::process::ExitCode {
            hera::cli::main(objects())
        }

        #(#functions)*
    })
}

fn generate_name(document: &Document) -> Option<&str> {
    match document {
        Document::Workflow(w) => w.metadata.generate_name.as_deref(),
        Document::WorkflowTemplate(w) => w.metadata.generate_name.as_deref(),
        Document::ClusterWorkflowTemplate(w) => w.metadata.generate_name.as_deref(),
        Document::CronWorkflow(w) => w.metadata.generate_name.as_deref(),
        _ => None,
    }
}

fn to_object<T: serde::Serialize>(value: &T, at: &Where) -> Result<Map<String, Value>, GenerateError> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Ok(Map::new()),
        Err(error) => Err(at.error(format!("cannot read the document: {error}"))),
    }
}

/// The body of the function making one object.
fn document(
    document: &Document,
    at: &Where,
    fallbacks: &mut Vec<String>,
    notes: &mut Comments,
) -> Result<TokenStream, GenerateError> {
    let (kind, metadata, spec) = match document {
        Document::Workflow(w) => ("Workflow", to_object(&w.metadata, at)?, to_object(&w.spec, at)?),
        Document::WorkflowTemplate(w) => {
            ("WorkflowTemplate", to_object(&w.metadata, at)?, to_object(&w.spec, at)?)
        }
        Document::ClusterWorkflowTemplate(w) => {
            ("ClusterWorkflowTemplate", to_object(&w.metadata, at)?, to_object(&w.spec, at)?)
        }
        Document::CronWorkflow(w) => ("CronWorkflow", to_object(&w.metadata, at)?, to_object(&w.spec, at)?),
        other => {
            let text = crate::yaml::to_string(other)
                .map_err(|e| at.error(format!("cannot write the document: {e}")))?;
            let text = string(&text);
            return Ok(quote!(Manifest::from_yaml(#text).into()));
        }
    };
    let has_status = match document {
        Document::Workflow(w) => w.status.is_some(),
        Document::WorkflowTemplate(_) | Document::ClusterWorkflowTemplate(_) => false,
        Document::CronWorkflow(w) => w.status.is_some(),
        _ => false,
    };
    if has_status {
        return Err(at.key("status").error("a status is written by Argo, not by a program; remove it"));
    }
    let (head, meta_calls) = metadata_calls(kind, metadata, &at.key("metadata"), fallbacks)?;
    let (mut spec, cron_calls) =
        if kind == "CronWorkflow" { cron(spec, &at.key("spec"), fallbacks)? } else { (spec, Vec::new()) };
    let spec_at = if kind == "CronWorkflow" { at.key("spec").key("workflowSpec") } else { at.key("spec") };
    let templates = spec.remove("templates");
    let (lets, mut spec_calls) = spec_templates(templates, &mut spec, &spec_at, fallbacks, notes)?;
    spec_calls.extend(spec_sugar(spec, &spec_at, fallbacks)?);
    Ok(quote! {
        #(#lets)*
        #head #(#meta_calls)* #(#cron_calls)* #(#spec_calls)* .into()
    })
}

/// The constructor and the metadata methods.
fn metadata_calls(
    kind: &str,
    mut metadata: Map<String, Value>,
    at: &Where,
    fallbacks: &mut Vec<String>,
) -> Result<(TokenStream, Vec<TokenStream>), GenerateError> {
    let kind_ident = ident(kind);
    let mut calls = Vec::new();
    let name = metadata.remove("name");
    let head = match (&name, metadata.get("generateName")) {
        (None, Some(Value::String(prefix))) if kind == "Workflow" => {
            let prefix = string(prefix);
            metadata.remove("generateName");
            quote!(Workflow::generate_name(#prefix))
        }
        (Some(Value::String(name)), _) => match version_of(name) {
            Some((base, version)) if kind == "WorkflowTemplate" || kind == "ClusterWorkflowTemplate" => {
                let (base, version) = (string(base), string(version));
                quote!(#kind_ident::new(#base).versioned(#version))
            }
            _ => {
                let name = string(name);
                quote!(#kind_ident::new(#name))
            }
        },
        _ => {
            metadata.insert("name".into(), Value::Null);
            quote!(#kind_ident::new(""))
        }
    };
    if let Some(Value::String(namespace)) = metadata.remove("namespace") {
        let namespace = string(&namespace);
        calls.push(quote!(.namespace(#namespace)));
    }
    for (field, method) in [("labels", "label"), ("annotations", "annotation")] {
        if let Some(Value::Object(entries)) = metadata.get(field)
            && !entries.is_empty()
            && entries.values().all(Value::is_string)
        {
            let method = ident(method);
            for (key, value) in entries {
                let (key, value) = (string(key), string(value.as_str().unwrap_or_default()));
                calls.push(quote!(.#method(#key, #value)));
            }
            metadata.remove(field);
        }
    }
    if !metadata.is_empty() {
        for key in metadata.keys() {
            fallbacks.push(format!("ObjectMeta.{key}"));
        }
        let set = assignments(&quote!(m), "ObjectMeta", &metadata, at)?;
        calls.push(quote!(.with_metadata(|m| { #(#set)* })));
    }
    Ok((head, calls))
}

/// `name-v1.2.3` → (`name`, `1.2.3`) when the suffix is a semantic version.
fn version_of(name: &str) -> Option<(&str, &str)> {
    let at = name.rfind("-v")?;
    let (base, version) = (&name[..at], &name[at + 2..]);
    (!base.is_empty() && semver::Version::parse(version).is_ok()).then_some((base, version))
}

/// The CronWorkflow's own fields, and its `workflowSpec`.
fn cron(
    mut spec: Map<String, Value>,
    at: &Where,
    fallbacks: &mut Vec<String>,
) -> Result<(Map<String, Value>, Vec<TokenStream>), GenerateError> {
    let workflow_spec = match spec.remove("workflowSpec") {
        Some(Value::Object(w)) => w,
        _ => Map::new(),
    };
    let mut calls = Vec::new();
    if let Some(Value::Array(schedules)) = spec.get("schedules")
        && schedules.iter().all(Value::is_string)
    {
        for s in schedules {
            let s = string(s.as_str().unwrap_or_default());
            calls.push(quote!(.schedule(#s)));
        }
        spec.remove("schedules");
    }
    for (key, method) in
        [("timezone", "timezone"), ("concurrencyPolicy", "concurrency_policy"), ("when", "when")]
    {
        if let Some(Value::String(text)) = spec.get(key) {
            let (method, text) = (ident(method), string(text));
            calls.push(quote!(.#method(#text)));
            spec.remove(key);
        }
    }
    for (key, method) in [
        ("startingDeadlineSeconds", "starting_deadline_seconds"),
        ("successfulJobsHistoryLimit", "successful_jobs_history_limit"),
        ("failedJobsHistoryLimit", "failed_jobs_history_limit"),
    ] {
        if let Some(Value::Number(n)) = spec.get(key)
            && let Some(n) = n.as_i64()
        {
            let (method, n) = (ident(method), proc_macro2::Literal::i64_unsuffixed(n));
            calls.push(quote!(.#method(#n)));
            spec.remove(key);
        }
    }
    if let Some(Value::Bool(suspend)) = spec.get("suspend") {
        calls.push(quote!(.suspend(#suspend)));
        spec.remove("suspend");
    }
    if !spec.is_empty() {
        for key in spec.keys() {
            fallbacks.push(format!("CronWorkflowSpec.{key}"));
        }
        let set = assignments(&quote!(c), "CronWorkflowSpec", &spec, at)?;
        calls.push(quote!(.with_cron_spec(|c| { #(#set)* })));
    }
    Ok((workflow_spec, calls))
}

/// `let` statements for the templates, callees first, and the calls that
/// add them to the object (entrypoint, exit handler, the rest, their order).
fn spec_templates(
    templates: Option<Value>,
    spec: &mut Map<String, Value>,
    at: &Where,
    fallbacks: &mut Vec<String>,
    notes: &mut Comments,
) -> Result<(Vec<TokenStream>, Vec<TokenStream>), GenerateError> {
    let Some(templates) = templates else { return Ok((Vec::new(), Vec::new())) };
    let list: Option<Vec<Map<String, Value>>> =
        templates.as_array().filter(|l| !l.is_empty()).and_then(|l| {
            l.iter()
                .map(|t| t.as_object().filter(|t| t.get("name").is_some_and(Value::is_string)).cloned())
                .collect()
        });
    let names: Vec<String> =
        list.iter().flatten().map(|t| t["name"].as_str().unwrap_or_default().to_owned()).collect();
    let unique = names.iter().collect::<HashSet<_>>().len() == names.len();
    let Some(list) = list.filter(|_| unique) else {
        // Templates without names, or two of one name: as the model has them.
        fallbacks.push("WorkflowSpec.templates".into());
        let shape = Shape::Option(Box::new(Shape::Vec(Box::new(Shape::Struct("Template".into())))));
        let value = literal(&templates, &shape, &at.key("templates"))?;
        return Ok((Vec::new(), vec![quote!(.with_spec(|s| { s.templates = #value; }))]));
    };
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
    let called: Vec<Vec<usize>> = list.iter().map(|t| calls_of(t, &index)).collect();
    // Callees first (depth first, in file order); a call back up the
    // stack (recursion) goes by name.
    let mut order = Vec::new();
    let mut state = vec![0u8; list.len()];
    for start in 0..list.len() {
        visit(start, &called, &mut state, &mut order);
    }
    let mut vars_names = Names::default();
    let vars: HashMap<String, String> = names.iter().map(|n| (n.clone(), vars_names.fresh(n, "t"))).collect();
    let mut defined: HashSet<String> = HashSet::new();
    let mut lets = Vec::new();
    let mut uses: Vec<Vec<usize>> = vec![Vec::new(); list.len()];
    for &i in &order {
        let name = &names[i];
        uses[i] = called[i].iter().copied().filter(|&c| c != i && defined.contains(&names[c])).collect();
        let mut seen = HashSet::new();
        uses[i].retain(|c| seen.insert(*c));
        let mut cx = Templates { vars: &vars, defined: &defined, fallbacks, comments: notes };
        let template_at = at.key("templates").index(i);
        let expression = template(list[i].clone(), &mut cx, &template_at)?;
        let var = ident(&vars[name]);
        let comment = notes.take(template_at.path());
        lets.push(quote!(#comment let #var = #expression;));
        defined.insert(name.clone());
    }
    // The roots the object names, then the templates nothing reaches.
    let mut calls = Vec::new();
    let mut roots = Vec::new();
    if let Some(Value::String(entry)) = spec.get("entrypoint")
        && let Some(&i) = index.get(entry.as_str())
    {
        let var = ident(&vars[entry]);
        calls.push(quote!(.entrypoint(#var)));
        roots.push(i);
        spec.remove("entrypoint");
    }
    if let Some(Value::String(exit)) = spec.get("onExit")
        && let Some(&i) = index.get(exit.as_str())
    {
        let var = ident(&vars[exit]);
        calls.push(quote!(.on_exit(#var)));
        roots.push(i);
        spec.remove("onExit");
    }
    let reached = depth_first(&roots, &uses);
    for i in 0..list.len() {
        if !reached.contains(&i) {
            let var = ident(&vars[&names[i]]);
            calls.push(quote!(.template(#var)));
            roots.push(i);
        }
    }
    let collected = depth_first(&roots, &uses);
    if collected != (0..list.len()).collect::<Vec<_>>() {
        let names = names.iter().map(|n| string(n));
        calls.push(quote!(.template_order([#(#names),*])));
    }
    Ok((lets, calls))
}

/// The templates `template` calls by name (tasks and steps), in order.
fn calls_of(template: &Map<String, Value>, index: &HashMap<&str, usize>) -> Vec<usize> {
    let mut nodes: Vec<&Value> = Vec::new();
    if let Some(tasks) = template.get("dag").and_then(|d| d.get("tasks")).and_then(Value::as_array) {
        nodes.extend(tasks);
    }
    if let Some(groups) = template.get("steps").and_then(Value::as_array) {
        nodes.extend(groups.iter().filter_map(Value::as_array).flatten());
    }
    // In the order the builder records what a node uses: what it runs,
    // then its exit handler, then its hooks.
    nodes
        .iter()
        .flat_map(|n| {
            let runs = n.get("template").and_then(Value::as_str).filter(|_| n.get("templateRef").is_none());
            let hooks = n
                .get("hooks")
                .and_then(Value::as_object)
                .filter(|h| super::nodes::hooks_are_sugar(h))
                .into_iter()
                .flatten();
            [runs, n.get("onExit").and_then(Value::as_str)]
                .into_iter()
                .chain(hooks.map(|(_, h)| h.get("template").and_then(Value::as_str)))
        })
        .flatten()
        .filter_map(|name| index.get(name).copied())
        .collect()
}

fn visit(i: usize, called: &[Vec<usize>], state: &mut [u8], order: &mut Vec<usize>) {
    if state[i] != 0 {
        return;
    }
    state[i] = 1;
    for &c in &called[i] {
        visit(c, called, state, order);
    }
    state[i] = 2;
    order.push(i);
}

/// The order in which the builder collects templates from `roots`.
fn depth_first(roots: &[usize], uses: &[Vec<usize>]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut pending: Vec<usize> = roots.iter().rev().copied().collect();
    while let Some(i) = pending.pop() {
        if !seen.insert(i) {
            continue;
        }
        out.push(i);
        pending.extend(uses[i].iter().rev());
    }
    out
}

/// The workflow spec's fields other than its templates.
fn spec_sugar(
    mut spec: Map<String, Value>,
    at: &Where,
    fallbacks: &mut Vec<String>,
) -> Result<Vec<TokenStream>, GenerateError> {
    let mut calls = Vec::new();
    if let Some(Value::String(entry)) = spec.remove("entrypoint") {
        let entry = string(&entry);
        calls.push(quote!(.entrypoint_name(#entry)));
    }
    if let Some(Value::Object(arguments)) = spec.get("arguments")
        && let Some(found) = spec_arguments(arguments, at)
    {
        calls.extend(found);
        spec.remove("arguments");
    }
    for (key, method) in [
        ("serviceAccountName", "service_account_name"),
        ("podPriorityClassName", "priority_class_name"),
        ("podSpecPatch", "pod_spec_patch"),
    ] {
        if let Some(Value::String(text)) = spec.get(key) {
            let (method, text) = (ident(method), string(text));
            calls.push(quote!(.#method(#text)));
            spec.remove(key);
        }
    }
    for (key, method) in
        [("parallelism", "parallelism"), ("activeDeadlineSeconds", "active_deadline_seconds")]
    {
        if let Some(Value::Number(n)) = spec.get(key)
            && let Some(n) = n.as_i64()
        {
            let (method, n) = (ident(method), proc_macro2::Literal::i64_unsuffixed(n));
            calls.push(quote!(.#method(#n)));
            spec.remove(key);
        }
    }
    let fields = model().fields("WorkflowSpec").unwrap_or_default();
    for (key, method, each) in [
        ("volumes", "volume", true),
        ("volumeClaimTemplates", "volume_claim_template", true),
        ("tolerations", "toleration", true),
        ("affinity", "affinity", false),
        ("securityContext", "security_context", false),
        ("ttlStrategy", "ttl_strategy", false),
        ("synchronization", "synchronization", false),
        ("metrics", "metrics", false),
    ] {
        let Some(value) = spec.get(key) else { continue };
        let Some(field) = fields.iter().find(|f| f.json == key) else { continue };
        let method = ident(method);
        let inner = match &field.shape {
            Shape::Option(inner) => (**inner).clone(),
            other => other.clone(),
        };
        if each {
            let (Value::Array(items), Shape::Vec(element)) = (value, &inner) else { continue };
            if items.is_empty() {
                continue;
            }
            for (i, item) in items.iter().enumerate() {
                let item = literal(item, element, &at.key(key).index(i))?;
                calls.push(quote!(.#method(#item)));
            }
        } else {
            let value = literal(value, &inner, &at.key(key))?;
            calls.push(quote!(.#method(#value)));
        }
        spec.remove(key);
    }
    if let Some(Value::Object(selector)) = spec.get("nodeSelector")
        && !selector.is_empty()
        && selector.values().all(Value::is_string)
    {
        for (k, v) in selector {
            let (k, v) = (string(k), string(v.as_str().unwrap_or_default()));
            calls.push(quote!(.node_selector(#k, #v)));
        }
        spec.remove("nodeSelector");
    }
    if let Some(Value::Object(gc)) = spec.get("podGC")
        && gc.len() == 1
        && let Some(Value::String(strategy)) = gc.get("strategy")
    {
        let strategy = string(strategy);
        calls.push(quote!(.pod_gc(#strategy)));
        spec.remove("podGC");
    }
    if let Some(Value::Object(reference)) = spec.get("workflowTemplateRef")
        && let Some(Value::String(name)) = reference.get("name")
    {
        let name = string(name);
        match (reference.len(), reference.get("clusterScope")) {
            (1, None) => calls.push(quote!(.workflow_template_ref(#name))),
            (2, Some(Value::Bool(true))) => calls.push(quote!(.cluster_workflow_template_ref(#name))),
            _ => {}
        }
        if matches!(
            (reference.len(), reference.get("clusterScope")),
            (1, None) | (2, Some(Value::Bool(true)))
        ) {
            spec.remove("workflowTemplateRef");
        }
    }
    if let Some(Value::Array(secrets)) = spec.get("imagePullSecrets")
        && !secrets.is_empty()
        && secrets.iter().all(|s| {
            s.as_object().is_some_and(|s| s.len() == 1 && s.get("name").is_some_and(Value::is_string))
        })
    {
        for s in secrets {
            let name = string(s["name"].as_str().unwrap_or_default());
            calls.push(quote!(.image_pull_secret(#name)));
        }
        spec.remove("imagePullSecrets");
    }
    if !spec.is_empty() {
        for key in spec.keys() {
            fallbacks.push(format!("WorkflowSpec.{key}"));
        }
        let set = assignments(&quote!(s), "WorkflowSpec", &spec, at)?;
        calls.push(quote!(.with_spec(|s| { #(#set)* })));
    }
    Ok(calls)
}

/// `.argument(..)`, `.parameter(..)`, `.argument_artifact(..)` for the
/// workflow's arguments.
fn spec_arguments(arguments: &Map<String, Value>, at: &Where) -> Option<Vec<TokenStream>> {
    if arguments.is_empty() || !arguments.keys().all(|k| k == "parameters" || k == "artifacts") {
        return None;
    }
    let mut calls = Vec::new();
    let handles = Handles::default();
    if let Some(parameters) = arguments.get("parameters") {
        for (i, p) in parameters.as_array().filter(|p| !p.is_empty())?.iter().enumerate() {
            let p = p.as_object()?;
            match (p.get("name"), p.get("value")) {
                (Some(Value::String(name)), Some(Value::String(value))) if p.len() == 2 => {
                    let (name, value) = (string(name), string(value));
                    calls.push(quote!(.argument(#name, #value)));
                }
                _ => {
                    let built =
                        parameter(p, &handles, &at.key("arguments").key("parameters").index(i)).ok()?;
                    calls.push(quote!(.parameter(#built)));
                }
            }
        }
    }
    if let Some(artifacts) = arguments.get("artifacts") {
        for (i, a) in artifacts.as_array().filter(|a| !a.is_empty())?.iter().enumerate() {
            let a = a.as_object()?;
            let built =
                super::template::artifact(a, &handles, &at.key("arguments").key("artifacts").index(i))
                    .ok()?;
            calls.push(quote!(.argument_artifact(#built)));
        }
    }
    Some(calls)
}
