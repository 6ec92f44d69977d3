//! DAG templates: dependencies (from `depends` or `dependencies`) exist,
//! parse and form no cycle; the two styles are not mixed; targets exist;
//! arguments taken from a task come from an ancestor, and so do the task
//! outputs a `when` reads.

use crate::lint::at::At;
use crate::lint::context::{ObjectCx, Sink, TemplateCx};
use crate::lint::dependencies::{Ancestry, find_cycle};
use crate::lint::rule::declare_rule;
use crate::model::{DagTask, DagTemplate};
use crate::support::suggest::did_you_mean;
use crate::syntax::depends::{self, RESULTS};
use std::collections::HashMap;

declare_rule! {
    /// `dag`: DAGs: dependencies exist and have no cycle; depends/dependencies/continueOn are not mixed; task names that start with a digit do not use dependencies; targets exist.
    pub static DAG = {
        id: "dag",
        severity: Error,
        summary: "DAGs: dependencies exist and have no cycle; depends/dependencies/continueOn are not mixed; task names that start with a digit do not use dependencies; targets exist",
        remediation: "depend only on tasks of the DAG, break the cycle, use either depends or dependencies, rename tasks whose names start with a digit, and name existing targets",
    };
    /// `depends`: depends expressions parse (task, task.Result, &&, ||, !, and, or, not, parentheses) with valid results; AnySucceeded/AllFailed only on looped tasks.
    pub static DEPENDS = {
        id: "depends",
        severity: Error,
        summary: "depends expressions parse (task, task.Result, &&, ||, !, and, or, not, parentheses) with valid results; AnySucceeded/AllFailed only on looped tasks",
        remediation: "write task, task.Succeeded (or another result) joined with &&, || and !, and use AnySucceeded/AllFailed only for tasks with a loop",
    };
    /// `dag-ancestor`: an argument or a `when` taken from {{tasks.X...}} (and tasks.X.status) needs X to be an ancestor of the task.
    pub static DAG_ANCESTOR = {
        id: "dag-ancestor",
        severity: Error,
        summary: "an argument or a when taken from {{tasks.X...}} (and tasks.X.status) needs X to be an ancestor of the task",
        remediation: "add the task the argument or condition reads from to depends (or dependencies)",
    };
}

/// What the checks of a DAG share: tasks by name, and who depends on whom.
pub struct DagGraph<'a> {
    /// Task index by name (the first task of a name).
    pub index: HashMap<&'a str, usize>,
    /// For each task, the tasks it depends on.
    pub dependencies: Vec<Vec<usize>>,
    /// Ancestors of each task; `None` when the graph has a cycle.
    pub ancestry: Option<Ancestry>,
}

impl<'a> DagGraph<'a> {
    /// The graph of `dag`; names that do not parse or resolve are left out.
    pub fn new(dag: &'a DagTemplate) -> Self {
        let mut index = HashMap::new();
        for (i, task) in dag.tasks.iter().enumerate() {
            index.entry(task.name.as_str()).or_insert(i);
        }
        let dependencies: Vec<Vec<usize>> = dag
            .tasks
            .iter()
            .map(|task| dependency_names(task).iter().filter_map(|name| index.get(name).copied()).collect())
            .collect();
        let ancestry = Ancestry::new(&dependencies);
        DagGraph { index, dependencies, ancestry }
    }

    /// Whether task `ancestor` comes before task `task` (false on a cycle).
    pub fn is_ancestor(&self, ancestor: &str, task: usize) -> bool {
        match (&self.ancestry, self.index.get(ancestor)) {
            (Some(ancestry), Some(&a)) => ancestry.is_ancestor(a, task),
            _ => false,
        }
    }
}

/// The tasks a task names as dependencies, in order.
fn dependency_names(task: &DagTask) -> Vec<&str> {
    match task.depends.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(expression) => {
            depends::parse(expression).map(|ops| ops.iter().map(|o| o.task).collect()).unwrap_or_default()
        }
        None => task.dependencies.iter().flatten().map(String::as_str).collect(),
    }
}

/// Every DAG rule of one template.
pub fn dag(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    let Some(dag) = &t.template.dag else { return };
    let tasks_path = t.at().key("dag").key("tasks");
    let Some(graph) = t.dag_graph() else { return };
    let names: Vec<&str> = dag.tasks.iter().map(|task| task.name.as_str()).collect();
    let using_depends =
        dag.tasks.iter().any(|task| task.depends.as_deref().is_some_and(|d| !d.trim().is_empty()));
    for (i, task) in dag.tasks.iter().enumerate() {
        let path = tasks_path.named(i, &task.name);
        let has_dependencies = task.dependencies.as_ref().is_some_and(|d| !d.is_empty());
        if (using_depends || has_dependencies) && task.name.starts_with(|c: char| c.is_ascii_digit()) {
            sink.error(
                &DAG,
                &path.key("name"),
                format!(
                    "task name '{}' cannot begin with a digit when using either 'depends' or 'dependencies'",
                    task.name
                ),
            );
        }
        if using_depends && has_dependencies {
            sink.error(
                &DAG,
                &path.key("dependencies"),
                "cannot use both 'depends' and 'dependencies' in the same DAG template",
            );
        }
        if using_depends && task.continue_on.is_some() {
            sink.error(
                &DAG,
                &path.key("continueOn"),
                "cannot use 'continueOn' when using 'depends'. Instead use 'dep-task.Failed'/'dep-task.Errored'",
            );
        }
        match task.depends.as_deref().filter(|d| !d.trim().is_empty()) {
            Some(expression) => check_depends(dag, graph, &names, expression, &path.key("depends"), sink),
            None => {
                for (d, name) in task.dependencies.iter().flatten().enumerate() {
                    if !graph.index.contains_key(name.as_str()) {
                        unknown(name, &names, &path.key("dependencies").index(d), sink);
                    }
                }
            }
        }
        for (p, parameter) in task.arguments.iter().flat_map(|a| a.parameters.iter().flatten()).enumerate() {
            let from_task = parameter.value.as_deref().and_then(referenced_task);
            ancestor(
                graph,
                i,
                from_task,
                "parameter",
                &parameter.name,
                &path.key("arguments").key("parameters").named(p, &parameter.name),
                sink,
            );
        }
        if let Some(when) = &task.when {
            when_ancestors(graph, i, &task.name, when, &path.key("when"), sink);
        }
        for (a, artifact) in task.arguments.iter().flat_map(|a| a.artifacts.iter().flatten()).enumerate() {
            let from_task = artifact.from.as_deref().and_then(referenced_task);
            ancestor(
                graph,
                i,
                from_task,
                "artifact",
                &artifact.name,
                &path.key("arguments").key("artifacts").named(a, &artifact.name),
                sink,
            );
        }
    }
    if let Some(cycle) = find_cycle(&graph.dependencies) {
        let cycle: Vec<&str> = cycle.iter().rev().map(|&i| names[i]).collect();
        sink.error(&DAG, &tasks_path, format!("dependency cycle detected: {}", cycle.join("->")));
    }
    for target in dag.target.iter().flat_map(|t| t.split(' ')).filter(|t| !t.is_empty() && !t.contains("{{"))
    {
        if !graph.index.contains_key(target) {
            let suggestion = did_you_mean(target, &names);
            sink.error(
                &DAG,
                &t.at().key("dag").key("target"),
                format!("target '{target}' is not defined{suggestion}"),
            );
        }
    }
}

fn unknown(name: &str, names: &[&str], path: &At<'_>, sink: &mut Sink) {
    let suggestion = did_you_mean(name, names);
    sink.error(
        &DAG,
        path,
        format!("invalid dependency {name}: no task of this DAG has that name{suggestion}"),
    );
}

fn check_depends(
    dag: &DagTemplate,
    graph: &DagGraph<'_>,
    names: &[&str],
    expression: &str,
    path: &At<'_>,
    sink: &mut Sink,
) {
    let operands = match depends::parse(expression) {
        Ok(operands) => operands,
        Err(message) => {
            return sink.error(&DEPENDS, path, format!("depends '{expression}' does not parse: {message}"));
        }
    };
    for operand in operands {
        let Some(&index) = graph.index.get(operand.task) else {
            unknown(operand.task, names, path, sink);
            continue;
        };
        let Some(result) = operand.result else { continue };
        if !RESULTS.contains(&result) {
            let suggestion = did_you_mean(result, &RESULTS);
            sink.error(
                &DEPENDS,
                path,
                format!("task result '{result}' for task '{}' is invalid{suggestion}", operand.task),
            );
        } else if matches!(result, "AnySucceeded" | "AllFailed") && !loops(&dag.tasks[index]) {
            sink.error(
                &DEPENDS,
                path,
                format!(
                    "dependency '{}' uses an items-based condition such as .AnySucceeded or .AllFailed but does not contain any items",
                    operand.task
                ),
            );
        }
    }
}

fn loops(task: &DagTask) -> bool {
    task.with_items.as_ref().is_some_and(|i| !i.is_empty())
        || task.with_param.as_ref().is_some_and(|p| !p.is_empty())
        || task.with_sequence.is_some()
}

/// The task `X` of a value that starts with `{{tasks.X.`, as Argo reads it.
fn referenced_task(value: &str) -> Option<&str> {
    value.strip_prefix("{{tasks.")?.split('.').next()
}

/// A `when` reading `{{tasks.X.…}}` of a task X that need not have run:
/// Argo evaluates the condition when the task is ready, which may be
/// before X finishes. (`tasks.X.status` is rule `variable`'s.)
fn when_ancestors(graph: &DagGraph<'_>, task: usize, name: &str, when: &str, path: &At<'_>, sink: &mut Sink) {
    if graph.ancestry.is_none() {
        return; // a cycle, reported above
    }
    let mut reported = Vec::new();
    for tag in crate::syntax::tags::tags(when) {
        let Some((from, field)) = tag.strip_prefix("tasks.").and_then(|rest| rest.split_once('.')) else {
            continue;
        };
        if from == name
            || field == "status"
            || reported.contains(&from)
            || !graph.index.contains_key(from)
            || graph.is_ancestor(from, task)
        {
            continue;
        }
        reported.push(from);
        sink.error(
            &DAG_ANCESTOR,
            path,
            format!(
                "missing dependency '{from}' for when: it reads {{{{{tag}}}}}, but '{from}' is not an ancestor \
                 of '{name}', so the condition may be evaluated before '{from}' runs; add '{from}' to depends"
            ),
        );
    }
}

fn ancestor(
    graph: &DagGraph<'_>,
    task: usize,
    from: Option<&str>,
    kind: &str,
    name: &str,
    path: &At<'_>,
    sink: &mut Sink,
) {
    let Some(from) = from else { return };
    // Unknown tasks and cycles are reported by the rules above.
    if graph.ancestry.is_some() && graph.index.contains_key(from) && !graph.is_ancestor(from, task) {
        sink.error(
            &DAG_ANCESTOR,
            path,
            format!("missing dependency '{from}' for {kind} '{name}': add '{from}' to depends (it must finish first)"),
        );
    }
}
