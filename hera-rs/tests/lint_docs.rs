//! `docs/lint-rules.md` is generated from the rule declarations
//! (`hera::lint::RULES`): this test renders the table and compares.
//! Regenerate with `HERA_UPDATE_DOCS=1 cargo test -p hera-rs --test lint_docs`.

use hera::lint::{RULES, Rule};
use std::path::Path;

fn row(rule: &Rule) -> String {
    let cell = |text: &str| text.replace('|', "\\|");
    format!(
        "| `{}` | {} | {} | {} |\n",
        rule.id,
        rule.severity.as_str(),
        cell(rule.summary),
        cell(rule.remediation)
    )
}

fn render() -> String {
    let mut out = String::from(
        "# Lint rules\n\n\
         <!-- Generated from the rule declarations (hera::lint::RULES) by hera-rs/tests/lint_docs.rs: \
         run `HERA_UPDATE_DOCS=1 cargo test -p hera-rs --test lint_docs` after changing a rule. -->\n\n\
         Every finding of `hera lint` (and of a program's `lint`) names one of these rules. \
         `--allow RULE` drops a rule's findings, `--warn RULE` reports them as warnings and \
         `--deny RULE` as errors (each repeatable). The severity is the rule's usual one: \
         a few rules also warn where the linted files cannot settle the question.\n\n\
         ## Checks\n\n\
         | Rule | Severity | Checks | Fix |\n|---|---|---|---|\n",
    );
    RULES.iter().filter(|r| !r.builder).for_each(|r| out.push_str(&row(r)));
    out.push_str(
        "\n## Reported by the builders\n\n\
         What the builders find while building an object, before there is YAML to lint.\n\n\
         | Rule | Severity | Checks | Fix |\n|---|---|---|---|\n",
    );
    RULES.iter().filter(|r| r.builder).for_each(|r| out.push_str(&row(r)));
    out
}

#[test]
fn the_rule_list_in_the_docs_is_generated_from_the_declarations() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/lint-rules.md");
    let expected = render();
    if std::env::var_os("HERA_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/lint-rules.md is out of date: run `HERA_UPDATE_DOCS=1 cargo test -p hera-rs --test lint_docs`"
    );
}

#[test]
fn rule_ids_are_unique_kebab_case_and_documented() {
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), RULES.len());
    for rule in RULES {
        assert!(rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", rule.id);
        assert!(!rule.summary.is_empty() && !rule.remediation.is_empty(), "{}", rule.id);
        assert_eq!(Rule::by_id(rule.id), Some(*rule));
    }
}
