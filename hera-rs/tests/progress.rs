//! `hera run`'s progress on stderr (`--progress tree|lines|none`), its
//! `argo get`-like table at the end, and `--log` lines prefixed with their
//! node; in a process of its own and in process (`hera::cli::tool_run`).

use std::process::Command;

const STEPS: &str = r#"apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: a, template: echo, arguments: {parameters: [{name: m, value: from-a}]}}
      - {name: b, template: echo, arguments: {parameters: [{name: m, value: from-b}]}}
    - - {name: c, template: fail}
  - name: echo
    inputs: {parameters: [{name: m}]}
    container: {image: alpine, command: [echo, "{{inputs.parameters.m}}"]}
  - name: fail
    container: {image: alpine, command: [sh, -c, "exit 3"]}
"#;

struct Run {
    code: i32,
    stderr: String,
}

/// The line `-o text` runs start with: which executor runs the pods (the
/// host, named, so no container engine is probed).
const EXECUTOR: &str = "executor: host (--executor host)\n";

/// stderr after its executor line (which `-o json` leaves out).
fn after_executor(stderr: String) -> String {
    stderr.strip_prefix(EXECUTOR).map(str::to_owned).unwrap_or(stderr)
}

fn hera(args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wf.yaml");
    std::fs::write(&path, STEPS).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_hera"))
        .arg("run")
        .arg(&path)
        .args(["--executor", "host"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let text = !args.contains(&"json");
    assert_eq!(stderr.starts_with(EXECUTOR), text, "{stderr}");
    let run = Run { code: output.status.code().unwrap(), stderr: after_executor(stderr) };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// The table at the end: after the last blank line before `STEP`.
fn table(stderr: &str) -> &str {
    &stderr[stderr.rfind("Name:").unwrap()..]
}

#[test]
fn without_a_terminal_one_line_per_change_then_the_table() {
    let run = hera(&["--log"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for line in ["[RUN]     wf[0].a (Pod)", "[RUN]     wf[0].b (Pod)", "[FAIL]    wf[1].c (Pod, host) "] {
        assert!(run.stderr.contains(line), "{line}: {}", run.stderr);
    }
    assert!(!run.stderr.contains('\x1b'), "no escapes: {}", run.stderr);
    let table = table(&run.stderr);
    assert!(table.starts_with("Name:                wf\nStatus:              Failed\n"), "{table}");
    assert!(table.contains("STEP") && table.contains("PODNAME"), "{table}");
    assert!(table.lines().any(|l| l.starts_with(" ✖ wf")), "{table}");
    assert!(table.lines().any(|l| l.starts_with(" ├─┬─✔ a")), "{table}");
    assert!(table.lines().any(|l| l.starts_with(" └───✖ c")), "{table}");
    // --log: each pod's output, each line prefixed with its node.
    assert!(run.stderr.contains("\na: from-a\n") && run.stderr.contains("\nb: from-b\n"), "{}", run.stderr);
}

#[test]
fn the_tree_is_drawn_in_place_and_removed_before_the_table() {
    let run = hera(&["--progress", "tree"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let (live, _) = run.stderr.split_at(run.stderr.rfind("\nName:").unwrap());
    assert!(live.starts_with("\x1b[?7lName:                wf\n"), "{live:?}");
    // Drawn, maybe redrawn (up over it, clear), and at the end removed.
    let last = live.rsplit("\x1b[?7h").next().unwrap();
    assert!(last.starts_with("\x1b[") && last.ends_with("A\x1b[J"), "{last:?}");
    assert!(!live.contains("[RUN]"), "no lines with the tree: {live:?}");
    assert!(table(&run.stderr).contains("✖ c"), "{}", run.stderr);
}

#[test]
fn none_shows_only_the_table_and_json_shows_nothing_by_default() {
    let run = hera(&["--progress", "none"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.starts_with("\nName:"), "{}", run.stderr);
    let run = hera(&["-o", "json"]);
    assert_eq!((run.code, run.stderr.as_str()), (1, ""));
}

#[test]
fn in_process_the_progress_goes_to_the_commands_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wf.yaml");
    std::fs::write(&path, STEPS).unwrap();
    let path = path.to_string_lossy().into_owned();
    for (mode, expected) in [("lines", "[RUN]     wf (Steps)"), ("tree", "\x1b[?7lName:")] {
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let exit = {
            let mut out = hera::cli::Output::new(&mut stdout, &mut stderr);
            hera::cli::tool_run(["hera", "run", &path, "--executor", "host", "--progress", mode], &mut out)
        };
        let stderr = after_executor(String::from_utf8(stderr).unwrap());
        assert_eq!(exit, hera::cli::Exit::Problems, "{stderr}");
        assert!(stderr.starts_with(expected), "{mode}: {stderr:?}");
        assert!(stderr.contains("\nName:                wf\n"), "{mode}: {stderr}");
    }
}
