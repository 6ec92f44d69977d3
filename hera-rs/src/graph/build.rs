//! From Argo objects to a [`Graph`]: which templates are drawn, and how their
//! tasks and steps connect.

use super::GraphError;
use super::depends;
use super::ids::Ids;
use super::label;
use super::model::{Body, Cluster, Edge, EdgeKind, Graph, Item, Node, NodeKind};
use crate::lint::{StepOrTask, nodes};
use crate::model::{DagTemplate, Document, LifecycleHook, Template, TemplateRef, WorkflowSpec};
use indexmap::IndexMap;

/// Past this many nodes, calls are drawn as nodes instead of being expanded:
/// templates that call each other several times over grow exponentially.
const MAX_NODES: usize = 2000;

/// An Argo object that runs templates.
struct Object<'a> {
    title: String,
    spec: &'a WorkflowSpec,
}

fn object(document: &Document) -> Option<Object<'_>> {
    let spec = document.workflow_spec()?;
    let name = document.name().unwrap_or("(unnamed)");
    Some(Object { title: format!("{} {name}", document.kind()), spec })
}

/// The graph of every workflow object in `documents`: the entrypoint of each
/// (or the template `template`), one top-level cluster per object when there
/// are several.
pub(crate) fn graph(documents: &[Document], template: Option<&str>) -> Result<Graph, GraphError> {
    let objects: Vec<Object<'_>> = documents.iter().filter_map(object).collect();
    if objects.is_empty() {
        return Err(GraphError::NoWorkflow);
    }
    if let Some(name) = template {
        let defined = |o: &Object<'_>| templates(o.spec).contains_key(name);
        if !objects.iter().any(defined) {
            let all: Vec<&str> = objects.iter().flat_map(|o| templates(o.spec).into_keys()).collect();
            return Err(GraphError::UnknownTemplate {
                name: name.to_owned(),
                suggestion: crate::support::suggest::closest(name, &all).map(str::to_owned),
            });
        }
    }
    // With --template, only the objects that define it are drawn.
    let drawn: Vec<&Object<'_>> =
        objects.iter().filter(|o| template.is_none_or(|name| templates(o.spec).contains_key(name))).collect();
    let mut ids = Ids::default();
    if let [only] = drawn.as_slice() {
        let body = Builder::new(only.spec, &mut ids).object(&only.title, template, "")?;
        return Ok(Graph { title: only.title.clone(), body });
    }
    let mut body = Body::default();
    for (index, object) in drawn.iter().enumerate() {
        let id = ids.fresh(&format!("o{}", index + 1));
        let inner = Builder::new(object.spec, &mut ids).object(&object.title, template, &format!("{id}_"))?;
        body.items.push(Item::Cluster(Cluster {
            id,
            title: object.title.clone(),
            details: Vec::new(),
            looped: false,
            handler: false,
            body: inner,
        }));
    }
    Ok(Graph { title: String::new(), body })
}

/// The templates of a spec by name (the first of a duplicated name).
fn templates(spec: &WorkflowSpec) -> IndexMap<&str, &Template> {
    let mut out = IndexMap::new();
    for template in spec.templates.iter().flatten() {
        if let Some(name) = template.name.as_deref() {
            out.entry(name).or_insert(template);
        }
    }
    out
}

fn is_graph(template: &Template) -> bool {
    template.dag.is_some() || template.steps.is_some()
}

/// What a task, step or hook runs.
#[derive(Default)]
struct Call<'a> {
    /// The title: the task or step name.
    name: String,
    template: Option<&'a str>,
    template_ref: Option<&'a TemplateRef>,
    inline: Option<&'a Template>,
    details: Vec<String>,
    looped: bool,
    handler: bool,
}

struct Builder<'a, 'i> {
    spec: &'a WorkflowSpec,
    templates: IndexMap<&'a str, &'a Template>,
    ids: &'i mut Ids,
    /// The templates being expanded, outermost first: a call of one of them
    /// is recursion and is drawn as a node.
    stack: Vec<&'a str>,
    nodes: usize,
}

impl<'a, 'i> Builder<'a, 'i> {
    fn new(spec: &'a WorkflowSpec, ids: &'i mut Ids) -> Self {
        Builder { spec, templates: templates(spec), ids, stack: Vec::new(), nodes: 0 }
    }

    /// The top level of one object.
    fn object(mut self, title: &str, template: Option<&str>, prefix: &str) -> Result<Body, GraphError> {
        let mut body = Body::default();
        if let Some(name) = template {
            let item = self.root(name, prefix);
            body.items.push(item);
            return Ok(body);
        }
        let spec = self.spec;
        let reference = spec.workflow_template_ref.as_ref().and_then(|r| r.name.as_deref());
        match (spec.entrypoint.as_deref(), reference) {
            (Some(entry), _) if self.templates.contains_key(entry) => {
                let item = self.root(entry, prefix);
                let id = item.id().to_owned();
                body.items.push(item);
                self.handlers(&id, spec.on_exit.as_deref(), spec.hooks.as_ref(), &mut body);
            }
            // The entrypoint, or the whole workflow, comes from a WorkflowTemplate.
            (entry, Some(reference)) => {
                let id = self.ids.fresh(&format!("{prefix}{reference}"));
                let detail = match entry {
                    Some(entry) => format!("entrypoint {entry}"),
                    None => "its entrypoint".to_owned(),
                };
                body.items.push(self.node(id, NodeKind::Reference, reference.to_owned(), vec![detail]));
            }
            (Some(entry), None) => {
                return Err(GraphError::UnknownEntrypoint {
                    object: title.to_owned(),
                    name: entry.to_owned(),
                    suggestion: crate::support::suggest::closest(
                        entry,
                        &self.templates.keys().copied().collect::<Vec<_>>(),
                    )
                    .map(str::to_owned),
                });
            }
            // A library of templates: its DAGs and steps, or else every template.
            (None, None) => {
                let names: Vec<&str> = self.templates.keys().copied().collect();
                let graphs: Vec<&str> =
                    names.iter().copied().filter(|name| is_graph(self.templates[name])).collect();
                let roots = if graphs.is_empty() { names } else { graphs };
                if roots.is_empty() {
                    return Err(GraphError::NoTemplates { object: title.to_owned() });
                }
                for name in roots {
                    let item = self.root(name, prefix);
                    body.items.push(item);
                }
            }
        }
        Ok(body)
    }

    fn root(&mut self, name: &str, prefix: &str) -> Item {
        let id = self.ids.fresh(&format!("{prefix}{name}"));
        let template = self.templates.get_key_value(name).map(|(key, _)| *key);
        self.call(id, Call { name: name.to_owned(), template, ..Call::default() })
    }

    fn node(&mut self, id: String, kind: NodeKind, title: String, details: Vec<String>) -> Item {
        self.nodes += 1;
        Item::Node(Node { id, kind, title, details, looped: false, handler: false })
    }

    /// The item for one call: a cluster when it runs a DAG or steps, a node
    /// otherwise.
    fn call(&mut self, id: String, call: Call<'a>) -> Item {
        let mut details = call.details.clone();
        let (kind, what) = if let Some(reference) = call.template_ref {
            (NodeKind::Reference, label::template_ref(reference))
        } else if let Some(inline) = call.inline {
            if is_graph(inline) {
                return self.cluster(id, call, inline, None);
            }
            (NodeKind::Task, format!("inline {}", label::template_kind(inline)))
        } else if let Some(name) = call.template {
            match self.templates.get(name).copied() {
                Some(template) if is_graph(template) => return self.cluster(id, call, template, Some(name)),
                Some(template) => (NodeKind::Task, label::leaf_template(name, template)),
                None => (NodeKind::Missing, format!("{name} (no such template)")),
            }
        } else {
            (NodeKind::Missing, "(no template)".to_owned())
        };
        if what != call.name {
            details.insert(0, what);
        }
        self.nodes += 1;
        Item::Node(Node { id, kind, title: call.name, details, looped: call.looped, handler: call.handler })
    }

    /// A call of a DAG or steps template: its tasks or steps inside a cluster,
    /// unless that would recurse or the drawing is already too large.
    fn cluster(&mut self, id: String, call: Call<'a>, template: &'a Template, name: Option<&'a str>) -> Item {
        let what = name.map_or_else(|| format!("inline {}", label::template_kind(template)), str::to_owned);
        let mut details = call.details;
        let stop = match name {
            Some(name) if self.stack.contains(&name) => {
                Some((NodeKind::Recursive, format!("↻ {name} (recursive)")))
            }
            _ if self.nodes >= MAX_NODES => Some((NodeKind::Truncated, format!("{what} (not expanded)"))),
            _ => None,
        };
        if let Some((kind, what)) = stop {
            details.insert(0, what);
            self.nodes += 1;
            return Item::Node(Node {
                id,
                kind,
                title: call.name,
                details,
                looped: call.looped,
                handler: call.handler,
            });
        }
        if what != call.name {
            details.insert(0, what);
        }
        self.stack.extend(name);
        let body = match (&template.dag, &template.steps) {
            (Some(dag), _) => self.dag(&id, template, dag),
            (None, Some(_)) => self.steps(&id, template),
            (None, None) => Body::default(),
        };
        if name.is_some() {
            self.stack.pop();
        }
        if let Some(target) = template.dag.as_ref().and_then(|d| d.target.as_deref()) {
            details.push(format!("target: {target}"));
        }
        Item::Cluster(Cluster {
            id,
            title: call.name,
            details,
            looped: call.looped,
            handler: call.handler,
            body,
        })
    }

    fn dag(&mut self, id: &str, template: &'a Template, dag: &'a DagTemplate) -> Body {
        let mut body = Body::default();
        // Task name → item id, for the edges.
        let mut task_ids: IndexMap<&str, String> = IndexMap::new();
        for task in nodes(template) {
            let task_id = self.ids.fresh(&format!("{id}__{}", task.name));
            task_ids.entry(task.name).or_insert_with(|| task_id.clone());
            let item = self.call(task_id.clone(), node_call(task.name.to_owned(), &task));
            body.items.push(item);
            self.handlers(&task_id, task.fields.on_exit.as_deref(), task.fields.hooks.as_ref(), &mut body);
        }
        for task in &dag.tasks {
            let to = &task_ids[task.name.as_str()];
            let mut dependencies: Vec<depends::Dependency> = Vec::new();
            if let Some(expression) = &task.depends {
                dependencies.extend(depends::parse(expression).dependencies);
            }
            for name in task.dependencies.iter().flatten() {
                dependencies.push(depends::Dependency { task: name.clone(), label: None });
            }
            // Unknown task names are lint's business; there is nothing to draw.
            for dependency in dependencies {
                if let Some(from) = task_ids.get(dependency.task.as_str()) {
                    body.edges.push(Edge {
                        from: from.clone(),
                        to: to.clone(),
                        label: dependency.label,
                        kind: EdgeKind::Flow,
                    });
                }
            }
        }
        if body.items.is_empty() {
            let empty = self.ids.fresh(&format!("{id}__empty"));
            body.items.push(self.node(empty, NodeKind::Task, "(no tasks)".to_owned(), Vec::new()));
        }
        body
    }

    fn steps(&mut self, id: &str, template: &'a Template) -> Body {
        let mut body = Body::default();
        let mut previous: Vec<String> = Vec::new();
        let mut current: Vec<String> = Vec::new();
        let mut group = 0;
        for step in nodes(template) {
            let g = step.group.unwrap_or_default();
            if g != group && !current.is_empty() {
                self.connect(id, group, &previous, &current, &mut body);
                previous = std::mem::take(&mut current);
            }
            group = g;
            let name = match step.name {
                "" => format!("step {g}.{}", step.index),
                name => name.to_owned(),
            };
            let step_id = self.ids.fresh(&format!("{id}__{name}"));
            let item = self.call(step_id.clone(), node_call(name, &step));
            body.items.push(item);
            self.handlers(&step_id, step.fields.on_exit.as_deref(), step.fields.hooks.as_ref(), &mut body);
            current.push(step_id);
        }
        if !current.is_empty() {
            self.connect(id, group, &previous, &current, &mut body);
        }
        if body.items.is_empty() {
            let empty = self.ids.fresh(&format!("{id}__empty"));
            body.items.push(self.node(empty, NodeKind::Task, "(no steps)".to_owned(), Vec::new()));
        }
        body
    }

    /// One step group runs after the previous one: every step of it after
    /// every step of that one, through a junction when both have several.
    fn connect(&mut self, id: &str, group: usize, previous: &[String], current: &[String], body: &mut Body) {
        let flow = |from: &str, to: &str| Edge {
            from: from.into(),
            to: to.into(),
            label: None,
            kind: EdgeKind::Flow,
        };
        if previous.len() > 1 && current.len() > 1 {
            let junction = self.ids.fresh(&format!("{id}__before_{group}"));
            body.items.push(self.node(junction.clone(), NodeKind::Junction, String::new(), Vec::new()));
            body.edges.extend(previous.iter().map(|from| flow(from, &junction)));
            body.edges.extend(current.iter().map(|to| flow(&junction, to)));
        } else {
            for from in previous {
                body.edges.extend(current.iter().map(|to| flow(from, to)));
            }
        }
    }

    /// Exit handlers and lifecycle hooks of `owner`, drawn beside it with a
    /// dashed edge from it.
    fn handlers(
        &mut self,
        owner: &str,
        on_exit: Option<&'a str>,
        hooks: Option<&'a IndexMap<String, LifecycleHook>>,
        body: &mut Body,
    ) {
        let mut add = |this: &mut Self, key: &str, label: String, call: Call<'a>| {
            let id = this.ids.fresh(&format!("{owner}__{key}"));
            let item = this.call(id.clone(), Call { handler: true, ..call });
            body.items.push(item);
            body.edges.push(Edge {
                from: owner.to_owned(),
                to: id,
                label: Some(label),
                kind: EdgeKind::Handler,
            });
        };
        if let Some(template) = on_exit {
            add(
                self,
                "on_exit",
                "on exit".to_owned(),
                Call { name: template.to_owned(), template: Some(template), ..Call::default() },
            );
        }
        for (key, hook) in hooks.into_iter().flatten() {
            let label = match (key.as_str(), &hook.expression) {
                ("exit", None) => "on exit".to_owned(),
                (key, None) => format!("hook {key}"),
                (key, Some(expression)) => format!("hook {key}: {}", label::shorten(expression)),
            };
            let name = hook
                .template
                .clone()
                .or_else(|| hook.template_ref.as_ref().map(label::template_ref))
                .unwrap_or_else(|| key.clone());
            let call = Call {
                name,
                template: hook.template.as_deref(),
                template_ref: hook.template_ref.as_ref(),
                ..Call::default()
            };
            add(self, &format!("hook_{key}"), label, call);
        }
    }
}

/// What a step or task calls, and the details its node shows.
fn node_call<'a>(name: String, node: &StepOrTask<'a>) -> Call<'a> {
    let fields = node.fields;
    let looped = label::loop_detail(fields.with_items, fields.with_param, fields.with_sequence);
    let depends = node
        .task()
        .and_then(|task| task.depends.as_deref())
        .filter(|expression| depends::parse(expression).complex)
        .map(|expression| format!("depends: {}", label::shorten(expression)));
    let when = fields.when.as_deref().map(|w| format!("when: {}", label::shorten(w)));
    Call {
        name,
        template: fields.template.as_deref(),
        template_ref: fields.template_ref.as_ref(),
        inline: fields.inline.as_deref(),
        looped: looped.is_some(),
        details: looped.into_iter().chain(depends).chain(when).collect(),
        handler: false,
    }
}
