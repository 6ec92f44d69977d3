//! The tasks of a DAG and the steps of a steps template, with references
//! to other nodes as handles where the builder then writes exactly what the
//! input says.
//!
//! The builder adds a dependency for every task whose output a task uses,
//! unless an explicit `depends` names it. So a reference becomes a handle
//! only when the input's `depends` names its task (or when the input's
//! `depends` is exactly what the builder would infer, and is then left
//! out); anything else stays a string, which adds nothing.

use super::literal::{assignments, ident, string};
use super::names::Names;
use super::refs::{Context, Handles, reference, value};
use super::template::{Templates, artifact};
use super::{GenerateError, Where};
use crate::author::wiring::depends::{Depends, TaskResult};
use crate::syntax::depends::{RESULTS, Token, tokens};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// `Dag::new(..)` for the DAG `dag` of the template `name`, and the DAG
/// fields left for `with_model`.
pub(crate) fn dag(
    name: &str,
    mut dag: Map<String, Value>,
    templates: &mut Templates<'_>,
    at: &Where,
) -> Result<(TokenStream, Map<String, Value>), GenerateError> {
    let tasks: Vec<Map<String, Value>> = match dag.remove("tasks") {
        Some(Value::Array(tasks))
            if tasks
                .iter()
                .all(|t| t.as_object().is_some_and(|t| t.get("name").is_some_and(Value::is_string))) =>
        {
            tasks.into_iter().filter_map(|t| t.as_object().cloned()).collect()
        }
        Some(other) => {
            dag.insert("tasks".into(), other);
            Vec::new()
        }
        None => Vec::new(),
    };
    let mut body = Vec::new();
    if let Some(Value::String(target)) = dag.remove("target") {
        let target = string(&target);
        body.push(quote!(d.target(#target);));
    }
    if let Some(Value::Bool(fail_fast)) = dag.remove("failFast") {
        body.push(quote!(d.fail_fast(#fail_fast);));
    }
    let names: Vec<String> =
        tasks.iter().map(|t| t["name"].as_str().unwrap_or_default().to_owned()).collect();
    let plans: Vec<Plan> = tasks.iter().enumerate().map(|(i, task)| plan_task(i, task, &names)).collect();
    let needed: HashSet<String> = plans.iter().flat_map(|p| p.needs.iter().cloned()).collect();
    let mut locals = Names::default();
    for var in templates.vars.values() {
        locals.fresh(var, "t");
    }
    let mut vars: HashMap<String, String> = HashMap::new();
    for (i, (task, plan)) in tasks.into_iter().zip(plans).enumerate() {
        let at = at.key("tasks").index(i);
        let handles = Handles {
            prefix: "tasks",
            vars: plan.allowed.iter().filter_map(|n| Some((n.clone(), vars.get(n)?.clone()))).collect(),
        };
        let statement = node(name, task, plan, &handles, templates, &at, Kind::Dag)?;
        body.extend(templates.comments.take(at.path()));
        let task_name = &names[i];
        if needed.contains(task_name) && !vars.contains_key(task_name) {
            let var = locals.fresh(task_name, "task");
            let var_ident = ident(&var);
            body.push(quote!(let #var_ident = #statement;));
            vars.insert(task_name.clone(), var);
        } else {
            body.push(quote!(#statement;));
        }
    }
    let name = string(name);
    let d = if body.is_empty() { quote!(_d) } else { quote!(d) };
    Ok((quote!(Dag::new(#name, |#d| { #(#body)* })), dag))
}

/// `Steps::new(..)` for the groups of the template `name`; `None` when a
/// group cannot be written with the builder (empty, or a step without a name).
pub(crate) fn steps(
    name: &str,
    groups: Vec<Value>,
    templates: &mut Templates<'_>,
    at: &Where,
) -> Result<Option<TokenStream>, GenerateError> {
    let groups: Option<Vec<Vec<Map<String, Value>>>> = groups
        .iter()
        .map(|g| {
            let g = g.as_array().filter(|g| !g.is_empty())?;
            g.iter()
                .map(|s| s.as_object().filter(|s| s.get("name").is_some_and(Value::is_string)).cloned())
                .collect()
        })
        .collect();
    let Some(groups) = groups else { return Ok(None) };
    // Steps of a group of their own can be referred to by handle; a
    // parallel group's handles live in its closure.
    let single: Vec<String> = groups
        .iter()
        .filter(|g| g.len() == 1)
        .map(|g| g[0]["name"].as_str().unwrap_or_default().to_owned())
        .collect();
    let mut needed: HashSet<String> = HashSet::new();
    for group in &groups {
        for step in group {
            for text in texts(step) {
                for path in crate::syntax::tags::tags(text) {
                    if let Some(super::refs::Reference::Node(node, ..)) = reference(path, "steps")
                        && single.iter().any(|s| s == node)
                    {
                        needed.insert(node.to_owned());
                    }
                }
            }
        }
    }
    let mut locals = Names::default();
    for var in templates.vars.values() {
        locals.fresh(var, "t");
    }
    let mut vars: HashMap<String, String> = HashMap::new();
    let mut body = Vec::new();
    for (g, group) in groups.into_iter().enumerate() {
        let parallel = group.len() > 1;
        let mut statements = Vec::new();
        for (i, step) in group.into_iter().enumerate() {
            let at = at.index(g).index(i);
            let step_name = step["name"].as_str().unwrap_or_default().to_owned();
            let handles = Handles { prefix: "steps", vars: vars.clone() };
            let plan = Plan::default();
            let statement = node(name, step, plan, &handles, templates, &at, Kind::Steps)?;
            statements.extend(templates.comments.take(at.path()));
            if !parallel && needed.contains(&step_name) && !vars.contains_key(&step_name) {
                let var = locals.fresh(&step_name, "step");
                let var_ident = ident(&var);
                statements.push(quote!(let #var_ident = #statement;));
                vars.insert(step_name, var);
            } else {
                statements.push(quote!(#statement;));
            }
        }
        if parallel {
            body.push(quote!(s.parallel(|s| { #(#statements)* });));
        } else {
            body.extend(statements);
        }
    }
    let name = string(name);
    let s = if body.is_empty() { quote!(_s) } else { quote!(s) };
    Ok(Some(quote!(Steps::new(#name, |#s| { #(#body)* }))))
}

/// The strings of a node that may hold references the builder records.
fn texts(node: &Map<String, Value>) -> Vec<&str> {
    let mut out = Vec::new();
    if let Some(Value::Object(arguments)) = node.get("arguments") {
        for (list, field) in [("parameters", "value"), ("artifacts", "from")] {
            for entry in arguments.get(list).and_then(Value::as_array).into_iter().flatten() {
                if let Some(text) = entry.get(field).and_then(Value::as_str) {
                    out.push(text);
                }
            }
        }
    }
    for field in ["when", "withParam"] {
        if let Some(text) = node.get(field).and_then(Value::as_str) {
            out.push(text);
        }
    }
    out
}

/// What is decided about a DAG task before it is written.
#[derive(Default)]
struct Plan {
    /// Tasks it may refer to by handle.
    allowed: Vec<String>,
    /// Tasks whose handles it needs (references and a typed `depends`).
    needs: Vec<String>,
    /// Whether its `depends` can be written with handles.
    typed_depends: bool,
}

fn plan_task(index: usize, task: &Map<String, Value>, names: &[String]) -> Plan {
    let mut plan = Plan::default();
    let Some(Value::String(depends)) = task.get("depends") else { return plan };
    let Ok(operands) = crate::syntax::depends::parse(depends) else { return plan };
    let earlier = &names[..index];
    let own = &names[index];
    plan.allowed = operands
        .iter()
        .map(|o| o.task.to_owned())
        .filter(|n| n != own && earlier.contains(n))
        .collect::<Vec<_>>();
    plan.allowed.dedup();
    plan.typed_depends = operands.iter().all(|o| o.task != own && earlier.iter().any(|e| e == o.task))
        && tree(depends).is_some_and(|t| t.depends().to_string() == *depends);
    if plan.typed_depends {
        plan.needs.extend(operands.iter().map(|o| o.task.to_owned()));
    }
    for text in texts(task) {
        for path in crate::syntax::tags::tags(text) {
            if let Some(super::refs::Reference::Node(node, ..)) = reference(path, "tasks")
                && plan.allowed.iter().any(|a| a == node)
            {
                plan.needs.push(node.to_owned());
            }
        }
    }
    plan
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Dag,
    Steps,
}

/// One task or step: `d.task("a", call)` and its methods.
fn node(
    template_name: &str,
    mut node: Map<String, Value>,
    plan: Plan,
    handles: &Handles,
    templates: &mut Templates<'_>,
    at: &Where,
    kind: Kind,
) -> Result<TokenStream, GenerateError> {
    let name = string(
        node.remove("name").and_then(|n| n.as_str().map(str::to_owned)).as_deref().unwrap_or_default(),
    );
    let scope = if kind == Kind::Dag { quote!(d) } else { quote!(s) };
    let mut rest = Map::new();
    // What it calls.
    let target = match (node.remove("template"), node.remove("templateRef")) {
        (Some(Value::String(called)), None) => {
            if called == template_name {
                quote!(#scope.call_self())
            } else if let Some(var) =
                templates.vars.get(&called).filter(|_| templates.defined.contains(&called))
            {
                let var = ident(var);
                quote!(#var.call())
            } else {
                let called = string(&called);
                quote!(Call::named(#called))
            }
        }
        (None, Some(Value::Object(reference)))
            if reference.get("name").is_some_and(Value::is_string)
                && reference.get("template").is_some_and(Value::is_string)
                && reference.keys().all(|k| ["name", "template", "clusterScope"].contains(&k.as_str()))
                && reference.get("clusterScope").is_none_or(|c| *c == Value::Bool(true)) =>
        {
            let wt = string(reference["name"].as_str().unwrap_or_default());
            let t = string(reference["template"].as_str().unwrap_or_default());
            let cluster = reference.contains_key("clusterScope").then(|| quote!(.cluster_scope()));
            quote!(TemplateRef::new(#wt, #t) #cluster .call())
        }
        (template, reference) => {
            rest.insert("template".into(), template.unwrap_or(Value::Null));
            if let Some(reference) = reference {
                rest.insert("templateRef".into(), reference);
            }
            quote!(Call::named(""))
        }
    };
    let mut used: Vec<String> = Vec::new();
    let mut call_args = Vec::new();
    if let Some(Value::Object(arguments)) = node.get("arguments")
        && let Some(found) = arguments_calls(arguments, handles, &mut used, at)
    {
        call_args = found;
        node.remove("arguments");
    }
    let mut methods = Vec::new();
    if let Some(Value::String(when)) = node.remove("when") {
        let (condition, found) = super::refs::condition(&when, handles);
        extend_unique(&mut used, found);
        methods.push(quote!(.when(#condition)));
    }
    if let Some(Value::String(param)) = node.remove("withParam") {
        let (list, found) = value(&param, handles, Context::Arg);
        extend_unique(&mut used, found);
        methods.push(quote!(.with_param(#list)));
    }
    if let Some(Value::Array(items)) = node.get("withItems")
        && !items.is_empty()
    {
        let items_tokens = items_literal(items);
        methods.push(quote!(.with_items(#items_tokens)));
        node.remove("withItems");
    }
    if let Some(Value::Object(sequence)) = node.get("withSequence")
        && let Some(sequence) = sequence_tokens(sequence)
    {
        methods.push(quote!(.with_sequence(#sequence)));
        node.remove("withSequence");
    }
    if let Some(Value::String(handler)) = node.get("onExit") {
        let call =
            if let Some(var) = templates.vars.get(handler).filter(|_| templates.defined.contains(handler)) {
                let var = ident(var);
                quote!(#var.call())
            } else {
                let handler = string(handler);
                quote!(Call::named(#handler))
            };
        methods.push(quote!(.on_exit(#call)));
        node.remove("onExit");
    }
    if let Some(Value::Object(hooks)) = node.get("hooks")
        && let Some(calls) = hook_calls(hooks, templates, at)
    {
        methods.extend(calls);
        node.remove("hooks");
    }
    if let Some(Value::Object(continue_on)) = node.get("continueOn")
        && !continue_on.is_empty()
        && continue_on.iter().all(|(k, v)| (k == "failed" || k == "error") && *v == Value::Bool(true))
    {
        for key in continue_on.keys() {
            methods.push(if key == "failed" {
                quote!(.continue_on_failed())
            } else {
                quote!(.continue_on_error())
            });
        }
        node.remove("continueOn");
    }
    if kind == Kind::Dag {
        if let Some(Value::Array(dependencies)) = node.get("dependencies")
            && dependencies.iter().all(Value::is_string)
        {
            let names = dependencies.iter().map(|d| string(d.as_str().unwrap_or_default()));
            methods.push(quote!(.dependencies([#(#names),*])));
            node.remove("dependencies");
        }
        used.retain(|u| handles.vars.contains_key(u));
        match node.remove("depends") {
            Some(Value::String(depends)) => {
                let inferred = used.join(" && ");
                if used.is_empty() || inferred != depends {
                    let written = match tree(&depends).filter(|_| plan.typed_depends) {
                        Some(tree) => tree.tokens(&handles.vars),
                        None => string(&depends),
                    };
                    methods.push(quote!(.depends(#written)));
                }
            }
            Some(other) => {
                rest.insert("depends".into(), other);
            }
            None => {}
        }
    }
    rest.extend(node);
    if !rest.is_empty() {
        let model_name = if kind == Kind::Dag { "DagTask" } else { "WorkflowStep" };
        for key in rest.keys() {
            templates.fallbacks.push(format!("{model_name}.{key}"));
        }
        let set = assignments(&quote!(t), model_name, &rest, at)?;
        methods.push(quote!(.with_model(|t| { #(#set)* })));
    }
    let add = if kind == Kind::Dag { quote!(task) } else { quote!(step) };
    Ok(quote!(#scope.#add(#name, #target #(#call_args)*) #(#methods)*))
}

/// `.hook(event, Hook::new(..))` for each lifecycle hook, when every hook
/// runs a template of the workflow with plain arguments. References in a
/// hook's arguments stay strings: as handles they would add dependencies
/// the input does not have.
fn hook_calls(hooks: &Map<String, Value>, templates: &Templates<'_>, at: &Where) -> Option<Vec<TokenStream>> {
    if !hooks_are_sugar(hooks) {
        return None;
    }
    let mut calls = Vec::new();
    for (event, hook) in hooks {
        let hook = hook.as_object()?;
        if !hook.keys().all(|k| ["template", "arguments", "expression"].contains(&k.as_str())) {
            return None;
        }
        let Some(Value::String(called)) = hook.get("template") else { return None };
        let mut call = match templates.vars.get(called).filter(|_| templates.defined.contains(called)) {
            Some(var) => {
                let var = ident(var);
                quote!(#var.call())
            }
            None => {
                let called = string(called);
                quote!(Call::named(#called))
            }
        };
        if let Some(arguments) = hook.get("arguments") {
            let arguments = arguments.as_object()?;
            let written = arguments_calls(arguments, &Handles::default(), &mut Vec::new(), &at.key("hooks"))?;
            call = quote!(#call #(#written)*);
        }
        let mut hook_tokens = quote!(Hook::new(#call));
        match hook.get("expression") {
            Some(Value::String(expression)) => {
                let expression = string(expression);
                hook_tokens = quote!(#hook_tokens.expression(#expression));
            }
            Some(_) => return None,
            None => {}
        }
        let event = string(event);
        calls.push(quote!(.hook(#event, #hook_tokens)));
    }
    Some(calls)
}

/// Whether [`hook_calls`] writes these hooks with the builder (which then
/// records the templates they run, as the template order needs to know).
pub(crate) fn hooks_are_sugar(hooks: &Map<String, Value>) -> bool {
    hooks.values().all(|hook| {
        hook.as_object().is_some_and(|hook| {
            hook.keys().all(|k| ["template", "arguments", "expression"].contains(&k.as_str()))
                && hook.get("template").is_some_and(Value::is_string)
                && hook.get("expression").is_none_or(Value::is_string)
                && hook.get("arguments").is_none_or(|a| {
                    a.as_object().is_some_and(|a| {
                        arguments_calls(a, &Handles::default(), &mut Vec::new(), &Where::new("")).is_some()
                    })
                })
        })
    })
}

/// `Sequence::count(..)` or `Sequence::range(..)`, when the sequence is one.
fn sequence_tokens(sequence: &Map<String, Value>) -> Option<TokenStream> {
    let number = super::template::int_or_string;
    if !sequence.keys().all(|k| ["count", "start", "end", "format"].contains(&k.as_str())) {
        return None;
    }
    let mut tokens = match (sequence.get("count"), sequence.get("start"), sequence.get("end")) {
        (Some(count), start, None) => {
            let count = number(count)?;
            let start = match start {
                Some(start) => {
                    let start = number(start)?;
                    Some(quote!(.start(#start)))
                }
                None => None,
            };
            quote!(Sequence::count(#count) #start)
        }
        (None, Some(start), Some(end)) => {
            let (start, end) = (number(start)?, number(end)?);
            quote!(Sequence::range(#start, #end))
        }
        _ => return None,
    };
    if let Some(format) = sequence.get("format") {
        let format = string(format.as_str()?);
        tokens = quote!(#tokens.format(#format));
    }
    Some(tokens)
}

fn extend_unique(used: &mut Vec<String>, found: Vec<String>) {
    for f in found {
        if !used.contains(&f) {
            used.push(f);
        }
    }
}

/// `.argument(..)` calls, when every argument is a plain name and value
/// (or artifact).
fn arguments_calls(
    arguments: &Map<String, Value>,
    handles: &Handles,
    used: &mut Vec<String>,
    at: &Where,
) -> Option<Vec<TokenStream>> {
    if arguments.is_empty() || !arguments.keys().all(|k| k == "parameters" || k == "artifacts") {
        return None;
    }
    let mut calls = Vec::new();
    if let Some(parameters) = arguments.get("parameters") {
        let parameters = parameters.as_array().filter(|p| !p.is_empty())?;
        for p in parameters {
            let p = p.as_object()?;
            let (Some(Value::String(name)), Some(Value::String(text))) = (p.get("name"), p.get("value"))
            else {
                return None;
            };
            if p.len() != 2 {
                return None;
            }
            let (text, found) = value(text, handles, Context::Arg);
            extend_unique(used, found);
            let name = string(name);
            calls.push(quote!(.argument(#name, #text)));
        }
    }
    if let Some(artifacts) = arguments.get("artifacts") {
        let artifacts = artifacts.as_array().filter(|a| !a.is_empty())?;
        for (i, a) in artifacts.iter().enumerate() {
            let a = a.as_object()?;
            let Some(Value::String(name)) = a.get("name") else { return None };
            let name_tokens = string(name);
            match a.get("from") {
                Some(Value::String(from)) if a.len() == 2 => {
                    let (from, found) = value(from, handles, Context::Arg);
                    extend_unique(used, found);
                    calls.push(quote!(.argument_artifact(#name_tokens, #from)));
                }
                _ => {
                    let built =
                        artifact(a, &Handles::default(), &at.key("arguments").key("artifacts").index(i))
                            .ok()?;
                    calls.push(quote!(.argument_artifact(#name_tokens, #built)));
                }
            }
        }
    }
    Some(calls)
}

/// `withItems` as an array the builder serialises back to the same JSON.
fn items_literal(items: &[Value]) -> TokenStream {
    if items.iter().all(Value::is_string) {
        let items = items.iter().map(|i| string(i.as_str().unwrap_or_default()));
        return quote!([#(#items),*]);
    }
    if items.iter().all(Value::is_i64) {
        let items =
            items.iter().map(|i| proc_macro2::Literal::i64_unsuffixed(i.as_i64().unwrap_or_default()));
        return quote!([#(#items),*]);
    }
    let items = items.iter().map(|i| {
        let json = super::literal::json(i);
        quote!(hera::json!(#json))
    });
    quote!([#(#items),*])
}

/// A `depends` expression as a tree, to write it with handles.
enum Tree {
    Task(String, Option<TaskResult>),
    All(Vec<Tree>),
    Any(Vec<Tree>),
    Not(Box<Tree>),
    Group(Box<Tree>),
}

fn tree(text: &str) -> Option<Tree> {
    let tokens: Vec<Token<'_>> = tokens(text).map(|(t, _)| t).collect();
    let mut at = 0;
    let tree = or(&tokens, &mut at)?;
    (at == tokens.len()).then_some(tree)
}

fn or(tokens: &[Token<'_>], at: &mut usize) -> Option<Tree> {
    let mut parts = vec![and(tokens, at)?];
    while tokens.get(*at) == Some(&Token::Or) {
        *at += 1;
        parts.push(and(tokens, at)?);
    }
    Some(if parts.len() == 1 { parts.remove(0) } else { Tree::Any(parts) })
}

fn and(tokens: &[Token<'_>], at: &mut usize) -> Option<Tree> {
    let mut parts = vec![unary(tokens, at)?];
    while tokens.get(*at) == Some(&Token::And) {
        *at += 1;
        parts.push(unary(tokens, at)?);
    }
    Some(if parts.len() == 1 { parts.remove(0) } else { Tree::All(parts) })
}

fn unary(tokens: &[Token<'_>], at: &mut usize) -> Option<Tree> {
    let token = *tokens.get(*at)?;
    *at += 1;
    match token {
        Token::Not => Some(Tree::Not(Box::new(unary(tokens, at)?))),
        Token::Open => {
            let inner = or(tokens, at)?;
            (tokens.get(*at) == Some(&Token::Close)).then(|| *at += 1)?;
            Some(Tree::Group(Box::new(inner)))
        }
        Token::Word(word) => {
            let (task, result) = match word.split_once('.') {
                Some((task, result)) => {
                    let index = RESULTS.iter().position(|r| *r == result)?;
                    (task, Some(RESULT_VALUES[index]))
                }
                None => (word, None),
            };
            Some(Tree::Task(task.to_owned(), result))
        }
        _ => None,
    }
}

/// [`TaskResult`]s in the order of [`RESULTS`].
const RESULT_VALUES: [TaskResult; 8] = [
    TaskResult::Succeeded,
    TaskResult::Failed,
    TaskResult::Errored,
    TaskResult::Skipped,
    TaskResult::Omitted,
    TaskResult::Daemoned,
    TaskResult::AnySucceeded,
    TaskResult::AllFailed,
];

const METHODS: [&str; 8] =
    ["succeeded", "failed", "errored", "skipped", "omitted", "daemoned", "any_succeeded", "all_failed"];

impl Tree {
    /// The value the written code builds (the same operators).
    fn depends(&self) -> Depends {
        match self {
            Tree::Task(name, result) => Depends::Task { name: name.as_str().into(), result: *result },
            Tree::All(parts) => {
                let mut parts = parts.iter().map(Tree::depends);
                let first = parts.next().unwrap_or(Depends::Raw(String::new()));
                parts.fold(first, |all, p| all & p)
            }
            Tree::Any(parts) => {
                let mut parts = parts.iter().map(Tree::depends);
                let first = parts.next().unwrap_or(Depends::Raw(String::new()));
                parts.fold(first, |all, p| all | p)
            }
            Tree::Not(inner) => !inner.depends(),
            Tree::Group(inner) => inner.depends(),
        }
    }

    fn tokens(&self, vars: &HashMap<String, String>) -> TokenStream {
        match self {
            Tree::Task(name, result) => {
                let var = ident(vars.get(name).map(String::as_str).unwrap_or(name));
                match result {
                    None => quote!(#var),
                    Some(result) => {
                        let method = ident(METHODS[*result as usize]);
                        quote!(#var.#method())
                    }
                }
            }
            Tree::All(parts) => {
                let parts = parts.iter().map(|p| p.tokens(vars));
                quote!(#(#parts)&*)
            }
            Tree::Any(parts) => {
                let parts = parts.iter().map(|p| p.tokens(vars));
                quote!(#(#parts)|*)
            }
            Tree::Not(inner) => {
                let inner = inner.tokens(vars);
                quote!(!#inner)
            }
            Tree::Group(inner) => {
                let inner = inner.tokens(vars);
                quote!((#inner))
            }
        }
    }
}
