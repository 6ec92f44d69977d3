//! A fake Argo Server: a small HTTP/1.1 server on 127.0.0.1 that keeps
//! workflows, templates and cron workflows in memory with resourceVersions,
//! answers 404, 409 on a stale update and 401 without the right token,
//! streams watch events (Pending → Running → Succeeded, or Failed for a
//! workflow whose name contains `fail`) and logs, and validates every
//! request body against swagger.json's schema for the endpoint (with every
//! object closed to unknown fields, so a wrong field name fails).
//! It stops when dropped.

use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// What the fake has been asked and keeps.
#[derive(Default)]
pub struct State {
    /// (collection, namespace, name) → object.
    pub objects: BTreeMap<(String, String, String), Value>,
    /// Every request: `METHOD path`.
    pub requests: Vec<String>,
    /// Bodies that did not match swagger: `METHOD path: error`.
    pub invalid: Vec<String>,
    /// Every Authorization header received.
    pub authorizations: Vec<String>,
    next_version: u64,
    /// How many watch connections were opened.
    pub watches: usize,
    /// The query of every log request.
    pub log_queries: Vec<BTreeMap<String, String>>,
}

/// How the fake behaves.
#[derive(Clone, Default)]
pub struct Behaviour {
    /// The token required (`Bearer` + this), if any.
    pub token: Option<String>,
    /// Cut the first watch stream after the Running event (no EOF message).
    pub cut_watch: bool,
    /// End the first watch stream with `{"error": {"message": "EOF"}}` after Running.
    pub eof_watch: bool,
    /// Never finish workflows (Running forever).
    pub never_finish: bool,
    /// Accept connections and never answer.
    pub silent: bool,
    /// Stream this many extra 1 KiB log lines (for the memory benchmark).
    pub log_lines: usize,
    /// Answer every request 200 with a body that is not JSON (a proxy's page).
    pub garbage: bool,
    /// Serve under this path prefix only (an ingress's `ARGO_BASE_HREF`).
    pub base_href: Option<String>,
}

/// A running fake; stops when dropped.
pub struct Fake {
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// What it keeps.
    pub state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
}

impl Fake {
    /// Starts a fake on a free port.
    pub fn start(behaviour: Behaviour) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (state2, stop2) = (state.clone(), stop.clone());
        let swagger = Arc::new(Swagger::load());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (state, behaviour, swagger) = (state2.clone(), behaviour.clone(), swagger.clone());
                std::thread::spawn(move || {
                    if behaviour.silent {
                        std::thread::sleep(std::time::Duration::from_secs(5));
                        return;
                    }
                    let _ = serve(stream, &state, &behaviour, &swagger);
                });
            }
        });
        Fake { port, state, stop }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The requests made so far.
    pub fn requests(&self) -> Vec<String> {
        self.state.lock().unwrap().requests.clone()
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

struct Request {
    method: String,
    path: String,
    query: BTreeMap<String, String>,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = BTreeMap::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (k, v) = header.split_once(':')?;
        headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
    }
    let length: usize = headers.get("content-length").and_then(|l| l.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    Some(Request { method, path: path.to_owned(), query, headers, body })
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn respond(mut stream: &TcpStream, status: u16, body: &Value) -> std::io::Result<()> {
    let text = body.to_string();
    write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    )?;
    stream.flush()
}

fn error(stream: &TcpStream, status: u16, code: u16, message: &str) -> std::io::Result<()> {
    respond(stream, status, &json!({"code": code, "message": message}))
}

fn serve(
    stream: TcpStream,
    state: &Mutex<State>,
    behaviour: &Behaviour,
    swagger: &Swagger,
) -> std::io::Result<()> {
    let Some(mut request) = read_request(&stream) else {
        // What Go's net/http answers to bytes that are not HTTP (a TLS hello).
        let mut stream = &stream;
        write!(stream, "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n400 Bad Request")?;
        return stream.flush();
    };
    let authorization = request.headers.get("authorization").cloned().unwrap_or_default();
    {
        let mut state = state.lock().unwrap();
        state.requests.push(format!("{} {}", request.method, request.path));
        state.authorizations.push(authorization.clone());
    }
    // Behind an ingress at a path prefix: only paths under it are served.
    if let Some(prefix) = &behaviour.base_href {
        match request.path.strip_prefix(prefix.trim_end_matches('/')) {
            Some(rest) if rest.starts_with('/') => request.path = rest.to_owned(),
            _ => return error(&stream, 404, 5, "not under the base href"),
        }
    }
    if let Some(token) = &behaviour.token
        && authorization != format!("Bearer {token}")
    {
        return error(
            &stream,
            401,
            16,
            "token not valid. see https://argo-workflows.readthedocs.io/en/latest/faq/",
        );
    }
    if behaviour.garbage {
        let mut stream = &stream;
        let page = "<html>sign in</html>";
        write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
            page.len()
        )?;
        return stream.flush();
    }
    let body: Value = if request.body.is_empty() {
        Value::Null
    } else {
        match serde_json::from_slice(&request.body) {
            Ok(body) => body,
            Err(e) => return error(&stream, 400, 3, &format!("body is not JSON: {e}")),
        }
    };
    if let Err(message) = swagger.check(&request.method, &request.path, &body) {
        state.lock().unwrap().invalid.push(format!("{} {}: {message}", request.method, request.path));
        return error(&stream, 400, 3, &format!("fake: body does not match swagger: {message}"));
    }
    let segments: Vec<&str> = request.path.trim_start_matches('/').split('/').collect();
    match (request.method.as_str(), segments.as_slice()) {
        ("GET", ["api", "v1", "info"]) => respond(&stream, 200, &json!({"managedNamespace": "argo"})),
        ("GET", ["api", "v1", "version"]) => respond(&stream, 200, &json!({"version": "v4.1.2"})),
        ("GET", ["api", "v1", "workflow-events", namespace]) => {
            watch(stream, state, behaviour, namespace, &request)
        }
        ("GET", ["api", "v1", "workflows", namespace, name, "log"]) => {
            state.lock().unwrap().log_queries.push(request.query.clone());
            logs(stream, state, behaviour, namespace, name)
        }
        ("POST", ["api", "v1", "workflows", namespace, "submit"]) => {
            submit(&stream, state, behaviour, namespace, &body)
        }
        ("PUT", ["api", "v1", "workflows", namespace, name, action]) => {
            let key = ("workflows".to_owned(), namespace.to_string(), name.to_string());
            let found = state.lock().unwrap().objects.get(&key).cloned();
            match found {
                Some(workflow) => {
                    let _ = action;
                    respond(&stream, 200, &workflow)
                }
                None => error(&stream, 404, 5, &format!("workflows.argoproj.io \"{name}\" not found")),
            }
        }
        (method, ["api", "v1", collection, rest @ ..]) => {
            let cluster = *collection == "cluster-workflow-templates";
            let (namespace, tail) = if cluster {
                ("", rest)
            } else if let [ns, tail @ ..] = rest {
                (*ns, tail)
            } else {
                ("", rest)
            };
            crud(&stream, state, behaviour, method, collection, namespace, tail, &body)
        }
        _ => error(&stream, 404, 5, "no such endpoint"),
    }
}

fn field(collection: &str) -> &'static str {
    match collection {
        "workflows" => "workflow",
        "cron-workflows" => "cronWorkflow",
        _ => "template",
    }
}

#[allow(clippy::too_many_arguments)]
fn crud(
    stream: &TcpStream,
    state: &Mutex<State>,
    behaviour: &Behaviour,
    method: &str,
    collection: &str,
    namespace: &str,
    tail: &[&str],
    body: &Value,
) -> std::io::Result<()> {
    let mut state = state.lock().unwrap();
    let key = |name: &str| (collection.to_owned(), namespace.to_owned(), name.to_owned());
    match (method, tail) {
        ("GET", []) => {
            let items: Vec<Value> = state
                .objects
                .iter()
                .filter(|((c, n, _), _)| c == collection && n == namespace)
                .map(|(_, v)| v.clone())
                .collect();
            let items = if items.is_empty() { Value::Null } else { Value::Array(items) };
            respond(stream, 200, &json!({"metadata": {"resourceVersion": "1"}, "items": items}))
        }
        ("POST", ["lint"]) => respond(stream, 200, &body[field(collection)]),
        ("POST", []) => {
            let mut object = body[field(collection)].clone();
            let name = match object["metadata"]["name"].as_str() {
                Some(name) => name.to_owned(),
                None => match object["metadata"]["generateName"].as_str() {
                    Some(prefix) => format!("{prefix}{:05}", state.next_version + 1),
                    None => return error(stream, 400, 3, "metadata.name or generateName is required"),
                },
            };
            if state.objects.contains_key(&key(&name)) {
                return error(stream, 409, 6, &format!("{collection} \"{name}\" already exists"));
            }
            state.next_version += 1;
            object["metadata"]["name"] = json!(name);
            object["metadata"]["namespace"] = json!(namespace);
            object["metadata"]["resourceVersion"] = json!(state.next_version.to_string());
            object["metadata"]["uid"] = json!(format!("uid-{name}"));
            object["metadata"]["creationTimestamp"] = json!("2026-01-01T00:00:00Z");
            object["metadata"]["labels"]["workflows.argoproj.io/creator"] = json!("system-serviceaccount");
            if collection == "workflows" {
                let _ = behaviour;
                object["status"] = json!({});
            }
            // Like the real server, single objects come back without apiVersion and kind.
            if let Value::Object(map) = &mut object {
                map.remove("apiVersion");
                map.remove("kind");
            }
            state.objects.insert(key(&name), object.clone());
            respond(stream, 200, &object)
        }
        ("GET", [name]) => match state.objects.get(&key(name)) {
            Some(object) => respond(stream, 200, object),
            None => error(stream, 404, 5, &format!("{collection}.argoproj.io \"{name}\" not found")),
        },
        ("DELETE", [name]) => match state.objects.remove(&key(name)) {
            Some(_) => respond(stream, 200, &json!({})),
            None => error(stream, 404, 5, &format!("{collection}.argoproj.io \"{name}\" not found")),
        },
        ("PUT", [name]) => {
            let Some(live) = state.objects.get(&key(name)) else {
                return error(stream, 404, 5, &format!("{collection}.argoproj.io \"{name}\" not found"));
            };
            let mut object = body[field(collection)].clone();
            if object["metadata"]["resourceVersion"] != live["metadata"]["resourceVersion"] {
                return error(
                    stream,
                    409,
                    10,
                    &format!(
                        "Operation cannot be fulfilled on {collection} \"{name}\": the object has been modified"
                    ),
                );
            }
            state.next_version += 1;
            object["metadata"]["resourceVersion"] = json!(state.next_version.to_string());
            object["metadata"]["namespace"] = json!(namespace);
            state.objects.insert(key(name), object.clone());
            respond(stream, 200, &object)
        }
        _ => error(stream, 404, 5, "no such endpoint"),
    }
}

fn submit(
    stream: &TcpStream,
    state: &Mutex<State>,
    _b: &Behaviour,
    namespace: &str,
    body: &Value,
) -> std::io::Result<()> {
    let kind = body["resourceKind"].as_str().unwrap_or("");
    let name = body["resourceName"].as_str().unwrap_or("");
    let collection = match kind {
        "WorkflowTemplate" | "workflowtemplate" => "workflow-templates",
        "ClusterWorkflowTemplate" => "cluster-workflow-templates",
        "CronWorkflow" => "cron-workflows",
        _ => {
            return error(stream, 400, 3, &format!("resource kind '{kind}' is not supported for submitting"));
        }
    };
    let ns = if collection == "cluster-workflow-templates" { "" } else { namespace };
    let mut state = state.lock().unwrap();
    if !state.objects.contains_key(&(collection.to_owned(), ns.to_owned(), name.to_owned())) {
        return error(stream, 404, 5, &format!("{collection}.argoproj.io \"{name}\" not found"));
    }
    state.next_version += 1;
    let prefix =
        body["submitOptions"]["generateName"].as_str().map(str::to_owned).unwrap_or(format!("{name}-"));
    let workflow_name = format!("{prefix}{:05}", state.next_version);
    let workflow = json!({
        "metadata": {"name": workflow_name, "namespace": namespace, "resourceVersion": state.next_version.to_string()},
        "spec": {"workflowTemplateRef": {"name": name}, "arguments": {"parameters": body["submitOptions"]["parameters"].as_array().map(|p| p.iter().map(|p| {
            let (n, v) = p.as_str().unwrap_or("").split_once('=').unwrap_or(("", ""));
            json!({"name": n, "value": v})
        }).collect::<Vec<_>>()).unwrap_or_default()}},
        "status": {}
    });
    state.objects.insert(("workflows".into(), namespace.into(), workflow_name), workflow.clone());
    respond(stream, 200, &workflow)
}

fn sse_start(mut stream: &TcpStream) -> std::io::Result<()> {
    write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n")?;
    stream.flush()
}

fn sse(mut stream: &TcpStream, message: &Value) -> std::io::Result<()> {
    write!(stream, "data: {message}\n\n")?;
    stream.flush()
}

/// Walks the workflow Pending → Running → Succeeded (Failed when its name
/// contains `fail`), resuming after the resourceVersion asked for.
fn watch(
    stream: TcpStream,
    state: &Mutex<State>,
    behaviour: &Behaviour,
    namespace: &str,
    request: &Request,
) -> std::io::Result<()> {
    let selector = request.query.get("listOptions.fieldSelector").cloned().unwrap_or_default();
    let name = selector.strip_prefix("metadata.name=").unwrap_or("").to_owned();
    let from: u64 =
        request.query.get("listOptions.resourceVersion").and_then(|v| v.parse().ok()).unwrap_or(0);
    let (workflow, first) = {
        let mut state = state.lock().unwrap();
        state.watches += 1;
        let key = ("workflows".to_owned(), namespace.to_owned(), name.clone());
        (state.objects.get(&key).cloned(), state.watches == 1)
    };
    let Some(mut workflow) = workflow else {
        return error(&stream, 404, 5, &format!("workflows.argoproj.io \"{name}\" not found"));
    };
    sse_start(&stream)?;
    let last = if name.contains("fail") { "Failed" } else { "Succeeded" };
    let phases: &[&str] =
        if behaviour.never_finish { &["Pending", "Running"] } else { &["Pending", "Running", last] };
    for (i, phase) in phases.iter().enumerate() {
        let version = 1000 + i as u64;
        if version <= from {
            continue;
        }
        workflow["metadata"]["resourceVersion"] = json!(version.to_string());
        let node_phase = if *phase == "Pending" { "Pending" } else { phase };
        workflow["status"] = json!({
            "phase": phase,
            "startedAt": "2026-01-01T00:00:00Z",
            "nodes": {format!("{name}-1"): {"id": format!("{name}-1"), "name": format!("{name}.main"), "displayName": "main", "type": "Pod", "phase": node_phase,
                "message": if *phase == "Failed" { "Error (exit code 1)" } else { "" }}}
        });
        // Two more pods, of template `echo`, whose logs the log stream has.
        for node in ["a", "b"] {
            workflow["status"]["nodes"][format!("{name}-{node}")] = json!({"id": format!("{name}-{node}"),
                "name": format!("{name}.{node}"), "displayName": node, "type": "Pod", "phase": node_phase,
                "templateName": "echo", "startedAt": "2026-01-01T00:00:00Z"});
        }
        // The server keeps what it sends (`get` answers the last state).
        {
            let mut state = state.lock().unwrap();
            let key = ("workflows".to_owned(), namespace.to_owned(), name.clone());
            if let Some(stored) = state.objects.get_mut(&key) {
                stored["status"] = workflow["status"].clone();
            }
        }
        if matches!(*phase, "Succeeded" | "Failed") {
            workflow["status"]["finishedAt"] = json!("2026-01-01T00:00:05Z");
            if *phase == "Failed" {
                workflow["status"]["message"] = json!("child 'main' failed");
            }
        }
        sse(
            &stream,
            &json!({"result": {"type": if i == 0 { "ADDED" } else { "MODIFIED" }, "object": workflow}}),
        )?;
        if *phase == "Running" && first {
            if behaviour.cut_watch {
                return stream.shutdown(Shutdown::Both);
            }
            if behaviour.eof_watch {
                sse(
                    &stream,
                    &json!({"error": {"grpcCode": 2, "httpCode": 500, "message": "EOF", "httpStatus": "Internal Server Error"}}),
                )?;
                return stream.shutdown(Shutdown::Both);
            }
        }
    }
    if behaviour.never_finish {
        std::thread::sleep(std::time::Duration::from_secs(3));
    }
    stream.shutdown(Shutdown::Both)
}

fn logs(
    stream: TcpStream,
    state: &Mutex<State>,
    behaviour: &Behaviour,
    namespace: &str,
    name: &str,
) -> std::io::Result<()> {
    let key = ("workflows".to_owned(), namespace.to_owned(), name.to_owned());
    if !state.lock().unwrap().objects.contains_key(&key) {
        return error(&stream, 404, 5, &format!("workflows.argoproj.io \"{name}\" not found"));
    }
    sse_start(&stream)?;
    for line in ["hello", "from the fake"] {
        sse(&stream, &json!({"result": {"podName": format!("{name}-main-1"), "content": line}}))?;
    }
    // The pods of nodes `a` and `b`, named as Argo names them (pod names v2:
    // `<workflow>-<template>-<fnv32a(node name)>`).
    for node in ["a", "b"] {
        let pod = format!("{name}-echo-{}", fnv32a(&format!("{name}.{node}")));
        sse(&stream, &json!({"result": {"podName": pod, "content": format!("I am {node}")}}))?;
    }
    let big = "x".repeat(1000);
    let mut writer = std::io::BufWriter::new(&stream);
    for i in 0..behaviour.log_lines {
        let message =
            json!({"result": {"podName": format!("{name}-main-1"), "content": format!("{i} {big}")}});
        write!(writer, "data: {message}\n\n")?;
    }
    writer.flush()?;
    drop(writer);
    stream.shutdown(Shutdown::Both)
}

/// FNV-1a, 32 bits (Argo's pod name hash), written again here so the test
/// does not trust the code it checks.
fn fnv32a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash: u32, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

/// swagger.json's request schemas, closed to unknown fields.
pub struct Swagger {
    root: Option<Value>,
    paths: Vec<(String, Vec<String>)>,
    validators: Mutex<BTreeMap<String, Arc<jsonschema::Validator>>>,
}

impl Swagger {
    /// Reads swagger from `$HERA_REFERENCE_DIR/argo/swagger.json` (or
    /// `../shared/reference`); without it, bodies are not checked.
    pub fn load() -> Swagger {
        let dir = std::env::var_os("HERA_REFERENCE_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference"));
        let path = dir.join("argo/swagger.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            if std::env::var_os("HERA_REFERENCE_DIR").is_some() {
                panic!("{} is missing", path.display());
            }
            eprintln!("swagger.json not found; request bodies are not checked");
            return Swagger { root: None, paths: Vec::new(), validators: Default::default() };
        };
        let mut root: Value = serde_json::from_str(&text).unwrap();
        if let Some(Value::Object(definitions)) = root.get_mut("definitions") {
            for definition in definitions.values_mut() {
                if definition.get("properties").is_some() && definition.get("additionalProperties").is_none()
                {
                    definition["additionalProperties"] = json!(false);
                }
            }
        }
        let paths = root["paths"]
            .as_object()
            .unwrap()
            .keys()
            .map(|p| (p.clone(), p.trim_start_matches('/').split('/').map(str::to_owned).collect()))
            .collect();
        Swagger { root: Some(root), paths, validators: Default::default() }
    }

    /// Checks `body` against the body schema of `method path`.
    pub fn check(&self, method: &str, path: &str, body: &Value) -> Result<(), String> {
        let Some(root) = &self.root else { return Ok(()) };
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let best = self
            .paths
            .iter()
            .filter(|(_, pattern)| {
                pattern.len() == segments.len()
                    && pattern.iter().zip(&segments).all(|(p, s)| p.starts_with('{') || p == s)
            })
            .max_by_key(|(_, pattern)| pattern.iter().filter(|p| !p.starts_with('{')).count());
        let Some((template, _)) = best else { return Err(format!("no such path in swagger: {path}")) };
        let Some(operation) = root["paths"][template].get(method.to_ascii_lowercase()) else {
            return Err(format!("swagger has no {method} {template}"));
        };
        let schema = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["in"] == "body")
            .map(|p| p["schema"].clone());
        let Some(schema) = schema else {
            return if body.is_null() { Ok(()) } else { Err(format!("{method} {template} takes no body")) };
        };
        let reference = schema["$ref"].as_str().unwrap_or("").to_owned();
        let cached = self.validators.lock().unwrap().get(&reference).cloned();
        let validator = match cached {
            Some(validator) => validator,
            None => {
                let document = json!({"$ref": reference, "definitions": root["definitions"]});
                let validator = Arc::new(jsonschema::draft4::new(&document).map_err(|e| e.to_string())?);
                self.validators.lock().unwrap().insert(reference, validator.clone());
                validator
            }
        };
        let errors: Vec<String> =
            validator.iter_errors(body).map(|e| format!("{}: {e}", e.instance_path())).take(3).collect();
        if errors.is_empty() { Ok(()) } else { Err(errors.join("; ")) }
    }
}
