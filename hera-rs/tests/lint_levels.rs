//! `hera lint --allow/--warn/--deny RULE`: per-rule levels, and an unknown
//! rule id as a usage error with a suggestion.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lint").join(path)
}

fn hera(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hera")).arg("lint").args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn allow_drops_a_rules_findings_warn_and_deny_set_their_severity() {
    // Two findings of `cron`: a malformed schedule and an unknown time zone.
    let bad = fixture("cron/bad-1.yaml");
    let bad = bad.to_str().unwrap();
    let plain = hera(&[bad]);
    assert_eq!(plain.status.code(), Some(1));
    assert_eq!(text(&plain.stdout).lines().count(), 2, "{}", text(&plain.stdout));

    let allowed = hera(&["--allow", "cron", bad]);
    assert_eq!(allowed.status.code(), Some(0), "{}", text(&allowed.stderr));
    assert_eq!(text(&allowed.stdout), "");

    let warned = hera(&["--warn", "cron", bad]);
    assert_eq!(warned.status.code(), Some(0), "{}", text(&warned.stderr));
    let stdout = text(&warned.stdout);
    assert!(stdout.lines().all(|l| l.contains(" warning: ") && l.ends_with("[cron]")), "{stdout}");
    assert_eq!(text(&warned.stderr), "hera lint: ok: 1 object, 2 warning(s)\n");
    assert_eq!(hera(&["--warn", "cron", "--deny-warnings", bad]).status.code(), Some(1));

    // --deny wins over --warn, whatever the order; other rules keep their level.
    let error = fixture("template-ref/bad-2.yaml");
    let error = error.to_str().unwrap();
    assert_eq!(hera(&["--warn", "template-ref", error]).status.code(), Some(0));
    assert_eq!(hera(&["--deny", "template-ref", "--warn", "template-ref", error]).status.code(), Some(1));
    assert_eq!(hera(&["--warn", "cron", error]).status.code(), Some(1));
}

#[test]
fn an_unknown_rule_is_a_usage_error_with_a_suggestion() {
    let good = fixture("loop/good.yaml");
    let output = hera(&["--allow", "lop", good.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output.stderr), "hera lint: unknown lint rule 'lop'; did you mean 'loop'?\n");
    assert_eq!(text(&output.stdout), "");
}
