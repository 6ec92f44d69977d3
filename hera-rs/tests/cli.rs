//! The `hera` binary, run as a user runs it: output, exit codes (0 ok, 1
//! problems in the input, 2 usage or unreadable files), and no panic on any
//! input or a closed pipe.

mod common;

use common::*;
use std::io::Read;
use std::process::{Command, Stdio};

/// A WorkflowTemplate, a CronWorkflow that runs it and a ConfigMap, written
/// carelessly: keys out of order, flow style, values YAML 1.1 would misread.
const STREAM: &str = r#"apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: report-wt-v1.2.3
  labels: {team: data, enabled: "yes"}
spec:
  templates:
  - script:
      source: |
        import json
        print(json.dumps({"ok": True}))
      image: python:3.12
      command: [python]
    name: report
    inputs:
      parameters:
      - {name: day, default: "2024-01-01"}
  entrypoint: report
---
kind: CronWorkflow
apiVersion: argoproj.io/v1alpha1
metadata: {name: nightly-report}
spec:
  schedules: ["0 2 * * *"]
  timezone: Europe/Oslo
  concurrencyPolicy: Forbid
  workflowSpec:
    workflowTemplateRef: {name: report-wt-v1.2.3}
    arguments:
      parameters:
      - name: day
        value: "off"
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data:
  mode: "on"
  retries: "3"
"#;

#[test]
fn fmt_normalises_a_multi_document_stream() {
    let run = hera(&["fmt", "-"], STREAM);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    insta::assert_snapshot!("fmt_stream", run.stdout);
    // Formatting is idempotent.
    assert_eq!(hera(&["fmt", "-"], &run.stdout).stdout, run.stdout);
}

#[test]
fn fmt_json_prints_one_object_per_document() {
    let run = hera(&["fmt", "-o", "json", "-"], STREAM);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    insta::assert_snapshot!("fmt_stream_json", run.stdout);
    // The older spelling and the long option say the same.
    assert_eq!(hera(&["fmt", "--json", "-"], STREAM).stdout, run.stdout);
    assert_eq!(hera(&["fmt", "--output", "json", "-"], STREAM).stdout, run.stdout);
    assert_eq!(hera(&["fmt", "-o", "json", "--write", "x.yaml"], "").code, 2);
}

#[test]
fn several_files_form_one_stream() {
    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
    let b = file(dir.path(), "b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n");
    let run = hera(&["fmt", &a, &b], "");
    assert_eq!(
        run.stdout,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n"
    );
    // A directory stands for the YAML files below it, in order.
    assert_eq!(hera(&["fmt", &dir.path().to_string_lossy()], "").stdout, run.stdout);
}

#[test]
fn problems_are_one_line_each_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = file(
        dir.path(),
        "bad.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec:\n  entrypoint: main\n  \
         entrypoint: again\n  templates:\n  - name: main\n    script: {image: alpine, sorce: echo}\n",
    );
    let good = file(dir.path(), "good.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n");
    let run = hera(&["fmt", &bad, &good], "");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!(
            "{bad}:6:3: spec.entrypoint: duplicate key `entrypoint` (first at line 5); Kubernetes and `argo lint` \
             refuse duplicate keys\n{bad}:9:29: spec.templates[0].script.sorce: unknown field, did you mean 'source'?\n"
        )
    );
    assert!(run.stdout.contains("name: ok"), "good files are still printed");
}

#[test]
fn usage_errors_and_unreadable_files_exit_2() {
    let missing = hera(&["fmt", "does-not-exist.yaml"], "");
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.starts_with("does-not-exist.yaml: cannot read: "), "{}", missing.stderr);
    assert_eq!(hera(&["fmt"], "").code, 2);
    assert_eq!(hera(&["fmt", "--frobnicate", "x.yaml"], "").code, 2);
    assert_eq!(hera(&["frobnicate"], "").code, 2);
    let stdin_write = hera(&["fmt", "--write", "-"], "");
    assert_eq!(
        (stdin_write.code, stdin_write.stderr.as_str()),
        (2, "hera fmt: --write cannot rewrite stdin (`-`)\n")
    );
    assert_eq!(hera(&["fmt", "--json", "--write", "x.yaml"], "").code, 2);
    assert_eq!(hera(&["--help"], "").code, 0);
}

#[test]
fn hostile_input_gives_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut state: u32 = 0x1234_5678;
    let random: Vec<u8> = (0..10 * 1024 * 1024)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 24) as u8
        })
        .collect();
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
                e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n\
                g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n\
                i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
    let cases = [
        (file(dir.path(), "random.bin", &random), "not UTF-8 text"),
        (
            file(dir.path(), "nested.yaml", "[".repeat(10_000) + &"]".repeat(10_000)),
            "nesting is deeper than 128",
        ),
        (file(dir.path(), "bomb.yaml", bomb), "reading limits"),
        (file(dir.path(), "malformed.yaml", "kind: [Workflow\n"), "unclosed bracket"),
    ];
    for (path, expected) in cases {
        let run = hera(&["fmt", &path], "");
        assert_eq!(run.code, 1, "{path}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!("{path}:")) && run.stderr.contains(expected),
            "{}",
            run.stderr
        );
        assert_eq!(run.stdout, "");
    }
}

#[test]
fn a_file_larger_than_the_reading_limit_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    // Sparse: 129 MB on paper, nothing on disk.
    std::fs::File::create(&path).unwrap().set_len(129 * 1024 * 1024).unwrap();
    let path = path.display().to_string();
    let run = hera(&["fmt", &path], "");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("larger than 128 MB, the most hera reads in one stream"), "{}", run.stderr);
}

#[test]
fn an_empty_file_holds_no_documents_prints_nothing_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    for contents in ["", "# only a comment\n"] {
        let path = file(dir.path(), "empty.yaml", contents);
        let run = hera(&["fmt", &path], "");
        assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
        assert_eq!(hera(&["fmt", "--write", &path], "").code, 0);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), contents);
    }
}

#[test]
fn write_rewrites_in_place_but_never_drops_comments_silently() {
    let dir = tempfile::tempdir().unwrap();
    let plain = file(dir.path(), "plain.yaml", "metadata: {name: x}\nkind: ConfigMap\napiVersion: v1\n");
    assert_eq!(hera(&["fmt", "--check", &plain], "").code, 1);
    let run = hera(&["fmt", "--write", &plain], "");
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""));
    let formatted = std::fs::read_to_string(&plain).unwrap();
    assert_eq!(formatted, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
    assert_eq!(hera(&["fmt", "--check", &plain], "").code, 0);

    let commented = "metadata: {name: x} # why this name\nkind: ConfigMap\napiVersion: v1\n";
    let path = file(dir.path(), "commented.yaml", commented);
    let run = hera(&["fmt", "--write", &path], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("has comments") && run.stderr.contains("--allow-comment-loss"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), commented, "file untouched");
    assert_eq!(hera(&["fmt", "--write", "--allow-comment-loss", &path], "").code, 0);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), formatted);
    // A `#` inside a script is not a comment.
    let script = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  run.sh: |\n    # setup\n    echo hi\n";
    let path = file(dir.path(), "script.yaml", script);
    assert_eq!(hera(&["fmt", "--write", &path], "").code, 0);
    assert!(std::fs::read_to_string(&path).unwrap().contains("    # setup\n"));
}

#[test]
fn a_leading_comment_block_is_kept_and_what_emit_writes_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let body = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n";
    let headed = file(dir.path(), "headed.yaml", format!("# Copyright ACME\n#\n# Licence: MIT\n\n{body}"));
    assert_eq!(hera(&["fmt", "--check", &headed], "").code, 1, "the blank line after the header is not kept");
    assert_eq!(hera(&["fmt", &headed], "").stdout, format!("# Copyright ACME\n#\n# Licence: MIT\n{body}"));
    let run = hera(&["fmt", "--write", &headed], "");
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (0, ""),
        "a header alone is not a comment that would be lost"
    );
    assert_eq!(hera(&["fmt", "--check", &headed], "").code, 0);
    // What an author program's `emit` writes, header and all, is formatted.
    let echo = hera::Container::new("echo").image("busybox").command(["echo", "hi"]);
    let template = hera::WorkflowTemplate::new("my-wt").versioned("1.0.0").entrypoint(echo);
    let deploy = dir.path().join("deploy");
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let args = ["prog", "emit", "--out", deploy.to_str().unwrap()];
    let exit = hera::cli::invoke(args, [template], &mut hera::cli::Output::new(&mut stdout, &mut stderr));
    assert_eq!(exit, hera::cli::Exit::Success, "{}", String::from_utf8_lossy(&stderr));
    let emitted = std::fs::read_dir(&deploy).unwrap().next().unwrap().unwrap().path();
    assert!(std::fs::read_to_string(&emitted).unwrap().starts_with("# Generated by hera-rs"));
    let check = hera(&["fmt", "--check", deploy.to_str().unwrap()], "");
    assert_eq!((check.code, check.stderr.as_str()), (0, ""));
}

/// A valid workflow of about `megabytes` MB: one DAG with many tasks.
fn big_workflow(megabytes: usize) -> (String, usize) {
    let mut text = String::from(
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: big-\nspec:\n  \
         entrypoint: main\n  templates:\n  - name: echo\n    inputs:\n      parameters:\n      - name: message\n    \
         container:\n      image: alpine\n      command: [echo, \"{{inputs.parameters.message}}\"]\n  - name: main\n    \
         dag:\n      tasks:\n",
    );
    let mut tasks = 0;
    while text.len() < megabytes * 1024 * 1024 {
        text.push_str(&format!(
            "      - name: task-{tasks}\n        template: echo\n        depends: task-{}\n        arguments:\n          \
             parameters:\n          - name: message\n            value: \"hello {tasks}, padded to look like real input\"\n",
            tasks.max(1) - 1
        ));
        tasks += 1;
    }
    (text, tasks)
}

#[test]
fn a_20_mb_workflow_is_formatted_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (text, tasks) = big_workflow(20);
    let path = file(dir.path(), "big.yaml", &text);
    let run = hera(&["fmt", &path], "");
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.stdout.matches("\n      - name: task-").count(), tasks);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), "big.yaml", big_workflow(2).0);
    let mut child = Command::new(env!("CARGO_BIN_EXE_hera"))
        .args(["fmt", &path])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 64];
    child.stdout.as_mut().unwrap().read_exact(&mut head).unwrap();
    drop(child.stdout.take()); // like `| head -c 64`
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!((status.code(), stderr.as_str()), (Some(0), ""));
}

const LINTED: &str = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: t-}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    steps: [[{name: a, templateRef: {name: shared, template: echo}}]]\n";

#[test]
fn lint_reads_stdin_and_warnings_fail_only_when_denied() {
    let run = hera(&["lint", "-"], LINTED);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        "<stdin>:8:44: Workflow t-: spec.templates[main].steps[0][a].templateRef.name: template reference shared.echo \
         not found: WorkflowTemplate 'shared' is not among the linted files (if it lives on the cluster, pass --warn \
         template-ref-not-found) [template-ref-not-found]\n"
    );
    assert_eq!(run.stderr, "hera lint: 1 error(s), 0 warning(s)\n");
    let warned = hera(&["lint", "--warn", "template-ref-not-found", "-"], LINTED);
    // A passing lint says so in one line on stderr, so a CI log shows it ran.
    assert_eq!((warned.code, warned.stderr.as_str()), (0, "hera lint: ok: 1 object, 1 warning(s)\n"));
    let denied = hera(&["lint", "--warn", "template-ref-not-found", "--deny-warnings", "-"], LINTED);
    assert_eq!(denied.code, 1);
    // With the template it refers to, linted together, it is clean.
    let dir = tempfile::tempdir().unwrap();
    let workflow = file(dir.path(), "wf.yaml", LINTED);
    let shared = file(
        dir.path(),
        "shared.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: shared}\nspec:\n  templates:\n  - name: echo\n    container: {image: alpine}\n",
    );
    let together = hera(&["lint", "--deny-warnings", &workflow, &shared], "");
    assert_eq!((together.code, together.stdout.as_str()), (0, ""), "{}", together.stderr);
    assert_eq!(together.stderr, "hera lint: ok: 2 objects, no findings\n");
}

#[test]
fn lint_json_usage_errors_and_nothing_to_lint() {
    let json = hera(&["lint", "-o", "json", "-"], LINTED);
    assert_eq!(hera(&["lint", "--format", "json", "-"], LINTED).stdout, json.stdout, "--format still works");
    let findings: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(findings[0]["rule"], "template-ref-not-found");
    assert_eq!(findings[0]["severity"], "error");
    assert_eq!((findings[0]["line"].as_u64(), findings[0]["column"].as_u64()), (Some(8), Some(44)));
    assert_eq!(findings[0]["path"], "spec.templates[main].steps[0][a].templateRef.name");
    assert_eq!(hera(&["lint", "/no/such/file.yaml"], "").code, 2);
    // Every file that cannot be read is reported, each line starting with its name.
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (file(dir.path(), "a.yaml", b"\xff"), file(dir.path(), "b.yaml", b"\xfe"));
    let unreadable = hera(&["lint", &a, &b], "");
    assert_eq!(unreadable.code, 1);
    assert_eq!(
        unreadable.stderr,
        format!(
            "{a}: not UTF-8 text; YAML files must be UTF-8\n{b}: not UTF-8 text; YAML files must be UTF-8\n"
        )
    );
    assert_eq!(hera(&["lint"], "").code, 2);
    let nothing = hera(&["lint", "-"], "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
    assert_eq!(nothing.code, 1);
    assert!(nothing.stderr.contains("found nothing to lint"));
    let broken = hera(&["lint", "-"], "kind: Workflow\napiVersion: argoproj.io/v1alpha1\nspec: [\n");
    assert_eq!(broken.code, 1, "{}", broken.stderr);
    assert!(broken.stdout.contains("[yaml]"), "{}", broken.stdout);
}

#[test]
fn generate_rust_prints_one_program_or_writes_one_per_file() {
    let yaml = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: hello-\nspec:\n  \
                entrypoint: main\n  templates:\n  - name: main\n    container:\n      image: busybox\n";
    let run = hera(&["generate", "rust", "-"], yaml);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("pub fn objects() -> Vec<Object>"), "{}", run.stdout);
    assert!(run.stdout.contains("Container::new(\"main\").image(\"busybox\")"), "{}", run.stdout);

    let dir = tempfile::tempdir().unwrap();
    let a = file(dir.path(), "in/first-flow.yaml", yaml);
    let b = file(dir.path(), "in/second.yaml", yaml);
    let out = dir.path().join("out");
    let run = hera(&["generate", "rust", &a, &b, "--out", out.to_str().unwrap()], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read_to_string(out.join("first_flow.rs")).unwrap().contains("Workflow::generate_name"));
    assert!(out.join("second.rs").exists());

    let run = hera(&["generate", "rust", &a, &b], "");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("several files need --out DIR"), "{}", run.stderr);

    let run = hera(&["generate", "rust", "-"], "kind: Workflow\nspec: {entrypoint: [1]}\n");
    assert_eq!(run.code, 1, "{}", run.stderr);
}

/// Every file under `dir`, relative, with its bytes, in path order.
fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                files.push((relative, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn new_scaffolds_a_program_or_a_library() {
    let dir = tempfile::tempdir().unwrap();
    let program = dir.path().join("my-flow");
    let run = hera(&["new", "my-flow", "--path", program.to_str().unwrap()], "");
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let names: Vec<String> = tree(&program).into_iter().map(|(name, _)| name).collect();
    let expected = [
        ".github/workflows/ci.yml",
        ".gitignore",
        "Cargo.toml",
        "Dockerfile",
        "Dockerfile.dockerignore",
        "README.md",
        "src/main.rs",
        "tests/workflow.rs",
    ];
    assert_eq!(names, expected);
    for name in expected {
        assert!(run.stdout.contains(&format!("  {name}\n")), "{}", run.stdout);
    }
    assert!(run.stdout.contains("cargo test") && run.stdout.contains("cargo run -- emit --out deploy/"));
    let read = |path: &std::path::Path| std::fs::read_to_string(path).unwrap();
    let cargo = read(&program.join("Cargo.toml"));
    assert!(cargo.contains("name = \"my-flow\"\n") && cargo.contains("edition = \"2024\"\n"), "{cargo}");
    assert!(cargo.contains("\nhera-rs = \"0.1\"\n"), "{cargo}");
    let main = read(&program.join("src/main.rs"));
    assert!(main.contains("#[script]") && main.contains("pub fn objects() -> Vec<Object>"), "{main}");
    assert!(main.contains("greeting.result()") && main.contains("hera::cli::main(objects())"), "{main}");
    let test = read(&program.join("tests/workflow.rs"));
    assert!(test.contains("Run::new(app::objects())") && test.contains("Phase::Succeeded"), "{test}");
    let ci = read(&program.join(".github/workflows/ci.yml"));
    assert!(
        ci.contains("run: cargo test\n") && ci.contains("cargo run -- emit --out deploy/ --check"),
        "{ci}"
    );
    // The binary is where the script templates' command looks for it.
    assert!(
        read(&program.join("Dockerfile")).contains("COPY --from=build /program /usr/local/bin/my-flow\n")
    );

    // --lib: the steps and a versioned template in the library; the program uses it.
    let library = dir.path().join("steps");
    let hera_rs = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let checkout = hera_rs.parent().unwrap().to_str().unwrap();
    let run =
        hera(&["new", "my_steps", "--lib", "--path", library.to_str().unwrap(), "--hera-path", checkout], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("path dependency"), "{}", run.stdout);
    let lib = read(&library.join("src/lib.rs"));
    assert!(
        lib.contains("WorkflowTemplate::new(\"my-steps-wt\")") && lib.contains(".versioned(version)"),
        "{lib}"
    );
    assert!(read(&library.join("src/main.rs")).contains("hera::cli::main(my_steps::objects())"));
    assert!(read(&library.join("tests/workflow.rs")).contains("use my_steps::{"));
    // A checkout or its hera-rs/ directory: either way the dependency is the
    // package, relative to the crate (so both can be copied together).
    let package = std::fs::canonicalize(hera_rs).unwrap();
    let manifest = read(&library.join("Cargo.toml"));
    let path = manifest
        .lines()
        .find_map(|line| line.strip_prefix("hera-rs = { path = \"")?.strip_suffix("\" }"))
        .unwrap_or_else(|| panic!("no path dependency: {manifest}"));
    assert!(std::path::Path::new(path).is_relative(), "{path}");
    assert_eq!(std::fs::canonicalize(library.join(path)).unwrap(), package);
}

#[test]
fn new_refuses_bad_names_and_existing_files_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    for (name, message) in [
        ("My-Flow", "'My-Flow' cannot be the crate's name: use lower case ('my-flow')"),
        ("1st", "must start with a letter"),
        ("my.flow", "'.' is not allowed"),
        ("flow-", "must end with a letter or a digit"),
        ("struct", "Rust keyword"),
        ("hera", "hera-rs crate"),
        ("", "the name is empty"),
    ] {
        let run = hera(&["new", name, "--path", &at("x")], "");
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("hera new: ") && run.stderr.contains(message),
            "{name}: {}",
            run.stderr
        );
        assert_eq!(run.stdout, "");
    }
    assert!(!dir.path().join("x").exists(), "nothing is written for a bad name");

    let full = file(dir.path(), "full/notes.txt", "mine");
    let run = hera(&["new", "flow", "--path", &at("full")], "");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("already exists and is not empty"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&full).unwrap(), "mine");
    let run = hera(&["new", "flow", "--path", &full], "");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not a directory"), "{}", run.stderr);
    let run = hera(&["new", "flow", "--path", &at("y"), "--hera-path", &at("nowhere")], "");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--hera-path"), "{}", run.stderr);
    let run = hera(&["new", "flow", "--path", &at("y"), "--hera-path", &at("full")], "");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("holds the hera-rs package"), "{}", run.stderr);
    assert!(!dir.path().join("y").exists());

    // An empty directory is fine.
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    assert_eq!(hera(&["new", "flow", "--path", &at("empty")], "").code, 0);
}

#[test]
fn new_writes_the_same_files_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let checkout = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_str().unwrap();
    for flags in [&[][..], &["--lib"], &["--hera-path", checkout]] {
        let [a, b] = ["a", "b"].map(|side| dir.path().join(side).join(flags.join("")));
        for path in [&a, &b] {
            let mut args = vec!["new", "same-flow", "--path", path.to_str().unwrap()];
            args.extend_from_slice(flags);
            assert_eq!(hera(&args, "").code, 0);
        }
        assert_eq!(tree(&a), tree(&b), "{flags:?}");
    }
}

#[test]
fn run_reads_image_entrypoints_from_a_file_and_names_a_bad_entry() {
    let dir = tempfile::tempdir().unwrap();
    let workflow = file(
        dir.path(),
        "wf.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: wf}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    steps:\n    - - {name: a, template: a}\n      - {name: b, template: b}\n  - name: a\n    container: {image: 'argoproj/argosay:v2', args: [from-a]}\n  - name: b\n    container: {image: docker/whalesay, args: [from-b]}\n",
    );
    let entrypoints = file(
        dir.path(),
        "entrypoints.yaml",
        "argoproj/argosay:v2: [echo, said]\ndocker/whalesay: echo whale\n",
    );
    let args =
        ["run", "--executor", "host", "--log", "--progress", "none", "--image-entrypoints", &entrypoints];
    let ran = hera(&[&args[..], &[&workflow]].concat(), "");
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(ran.stderr.contains("\na: said from-a\n"), "{}", ran.stderr);
    assert!(ran.stderr.contains("\nb: whale from-b\n"), "{}", ran.stderr);
    // --image-entrypoint wins over the file.
    let over =
        hera(&[&args[..], &["--image-entrypoint", "argoproj/argosay:v2=echo over", &workflow]].concat(), "");
    assert!(over.stderr.contains("\na: over from-a\n"), "{}", over.stderr);
    let bad = file(dir.path(), "bad.yaml", "alpine: {not: a command}\n");
    let refused = hera(&["run", "--image-entrypoints", &bad, &workflow], "");
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains(&format!(
            "--image-entrypoints {bad}: alpine: expected a command (a string or a list of strings)"
        )),
        "{}",
        refused.stderr
    );
}
