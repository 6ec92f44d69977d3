//! One template as a builder: `Container::new("echo").image(..)`, with
//! `with_model` for the fields the builders do not cover.

use super::literal::{assignments, ident, literal, string, structure};
use super::nodes;
use super::refs::{Context, Handles, value};
use super::shape::{Shape, model};
use super::{GenerateError, Where};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// What the templates of one object know of each other.
pub(crate) struct Templates<'a> {
    /// Template name → its variable, for templates defined before the one
    /// being written (a call of a later one, or of itself, goes by name).
    pub vars: &'a HashMap<String, String>,
    /// Templates that may be called by variable from the one being written.
    pub defined: &'a HashSet<String>,
    pub fallbacks: &'a mut Vec<String>,
    /// The comments, which tasks and steps take first.
    pub comments: &'a mut super::comments::Comments,
}

/// The builder expression of `template` (a model value as JSON).
pub(crate) fn template(
    mut t: Map<String, Value>,
    templates: &mut Templates<'_>,
    at: &Where,
) -> Result<TokenStream, GenerateError> {
    let name = match t.remove("name") {
        Some(Value::String(name)) => Some(name),
        _ => None,
    };
    let name_text = string(name.as_deref().unwrap_or_default());
    let mut calls: Vec<TokenStream> = Vec::new();
    let mut rest: Map<String, Value> = Map::new();
    if name.is_none() {
        rest.insert("name".into(), Value::Null);
    }
    let head = if let Some(Value::Object(body)) = t.remove("container") {
        container_body(body, "container", "Container", &mut calls, &mut rest, at)?;
        quote!(Container::new(#name_text))
    } else if let Some(Value::Object(body)) = t.remove("script") {
        container_body(body, "script", "ScriptTemplate", &mut calls, &mut rest, at)?;
        quote!(Script::new(#name_text))
    } else if let Some(Value::Object(dag)) = t.remove("dag") {
        let (head, left) = nodes::dag(name.as_deref().unwrap_or_default(), dag, templates, &at.key("dag"))?;
        merge_body(&mut rest, "dag", left);
        head
    } else if let Some(Value::Array(groups)) = t.remove("steps") {
        match nodes::steps(name.as_deref().unwrap_or_default(), groups.clone(), templates, &at.key("steps"))?
        {
            Some(head) => head,
            None => {
                rest.insert("steps".into(), Value::Array(groups));
                quote!(Steps::new(#name_text, |_s| {}))
            }
        }
    } else if let Some(Value::Object(mut body)) = t.remove("resource") {
        let action = match body.remove("action") {
            Some(Value::String(action)) => string(&action),
            _ => string(""),
        };
        for (key, method) in [
            ("manifest", "manifest"),
            ("successCondition", "success_condition"),
            ("failureCondition", "failure_condition"),
            ("mergeStrategy", "merge_strategy"),
        ] {
            if let Some(Value::String(text)) = body.get(key) {
                let (method, text) = (ident(method), string(text));
                calls.push(quote!(.#method(#text)));
                body.remove(key);
            }
        }
        if let Some(Value::Bool(owned)) = body.get("setOwnerReference") {
            calls.push(quote!(.set_owner_reference(#owned)));
            body.remove("setOwnerReference");
        }
        if let Some(Value::Array(flags)) = body.get("flags")
            && flags.iter().all(Value::is_string)
        {
            let flags = flags.iter().map(|f| string(f.as_str().unwrap_or_default()));
            calls.push(quote!(.flags([#(#flags),*])));
            body.remove("flags");
        }
        for (key, value) in body {
            let mut at_rest = Map::new();
            at_rest.insert(key, value);
            merge_body(&mut rest, "resource", at_rest);
        }
        quote!(Resource::new(#name_text, #action))
    } else if let Some(Value::Object(mut body)) = t.remove("suspend") {
        if let Some(Value::String(duration)) = body.remove("duration") {
            let duration = string(&duration);
            calls.push(quote!(.duration(#duration)));
        }
        merge_body(&mut rest, "suspend", body);
        quote!(Suspend::new(#name_text))
    } else if let Some(Value::Object(mut body)) = t.remove("http") {
        let url = match body.remove("url") {
            Some(Value::String(url)) => string(&url),
            _ => string(""),
        };
        merge_body(&mut rest, "http", body);
        quote!(Http::new(#name_text, #url))
    } else if let Some(Value::Object(body)) = t.remove("containerSet") {
        merge_body(&mut rest, "containerSet", body);
        quote!(ContainerSet::new(#name_text))
    } else if let Some(Value::Object(body)) = t.remove("data") {
        merge_body(&mut rest, "data", body);
        quote!(Data::new(#name_text))
    } else {
        // No builder makes a template of this kind (a plugin, or no body):
        // a suspend template with its body taken away.
        rest.insert("suspend".into(), Value::Null);
        quote!(Suspend::new(#name_text))
    };
    let handles = Handles::default();
    if let Some(Value::Object(inputs)) = t.get("inputs")
        && let Some(found) = io_calls(inputs, "input", "input_artifact", &handles, at)
    {
        calls.extend(found);
        t.remove("inputs");
    }
    if let Some(Value::Object(outputs)) = t.get("outputs")
        && let Some(found) = io_calls(outputs, "output", "output_artifact", &handles, at)
    {
        calls.extend(found);
        t.remove("outputs");
    }
    if let Some(Value::String(timeout)) = t.get("timeout") {
        let timeout = string(timeout);
        calls.push(quote!(.timeout(#timeout)));
        t.remove("timeout");
    }
    template_sugar(&mut t, &mut calls, at)?;
    rest.extend(t);
    if !rest.is_empty() {
        calls.push(with_model(&rest, at, templates.fallbacks)?);
    }
    Ok(quote!(#head #(#calls)*))
}

/// The template methods for the fields every template has (each removed
/// from `t` when written).
fn template_sugar(
    t: &mut Map<String, Value>,
    calls: &mut Vec<TokenStream>,
    at: &Where,
) -> Result<(), GenerateError> {
    for (key, method) in [
        ("podSpecPatch", "pod_spec_patch"),
        ("serviceAccountName", "service_account_name"),
        ("priorityClassName", "priority_class_name"),
    ] {
        if let Some(Value::String(text)) = t.get(key) {
            let (method, text) = (ident(method), string(text));
            calls.push(quote!(.#method(#text)));
            t.remove(key);
        }
    }
    if let Some(Value::Number(n)) = t.get("parallelism")
        && let Some(n) = n.as_i64()
    {
        let n = proc_macro2::Literal::i64_unsuffixed(n);
        calls.push(quote!(.parallelism(#n)));
        t.remove("parallelism");
    }
    for (key, method) in [("daemon", "daemon"), ("failFast", "fail_fast")] {
        if let Some(Value::Bool(b)) = t.get(key) {
            let method = ident(method);
            calls.push(quote!(.#method(#b)));
            t.remove(key);
        }
    }
    let fields = model().fields("Template").unwrap_or_default();
    for (key, method, each) in [
        ("activeDeadlineSeconds", "active_deadline_seconds", false),
        ("memoize", "memoize", false),
        ("synchronization", "synchronization", false),
        ("metrics", "metrics", false),
        ("affinity", "affinity", false),
        ("archiveLocation", "archive_location", false),
        ("securityContext", "pod_security_context", false),
        ("sidecars", "sidecar", true),
        ("initContainers", "init_container", true),
        ("volumes", "volume", true),
        ("tolerations", "toleration", true),
    ] {
        let (Some(value), Some(field)) = (t.get(key), fields.iter().find(|f| f.json == key)) else {
            continue;
        };
        let inner = match &field.shape {
            Shape::Option(inner) => (**inner).clone(),
            other => other.clone(),
        };
        let method = ident(method);
        match (each, value, &inner) {
            (true, Value::Array(items), Shape::Vec(element)) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    let item = literal(item, element, &at.key(key).index(i))?;
                    calls.push(quote!(.#method(#item)));
                }
            }
            (false, value, inner) => {
                let value = literal(value, inner, &at.key(key))?;
                calls.push(quote!(.#method(#value)));
            }
            _ => continue,
        }
        t.remove(key);
    }
    if let Some(Value::Object(selector)) = t.get("nodeSelector")
        && !selector.is_empty()
        && selector.values().all(Value::is_string)
    {
        for (k, v) in selector {
            let (k, v) = (string(k), string(v.as_str().unwrap_or_default()));
            calls.push(quote!(.node_selector(#k, #v)));
        }
        t.remove("nodeSelector");
    }
    if let Some(Value::Object(strategy)) = t.get("retryStrategy") {
        let retry = retry(strategy, &at.key("retryStrategy"))?;
        calls.push(quote!(.retry(#retry)));
        t.remove("retryStrategy");
    }
    Ok(())
}

/// An `IntOrString` as the builders take it: a number or a string.
pub(crate) fn int_or_string(value: &Value) -> Option<TokenStream> {
    match value {
        Value::Number(n) => n.as_i64().map(|n| {
            let n = proc_macro2::Literal::i64_unsuffixed(n);
            quote!(#n)
        }),
        Value::String(s) => Some(string(s)),
        _ => None,
    }
}

/// A retry strategy: `3`, `Retry::limit(..).policy(..).backoff(..)`, or a model value.
fn retry(strategy: &Map<String, Value>, at: &Where) -> Result<TokenStream, GenerateError> {
    let whole = || structure("RetryStrategy", strategy, at);
    let Some(limit) = strategy.get("limit").and_then(int_or_string) else { return whole() };
    if strategy.len() == 1 && strategy["limit"].is_i64() {
        return Ok(limit);
    }
    let mut calls = Vec::new();
    for (key, value) in strategy {
        match (key.as_str(), value) {
            ("limit", _) => {}
            ("retryPolicy", Value::String(p)) => {
                let p = string(p);
                calls.push(quote!(.policy(#p)));
            }
            ("expression", Value::String(e)) => {
                let e = string(e);
                calls.push(quote!(.expression(#e)));
            }
            ("backoff", Value::Object(backoff)) => {
                let (Some(Value::String(d)), Some(f), Some(Value::String(m))) = (
                    backoff.get("duration"),
                    backoff.get("factor").and_then(int_or_string),
                    backoff.get("maxDuration"),
                ) else {
                    return whole();
                };
                if !backoff.keys().all(|k| ["duration", "factor", "maxDuration", "cap"].contains(&k.as_str()))
                {
                    return whole();
                }
                let (d, m) = (string(d), string(m));
                calls.push(quote!(.backoff(#d, #f, #m)));
                match backoff.get("cap") {
                    Some(Value::String(cap)) => {
                        let cap = string(cap);
                        calls.push(quote!(.backoff_cap(#cap)));
                    }
                    Some(_) => return whole(),
                    None => {}
                }
            }
            _ => return whole(),
        }
    }
    Ok(quote!(Retry::limit(#limit) #(#calls)*))
}

/// Adds `body`'s fields to the template field `field` of `rest`.
fn merge_body(rest: &mut Map<String, Value>, field: &str, body: Map<String, Value>) {
    if body.is_empty() {
        return;
    }
    match rest.get_mut(field) {
        Some(Value::Object(existing)) => existing.extend(body),
        _ => {
            rest.insert(field.into(), Value::Object(body));
        }
    }
}

/// `.with_model(|t| { .. })` for the template fields in `rest`; a field
/// given as null is cleared (`t.suspend = None`), the body of a builder's
/// own kind is changed field by field.
fn with_model(
    rest: &Map<String, Value>,
    at: &Where,
    fallbacks: &mut Vec<String>,
) -> Result<TokenStream, GenerateError> {
    let fields = model().fields("Template").unwrap_or_default();
    let mut body = Vec::new();
    for (key, value) in rest {
        fallbacks.push(format!("Template.{key}"));
        let field = fields
            .iter()
            .find(|f| f.json == *key)
            .ok_or_else(|| at.error(format!("Template has no field {key}")))?;
        let rust = ident(&field.rust);
        let inner = match &field.shape {
            Shape::Option(inner) => model().resolve(inner).clone(),
            other => other.clone(),
        };
        let inner = match inner {
            Shape::Boxed(inner) => *inner,
            other => other,
        };
        match (value, &inner) {
            (Value::Null, _) => body.push(quote!(t.#rust = None;)),
            // The builder made this body: change the fields given.
            (Value::Object(fields), Shape::Struct(name))
                if ["resource", "suspend", "http", "containerSet", "data", "dag"].contains(&key.as_str()) =>
            {
                let target = quote!(body);
                let set = assignments(&target, name, fields, &at.key(key))?;
                body.push(quote!(if let Some(body) = t.#rust.as_mut() { #(#set)* }));
            }
            _ => {
                let value = literal(value, &field.shape, &at.key(key))?;
                body.push(quote!(t.#rust = #value;));
            }
        }
    }
    Ok(quote!(.with_model(|t| { #(#body)* })))
}

/// The sugar for a container or script body: image, command, args, env,
/// source; `with_container` for the other container fields. A body with a
/// field no container builder reaches is written whole.
fn container_body(
    mut body: Map<String, Value>,
    key: &str,
    model_name: &str,
    calls: &mut Vec<TokenStream>,
    rest: &mut Map<String, Value>,
    at: &Where,
) -> Result<(), GenerateError> {
    let model = model();
    let fields = model.fields(model_name).unwrap_or_default();
    let reachable = |json: &str| {
        json == "source" || fields.iter().any(|f| f.json == json && model.container_fields.contains(&f.rust))
    };
    if !body.keys().all(|k| reachable(k)) {
        rest.insert(key.into(), Value::Object(body));
        return Ok(());
    }
    for (json, method) in
        [("image", "image"), ("imagePullPolicy", "image_pull_policy"), ("workingDir", "working_dir")]
    {
        if let Some(Value::String(text)) = body.get(json) {
            let (method, text) = (ident(method), string(text));
            calls.push(quote!(.#method(#text)));
            body.remove(json);
        }
    }
    for (json, method) in [("command", "command"), ("args", "args")] {
        if let Some(Value::Array(items)) = body.get(json)
            && !items.is_empty()
            && items.iter().all(Value::is_string)
        {
            let method = ident(method);
            let items = items.iter().map(|i| string(i.as_str().unwrap_or_default()));
            calls.push(quote!(.#method([#(#items),*])));
            body.remove(json);
        }
    }
    if let Some(Value::Array(env)) = body.get("env") {
        let simple: Option<Vec<TokenStream>> = env
            .iter()
            .map(|var| {
                let var = var.as_object()?;
                let (Some(Value::String(name)), Some(Value::String(value))) =
                    (var.get("name"), var.get("value"))
                else {
                    return None;
                };
                (var.len() == 2).then(|| {
                    let (name, value) = (string(name), string(value));
                    quote!(.env(#name, #value))
                })
            })
            .collect();
        if let Some(simple) = simple {
            calls.extend(simple);
            body.remove("env");
        }
    }
    if let Some(Value::String(source)) = body.remove("source") {
        let source = string(&source);
        calls.push(quote!(.source(#source)));
    }
    if !body.is_empty() {
        let mut set = Vec::new();
        for (json, value) in &body {
            let field = fields
                .iter()
                .find(|f| f.json == *json)
                .ok_or_else(|| at.error(format!("no field {json}")))?;
            let rust = ident(&field.rust);
            let value = literal(value, &field.shape, &at.key(key).key(json))?;
            set.push(quote!(*c.#rust = #value;));
        }
        calls.push(quote!(.with_container(|c| { #(#set)* })));
    }
    Ok(())
}

/// `.input(..)`/`.output(..)` calls for inputs or outputs, when every entry
/// is one the builders write exactly.
fn io_calls(
    io: &Map<String, Value>,
    parameter_method: &str,
    artifact_method: &str,
    handles: &Handles,
    at: &Where,
) -> Option<Vec<TokenStream>> {
    if io.is_empty() || !io.keys().all(|k| k == "parameters" || k == "artifacts") {
        return None;
    }
    let mut calls = Vec::new();
    for (key, method) in [("parameters", parameter_method), ("artifacts", artifact_method)] {
        let Some(list) = io.get(key) else { continue };
        let list = list.as_array().filter(|l| !l.is_empty())?;
        let method = ident(method);
        for (i, entry) in list.iter().enumerate() {
            let entry = entry.as_object()?;
            let at = at.key(key).index(i);
            let built = if key == "parameters" {
                parameter(entry, handles, &at)
            } else {
                artifact(entry, handles, &at)
            };
            let built = built.ok()?;
            calls.push(quote!(.#method(#built)));
        }
    }
    Some(calls)
}

/// A parameter: its name alone, `Parameter::new(..)` with methods, or a
/// model value.
pub(crate) fn parameter(
    entry: &Map<String, Value>,
    handles: &Handles,
    at: &Where,
) -> Result<TokenStream, GenerateError> {
    let Some(Value::String(name)) = entry.get("name") else {
        return structure("Parameter", entry, at).map(|s| quote!(#s));
    };
    let name = string(name);
    let mut calls = Vec::new();
    for (key, value) in entry {
        let call = match (key.as_str(), value) {
            ("name", _) => continue,
            ("value", Value::String(v)) => {
                let (v, _) = value_tokens(v, handles);
                quote!(.value(#v))
            }
            ("default", Value::String(v)) => {
                let v = string(v);
                quote!(.default_value(#v))
            }
            ("description", Value::String(v)) => {
                let v = string(v);
                quote!(.description(#v))
            }
            ("globalName", Value::String(v)) => {
                let v = string(v);
                quote!(.global_name(#v))
            }
            ("enum", Value::Array(values)) if values.iter().all(Value::is_string) => {
                let values = values.iter().map(|v| string(v.as_str().unwrap_or_default()));
                quote!(.enum_values([#(#values),*]))
            }
            ("valueFrom", Value::Object(from)) if from.len() == 1 => match from.iter().next() {
                Some((k, Value::String(v)))
                    if ["path", "expression", "parameter", "default"].contains(&k.as_str()) =>
                {
                    let method = ident(&format!("value_from_{k}"));
                    let v = string(v);
                    quote!(.#method(#v))
                }
                Some((k, Value::Object(o))) if k == "supplied" && o.is_empty() => {
                    quote!(.value_from_supplied())
                }
                _ => return structure("Parameter", entry, at),
            },
            _ => return structure("Parameter", entry, at),
        };
        calls.push(call);
    }
    if calls.is_empty() { Ok(name) } else { Ok(quote!(Parameter::new(#name) #(#calls)*)) }
}

/// An artifact: `Artifact::new(..)` with methods, or a model value.
pub(crate) fn artifact(
    entry: &Map<String, Value>,
    handles: &Handles,
    at: &Where,
) -> Result<TokenStream, GenerateError> {
    let whole = || structure("Artifact", entry, at);
    let Some(Value::String(name)) = entry.get("name") else {
        return whole();
    };
    let name = string(name);
    let mut calls = Vec::new();
    for (key, value) in entry {
        let call = match (key.as_str(), value) {
            ("name", _) => continue,
            ("path", Value::String(v)) => {
                let v = string(v);
                quote!(.path(#v))
            }
            ("from", Value::String(v)) => {
                let (v, _) = value_tokens(v, handles);
                quote!(.from_reference(#v))
            }
            ("fromExpression", Value::String(v)) => {
                let v = string(v);
                quote!(.from_expression(#v))
            }
            ("globalName", Value::String(v)) => {
                let v = string(v);
                quote!(.global_name(#v))
            }
            ("optional", Value::Bool(b)) => quote!(.optional(#b)),
            ("mode", Value::Number(n)) if n.is_i64() => {
                let n = proc_macro2::Literal::i64_unsuffixed(n.as_i64().unwrap_or_default());
                quote!(.mode(#n))
            }
            _ => return whole(),
        };
        calls.push(call);
    }
    Ok(quote!(Artifact::new(#name) #(#calls)*))
}

fn value_tokens(text: &str, handles: &Handles) -> (TokenStream, Vec<String>) {
    value(text, handles, Context::Arg)
}
