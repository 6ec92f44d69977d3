//! `-o json` and `-o yaml` on every command that prints objects, and the
//! selection flags (`--only`, `--kind`) of submit, apply and status.

use super::fake::{Behaviour, Fake};
use super::{WORKFLOW, file, hera, template};
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn yaml(text: &str) -> Value {
    hera::yaml::from_str(text).unwrap_or_else(|e| panic!("not YAML ({e}): {text}"))
}

#[test]
fn every_command_that_prints_objects_prints_json_and_yaml() {
    let fake = Fake::start(Behaviour::default());
    let url = fake.url();
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.yaml", &template("a", "busybox", None));
    let b = file(dir.path(), "b.yaml", &template("b", "busybox", Some("1.0.0")));
    // apply: the summary.
    let run = hera(Some(&url), &[], &["apply", &a, "-o", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = json(&run.stdout);
    assert_eq!(summary["created"], serde_json::json!(["WorkflowTemplate argo/a"]));
    assert_eq!(summary["requests"], 2, "{summary}");
    let run = hera(Some(&url), &[], &["apply", &a, &b, "--dry-run", "-o", "yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = yaml(&run.stdout);
    assert_eq!(summary["unchanged"], serde_json::json!(["WorkflowTemplate argo/a"]));
    assert_eq!(summary["created"], serde_json::json!(["WorkflowTemplate argo/b"]));
    assert_eq!(summary["dryRun"], true);
    // status: one verdict per object.
    let run = hera(Some(&url), &[], &["status", &a, &b, "-o", "json"]);
    assert_eq!(run.code, 1, "b is missing: {}", run.stderr);
    let verdicts = json(&run.stdout);
    assert_eq!(verdicts[0]["state"], "in-sync");
    assert_eq!(
        verdicts[1],
        serde_json::json!({"kind": "WorkflowTemplate", "namespace": "argo", "name": "b", "state": "missing", "changes": []})
    );
    file(dir.path(), "a.yaml", &template("a", "alpine", None));
    let run = hera(Some(&url), &[], &["status", &a, "-o", "yaml"]);
    let verdicts = yaml(&run.stdout);
    assert_eq!(verdicts[0]["state"], "differs");
    assert_eq!(verdicts[0]["changes"][0], "spec.templates[main].container.image: busybox → alpine");
    // submit, without waiting: the created Workflow.
    let wf = file(dir.path(), "wf.yaml", &WORKFLOW.replace("generateName: hello-", "name: one"));
    let run = hera(Some(&url), &[], &["submit", &wf, "-o", "yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let created = yaml(&run.stdout);
    assert_eq!(
        (created["kind"].as_str(), created["metadata"]["name"].as_str()),
        (Some("Workflow"), Some("one"))
    );
    // get, workflows.
    let run = hera(Some(&url), &[], &["get", "one", "-o", "yaml"]);
    assert_eq!(yaml(&run.stdout)["metadata"]["name"], "one", "{}", run.stdout);
    let run = hera(Some(&url), &[], &["workflows", "-o", "json"]);
    let list = json(&run.stdout);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list[0]["kind"], "Workflow");
    let run = hera(Some(&url), &[], &["workflows", "-o", "yaml"]);
    assert_eq!(yaml(&run.stdout)[0]["metadata"]["name"], "one");
    // pull: yaml by default, json on request (several: one array).
    let run = hera(Some(&url), &[], &["pull", "wt/a", "-o", "json"]);
    let pulled = json(&run.stdout);
    assert_eq!(
        (pulled["kind"].as_str(), pulled["metadata"].get("resourceVersion")),
        (Some("WorkflowTemplate"), None)
    );
    let run = hera(Some(&url), &[], &["pull", "wt/a", "workflow/one", "-o", "json"]);
    let pulled = json(&run.stdout);
    assert_eq!(pulled[1]["kind"], "Workflow", "{pulled}");
    assert!(pulled[1].get("status").is_none(), "{pulled}");
    // get without -o: the header and node tree of `argo get`.
    let run = hera(Some(&url), &[], &["get", "one"]);
    assert!(
        run.stdout.starts_with("Name:                one\nNamespace:           argo\n"),
        "{}",
        run.stdout
    );
    // A format argo does not have is a usage error.
    assert_eq!(hera(Some(&url), &[], &["get", "one", "-o", "xml"]).code, 2);
    assert!(fake.state.lock().unwrap().invalid.is_empty());
}

#[test]
fn only_and_kind_choose_what_is_submitted_applied_and_checked() {
    let fake = Fake::start(Behaviour::default());
    let url = fake.url();
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.yaml", &template("a", "busybox", None));
    let b = file(dir.path(), "b.yaml", &template("b", "busybox", None));
    let wf = file(dir.path(), "wf.yaml", WORKFLOW);
    let run = hera(Some(&url), &[], &["apply", &a, &b, "--only", "b"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("1 created") && run.stderr.contains("created WorkflowTemplate argo/b"),
        "{}",
        run.stderr
    );
    let run = hera(Some(&url), &[], &["status", &a, &b, "--only", "b"]);
    assert_eq!(run.code, 0, "a is not checked: {}", run.stdout);
    // --kind Workflow: the templates are not submitted from.
    let run = hera(Some(&url), &[], &["submit", &wf, &a, "--kind", "workflow"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("submitted as Workflow argo/hello-") && !run.stderr.contains("WorkflowTemplate"),
        "{}",
        run.stderr
    );
    // --only a generateName prefix.
    let run = hera(Some(&url), &[], &["submit", &wf, &a, "--only", "hello-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Unknown names and kinds are usage errors with a suggestion.
    let run = hera(Some(&url), &[], &["apply", &a, &b, "--only", "c"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no object named 'c'"), "{}", run.stderr);
    let run = hera(Some(&url), &[], &["submit", &wf, "--kind", "workflowtemplat"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn on_a_terminal_watch_redraws_the_tree() {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        // util-linux's `script` gives the process a terminal; without it this cannot be run.
        eprintln!("skipped: no `script` command");
        return;
    }
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let wf = file(dir.path(), "wf.yaml", WORKFLOW);
    let command = format!("{} submit {wf} --watch", env!("CARGO_BIN_EXE_hera"));
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("ARGO_SERVER", fake.url())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    // The tree drawn, then redrawn in place: up over it, clear, again
    // (how often depends on time; at least once more at the end).
    assert!(text.matches("STEP").count() >= 2, "{text}");
    assert!(text.contains("\x1b[J"), "{text}");
    assert!(!text.contains("\x1b[2J"), "no clearing of the screen: {text}");
    assert!(text.contains("✔ main"), "{text}");
    assert!(!text.contains("main Running"), "no plain lines on a terminal: {text}");
}

/// Runs an author program's command line in process (8 MiB of stack, as a
/// program's main thread has).
fn program(args: Vec<String>) -> (hera::cli::Exit, String, String) {
    use hera::prelude::*;
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let hello = Container::new("hello").image("busybox").command(["echo", "hello"]);
            let objects = vec![
                Object::from(Workflow::generate_name("prog-").entrypoint(hello.clone())),
                Object::from(WorkflowTemplate::new("prog-wt").entrypoint(hello)),
            ];
            let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
            let exit = {
                let mut out = hera::cli::Output::new(&mut stdout, &mut stderr);
                hera::cli::invoke(args, objects, &mut out)
            };
            (exit, String::from_utf8(stdout).unwrap(), String::from_utf8(stderr).unwrap())
        })
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn an_author_program_chooses_its_objects_and_names_itself() {
    let fake = Fake::start(Behaviour { never_finish: true, ..Default::default() });
    let args = |rest: &[&str]| {
        let mut args = vec!["prog".to_owned()];
        args.extend(rest.iter().map(|a| (*a).to_owned()));
        args.extend(["--server".to_owned(), fake.url()]);
        args
    };
    let (exit, stdout, stderr) = program(args(&["apply", "--kind", "workflowtemplate", "-o", "json"]));
    assert_eq!(exit, hera::cli::Exit::Success, "{stderr}");
    assert_eq!(json(&stdout)["created"], serde_json::json!(["WorkflowTemplate argo/prog-wt"]));
    let (exit, _, stderr) = program(args(&["submit", "--only", "prog-", "--wait", "--timeout", "0.2s"]));
    assert_eq!(exit, hera::cli::Exit::Problems, "{stderr}");
    assert!(stderr.contains("prog submit: Workflow argo/prog-"), "{stderr}");
    assert!(stderr.contains("follow it again with `prog watch prog-"), "{stderr}");
    assert!(!stderr.contains("prog-wt"), "only the Workflow: {stderr}");
    // `version`, as the tool's: the client's and the server's.
    let (exit, stdout, stderr) = program(args(&["version"]));
    assert_eq!(exit, hera::cli::Exit::Success, "{stderr}");
    let expected =
        format!("client: hera-rs {}\nserver: v4.1.2 ({})\n", env!("CARGO_PKG_VERSION"), fake.url());
    assert_eq!(stdout, expected);
    let (exit, stdout, _) = program(vec!["prog".into(), "version".into()]);
    assert_eq!(exit, hera::cli::Exit::Success);
    assert!(stdout.starts_with("client: hera-rs "), "{stdout}");
    let (exit, _, stderr) = program(args(&["status", "--only", "nothing"]));
    assert_eq!(exit, hera::cli::Exit::Usage, "{stderr}");
    assert!(stderr.contains("prog status: no object named 'nothing'"), "{stderr}");
}
