//! Every lint rule: fixture files under `tests/lint/<rule>/`. Each
//! `bad*.yaml` breaks its rule (its first line, `# expect: ...`, is text the
//! finding's one-line form contains, and `hera lint`'s text output for it is
//! a reviewed snapshot in `tests/snapshots/`); each `good*.yaml` is a
//! neighbour that keeps it (no findings at all). Every rule of
//! `hera::lint::RULES` but the builders' has a directory.
//!
//! Add a case by adding files; accept a new snapshot after reading it
//! (`cargo insta review`, or `INSTA_UPDATE=always` and read the `.snap`).

use hera::lint::{Finding, RULES, Severity, lint_sources};
use std::path::{Path, PathBuf};

/// A Workflow around `spec` (written without indentation).
fn workflow(spec: &str) -> String {
    let spec: String = spec.lines().map(|l| format!("  {l}\n")).collect();
    format!("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: t-\nspec:\n{spec}")
}

const ECHO: &str = "- name: echo\n  container: {image: alpine, command: [echo]}";

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lint")
}

/// `(rule, file name, path)` of every fixture, sorted.
fn fixtures() -> Vec<(String, String, PathBuf)> {
    let mut out = Vec::new();
    for rule in std::fs::read_dir(fixtures_dir()).unwrap() {
        let rule = rule.unwrap().path();
        for file in std::fs::read_dir(&rule).unwrap() {
            let file = file.unwrap().path();
            let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name(&rule), name(&file), file));
        }
    }
    out.sort();
    out
}

fn lint(name: &str, source: &str) -> Vec<Finding> {
    lint_sources(&[(name, source)]).findings
}

/// `hera lint`'s text output: one line per finding, with its rule.
fn text(findings: &[Finding]) -> String {
    findings.iter().map(|f| format!("{f} [{}]\n", f.rule)).collect()
}

#[test]
fn each_bad_fixture_breaks_its_rule_with_its_path_and_message() {
    let mut failures = Vec::new();
    for (rule, file, path) in fixtures().into_iter().filter(|(_, file, _)| file.starts_with("bad")) {
        let source = std::fs::read_to_string(&path).unwrap();
        let expect = source.lines().next().and_then(|l| l.strip_prefix("# expect: "));
        let Some(expect) = expect else {
            failures.push(format!("{rule}/{file}: the first line should be `# expect: ...`"));
            continue;
        };
        let name = format!("{rule}/{file}");
        let findings = lint(&name, &source);
        if !findings.iter().any(|f| f.rule == rule && f.to_string().contains(expect)) {
            failures.push(format!(
                "{name}: expected a finding of {rule} containing {expect:?}, got:\n{}",
                text(&findings)
            ));
        }
        let snapshot = format!("{rule}__{}", file.trim_end_matches(".yaml"));
        insta::with_settings!({ snapshot_path => "snapshots/lint", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(snapshot, text(&findings));
        });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_good_fixture_is_clean() {
    let mut failures = Vec::new();
    for (rule, file, path) in fixtures().into_iter().filter(|(_, file, _)| file.starts_with("good")) {
        let name = format!("{rule}/{file}");
        let findings = lint(&name, &std::fs::read_to_string(&path).unwrap());
        if !findings.is_empty() {
            failures.push(format!("{name}: should be clean, got:\n{}", text(&findings)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_case_and_every_case_a_rule() {
    let fixtures = fixtures();
    let has = |rule: &str, prefix: &str| fixtures.iter().any(|(r, f, _)| r == rule && f.starts_with(prefix));
    let missing: Vec<&str> = RULES
        .iter()
        .filter(|r| !r.builder)
        .map(|r| r.id)
        .filter(|id| !has(id, "bad") || !has(id, "good"))
        .collect();
    assert!(missing.is_empty(), "rules without a bad and a good fixture: {missing:?}");
    let unknown: Vec<&str> = fixtures
        .iter()
        .map(|(rule, _, _)| rule.as_str())
        .filter(|rule| !RULES.iter().any(|r| r.id == *rule && !r.builder))
        .collect();
    assert!(unknown.is_empty(), "fixture directories that name no rule: {unknown:?}");
    let stray: Vec<&str> = fixtures
        .iter()
        .map(|(_, file, _)| file.as_str())
        .filter(|f| !(f.ends_with(".yaml") && (f.starts_with("bad") || f.starts_with("good"))))
        .collect();
    assert!(stray.is_empty(), "fixture files that are not bad*.yaml or good*.yaml: {stray:?}");
}

#[test]
fn findings_carry_file_line_and_column() {
    let source = workflow(&format!(
        "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{{name: a, template: missing}}]]\n{ECHO}"
    ));
    let findings = lint("case.yaml", &source);
    assert_eq!(
        findings[0].to_string(),
        "case.yaml:9:34: Workflow t-: spec.templates[main].steps[0][a].template: template name 'missing' undefined"
    );
    assert_eq!(findings[0].severity, Severity::Error);
}

#[test]
fn a_template_ref_outside_the_linted_files_is_an_error_of_its_own_rule() {
    // As `argo lint --offline`: a reference it cannot resolve is "not found".
    let source = workflow(
        "entrypoint: main\ntemplates:\n- name: main\n  steps: [[{name: a, templateRef: {name: shared, template: echo}}]]",
    );
    let mut findings = lint("case.yaml", &source);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!((findings[0].severity, findings[0].rule), (Severity::Error, "template-ref-not-found"));
    assert!(findings[0].to_string().contains("template reference shared.echo not found"), "{}", findings[0]);
    // Its own rule, so `--warn template-ref-not-found` accepts templates on the cluster.
    let mut levels = hera::lint::Levels::default();
    levels.set("template-ref-not-found", hera::lint::Level::Warn).unwrap();
    levels.apply(&mut findings);
    assert_eq!(findings[0].severity, Severity::Warning);
}
