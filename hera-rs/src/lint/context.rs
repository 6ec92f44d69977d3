//! What a rule sees: the documents linted together, the object being
//! checked, one of its templates, and where findings go.

use super::at::{At, ToPath};
use super::rules::dag::DagGraph;
use super::{Finding, Rule, Severity};
use crate::model::{
    CronWorkflowSpec, DagTask, Document, NodeFields, ObjectMeta, Template, WorkflowSpec, WorkflowStep,
};
use crate::path::FieldPath;
use std::collections::HashMap;

/// The documents linted together: `templateRef` and `workflowTemplateRef`
/// resolve among them, as with `argo lint --offline`.
pub struct Set<'a> {
    workflow_templates: HashMap<&'a str, &'a WorkflowSpec>,
    cluster_templates: HashMap<&'a str, &'a WorkflowSpec>,
    /// The spec of the controller's `workflowDefaults`, when given.
    pub defaults: Option<&'a WorkflowSpec>,
}

impl<'a> Set<'a> {
    /// Indexes the WorkflowTemplates and ClusterWorkflowTemplates of `documents`.
    pub fn new(documents: impl IntoIterator<Item = &'a Document>) -> Self {
        let mut set =
            Set { workflow_templates: HashMap::new(), cluster_templates: HashMap::new(), defaults: None };
        for document in documents {
            match document {
                Document::WorkflowTemplate(t) => {
                    if let Some(name) = &t.metadata.name {
                        set.workflow_templates.entry(name).or_insert(&t.spec);
                    }
                }
                Document::ClusterWorkflowTemplate(t) => {
                    if let Some(name) = &t.metadata.name {
                        set.cluster_templates.entry(name).or_insert(&t.spec);
                    }
                }
                _ => {}
            }
        }
        set
    }

    /// The spec of the (cluster) workflow template called `name`, if linted.
    pub fn workflow_template(&self, name: &str, cluster: bool) -> Option<&'a WorkflowSpec> {
        let map = if cluster { &self.cluster_templates } else { &self.workflow_templates };
        map.get(name).copied()
    }

    /// " (did you mean 'NAME'?)" when a linted (cluster) workflow template
    /// has a name close to `name`, else nothing.
    pub fn near_workflow_template(&self, name: &str, cluster: bool) -> String {
        let map = if cluster { &self.cluster_templates } else { &self.workflow_templates };
        let mut names: Vec<&str> = map.keys().copied().collect();
        names.sort_unstable();
        crate::support::suggest::closest(name, &names)
            .map(|near| format!(" (did you mean '{near}'?)"))
            .unwrap_or_default()
    }
}

/// One Argo object and what rules ask about it.
pub struct ObjectCx<'a> {
    /// `Workflow`, `WorkflowTemplate`, `ClusterWorkflowTemplate` or `CronWorkflow`.
    pub kind: &'static str,
    /// Its metadata.
    pub meta: &'a ObjectMeta,
    /// Its workflow spec (`spec`, or `spec.workflowSpec` of a CronWorkflow).
    pub spec: &'a WorkflowSpec,
    /// The path of `spec`.
    pub spec_path: FieldPath,
    /// The CronWorkflow part, for CronWorkflows.
    pub cron: Option<&'a CronWorkflowSpec>,
    /// The spec its `workflowTemplateRef` names, when linted with it.
    pub referenced: Option<&'a WorkflowSpec>,
    /// The documents linted together.
    pub set: &'a Set<'a>,
    templates: HashMap<&'a str, &'a Template>,
    all_templates: Vec<TemplateCx<'a>>,
}

impl<'a> ObjectCx<'a> {
    /// The context of `document`, or `None` for kinds without a workflow spec.
    pub fn new(document: &'a Document, set: &'a Set<'a>) -> Option<Self> {
        let spec_key = FieldPath::root().key("spec");
        let (kind, meta, spec, spec_path, cron) = match document {
            Document::Workflow(w) => ("Workflow", &w.metadata, &w.spec, spec_key, None),
            Document::WorkflowTemplate(w) => ("WorkflowTemplate", &w.metadata, &w.spec, spec_key, None),
            Document::ClusterWorkflowTemplate(w) => {
                ("ClusterWorkflowTemplate", &w.metadata, &w.spec, spec_key, None)
            }
            Document::CronWorkflow(c) => (
                "CronWorkflow",
                &c.metadata,
                &c.spec.workflow_spec,
                spec_key.key("workflowSpec"),
                Some(&c.spec),
            ),
            Document::WorkflowEventBinding(_) | Document::Other(_) => return None,
        };
        let referenced = spec
            .workflow_template_ref
            .as_ref()
            .and_then(|r| set.workflow_template(r.name.as_deref()?, r.cluster_scope.unwrap_or(false)));
        let mut templates = HashMap::new();
        for spec in [referenced, Some(spec)].into_iter().flatten() {
            for template in spec.templates.iter().flatten() {
                if let Some(name) = template.name.as_deref() {
                    templates.insert(name, template);
                }
            }
        }
        let mut object = ObjectCx {
            kind,
            meta,
            spec,
            spec_path,
            cron,
            referenced,
            set,
            templates,
            all_templates: Vec::new(),
        };
        object.all_templates = TemplateCx::collect(&object);
        Some(object)
    }

    /// The template called `name`: the object's own, or one of the
    /// workflow template it refers to.
    pub fn template(&self, name: &str) -> Option<&'a Template> {
        self.templates.get(name).copied()
    }

    /// The names of the templates rules can resolve (for suggestions).
    pub fn template_names(&self) -> Vec<&'a str> {
        self.templates.keys().copied().collect()
    }

    /// Whether a WorkflowTemplate or ClusterWorkflowTemplate (whose
    /// arguments are supplied at submission).
    pub fn is_template_kind(&self) -> bool {
        matches!(self.kind, "WorkflowTemplate" | "ClusterWorkflowTemplate")
    }

    /// Whether the object runs its own templates rather than a referenced
    /// template's that is not among the linted files.
    pub fn refers_elsewhere(&self) -> bool {
        self.spec.workflow_template_ref.is_some() && self.referenced.is_none()
    }

    /// Where `spec` (or `spec.workflowSpec`) is, to compose paths below it.
    pub fn at(&self) -> At<'_> {
        At::new(&self.spec_path)
    }

    /// The path of `spec.templates` (or `spec.workflowSpec.templates`).
    pub fn templates_path(&self) -> At<'_> {
        self.at().key("templates")
    }
}

/// One template of an object: a member of `spec.templates` or an
/// `inline` template of a step or task.
pub struct TemplateCx<'a> {
    /// The template.
    pub template: &'a Template,
    /// Its path: `spec.templates[name]` or `...tasks[t].inline`.
    pub path: FieldPath,
    graph: Option<DagGraph<'a>>,
}

impl<'a> TemplateCx<'a> {
    /// Every template of the object, inline ones included, in order
    /// (found once, with the object).
    pub fn all<'o>(object: &'o ObjectCx<'a>) -> &'o [TemplateCx<'a>] {
        &object.all_templates
    }

    fn collect(object: &ObjectCx<'a>) -> Vec<TemplateCx<'a>> {
        let mut out = Vec::new();
        for (index, template) in object.spec.templates.iter().flatten().enumerate() {
            let name = template.name.as_deref().unwrap_or("");
            push_with_inline(template, object.templates_path().named(index, name).path(), &mut out);
        }
        out
    }

    /// The graph of its DAG, for a dag template.
    pub fn dag_graph(&self) -> Option<&DagGraph<'a>> {
        self.graph.as_ref()
    }

    /// What kind of template it is, when exactly one kind is set.
    pub fn kind(&self) -> Option<TemplateKind> {
        TemplateKind::of(self.template)
    }

    /// Where the template is, to compose paths below it.
    pub fn at(&self) -> At<'_> {
        At::new(&self.path)
    }

    /// Its steps, group by group, then its DAG tasks, each with where it is.
    pub fn nodes(&self) -> impl Iterator<Item = NodeCx<'a, '_>> {
        nodes(self.template).map(|node| NodeCx { at: node.at(self.at()), node })
    }
}

fn push_with_inline<'a>(template: &'a Template, path: FieldPath, out: &mut Vec<TemplateCx<'a>>) {
    let inline: Vec<(FieldPath, &Template)> = nodes(template)
        .filter_map(|node| {
            let inline = node.fields.inline.as_deref()?;
            Some((node.at(At::new(&path)).key("inline").path(), inline))
        })
        .collect();
    out.push(TemplateCx { template, path, graph: template.dag.as_ref().map(|dag| DagGraph::new(dag)) });
    for (path, template) in inline {
        push_with_inline(template, path, out);
    }
}

/// A step or a DAG task.
#[derive(Clone, Copy, Debug)]
pub enum NodeRef<'a> {
    /// A step of `steps`.
    Step(&'a WorkflowStep),
    /// A task of `dag.tasks`.
    Task(&'a DagTask),
}

/// One step or task of a template, without its path: what
/// [`nodes`] gives (the graph walks templates with it too).
#[derive(Clone, Copy, Debug)]
pub struct StepOrTask<'a> {
    /// The step or task.
    pub node: NodeRef<'a>,
    /// Its name (empty when a step has none).
    pub name: &'a str,
    /// Its step group, for a step.
    pub group: Option<usize>,
    /// Its index: in its step group, or in `dag.tasks`.
    pub index: usize,
    /// The fields steps and tasks share.
    pub fields: NodeFields<'a>,
}

impl<'a> StepOrTask<'a> {
    /// Whether it is a step (not a task).
    pub fn is_step(&self) -> bool {
        matches!(self.node, NodeRef::Step(_))
    }

    /// `step` or `task`, for messages.
    pub fn kind(&self) -> &'static str {
        if self.is_step() { "step" } else { "task" }
    }

    /// Its path below its template's `template`.
    pub fn at<'p>(&self, template: At<'p>) -> At<'p>
    where
        'a: 'p,
    {
        match self.group {
            Some(group) => template.key("steps").index(group).named(self.index, self.name),
            None => template.key("dag").key("tasks").named(self.index, self.name),
        }
    }

    /// The task, for a task.
    pub fn task(&self) -> Option<&'a DagTask> {
        match self.node {
            NodeRef::Task(task) => Some(task),
            NodeRef::Step(_) => None,
        }
    }
}

/// The steps of `template`, group by group, then its DAG tasks.
pub fn nodes(template: &Template) -> impl Iterator<Item = StepOrTask<'_>> {
    let steps = template.steps.iter().flatten().enumerate().flat_map(|(group, steps)| {
        steps.iter().enumerate().map(move |(index, step)| StepOrTask {
            node: NodeRef::Step(step),
            name: step.name.as_deref().unwrap_or_default(),
            group: Some(group),
            index,
            fields: step.fields(),
        })
    });
    let tasks = template.dag.iter().flat_map(|dag| &dag.tasks).enumerate().map(|(index, task)| StepOrTask {
        node: NodeRef::Task(task),
        name: &task.name,
        group: None,
        index,
        fields: task.fields(),
    });
    steps.chain(tasks)
}

/// A step or task of the template being checked, and where it is.
#[derive(Clone, Debug)]
pub struct NodeCx<'a, 'p> {
    /// The step or task.
    pub node: StepOrTask<'a>,
    /// Where it is.
    pub at: At<'p>,
}

impl<'a> std::ops::Deref for NodeCx<'a, '_> {
    type Target = StepOrTask<'a>;
    fn deref(&self) -> &StepOrTask<'a> {
        &self.node
    }
}

/// The body kinds of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateKind {
    /// `container`.
    Container,
    /// `containerSet`.
    ContainerSet,
    /// `script`.
    Script,
    /// `resource`.
    Resource,
    /// `suspend`.
    Suspend,
    /// `http`.
    Http,
    /// `data`.
    Data,
    /// `plugin`.
    Plugin,
    /// `steps`.
    Steps,
    /// `dag`.
    Dag,
}

impl TemplateKind {
    /// The kinds `template` sets, in Argo's order.
    pub fn all_of(t: &Template) -> Vec<TemplateKind> {
        use TemplateKind::*;
        [
            (t.container.is_some(), Container),
            (t.container_set.is_some(), ContainerSet),
            (t.steps.is_some(), Steps),
            (t.script.is_some(), Script),
            (t.resource.is_some(), Resource),
            (t.dag.is_some(), Dag),
            (t.suspend.is_some(), Suspend),
            (t.data.is_some(), Data),
            (t.http.is_some(), Http),
            (t.plugin.is_some(), Plugin),
        ]
        .into_iter()
        .filter_map(|(set, kind)| set.then_some(kind))
        .collect()
    }

    /// The template's kind when exactly one is set.
    pub fn of(t: &Template) -> Option<TemplateKind> {
        match TemplateKind::all_of(t).as_slice() {
            [kind] => Some(*kind),
            _ => None,
        }
    }

    /// The field name, as in YAML.
    pub fn field(self) -> &'static str {
        use TemplateKind::*;
        match self {
            Container => "container",
            ContainerSet => "containerSet",
            Script => "script",
            Resource => "resource",
            Suspend => "suspend",
            Http => "http",
            Data => "data",
            Plugin => "plugin",
            Steps => "steps",
            Dag => "dag",
        }
    }

    /// Argo's leaf templates: they run something rather than call templates.
    pub fn is_leaf(self) -> bool {
        !matches!(self, TemplateKind::Steps | TemplateKind::Dag | TemplateKind::Suspend)
    }

    /// Whether Argo records `outputs.result` and `exitCode` for it.
    pub fn has_result(self) -> bool {
        use TemplateKind::*;
        matches!(self, Container | ContainerSet | Script | Data | Http | Plugin)
    }

    /// Whether it runs in a pod of its own.
    pub fn has_pod(self) -> bool {
        use TemplateKind::*;
        matches!(self, Container | ContainerSet | Script | Resource | Data)
    }
}

/// Where rules put their findings.
#[derive(Default)]
pub struct Sink {
    findings: Vec<Finding>,
}

impl Sink {
    /// An error of `rule` at `path`.
    pub fn error(&mut self, rule: &'static Rule, path: &impl ToPath, message: impl Into<String>) {
        self.push(Severity::Error, rule, path, message.into());
    }

    /// A warning of `rule` at `path`.
    pub fn warning(&mut self, rule: &'static Rule, path: &impl ToPath, message: impl Into<String>) {
        self.push(Severity::Warning, rule, path, message.into());
    }

    /// Reports `result`'s message as an error, if it is one.
    pub fn check(&mut self, rule: &'static Rule, path: &impl ToPath, result: Result<(), String>) {
        if let Err(message) = result {
            self.error(rule, path, message);
        }
    }

    fn push(&mut self, severity: Severity, rule: &'static Rule, path: &impl ToPath, message: String) {
        let mut finding = Finding::new(rule, path.to_path(), message);
        finding.severity = severity;
        self.findings.push(finding);
    }

    /// The findings collected.
    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}
