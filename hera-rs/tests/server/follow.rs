//! Following a workflow: Ctrl-C (SIGINT to the process) stops following and
//! leaves the workflow running; `watch NAME`; `--watch` without a terminal
//! prints one line per node change.

use super::fake::{Behaviour, Fake};
use super::{WORKFLOW, file, hera};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[cfg(unix)]
#[test]
fn ctrl_c_stops_following_exits_130_and_leaves_the_workflow_running() {
    let fake = Fake::start(Behaviour { never_finish: true, ..Default::default() });
    let dir = tempfile::tempdir().unwrap();
    let wf = file(dir.path(), "wf.yaml", WORKFLOW);
    for follow in [&["--watch", "--log"][..], &["--wait"]] {
        let watches = fake.state.lock().unwrap().watches;
        let child = Command::new(env!("CARGO_BIN_EXE_hera"))
            .args(["submit", &wf])
            .args(follow)
            .env("ARGO_SERVER", fake.url())
            .env_remove("ARGO_TOKEN")
            .env_remove("ARGO_NAMESPACE")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Once the watch is open, the handler is in place (it is set before).
        let start = Instant::now();
        while fake.state.lock().unwrap().watches == watches {
            assert!(start.elapsed() < Duration::from_secs(20), "the watch never opened");
            std::thread::sleep(Duration::from_millis(20));
        }
        let killed = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
        assert!(killed.success());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(130), "{follow:?}: {stderr}");
        // Said before it waits, and again when interrupted.
        assert!(stderr.contains("(Ctrl-C stops waiting, not the workflow)"), "{stderr}");
        let name = stderr
            .split("submitted as Workflow argo/")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap()
            .to_owned();
        assert!(
            stderr.contains(&format!(
                "hera submit: interrupted: stopped following Workflow argo/{name}; it goes on running on the \
                 server. Follow it again with `hera watch {name} -n argo`"
            )),
            "{stderr}"
        );
        // Nothing was asked of the workflow: it is still there, not stopped.
        let requests = fake.requests();
        assert!(!requests.iter().any(|r| r.starts_with("DELETE") || r.starts_with("PUT")), "{requests:?}");
        assert!(fake.state.lock().unwrap().objects.keys().any(|(c, _, n)| c == "workflows" && *n == name));
    }
}

#[test]
fn watch_follows_a_workflow_already_on_the_server() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let wf = file(dir.path(), "wf.yaml", &WORKFLOW.replace("generateName: hello-", "name: once"));
    assert_eq!(hera(Some(&fake.url()), &[], &["submit", &wf]).code, 0);
    let run = hera(Some(&fake.url()), &[], &["watch", "once", "-o", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Not a terminal: one line per node change, in order.
    let lines: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("once main")).collect();
    assert_eq!(lines, ["once main Pending", "once main Running", "once main Succeeded"], "{}", run.stderr);
    assert!(!run.stderr.contains('\x1b'), "no redraw without a terminal: {}", run.stderr);
    let printed: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(printed["status"]["phase"], "Succeeded");
    // A workflow that is not there.
    let run = hera(Some(&fake.url()), &[], &["watch", "nope"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("not found"), "{}", run.stderr);
}
