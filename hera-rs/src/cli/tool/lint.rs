//! `hera lint`: Argo's validation rules over YAML files, offline.

use super::input;
use super::read::{self, ReadError};
use crate::lint::{self, Finding, Levels, Report, UnknownRule, WorkflowDefaults};
use crate::support::{Exit, Output};
use std::path::PathBuf;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per finding: `FILE:LINE:COL: Kind name: field.path: message [rule]`.
    Text,
    /// A JSON array of findings, for CI annotations.
    Json,
}

/// `--allow`, `--warn` and `--deny`: per-rule levels, for `hera lint`
/// and a program's `lint`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct RuleLevels {
    /// Drop the findings of rule RULE (repeatable; see docs/lint-rules.md).
    #[arg(long, value_name = "RULE")]
    pub allow: Vec<String>,
    /// Report the findings of rule RULE as warnings (repeatable).
    #[arg(long, value_name = "RULE")]
    pub warn: Vec<String>,
    /// Report the findings of rule RULE as errors (repeatable; wins over
    /// --warn, which wins over --allow).
    #[arg(long, value_name = "RULE")]
    pub deny: Vec<String>,
}

impl RuleLevels {
    /// The levels, or the first unknown rule id.
    pub fn levels(&self) -> Result<Levels, UnknownRule> {
        Levels::from_lists(&self.allow, &self.warn, &self.deny)
    }

    /// The levels, or `Exit::Usage` after saying which rule id is unknown.
    pub(crate) fn levels_or_usage(&self, command: &str, out: &mut Output<'_>) -> Result<Levels, Exit> {
        self.levels().map_err(|error| {
            out.error(format!("{command}: {error}"));
            Exit::Usage
        })
    }
}

/// Arguments of `hera lint`.
#[derive(Debug, Clone, clap::Args)]
#[command(
    about = "Check Argo YAML files with Argo's validation rules, offline",
    long_about = "Reads every document of each file (or stdin for `-`; a directory means every \
                  *.yaml/*.yml below it) as strictly as `argo lint --strict` (unknown fields, \
                  duplicate keys and wrong types are errors) and checks all of them together with \
                  Argo's validation rules: names, references between templates (templateRef and \
                  workflowTemplateRef resolve among the files given; as with `argo lint --offline`, \
                  a reference to a workflow template that is not among them is an error of rule \
                  template-ref-not-found, which `--warn template-ref-not-found` makes a warning for \
                  templates that live on the cluster), template bodies, DAG and steps \
                  structure, arguments and inputs, outputs, {{...}} variables in scope, cron \
                  schedules and time zones, and the CRD's limits. Each finding names the file, \
                  line, column, object, field path and rule. Exit 0 when there are no errors \
                  (warnings too with --deny-warnings), 1 when there are, 2 for usage errors, \
                  unknown rule ids and unreadable files. --allow, --warn and --deny RULE \
                  (repeatable) drop a rule's findings or change their severity. \
                  --workflow-defaults FILE merges the controller's workflowDefaults into each \
                  Workflow first, as the controller does before validating."
)]
pub struct LintArgs {
    /// Output format (`--format` is the older spelling).
    #[arg(short = 'o', long = "output", alias = "format", value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Per-rule levels.
    #[command(flatten)]
    pub levels: RuleLevels,
    /// The controller's `workflowDefaults`, merged into each Workflow
    /// before linting as the controller merges them before validating: the
    /// workflow-controller ConfigMap, the controller's configuration, or
    /// the defaults Workflow itself.
    #[arg(long, value_name = "FILE")]
    pub workflow_defaults: Option<PathBuf>,
    /// Files or directories to read; `-` reads stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Also ask the Argo Server to lint each object (`--server=URL`, or
    /// ARGO_SERVER); both reports are printed.
    #[cfg(feature = "server")]
    #[arg(long, value_name = "URL", num_args = 0..=1, require_equals = true, default_missing_value = "")]
    pub server: Option<String>,
}

/// Runs `hera lint`.
pub fn run(args: &LintArgs, out: &mut Output<'_>) -> Exit {
    let levels = match args.levels.levels_or_usage("hera lint", out) {
        Ok(levels) => levels,
        Err(exit) => return exit,
    };
    let defaults = match args.workflow_defaults.as_deref().map(read_defaults).transpose() {
        Ok(defaults) => defaults,
        Err(message) => {
            out.error(format!("hera lint: {message}"));
            return Exit::Usage;
        }
    };
    let sources = match input::expand(&args.paths) {
        Ok(sources) => sources,
        Err(message) => {
            out.error(format!("hera lint: {message}"));
            return Exit::Usage;
        }
    };
    // Every unreadable file is reported (as `FILE: ...`, like findings)
    // before giving up, not only the first.
    let mut texts = Vec::new();
    let mut failed = None;
    for source in &sources {
        match read::text(source) {
            Ok(text) => texts.push((source.name(), text)),
            Err(error) => {
                error.lines().into_iter().for_each(|line| out.error(line));
                let exit = match error {
                    ReadError::Unreadable(_) => Exit::Usage,
                    ReadError::Invalid(_) => Exit::Problems,
                };
                failed = Some(failed.map_or(exit, |seen: Exit| seen.max(exit)));
            }
        }
    }
    if let Some(exit) = failed {
        return exit;
    }
    let sources: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let Report { mut findings, objects } = lint::lint_sources_with(&sources, defaults.as_ref());
    levels.apply(&mut findings);
    report(&findings, args.format, None, out);
    if objects == 0 && findings.is_empty() {
        out.error("hera lint: found nothing to lint in the specified paths (no Argo objects)");
        return Exit::Problems;
    }
    let fails = |f: &Finding| f.is_error() || args.deny_warnings;
    conclude("hera lint", objects, &findings, findings.iter().any(fails), args.format, out)
}

/// Reads `--workflow-defaults FILE`; the message names the file.
pub(crate) fn read_defaults(path: &std::path::Path) -> Result<WorkflowDefaults, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("--workflow-defaults {}: {error}", path.display()))?;
    WorkflowDefaults::from_yaml(&text)
        .map_err(|error| format!("--workflow-defaults {}: {error}", path.display()))
}

/// The last line on stderr: the count of findings when lint fails (in
/// text), one `ok` line when it passes; and the exit code.
pub(crate) fn conclude(
    command: &str,
    objects: usize,
    findings: &[Finding],
    fails: bool,
    format: Format,
    out: &mut Output<'_>,
) -> Exit {
    if !fails {
        out.error(format!("{command}: {}", ok(objects, findings)));
        return Exit::Success;
    }
    if format == Format::Text {
        let errors = findings.iter().filter(|f| f.is_error()).count();
        out.error(format!("{command}: {errors} error(s), {} warning(s)", findings.len() - errors));
    }
    Exit::Problems
}

/// The line a passing lint prints on stderr, so a CI log shows it ran:
/// `ok: 3 objects, no findings` (or `..., 2 warning(s)`).
pub(crate) fn ok(objects: usize, findings: &[Finding]) -> String {
    let objects = if objects == 1 { "1 object".to_owned() } else { format!("{objects} objects") };
    match findings.len() {
        0 => format!("ok: {objects}, no findings"),
        warnings => format!("ok: {objects}, {warnings} warning(s)"),
    }
}

/// Prints `findings` on stdout; in text, each line is under `program`
/// (a program's own lint) when given.
pub(crate) fn report(findings: &[Finding], format: Format, program: Option<&str>, out: &mut Output<'_>) {
    match format {
        Format::Text => {
            for finding in findings {
                let line = match program {
                    Some(program) => format!("{program}: {finding} [{}]\n", finding.rule),
                    None => format!("{finding} [{}]\n", finding.rule),
                };
                if !out.write(&line) {
                    return;
                }
            }
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = findings.iter().map(json).collect();
            let text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
            out.write(&format!("{text}\n"));
        }
    }
}

fn json(finding: &Finding) -> serde_json::Value {
    serde_json::json!({
        "severity": finding.severity.as_str(),
        "rule": finding.rule,
        "file": finding.file,
        "line": finding.location.map(|l| l.line),
        "column": finding.location.map(|l| l.column),
        "kind": finding.kind,
        "name": finding.name,
        "path": finding.path.to_string(),
        "message": finding.message,
    })
}
