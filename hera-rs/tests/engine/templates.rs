//! `data` templates run here against the local artifact repository;
//! `http` templates make their request (with the `server` feature).

use super::run;
use hera::run::{NodeType, Outcome, Phase};

#[test]
fn argos_data_transformations_example_lists_the_local_repository() {
    let Some(dir) = std::env::var_os("HERA_REFERENCE_DIR").map(std::path::PathBuf::from) else {
        eprintln!("HERA_REFERENCE_DIR not set: not run");
        return;
    };
    let yaml = std::fs::read_to_string(dir.join("argo/examples/data-transformations.yaml")).unwrap();
    let work = tempfile::tempdir().unwrap();
    for file in ["2024/a-main.log", "2024/b-other.log", "c-main.log"] {
        let path = work.path().join("artifacts").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, file).unwrap();
    }
    let report = run(&yaml, |r| r.directory(work.path()).mock("process-logs", Outcome::succeeded()));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    let list = report.node("list-log-files").unwrap();
    assert_eq!(list.node_type, NodeType::Pod);
    assert_eq!(list.outputs.as_ref().unwrap().result.as_deref(), Some(r#"["2024/a-main.log","c-main.log"]"#));
    // One step per listed key, reading it from the repository.
    let first = report.node("process-logs(0:2024/a-main.log)").unwrap();
    assert_eq!(first.phase, Phase::Succeeded);
    assert!(report.node("process-logs(1:c-main.log)").is_some());
    assert!(report.node("process-logs(2:2024/b-other.log)").is_none());
}

#[test]
fn a_data_step_that_fails_fails_its_node() {
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: list
  templates:
  - name: list
    data:
      source: {artifactPaths: {name: x, s3: {key: nothing-here}}}
      transformation: [{expression: "data[0]"}]
"#;
    let report = run(yaml, |r| r);
    let node = report.node("wf").unwrap();
    assert_eq!(node.phase, Phase::Failed);
    assert!(
        node.message.starts_with(
            "unable to process data template: unable to process data transformation: error processing data step 0:"
        ),
        "{}",
        node.message
    );
}

#[cfg(feature = "server")]
mod http {
    use super::*;
    use std::io::{BufRead, BufReader, Write};

    /// A server on a free port of 127.0.0.1 answering by path: `/ok` with
    /// 200 and a JSON body, `/broken` with 500. Answers until the test ends.
    fn serve() -> u16 {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                let _ = reader.read_line(&mut line);
                let mut header = String::new();
                let mut token = false;
                while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                    token |= header.to_ascii_lowercase().starts_with("x-token: s3cret");
                    header.clear();
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let (status, body) = match path.as_str() {
                    "/ok" if token => ("200 OK", r#"{"status":"ok","rows":3}"#),
                    "/ok" => ("401 Unauthorized", "no token"),
                    _ => ("500 Internal Server Error", "broken"),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        port
    }

    fn workflow(url: &str, condition: &str) -> String {
        format!(
            r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {{name: wf}}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {{name: call, template: call}}
    - - {{name: after, template: echo, arguments: {{parameters: [{{name: m, value: "{{{{steps.call.outputs.result}}}}"}}]}}}}
  - name: call
    http:
      url: "{url}"
      headers: [{{name: X-Token, value: s3cret}}]
      {condition}
  - name: echo
    inputs: {{parameters: [{{name: m}}]}}
    container: {{image: alpine, command: [echo, "{{{{inputs.parameters.m}}}}"]}}
"#
        )
    }

    #[test]
    fn an_http_template_makes_its_request_and_checks_its_success_condition() {
        let port = serve();
        let condition = r#"successCondition: 'response.statusCode == 200 && response.headers["Content-Type"][0] == "application/json" && fromJSON(response.body).rows == 3'"#;
        let yaml = workflow(&format!("http://127.0.0.1:{port}/ok"), condition);
        let report = run(&yaml, |r| r.mock("echo", Outcome::succeeded()));
        assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
        let call = report.node("call").unwrap();
        assert_eq!(call.node_type, NodeType::Http);
        assert_eq!(call.outputs.as_ref().unwrap().result.as_deref(), Some(r#"{"status":"ok","rows":3}"#));
        // The body is the step's result for the next group.
        let after = report.node("after").unwrap();
        let m = after.inputs.as_ref().unwrap().parameters.as_ref().unwrap()[0].value.clone();
        assert_eq!(m.as_deref(), Some(r#"{"status":"ok","rows":3}"#));
    }

    #[test]
    fn a_false_success_condition_or_a_bad_status_fails_the_node() {
        let port = serve();
        let yaml = workflow(
            &format!("http://127.0.0.1:{port}/ok"),
            "successCondition: 'response.statusCode == 201'",
        );
        let report = run(&yaml, |r| r.mock("echo", Outcome::succeeded()));
        let call = report.node("call").unwrap();
        assert_eq!(
            (call.phase, call.message.as_str()),
            (Phase::Failed, "successCondition 'response.statusCode == 201' evaluated false")
        );
        assert_eq!(report.phase(), Phase::Failed);
        // Without a successCondition, a status that is not 2xx fails.
        let yaml = workflow(&format!("http://127.0.0.1:{port}/broken"), "");
        let report = run(&yaml, |r| r.mock("echo", Outcome::succeeded()));
        let call = report.node("call").unwrap();
        assert_eq!(
            (call.phase, call.message.as_str()),
            (Phase::Failed, "received non-2xx response code: 500")
        );
        assert_eq!(call.outputs.as_ref().unwrap().result.as_deref(), Some("broken"));
    }

    #[test]
    fn an_unreachable_server_fails_the_node_and_a_mock_replaces_the_request() {
        // A port nothing listens on: bound, then closed.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let yaml = workflow(&format!("http://127.0.0.1:{port}/ok"), "");
        let report = run(&yaml, |r| r.mock("echo", Outcome::succeeded()));
        let call = report.node("call").unwrap();
        assert_eq!(call.phase, Phase::Failed);
        assert!(
            call.message.starts_with(&format!("GET \"http://127.0.0.1:{port}/ok\": ")),
            "{}",
            call.message
        );
        let report = run(&yaml, |r| {
            r.mock("echo", Outcome::succeeded()).mock("call", Outcome::succeeded().result("mocked"))
        });
        let call = report.node("call").unwrap();
        assert_eq!((call.phase, call.node_type), (Phase::Succeeded, NodeType::Http));
        assert_eq!(call.outputs.as_ref().unwrap().result.as_deref(), Some("mocked"));
    }
}

#[cfg(not(feature = "server"))]
#[test]
fn without_an_http_client_an_http_template_says_to_mock_it() {
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: call
  templates:
  - name: call
    http: {url: "http://127.0.0.1:1/"}
"#;
    let report = run(yaml, |r| r);
    let node = report.node("wf").unwrap();
    assert_eq!(node.phase, Phase::Error);
    assert!(node.message.contains("--mock call="), "{}", node.message);
}

#[test]
fn a_tag_an_argument_brings_into_a_tag_free_template_is_substituted() {
    // `print` has no tag of its own, but the value its input receives
    // (an output that reads `{{workflow.name}}`) does: Argo substitutes the
    // processed template, inputs included (ProcessArgs, then SubstituteParams).
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: make, template: make}
    - - name: print
        template: print
        arguments: {parameters: [{name: x, value: "{{steps.make.outputs.result}}"}]}
  - name: make
    container: {image: alpine, command: ["true"]}
  - name: print
    inputs: {parameters: [{name: x}]}
    container: {image: alpine, command: ["true"]}
"#;
    let report = run(yaml, |r| {
        r.mock("make", Outcome::succeeded().result("{{workflow.name}}")).mock("print", Outcome::succeeded())
    });
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    let inputs = report.node("print").unwrap().inputs.as_ref().expect("inputs");
    let x = &inputs.parameters.as_ref().unwrap()[0];
    assert_eq!(x.value.as_deref(), Some("wf"));
}

#[test]
fn later_groups_and_the_outputs_read_groups_settled_passes_before() {
    // A pass starts at the first group not yet settled; the groups before
    // it still give their results (a single step's, a loop's aggregate, a
    // status) to the steps after them and to the template's outputs.
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: a, template: make}
    - - {name: each, template: make, withItems: [x, y]}
    - - {name: b, template: make}
    - - name: c
        template: print
        arguments:
          parameters:
          - {name: x, value: "{{steps.a.outputs.result}}/{{steps.each.outputs.result}}/{{steps.b.status}}"}
    outputs:
      parameters:
      - name: first
        valueFrom: {parameter: "{{steps.a.outputs.result}}"}
  - name: make
    container: {image: alpine, command: ["true"]}
  - name: print
    inputs: {parameters: [{name: x}]}
    container: {image: alpine, command: ["true"]}
"#;
    // Each result is JSON, as a loop's aggregate needs (Argo unmarshals
    // each); each pod runs a while, so each group ends on a pass of its own.
    let report = run(yaml, |r| {
        r.mock("make", Outcome::succeeded().result("7").duration("10s")).mock("print", Outcome::succeeded())
    });
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    let inputs = report.node("c").unwrap().inputs.as_ref().expect("inputs");
    assert_eq!(inputs.parameters.as_ref().unwrap()[0].value.as_deref(), Some("7/[7,7]/Succeeded"));
    let outputs = report.node("wf").unwrap().outputs.as_ref().expect("outputs");
    assert_eq!(outputs.parameters.as_ref().unwrap()[0].value.as_deref(), Some("7"));
}
