//! `hera::server` and the server commands against a fake Argo Server.

mod commands;
mod fake;
mod follow;
mod output;
mod secure;
mod tls;

use fake::{Behaviour, Fake};
use serde_json::json;
use std::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `hera ARGS` against `server` with only the given ARGO_* variables.
fn hera(server: Option<&str>, env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hera"));
    for name in [
        "ARGO_SERVER",
        "ARGO_TOKEN",
        "ARGO_NAMESPACE",
        "ARGO_BASE_HREF",
        "ARGO_SECURE",
        "ARGO_INSECURE_SKIP_VERIFY",
        "IMAGE_NAME",
    ] {
        command.env_remove(name);
    }
    if let Some(server) = server {
        command.env("ARGO_SERVER", server);
    }
    command.envs(env.iter().copied()).args(args);
    let output = command.output().unwrap();
    let run = Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn file(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

const WORKFLOW: &str = "apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: hello-
spec:
  entrypoint: main
  arguments:
    parameters:
    - name: who
      value: world
  templates:
  - name: main
    container:
      image: busybox
      command: [echo, hello]
";

fn template(name: &str, image: &str, version: Option<&str>) -> String {
    let labels =
        version.map(|v| format!("  labels:\n    app.kubernetes.io/version: {v}\n")).unwrap_or_default();
    format!(
        "apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: {name}
{labels}spec:
  entrypoint: main
  templates:
  - name: main
    container:
      image: {image}
"
    )
}

#[test]
fn submit_wait_succeeds_and_prints_argo_json() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let wf = file(dir.path(), "wf.yaml", WORKFLOW);
    let run = hera(Some(&fake.url()), &[], &["submit", &wf, "--wait", "-p", "who=rust", "-o", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("submitted as Workflow argo/hello-"), "{}", run.stderr);
    assert!(run.stderr.contains("Succeeded"), "{}", run.stderr);
    let printed: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(printed["kind"], "Workflow");
    assert_eq!(printed["status"]["phase"], "Succeeded");
    let state = fake.state.lock().unwrap();
    assert!(state.invalid.is_empty(), "{:?}", state.invalid);
    let stored = state.objects.values().next().unwrap();
    assert_eq!(stored["spec"]["arguments"]["parameters"][0], json!({"name": "who", "value": "rust"}));
}

#[test]
fn a_failed_workflow_exits_1_with_its_failed_nodes() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let wf = file(dir.path(), "wf.yaml", &WORKFLOW.replace("hello-", "fail-"));
    let run = hera(Some(&fake.url()), &[], &["submit", &wf, "--watch"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("Failed: child 'main' failed"), "{}", run.stderr);
    assert!(run.stderr.contains("main Failed: Error (exit code 1)"), "{}", run.stderr);
    assert!(run.stderr.contains("main Running"), "--watch prints node changes: {}", run.stderr);
}

#[test]
fn a_watch_cut_mid_way_or_ended_by_eof_reconnects() {
    for behaviour in [
        Behaviour { cut_watch: true, ..Default::default() },
        Behaviour { eof_watch: true, ..Default::default() },
    ] {
        let fake = Fake::start(behaviour);
        let dir = tempfile::tempdir().unwrap();
        let wf = file(dir.path(), "wf.yaml", WORKFLOW);
        let run = hera(Some(&fake.url()), &[], &["submit", &wf, "--wait"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let requests = fake.requests();
        let watches: Vec<_> = requests.iter().filter(|r| r.contains("workflow-events")).collect();
        assert_eq!(watches.len(), 2, "{requests:?}");
    }
}

#[test]
fn a_timed_out_wait_is_1_and_names_the_workflow() {
    let fake = Fake::start(Behaviour { never_finish: true, ..Default::default() });
    let dir = tempfile::tempdir().unwrap();
    let wf = file(dir.path(), "wf.yaml", WORKFLOW);
    let run = hera(Some(&fake.url()), &[], &["submit", &wf, "--wait", "--timeout", "0.3s"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("is still running after --timeout 0.3s"), "{}", run.stderr);
    assert!(run.stderr.contains("argo/hello-"), "{}", run.stderr);
}

#[test]
fn a_server_that_never_answers_times_out() {
    let fake = Fake::start(Behaviour { silent: true, ..Default::default() });
    let run = hera(Some(&fake.url()), &[], &["get", "x", "--request-timeout", "0.2"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("did not answer within"), "{}", run.stderr);
}

#[test]
fn submit_log_prefixes_each_line_with_its_node() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let wf = file(dir.path(), "wf.yaml", WORKFLOW);
    let run = hera(Some(&fake.url()), &[], &["submit", &wf, "--log"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The fake's pods of nodes `a` and `b` (template `echo`) are named as
    // Argo names them; their lines carry the node's name.
    assert!(run.stderr.contains("\na: I am a\n"), "{}", run.stderr);
    assert!(run.stderr.contains("\nb: I am b\n"), "{}", run.stderr);
    assert!(!run.stderr.contains("-echo-"), "no pod name for a known node: {}", run.stderr);
    // A pod no node names keeps its own name.
    assert!(run.stderr.contains("-main-1: hello\n"), "{}", run.stderr);
    assert!(fake.requests().iter().any(|r| r.ends_with("/log")));
    // `logs NAME` too, from the workflow's status on the server.
    let name =
        run.stderr.split("submitted as Workflow argo/").nth(1).unwrap().split_whitespace().next().unwrap();
    let logs = hera(Some(&fake.url()), &[], &["logs", name]);
    assert_eq!(logs.code, 0, "{}", logs.stderr);
    assert!(logs.stdout.contains("a: I am a\nb: I am b\n"), "{}", logs.stdout);
    assert!(logs.stdout.contains("-main-1: from the fake\n"), "{}", logs.stdout);
}

#[test]
fn watch_with_logs_draws_the_tree_when_asked_and_puts_the_logs_above_it() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let wf = file(dir.path(), "wf.yaml", WORKFLOW);
    let run = hera(Some(&fake.url()), &[], &["submit", &wf, "--watch", "--log", "--progress", "tree"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The tree, drawn in place (cursor up, clear) and without plain lines.
    assert!(run.stderr.contains("\x1b[?7lName:"), "{:?}", run.stderr);
    assert!(run.stderr.contains("\x1b[J"), "{:?}", run.stderr);
    assert!(run.stderr.contains("✔ a") && run.stderr.contains("✔ main"), "{}", run.stderr);
    assert!(!run.stderr.contains(" a Running"), "{}", run.stderr);
    // Each log line whole, prefixed with its node.
    assert!(run.stderr.contains("a: I am a\n"), "{:?}", run.stderr);
    assert!(run.stderr.contains("b: I am b\n"), "{:?}", run.stderr);
    // Lines, and nothing.
    let run = hera(Some(&fake.url()), &[], &["submit", &wf, "--watch", "--progress", "lines"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(" a Running\n") && !run.stderr.contains('\x1b'), "{}", run.stderr);
    let run = hera(Some(&fake.url()), &[], &["submit", &wf, "--watch", "--progress", "none"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains(" a Running") && !run.stderr.contains('\x1b'), "{}", run.stderr);
    assert!(run.stderr.contains("Succeeded"), "{}", run.stderr);
}

#[test]
fn version_prints_the_client_and_the_servers_when_one_is_configured() {
    let client = format!("client: hera-rs {}\n", env!("CARGO_PKG_VERSION"));
    let run = hera(None, &[], &["version"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, client.as_str()), "{}", run.stderr);
    let run = hera(None, &[], &["version", "-o", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let printed: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        printed,
        json!({"client": {"name": "hera-rs", "version": env!("CARGO_PKG_VERSION")}, "server": null})
    );
    let fake = Fake::start(Behaviour::default());
    let run = hera(Some(&fake.url()), &[], &["version"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, format!("{client}server: v4.1.2 ({})\n", fake.url()));
    let run = hera(Some(&fake.url()), &[], &["version", "-o", "json"]);
    let printed: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(printed["server"], json!({"version": "v4.1.2"}));
    assert!(fake.requests().iter().any(|r| r == "GET /api/v1/version"), "{:?}", fake.requests());
    // A server configured but not there: the client's version, then exit 2.
    let gone = format!("http://127.0.0.1:{}", free_port());
    let run = hera(Some(&gone), &[], &["version"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, client);
    assert!(run.stderr.contains("hera version: cannot reach the Argo Server"), "{}", run.stderr);
}

/// A port nothing listens on (bound, then freed).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn authentication_says_where_the_token_came_from_and_never_prints_it() {
    let fake = Fake::start(Behaviour { token: Some("s3cret".into()), ..Default::default() });
    let run = hera(Some(&fake.url()), &[("ARGO_TOKEN", "wr0ng-t0ken")], &["get", "x"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("the token from ARGO_TOKEN was refused"), "{}", run.stderr);
    assert!(!run.stderr.contains("wr0ng-t0ken") && !run.stdout.contains("wr0ng-t0ken"));
    let run = hera(Some(&fake.url()), &[], &["get", "x", "--token", "t0ken-fl4g"]);
    assert!(run.stderr.contains("the token from --token was refused"), "{}", run.stderr);
    assert!(!run.stderr.contains("t0ken-fl4g"));
    let run = hera(Some(&fake.url()), &[], &["get", "x"]);
    assert!(run.stderr.contains("no token was sent"), "{}", run.stderr);
    // The right one, with Bearer added.
    let run = hera(Some(&fake.url()), &[("ARGO_TOKEN", "s3cret")], &["get", "x"]);
    assert_eq!(run.code, 1, "404 now: {}", run.stderr);
    assert!(run.stderr.contains("Workflow argo/x not found"), "{}", run.stderr);
    assert!(fake.state.lock().unwrap().authorizations.contains(&"Bearer s3cret".to_owned()));
}

#[test]
fn a_missing_or_unreachable_server_is_2() {
    let run = hera(None, &[], &["workflows"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("ARGO_SERVER"), "{}", run.stderr);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let run = hera(Some(&format!("http://127.0.0.1:{port}")), &[], &["workflows"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot reach the Argo Server"), "{}", run.stderr);
    // https implied for host:port: TLS against a plain HTTP server fails as TLS.
    let fake = Fake::start(Behaviour::default());
    let run = hera(Some(&format!("127.0.0.1:{}", fake.port)), &[], &["workflows"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("TLS") || run.stderr.contains("cannot reach"), "{}", run.stderr);
}

#[test]
fn apply_creates_then_leaves_unchanged_then_refuses_a_changed_release() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.yaml", &template("a", "busybox", Some("1.0.0")));
    let b = file(dir.path(), "b.yaml", &template("b", "busybox", None));
    let run = hera(Some(&fake.url()), &[], &["apply", &a, &b]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("2 created"), "{}", run.stderr);
    let before = fake.requests().len();
    let run = hera(Some(&fake.url()), &[], &["apply", &a, &b]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("0 created, 0 updated, 2 unchanged"), "{}", run.stderr);
    assert_eq!(fake.requests()[before..], ["GET /api/v1/workflow-templates/argo".to_owned()]);
    // status: in sync.
    let run = hera(Some(&fake.url()), &[], &["status", &a, &b]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("WorkflowTemplate argo/a: in sync"), "{}", run.stdout);
    // A changed release is refused; an unversioned change is updated.
    file(dir.path(), "a.yaml", &template("a", "alpine", Some("1.0.0")));
    file(dir.path(), "b.yaml", &template("b", "alpine", None));
    let run = hera(Some(&fake.url()), &[], &["status", &a, &b]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("spec.templates[main].container.image: busybox → alpine"), "{}", run.stdout);
    let run = hera(Some(&fake.url()), &[], &["apply", &a, &b]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("release 1.0.0 is already on the server")
            && run.stderr.contains("bump the version"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("updated WorkflowTemplate argo/b"), "{}", run.stderr);
    let state = fake.state.lock().unwrap();
    assert!(state.invalid.is_empty(), "{:?}", state.invalid);
    let b = &state.objects[&("workflow-templates".into(), "argo".into(), "b".into())];
    assert_eq!(b["spec"]["templates"][0]["container"]["image"], "alpine");
}

#[test]
fn apply_refuses_with_image_name_set() {
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.yaml", &template("a", "busybox", None));
    let run = hera(Some("http://127.0.0.1:9"), &[("IMAGE_NAME", "x")], &["apply", &a]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("IMAGE_NAME"), "{}", run.stderr);
}

#[test]
fn update_reads_the_live_resource_version_and_a_stale_one_is_a_conflict() {
    use hera::model::WorkflowTemplate;
    use hera::server::{Client, Config, ServerError};
    let fake = Fake::start(Behaviour::default());
    let client = Client::new(Config::new(&fake.url()).unwrap()).unwrap();
    let wt: WorkflowTemplate = hera::yaml::from_str(&template("t", "busybox", None)).unwrap();
    client.create("argo", &wt).unwrap();
    let error = client.create("argo", &wt).unwrap_err();
    assert!(matches!(error, ServerError::Conflict { .. }), "{error}");
    let stale = client.put_version("argo", "t", &wt, Some("0".into())).unwrap_err();
    assert!(matches!(stale, ServerError::Conflict { .. }), "{stale}");
    let updated = client.update("argo", &wt).unwrap();
    assert!(updated.metadata.resource_version.is_some());
    assert!(matches!(client.get::<WorkflowTemplate>("argo", "nope"), Err(ServerError::NotFound { .. })));
    assert_eq!(client.list::<WorkflowTemplate>("argo").unwrap().len(), 1);
    assert_eq!(client.version().unwrap()["version"], "v4.1.2");
    let linted = client.lint("argo", &wt).unwrap();
    assert_eq!(linted.metadata.name.as_deref(), Some("t"));
    client.delete::<WorkflowTemplate>("argo", "t").unwrap();
    assert!(fake.state.lock().unwrap().invalid.is_empty());
}

#[test]
fn a_wrong_body_is_caught_by_the_swagger_check() {
    let swagger = fake::Swagger::load();
    let wrong = json!({"namespace": "argo", "workflw": {}});
    let result = swagger.check("POST", "/api/v1/workflows/argo", &wrong);
    if std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/reference/argo/swagger.json")
        .exists()
        || std::env::var_os("HERA_REFERENCE_DIR").is_some()
    {
        assert!(result.is_err(), "an unknown field must fail");
    }
}

#[test]
fn submit_from_a_template_pull_and_the_thin_commands() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.yaml", &template("a", "busybox", None));
    assert_eq!(hera(Some(&fake.url()), &[], &["apply", &a]).code, 0);
    let run =
        hera(Some(&fake.url()), &[], &["submit", &a, "-p", "x=1", "--generate-name", "from-a-", "--wait"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("WorkflowTemplate argo/a submitted as Workflow argo/from-a-"),
        "{}",
        run.stderr
    );
    // pull: server fields stripped, apiVersion and kind filled in.
    let run = hera(Some(&fake.url()), &[], &["pull", "workflowtemplate/a"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\n"),
        "{}",
        run.stdout
    );
    for field in ["resourceVersion", "uid", "creationTimestamp", "workflows.argoproj.io/creator"] {
        assert!(!run.stdout.contains(field), "{field} in {}", run.stdout);
    }
    let out = dir.path().join("pulled");
    let run = hera(Some(&fake.url()), &[], &["pull", "wt/a", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("workflowtemplate-a.yaml").exists());
    assert_eq!(hera(Some(&fake.url()), &[], &["pull", "nope/a"]).code, 2);
    assert_eq!(hera(Some(&fake.url()), &[], &["pull", "wt/missing"]).code, 1);
    // workflows, get -o json, logs, stop, delete.
    let run = hera(Some(&fake.url()), &[], &["workflows"]);
    let name = run.stdout.split('\t').next().unwrap().to_owned();
    assert!(name.starts_with("from-a-"), "{}", run.stdout);
    let run = hera(Some(&fake.url()), &[], &["get", &name, "-o", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let printed: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(printed["apiVersion"], "argoproj.io/v1alpha1");
    let run = hera(Some(&fake.url()), &[], &["logs", &name]);
    assert!(run.stdout.contains(": from the fake"), "{}", run.stdout);
    for action in ["stop", "terminate", "retry", "resubmit"] {
        let run = hera(Some(&fake.url()), &[], &[action, &name]);
        assert_eq!(run.code, 0, "{action}: {}", run.stderr);
    }
    assert_eq!(hera(Some(&fake.url()), &[], &["delete", &name]).code, 0);
    assert_eq!(hera(Some(&fake.url()), &[], &["delete", &name]).code, 1);
    assert!(fake.state.lock().unwrap().invalid.is_empty(), "{:?}", fake.state.lock().unwrap().invalid);
}

/// Serves a fake until killed, for independent clients (scripts/hera_client_check.py):
/// `cargo test -p hera-rs --test server -- --ignored serve_fake --nocapture`,
/// port written to `$FAKE_ARGO_PORT_FILE`; `FAKE_ARGO_LOG_LINES=N` adds N
/// lines of 1 KiB to every log stream.
#[test]
#[ignore = "serves until killed"]
fn serve_fake() {
    let log_lines = std::env::var("FAKE_ARGO_LOG_LINES").ok().and_then(|n| n.parse().ok()).unwrap_or(0);
    let fake = Fake::start(Behaviour { log_lines, ..Default::default() });
    println!("fake Argo Server on {}", fake.url());
    if let Some(path) = std::env::var_os("FAKE_ARGO_PORT_FILE") {
        std::fs::write(path, fake.port.to_string()).unwrap();
    }
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
        let state = fake.state.lock().unwrap();
        if !state.invalid.is_empty() {
            eprintln!("invalid bodies: {:?}", state.invalid);
        }
    }
}

#[test]
fn an_author_program_submits_and_applies_its_own_objects() {
    use hera::prelude::*;
    let fake = Fake::start(Behaviour::default());
    let objects = || {
        let hello = Container::new("hello").image("busybox").command(["echo", "hello"]);
        [Workflow::generate_name("prog-").entrypoint(hello)]
    };
    let url = fake.url();
    // A program's main thread has 8 MiB of stack; a test thread 2.
    let (exit, stderr) = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
            let exit = {
                let mut out = hera::cli::Output::new(&mut stdout, &mut stderr);
                hera::cli::invoke(["prog", "submit", "--wait", "--server", &url], objects(), &mut out)
            };
            (exit, stderr)
        })
        .unwrap()
        .join()
        .unwrap();
    let stderr = String::from_utf8(stderr).unwrap();
    assert_eq!(exit, hera::cli::Exit::Success, "{stderr}");
    assert!(stderr.contains("Workflow argo/prog-") && stderr.contains("Succeeded"), "{stderr}");
    assert!(fake.state.lock().unwrap().invalid.is_empty(), "{:?}", fake.state.lock().unwrap().invalid);
}

#[test]
fn lint_server_and_diff_server() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let wf = file(dir.path(), "wf.yaml", WORKFLOW);
    let a = file(dir.path(), "a.yaml", &template("a", "busybox", None));
    let run = hera(None, &[], &["lint", &wf, &a, &format!("--server={}", fake.url())]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("hera lint --server: Workflow argo/hello-: ok"), "{}", run.stderr);
    assert!(run.stderr.contains("hera lint --server: WorkflowTemplate argo/a: ok"), "{}", run.stderr);
    // diff --server: missing, then in sync (ARGO_SERVER used for a bare --server).
    let run = hera(Some(&fake.url()), &[], &["diff", "--server", &a]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("WorkflowTemplate argo/a: missing"), "{}", run.stdout);
    assert_eq!(hera(Some(&fake.url()), &[], &["apply", &a]).code, 0);
    let run = hera(Some(&fake.url()), &[], &["diff", "--server", &a]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(fake.state.lock().unwrap().invalid.is_empty(), "{:?}", fake.state.lock().unwrap().invalid);
}

#[test]
fn apply_prune_deletes_earlier_unreferenced_versions() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let old = file(dir.path(), "old.yaml", &template("wt-v1.0.0", "busybox", None));
    let used = file(dir.path(), "used.yaml", &template("wt-v1.1.0", "busybox", None));
    assert_eq!(hera(Some(&fake.url()), &[], &["apply", &old, &used]).code, 0);
    // A Workflow runs v1.1.0.
    let wf = file(
        dir.path(),
        "wf.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: run-\nspec:\n  workflowTemplateRef:\n    name: wt-v1.1.0\n",
    );
    assert_eq!(hera(Some(&fake.url()), &[], &["submit", &wf]).code, 0);
    let new = file(dir.path(), "new.yaml", &template("wt-v2.0.0", "alpine", None));
    let run = hera(Some(&fake.url()), &[], &["apply", &new, "--prune", "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("would delete WorkflowTemplate argo/wt-v1.0.0"), "{}", run.stderr);
    let run = hera(Some(&fake.url()), &[], &["apply", &new, "--prune"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("deleted WorkflowTemplate argo/wt-v1.0.0"), "{}", run.stderr);
    assert!(
        run.stderr.contains("kept WorkflowTemplate argo/wt-v1.1.0: a Workflow still references it"),
        "{}",
        run.stderr
    );
    let state = fake.state.lock().unwrap();
    let names: Vec<_> = state
        .objects
        .keys()
        .filter(|(c, _, _)| c == "workflow-templates")
        .map(|(_, _, n)| n.as_str())
        .collect();
    assert_eq!(names, ["wt-v1.1.0", "wt-v2.0.0"]);
}

#[test]
fn submit_as_workflow_runs_a_template_not_on_the_server() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.yaml", &template("e2e", "busybox", None));
    let run = hera(Some(&fake.url()), &[], &["submit", &a, "--as-workflow", "--wait"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("WorkflowTemplate argo/e2e submitted as Workflow argo/e2e-"),
        "{}",
        run.stderr
    );
    let state = fake.state.lock().unwrap();
    let (key, stored) = state.objects.iter().find(|((c, _, _), _)| c == "workflows").unwrap();
    assert!(key.2.starts_with("e2e-"));
    assert_eq!(stored["spec"]["templates"][0]["container"]["image"], "busybox");
    assert!(state.invalid.is_empty(), "{:?}", state.invalid);
}

#[test]
fn argo_messages_pass_through_and_bad_ca_files_are_usage_errors() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    // 400: Argo's message passed through, exit 1.
    let nameless =
        file(dir.path(), "n.yaml", &WORKFLOW.replace("  generateName: hello-\n", "  labels: {a: b}\n"));
    let run = hera(Some(&fake.url()), &[], &["submit", &nameless]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("refused Workflow argo/: metadata.name or generateName is required"),
        "{}",
        run.stderr
    );
    // 409: a named workflow created twice.
    let named = file(dir.path(), "w.yaml", &WORKFLOW.replace("generateName: hello-", "name: once"));
    assert_eq!(hera(Some(&fake.url()), &[], &["submit", &named]).code, 0);
    let run = hera(Some(&fake.url()), &[], &["submit", &named]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("conflict on Workflow argo/once") && run.stderr.contains("already exists"),
        "{}",
        run.stderr
    );
    // 404 from submit of a template that is not on the server.
    let wt = file(dir.path(), "t.yaml", &template("absent", "busybox", None));
    let run = hera(Some(&fake.url()), &[], &["submit", &wt]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("WorkflowTemplate argo/absent not found"), "{}", run.stderr);
    // --ca-cert: unreadable, or no certificate in it.
    let run = hera(Some(&fake.url()), &[], &["workflows", "--ca-cert", "/nonexistent/ca.pem"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--ca-cert /nonexistent/ca.pem: cannot read"), "{}", run.stderr);
    let bad = file(dir.path(), "ca.pem", "not a certificate");
    let run = hera(Some(&fake.url()), &[], &["workflows", "--ca-cert", &bad]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no PEM certificate"), "{}", run.stderr);
    // The namespace comes from -n, then ARGO_NAMESPACE.
    assert_eq!(hera(Some(&fake.url()), &[("ARGO_NAMESPACE", "team")], &["workflows"]).code, 0);
    assert_eq!(hera(Some(&fake.url()), &[], &["workflows", "-n", "other"]).code, 0);
    let requests = fake.requests();
    assert!(requests.contains(&"GET /api/v1/workflows/team".to_owned()), "{requests:?}");
    assert!(requests.contains(&"GET /api/v1/workflows/other".to_owned()), "{requests:?}");
}
