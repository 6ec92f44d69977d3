//! `apply`, `status` and `pull`: the templates on the server against the
//! program's (or the files') objects.

use super::print::{Format, print};
use super::{Context, Select, label, namespace_of};
use crate::diff::{Change, diff_documents};
use crate::model::{ClusterWorkflowTemplate, CronWorkflow, Document, WorkflowTemplate};
use crate::project::{COMMIT_LABEL, VERSION_LABEL};
use crate::server::{Client, ServerError, Settings, Stored};
use crate::support::Exit;
use std::collections::HashMap;
use std::path::PathBuf;

/// Arguments of `apply`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ApplyArgs {
    /// YAML files (the `hera` tool); a program applies its own objects.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Say what would be written; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Rewrite a released version whose content changed.
    #[arg(long)]
    pub allow_overwrite: bool,
    /// Delete earlier versions (`NAME-vX.Y.Z`) of the versioned objects
    /// applied that no Workflow on the server still references.
    #[arg(long)]
    pub prune: bool,
    /// The summary on stdout: which objects were created, updated, left
    /// unchanged, refused and pruned, and how many requests it took.
    #[arg(short = 'o', long = "output", value_name = "FORMAT", value_enum)]
    pub output: Option<Format>,
    #[command(flatten)]
    pub select: Select,
    #[command(flatten)]
    pub settings: Settings,
}

/// Arguments of `status` (and `diff --server`).
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct StatusArgs {
    /// YAML files (the `hera` tool); a program checks its own objects.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The verdicts on stdout: a list of `{kind, namespace, name, state,
    /// changes}`, state `in-sync`, `differs` or `missing`.
    #[arg(short = 'o', long = "output", value_name = "FORMAT", value_enum)]
    pub output: Option<Format>,
    #[command(flatten)]
    pub select: Select,
    #[command(flatten)]
    pub settings: Settings,
}

/// Arguments of `pull`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct PullArgs {
    /// What to fetch: KIND/NAME (`workflowtemplate/my-wt`, `cwft/x`, `cronworkflow/y`, `workflow/z`).
    #[arg(value_name = "KIND/NAME", required = true)]
    pub objects: Vec<String>,
    /// Write each to DIR/<kind>-<name>.yaml (or .json) instead of stdout.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// yaml (the default) or json; on stdout, several objects in JSON are one array.
    #[arg(short = 'o', long = "output", value_name = "FORMAT", value_enum)]
    pub output: Option<Format>,
    #[command(flatten)]
    pub settings: Settings,
}

/// The labels Argo stamps on what a user creates.
const CREATOR_PREFIX: &str = "workflows.argoproj.io/creator";

/// Strips what the server adds (resourceVersion, uid, generation,
/// creationTimestamp, managedFields, status, the creator labels) and what
/// does not count as a change (namespace, the commit label).
pub(crate) fn normalise(document: &mut Document, keep_namespace: bool) {
    match document {
        Document::Workflow(w) => w.status = None,
        Document::CronWorkflow(c) => c.status = None,
        _ => {}
    }
    let Some(meta) = document.metadata_mut() else { return };
    meta.resource_version = None;
    meta.uid = None;
    meta.generation = None;
    meta.creation_timestamp = None;
    meta.managed_fields = None;
    meta.self_link = None;
    if !keep_namespace {
        meta.namespace = None;
    }
    if let Some(labels) = meta.labels.as_mut() {
        labels.retain(|key, _| !key.starts_with(CREATOR_PREFIX) && key != COMMIT_LABEL);
        if labels.is_empty() {
            meta.labels = None;
        }
    }
    if meta.annotations.as_ref().is_some_and(|a| a.is_empty()) {
        meta.annotations = None;
    }
}

/// The changes from the server's `live` object to `wanted`.
fn changes(live: &Document, wanted: &Document) -> Vec<Change> {
    let (mut live, mut wanted) = (live.clone(), wanted.clone());
    normalise(&mut live, false);
    normalise(&mut wanted, false);
    diff_documents(&live, &wanted)
}

/// The live objects of one kind and namespace, read with one list request.
struct Live<'c> {
    client: &'c Client,
    lists: HashMap<(String, String), HashMap<String, Document>>,
}

impl<'c> Live<'c> {
    fn new(client: &'c Client) -> Live<'c> {
        Live { client, lists: HashMap::new() }
    }

    fn get(&mut self, document: &Document) -> Result<Option<&Document>, ServerError> {
        let namespace = namespace_of(document, self.client).to_owned();
        let key = (document.kind().to_owned(), namespace.clone());
        if !self.lists.contains_key(&key) {
            let listed = list(self.client, document.kind(), &namespace)?;
            let by_name = listed.into_iter().map(|d| (d.name().unwrap_or("").to_owned(), d)).collect();
            self.lists.insert(key.clone(), by_name);
        }
        Ok(self.lists[&key].get(document.name().unwrap_or("")))
    }
}

fn list(client: &Client, kind: &str, namespace: &str) -> Result<Vec<Document>, ServerError> {
    fn boxed<T: Stored>(
        client: &Client,
        ns: &str,
        wrap: fn(Box<T>) -> Document,
    ) -> Result<Vec<Document>, ServerError> {
        Ok(client.list::<T>(ns)?.into_iter().map(|o| wrap(Box::new(o))).collect())
    }
    match kind {
        "WorkflowTemplate" => boxed::<WorkflowTemplate>(client, namespace, Document::WorkflowTemplate),
        "ClusterWorkflowTemplate" => {
            boxed::<ClusterWorkflowTemplate>(client, namespace, Document::ClusterWorkflowTemplate)
        }
        "CronWorkflow" => boxed::<CronWorkflow>(client, namespace, Document::CronWorkflow),
        _ => Ok(Vec::new()),
    }
}

/// Creates `wanted`, or replaces `live` with it.
fn store(client: &Client, wanted: &Document, live: Option<&Document>) -> Result<(), ServerError> {
    let namespace = namespace_of(wanted, client).to_owned();
    let version = live.and_then(|l| l.metadata()).and_then(|m| m.resource_version.clone());
    fn one<T: Stored>(
        client: &Client,
        ns: &str,
        object: &T,
        live: bool,
        version: Option<String>,
    ) -> Result<(), ServerError> {
        if !live {
            return client.create(ns, object).map(|_| ());
        }
        let name = object.meta().name.clone().unwrap_or_default();
        match client.put_version(ns, &name, object, version) {
            // Changed since the list was read: read it again and retry once.
            Err(ServerError::Conflict { .. }) => client.update(ns, object).map(|_| ()),
            result => result.map(|_| ()),
        }
    }
    match wanted {
        Document::WorkflowTemplate(o) => one(client, &namespace, &**o, live.is_some(), version),
        Document::ClusterWorkflowTemplate(o) => one(client, &namespace, &**o, live.is_some(), version),
        Document::CronWorkflow(o) => one(client, &namespace, &**o, live.is_some(), version),
        _ => Ok(()),
    }
}

fn appliable(document: &Document) -> bool {
    matches!(
        document,
        Document::WorkflowTemplate(_) | Document::ClusterWorkflowTemplate(_) | Document::CronWorkflow(_)
    )
}

/// The release of a versioned object: its version label, or the version
/// its name ends with (`versioned(...)` names `NAME-vX.Y.Z`).
fn release(document: &Document) -> Option<&str> {
    let label = document.metadata()?.labels.as_ref().and_then(|l| l.get(VERSION_LABEL)).map(String::as_str);
    label.or_else(|| versioned_name(document.name()?).map(|(_, version)| version))
}

/// `(NAME, X.Y.Z)` of `NAME-vX.Y.Z`.
fn versioned_name(name: &str) -> Option<(&str, &str)> {
    let (base, version) = name.rsplit_once("-v")?;
    semver::Version::parse(version).ok().map(|_| (base, version))
}

/// Every `templateRef` and `workflowTemplateRef` name in `value`.
fn referenced(value: &serde_json::Value, names: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                if (key == "templateRef" || key == "workflowTemplateRef")
                    && let Some(name) = value.get("name").and_then(serde_json::Value::as_str)
                {
                    names.insert(name.to_owned());
                }
                referenced(value, names);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| referenced(v, names)),
        _ => {}
    }
}

fn delete(client: &Client, kind: &str, namespace: &str, name: &str) -> Result<(), ServerError> {
    match kind {
        "WorkflowTemplate" => client.delete::<WorkflowTemplate>(namespace, name),
        "ClusterWorkflowTemplate" => client.delete::<ClusterWorkflowTemplate>(namespace, name),
        _ => client.delete::<CronWorkflow>(namespace, name),
    }
}

/// `apply --prune`: the earlier versions of the applied versioned objects
/// that no Workflow references.
fn prune(
    args: &ApplyArgs,
    documents: &[Document],
    live: &Live<'_>,
    cx: &mut Context<'_, '_, '_>,
) -> Result<Vec<String>, Exit> {
    use std::collections::BTreeSet;
    let mut applied = BTreeSet::new();
    let mut bases = BTreeSet::new();
    for document in documents.iter().filter(|d| appliable(d)) {
        let namespace = namespace_of(document, cx.client).to_owned();
        let name = document.name().unwrap_or("").to_owned();
        if let Some((base, _)) = versioned_name(&name) {
            bases.insert((document.kind().to_owned(), namespace.clone(), base.to_owned()));
        }
        applied.insert((document.kind().to_owned(), namespace, name));
    }
    let mut candidates = Vec::new();
    for ((kind, namespace), objects) in &live.lists {
        for name in objects.keys() {
            let Some((base, _)) = versioned_name(name) else { continue };
            let key = (kind.clone(), namespace.clone(), name.clone());
            if bases.contains(&(kind.clone(), namespace.clone(), base.to_owned())) && !applied.contains(&key)
            {
                candidates.push(key);
            }
        }
    }
    candidates.sort();
    let mut references = BTreeSet::new();
    let namespaces: BTreeSet<&str> = candidates.iter().map(|(_, ns, _)| ns.as_str()).collect();
    for namespace in namespaces {
        match cx.client.list_workflows(namespace, None) {
            Ok(workflows) => {
                for workflow in workflows {
                    referenced(&serde_json::to_value(&workflow.spec).unwrap_or_default(), &mut references);
                }
            }
            Err(error) => return Err(cx.fail(&error)),
        }
    }
    let mut deleted = Vec::new();
    for (kind, namespace, name) in candidates {
        let what = if kind == "ClusterWorkflowTemplate" {
            format!("{kind} {name}")
        } else {
            format!("{kind} {namespace}/{name}")
        };
        if references.contains(&name) {
            cx.out.error(format!("hera apply --prune: kept {what}: a Workflow still references it"));
        } else if args.dry_run {
            cx.out.error(format!("hera apply --prune --dry-run: would delete {what}"));
            deleted.push(what);
        } else if let Err(error) = delete(cx.client, &kind, &namespace, &name) {
            return Err(cx.fail(&error));
        } else {
            cx.out.error(format!("hera apply --prune: deleted {what}"));
            deleted.push(what);
        }
    }
    Ok(deleted)
}

/// What `apply` did, each object as `Kind namespace/name` (`-o json|yaml`).
#[derive(Debug, Default, serde::Serialize)]
struct Summary {
    /// Created (or, with --dry-run, would be).
    created: Vec<String>,
    /// Updated (or would be).
    updated: Vec<String>,
    /// Already as wanted: not rewritten.
    unchanged: Vec<String>,
    /// Released versions whose content changed: refused.
    refused: Vec<String>,
    /// Deleted by --prune (or would be).
    pruned: Vec<String>,
    /// Whether nothing was written.
    #[serde(rename = "dryRun")]
    dry_run: bool,
    /// Requests sent to the server.
    requests: usize,
}

/// Runs `apply`.
pub(crate) fn apply(args: &ApplyArgs, documents: &[Document], mut cx: Context<'_, '_, '_>) -> Exit {
    let mut live = Live::new(cx.client);
    let mut summary = Summary::default();
    for document in documents.iter().filter(|d| appliable(d)) {
        let what = label(document, namespace_of(document, cx.client));
        let current = match live.get(document) {
            Ok(current) => current.cloned(),
            Err(error) => return cx.fail(&error),
        };
        let verb = match &current {
            None => "create",
            Some(current) => {
                let changes = changes(current, document);
                if changes.is_empty() {
                    summary.unchanged.push(what);
                    continue;
                }
                if let (Some(version), false) = (release(document), args.allow_overwrite) {
                    let detail: String = changes.iter().take(5).map(|c| format!("\n  {c}")).collect();
                    cx.out.error(format!(
                        "hera apply: {what}: release {version} is already on the server with different content; \
                         bump the version (or pass --allow-overwrite):{detail}"
                    ));
                    summary.refused.push(what);
                    continue;
                }
                "update"
            }
        };
        if args.dry_run {
            cx.out.error(format!("hera apply --dry-run: would {verb} {what}"));
        } else if let Err(error) = store(cx.client, document, current.as_ref()) {
            return cx.fail(&error);
        } else {
            cx.out.error(format!("hera apply: {verb}d {what}"));
        }
        if verb == "create" { summary.created.push(what) } else { summary.updated.push(what) }
    }
    if args.prune && summary.refused.is_empty() {
        match prune(args, documents, &live, &mut cx) {
            Ok(deleted) => summary.pruned = deleted,
            Err(exit) => return exit,
        }
    }
    summary.requests = cx.client.requests();
    summary.dry_run = args.dry_run;
    let would = if args.dry_run { "would be " } else { "" };
    cx.out.error(format!(
        "hera apply: {} {would}created, {} {would}updated, {} unchanged, {} refused ({} requests)",
        summary.created.len(),
        summary.updated.len(),
        summary.unchanged.len(),
        summary.refused.len(),
        summary.requests
    ));
    if let Some(format) = args.output
        && print(&summary, format, &mut cx) != Exit::Success
    {
        return Exit::Problems;
    }
    if summary.refused.is_empty() { Exit::Success } else { Exit::Problems }
}

/// Runs `status`: exit 0 when every object is in sync.
pub(crate) fn status(args: &StatusArgs, documents: &[Document], mut cx: Context<'_, '_, '_>) -> Exit {
    let mut live = Live::new(cx.client);
    let mut verdicts = Vec::new();
    for document in documents.iter().filter(|d| appliable(d)) {
        let namespace = namespace_of(document, cx.client).to_owned();
        let what = label(document, &namespace);
        let current = match live.get(document) {
            Ok(current) => current.cloned(),
            Err(error) => return cx.fail(&error),
        };
        let (state, changes) = match current {
            None => ("missing", Vec::new()),
            Some(current) => {
                let changes: Vec<String> =
                    changes(&current, document).iter().map(ToString::to_string).collect();
                (if changes.is_empty() { "in-sync" } else { "differs" }, changes)
            }
        };
        if args.output.is_none() {
            let line = match state {
                "missing" => format!("{what}: missing\n"),
                "in-sync" => format!("{what}: in sync\n"),
                _ => {
                    let detail: String = changes.iter().map(|c| format!("\n  {c}")).collect();
                    format!("{what}: differs (server → here):{detail}\n")
                }
            };
            cx.out.write(&line);
        }
        let cluster = matches!(document, Document::ClusterWorkflowTemplate(_));
        verdicts.push(Verdict {
            kind: document.kind().to_owned(),
            namespace: (!cluster).then_some(namespace),
            name: document.name().unwrap_or("").to_owned(),
            state,
            changes,
        });
    }
    if let Some(format) = args.output
        && print(&verdicts, format, &mut cx) != Exit::Success
    {
        return Exit::Problems;
    }
    if verdicts.iter().all(|v| v.state == "in-sync") { Exit::Success } else { Exit::Problems }
}

/// One object's state against the server (`status -o json|yaml`).
#[derive(Debug, serde::Serialize)]
struct Verdict {
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    namespace: Option<String>,
    name: String,
    /// `in-sync`, `differs` or `missing`.
    state: &'static str,
    /// The differences, server → here (`path: old → new`).
    changes: Vec<String>,
}

/// The kind named by a `pull` argument (Argo's kind, lower case, plural or short name).
fn kind_of(name: &str) -> Option<&'static str> {
    Some(match name.to_ascii_lowercase().as_str() {
        "workflowtemplate" | "workflowtemplates" | "wftmpl" | "wt" => "WorkflowTemplate",
        "clusterworkflowtemplate" | "clusterworkflowtemplates" | "cwftmpl" | "cwft" => {
            "ClusterWorkflowTemplate"
        }
        "cronworkflow" | "cronworkflows" | "cronwf" | "cwf" | "cron" => "CronWorkflow",
        "workflow" | "workflows" | "wf" => "Workflow",
        _ => return None,
    })
}

fn fetch(client: &Client, kind: &str, name: &str) -> Result<Document, ServerError> {
    let ns = client.namespace();
    Ok(match kind {
        "WorkflowTemplate" => Document::WorkflowTemplate(Box::new(client.get::<WorkflowTemplate>(ns, name)?)),
        "ClusterWorkflowTemplate" => {
            Document::ClusterWorkflowTemplate(Box::new(client.get::<ClusterWorkflowTemplate>(ns, name)?))
        }
        "CronWorkflow" => Document::CronWorkflow(Box::new(client.get::<CronWorkflow>(ns, name)?)),
        _ => Document::Workflow(Box::new(client.get_workflow(ns, name)?)),
    })
}

/// Runs `pull`.
pub(crate) fn pull(args: &PullArgs, mut cx: Context<'_, '_, '_>) -> Exit {
    let mut wanted = Vec::new();
    for object in &args.objects {
        let kind = object.split_once('/').and_then(|(kind, name)| Some((kind_of(kind)?, name)));
        match kind {
            Some((kind, name)) if !name.is_empty() => wanted.push((kind, name)),
            _ => {
                cx.out.error(format!(
                    "hera pull: {object:?}: expected KIND/NAME, KIND one of workflowtemplate, \
                     clusterworkflowtemplate, cronworkflow, workflow"
                ));
                return Exit::Usage;
            }
        }
    }
    let format = args.output.unwrap_or(Format::Yaml);
    let mut pulled = Vec::new();
    for (kind, name) in wanted {
        let mut document = match fetch(cx.client, kind, name) {
            Ok(document) => document,
            Err(error) => return cx.fail(&error),
        };
        normalise(&mut document, true);
        let text = match format {
            Format::Yaml => crate::yaml::emit::model_to_string(&document).map_err(|e| e.to_string()),
            Format::Json => crate::json::to_string(&document).map(|t| t + "\n").map_err(|e| e.to_string()),
        };
        let text = match text {
            Ok(text) => text,
            Err(error) => {
                cx.out.error(format!("hera pull: {kind} {name}: {error}"));
                return Exit::Problems;
            }
        };
        match &args.out {
            Some(dir) => {
                let extension = if format == Format::Json { "json" } else { "yaml" };
                let path = dir.join(format!("{}-{name}.{extension}", kind.to_lowercase()));
                let written = std::fs::create_dir_all(dir)
                    .and_then(|()| crate::support::files::write_atomically(&path, &text));
                if let Err(error) = written {
                    cx.out.error(format!("hera pull: cannot write {}: {error}", path.display()));
                    return Exit::Usage;
                }
                cx.out.error(format!("hera pull: wrote {}", path.display()));
            }
            None => pulled.push((document, text)),
        }
    }
    match (format, pulled.as_slice()) {
        (Format::Json, [_, _, ..]) => {
            let documents: Vec<&Document> = pulled.iter().map(|(d, _)| d).collect();
            return print(&documents, Format::Json, &mut cx);
        }
        _ => {
            let texts: Vec<&str> = pulled.iter().map(|(_, t)| t.as_str()).collect();
            cx.out.write(&texts.join("---\n"));
        }
    }
    Exit::Success
}
