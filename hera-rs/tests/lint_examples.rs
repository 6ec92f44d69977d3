//! `hera::lint` and `hera lint` over Argo's whole example directory, linted
//! as one set like `hera lint <dir>`: exactly the four known errors and no
//! warnings, so a new false positive fails with the full list of findings.

mod common;

use common::*;
use hera::lint::{Finding, Severity, lint_sources};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The findings Argo's examples are known to have: file name, rule and a
/// stable part of the message. All are errors.
const KNOWN: [(&str, &str, &str); 4] = [
    // A real duplicate `annotations` key under metadata.
    ("k8s-patch-json-workflow.yaml", "yaml", "duplicate key `annotations`"),
    // generateName is indented under labels by mistake; kubectl refuses it.
    ("fun-with-gifs.yaml", "object-name", "metadata.name or metadata.generateName is required"),
    // ...which also makes `fun-with-gifs-` a label value, and one cannot end in `-`.
    ("fun-with-gifs.yaml", "label", "label value 'fun-with-gifs-' is invalid"),
    // No name at all; kubectl refuses it (argo lint does not check names).
    ("k8s-jobs.yaml", "object-name", "metadata.name or metadata.generateName is required"),
];

fn is_known(file: &str) -> bool {
    KNOWN.iter().any(|(name, _, _)| Path::new(file).file_name().is_some_and(|n| n == *name))
}

fn matches_known(finding: &Finding) -> bool {
    let file = finding.file.as_deref().unwrap_or_default();
    KNOWN.iter().any(|(name, rule, message)| {
        file.rsplit('/').next() == Some(*name)
            && finding.rule == *rule
            && finding.severity == Severity::Error
            && finding.message.contains(message)
    })
}

fn listing(findings: &[Finding]) -> String {
    findings.iter().map(|f| format!("  {f} [{}]", f.rule)).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_examples_have_exactly_the_four_known_errors_and_no_warnings() {
    let Some(dir) = examples() else { return };
    let files = yaml_files(&dir);
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|path| {
            let name = path.strip_prefix(&dir).unwrap().display().to_string();
            (name, std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        })
        .collect();
    let sources: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let report = lint_sources(&sources);

    // The whole corpus was read, not skipped: one document fails to read.
    assert!(files.len() >= 200, "only {} example files under {}", files.len(), dir.display());
    assert!(report.objects >= 200, "only {} Argo objects read", report.objects);

    let unexpected: Vec<Finding> = report.findings.iter().filter(|f| !matches_known(f)).cloned().collect();
    assert!(unexpected.is_empty(), "unexpected findings (new false positives?):\n{}", listing(&unexpected));
    for (name, rule, message) in KNOWN {
        let hits = report
            .findings
            .iter()
            .filter(|f| f.file.as_deref() == Some(name) && f.rule == rule && f.message.contains(message))
            .count();
        assert_eq!(hits, 1, "{name}: expected one {rule} finding, got:\n{}", listing(&report.findings));
    }

    // The two unnamed workflows are still linted as objects, with positions.
    let jobs = report.findings.iter().find(|f| f.file.as_deref() == Some("k8s-jobs.yaml")).unwrap();
    assert_eq!((jobs.kind.as_str(), jobs.name.as_str()), ("Workflow", "(unnamed)"));
    assert_eq!(jobs.path.to_string(), "metadata.name");
    assert!(jobs.location.is_some(), "{jobs}");
}

fn hera(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hera")).arg("lint").args(args).output().unwrap()
}

#[test]
fn hera_lint_on_the_examples_exits_1_with_the_four_errors() {
    let Some(dir) = examples() else { return };
    let text = hera(&[dir.as_os_str()]);
    let stdout = String::from_utf8(text.stdout).unwrap();
    let stderr = String::from_utf8(text.stderr).unwrap();
    assert_eq!(text.status.code(), Some(1), "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert_eq!(stdout.lines().count(), 4, "{stdout}");
    assert!(stderr.contains("4 error(s), 0 warning(s)"), "{stderr}");

    let json = hera(&["--format".as_ref(), "json".as_ref(), dir.as_os_str()]);
    assert_eq!(json.status.code(), Some(1));
    let stdout = String::from_utf8(json.stdout).unwrap();
    let items: Vec<serde_json::Value> =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}:\n{stdout}"));
    assert_eq!(items.len(), 4, "{stdout}");
    let fields = ["severity", "rule", "file", "line", "column", "kind", "name", "path", "message"];
    for item in &items {
        let object = item.as_object().unwrap_or_else(|| panic!("not an object: {item}"));
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = fields.to_vec();
        expected.sort_unstable();
        assert_eq!(keys, expected, "{item}");
        assert_eq!(item["severity"], "error", "{item}");
        assert!(item["line"].as_u64().is_some_and(|l| l > 0), "{item}");
        assert!(item["column"].as_u64().is_some_and(|c| c > 0), "{item}");
        let file = item["file"].as_str().unwrap();
        assert!(file.starts_with(dir.to_str().unwrap()), "{file}");
        let known = KNOWN.iter().any(|(name, rule, message)| {
            file.ends_with(&format!("/{name}"))
                && item["rule"] == *rule
                && item["message"].as_str().unwrap().contains(message)
        });
        assert!(known, "unexpected finding: {item}");
    }
}

#[test]
fn hera_lint_on_the_clean_examples_exits_0_with_only_the_ok_line() {
    let Some(dir) = examples() else { return };
    let clean: Vec<PathBuf> =
        yaml_files(&dir).into_iter().filter(|p| !is_known(p.to_str().unwrap())).collect();
    let args: Vec<&std::ffi::OsStr> = clean.iter().map(|p| p.as_os_str()).collect();
    let output = hera(&args);
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert_eq!(stdout, "");
    let objects =
        stderr.strip_prefix("hera lint: ok: ").and_then(|s| s.strip_suffix(" objects, no findings\n"));
    assert!(objects.is_some_and(|n| n.parse::<usize>().is_ok_and(|n| n > 200)), "{stderr}");
}

#[test]
fn workflow_templates_and_the_workflows_referencing_them_lint_clean_together() {
    let Some(dir) = examples() else { return };
    // Cluster workflow templates reference namespaced ones: together, every
    // templateRef resolves, so there is not even a warning.
    let together =
        hera(&[dir.join("workflow-template").as_os_str(), dir.join("cluster-workflow-template").as_os_str()]);
    assert_eq!(together.status.code(), Some(0));
    assert_eq!(String::from_utf8(together.stdout).unwrap(), "");

    // Alone, the references out of the set are errors, as with `argo lint --offline`...
    let alone = hera(&[dir.join("cluster-workflow-template").as_os_str()]);
    assert_eq!(alone.status.code(), Some(1));
    let stdout = String::from_utf8(alone.stdout).unwrap();
    assert!(
        !stdout.is_empty()
            && stdout.lines().all(|l| !l.contains("warning:") && l.ends_with("[template-ref-not-found]")),
        "{stdout}"
    );
    // ...and warnings for templates that live on the cluster, which pass unless denied.
    let cluster = dir.join("cluster-workflow-template");
    let warned = hera(&["--warn".as_ref(), "template-ref-not-found".as_ref(), cluster.as_os_str()]);
    assert_eq!(warned.status.code(), Some(0));
    let stdout = String::from_utf8(warned.stdout).unwrap();
    assert!(!stdout.is_empty() && stdout.lines().all(|l| l.contains("warning:")), "{stdout}");
    let denied = hera(&[
        "--warn".as_ref(),
        "template-ref-not-found".as_ref(),
        "--deny-warnings".as_ref(),
        cluster.as_os_str(),
    ]);
    assert_eq!(denied.status.code(), Some(1));
}
