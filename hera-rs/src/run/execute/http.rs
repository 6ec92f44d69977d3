//! `http` templates: the request is made from this machine, as Argo's agent
//! makes it (`executeHTTPTemplate`): the body becomes `outputs.result`; the
//! node succeeds on a 2xx status, or when `successCondition` (expr, over
//! `request` and `response`) holds. Needs the `server` feature (ureq).

use super::{Executor, Finished, Job};
use crate::run::Phase;
use crate::syntax::expr::{Env, Value};
use std::collections::BTreeMap;

/// Makes `http` templates' requests.
#[derive(Clone, Debug, Default)]
pub struct HttpExecutor;

impl Executor for HttpExecutor {
    fn run(&self, job: &Job) -> Finished {
        let Some(http) = &job.template.http else {
            return Finished::error("http", format!("template '{}' is not an http template", job.node_name));
        };
        match request(http) {
            Ok(finished) => finished,
            // processTask: an error fails the node with its text.
            Err(message) => Finished {
                phase: Some(Phase::Failed),
                message,
                executor: "http".into(),
                ..Finished::default()
            },
        }
    }
}

fn request(http: &crate::model::Http) -> Result<Finished, String> {
    let method = http.method.clone().filter(|m| !m.is_empty()).unwrap_or_else(|| "GET".into());
    let mut builder = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .allow_non_standard_methods(true)
        .tls_config(
            ureq::tls::TlsConfig::builder()
                .disable_verification(http.insecure_skip_verify == Some(true))
                .build(),
        );
    if let Some(seconds) = http.timeout_seconds {
        builder = builder.timeout_global(Some(std::time::Duration::from_secs(seconds.max(0) as u64)));
    }
    let agent: ureq::Agent = builder.build().new_agent();
    let body: Vec<u8> = match &http.body_from {
        // `[]byte` in the object: base64.
        Some(from) => match &from.bytes {
            Some(text) => crate::syntax::expr::builtins::base64_decode(text)
                .ok_or_else(|| "bodyFrom.bytes is not base64".to_owned())?,
            None => Vec::new(),
        },
        None => http.body.clone().unwrap_or_default().into_bytes(),
    };
    let mut request = ureq::http::Request::builder().method(method.as_str()).uri(&http.url);
    let mut sent_headers: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for header in http.headers.iter().flatten() {
        if header.value_from.as_ref().is_some_and(|v| v.secret_key_ref.is_some()) {
            return Err(format!(
                "header '{}' comes from a Secret, which hera run cannot read: give it as a value or mock the template",
                header.name
            ));
        }
        let value = header.value.clone().unwrap_or_default();
        sent_headers.entry(canonical(&header.name)).or_default().push(Value::String(value.clone()));
        request = request.header(header.name.as_str(), value);
    }
    let request = request.body(body.clone()).map_err(|e| format!("{method} \"{}\": {e}", http.url))?;
    let mut response = agent.run(request).map_err(|e| format!("{method} \"{}\": {e}", http.url))?;
    let status = response.status().as_u16();
    let mut headers: BTreeMap<String, Value> = BTreeMap::new();
    for (name, value) in response.headers() {
        let entry = headers.entry(canonical(name.as_str())).or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(values) = entry {
            values.push(Value::String(String::from_utf8_lossy(value.as_bytes()).into_owned()));
        }
    }
    let text = response.body_mut().read_to_string().map_err(|e| format!("reading the response: {e}"))?;
    let (phase, message) = match http.success_condition.as_deref().filter(|c| !c.is_empty()) {
        None if (200..300).contains(&status) => (Phase::Succeeded, String::new()),
        None => (Phase::Failed, format!("received non-2xx response code: {status}")),
        Some(condition) => {
            let map = |entries: Vec<(&str, Value)>| {
                Value::Map(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            };
            let request = map(vec![
                ("method", Value::String(http.method.clone().unwrap_or_default())),
                ("url", Value::String(http.url.clone())),
                ("body", Value::String(http.body.clone().unwrap_or_default())),
                ("bodyBytes", Value::Array(body.iter().map(|b| Value::Int(i64::from(*b))).collect())),
                (
                    "headers",
                    Value::Map(sent_headers.into_iter().map(|(k, v)| (k, Value::Array(v))).collect()),
                ),
            ]);
            let response = map(vec![
                ("statusCode", Value::Int(i64::from(status))),
                ("body", Value::String(text.clone())),
                ("headers", Value::Map(headers)),
            ]);
            let env = Env::new([("request".to_owned(), request), ("response".to_owned(), response)].into());
            match crate::syntax::expr::eval_bool(condition, &env) {
                Ok(true) => (Phase::Succeeded, String::new()),
                Ok(false) => (Phase::Failed, format!("successCondition '{condition}' evaluated false")),
                Err(e) => return Err(e.to_string()),
            }
        }
    };
    Ok(Finished {
        phase: Some(phase),
        message,
        result: Some(text.clone()),
        log: text,
        executor: "http".into(),
        ..Finished::default()
    })
}

/// Go's `textproto.CanonicalMIMEHeaderKey`: `content-type` → `Content-Type`.
fn canonical(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}
