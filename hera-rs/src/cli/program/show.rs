//! Showing a program's objects: `yaml`, `json`, `lint`, `graph`, `list`.

use crate::cli::tool::lint::{Format, RuleLevels, report};
use crate::cli::{Exit, Output};
use crate::lint::Finding;
use crate::model::Document;
use crate::project::Built;
use crate::support::suggest::did_you_mean;

/// The kinds of object a program can print.
const KINDS: [&str; 4] = ["Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow"];

/// Options of `yaml` and `json`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PrintArgs {
    /// Print only the object named NAME (its name, or its generateName
    /// prefix such as an `as_workflow` test's `my-wt-test-`).
    #[arg(long, value_name = "NAME")]
    pub only: Option<String>,
    /// Print only the objects of KIND (Workflow, WorkflowTemplate,
    /// ClusterWorkflowTemplate, CronWorkflow; any case).
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Print the objects even when lint or the builders find errors (the
    /// findings still go to stderr).
    #[arg(long)]
    pub allow_invalid: bool,
}

/// One finding as the program reports it: `PROGRAM: Kind name: path: message [rule]`.
pub fn line(finding: &Finding, program: &str) -> String {
    format!("{program}: {finding} [{}]", finding.rule)
}

/// Reports the builders' problems on stderr, with a count.
pub fn report_problems(problems: &[Finding], program: &str, out: &mut Output<'_>) {
    problems.iter().for_each(|finding| out.error(line(finding, program)));
    out.error(summary(problems, program));
}

/// `PROGRAM: N error(s), M warning(s)`.
fn summary(findings: &[Finding], program: &str) -> String {
    let errors = findings.iter().filter(|f| f.is_error()).count();
    format!("{program}: {errors} error(s), {} warning(s)", findings.len() - errors)
}

/// Prints the objects `args` selects, unless lint or the builders found
/// errors in them: then their findings go to stderr and nothing is printed
/// (exit 1), unless `--allow-invalid` (or `allow_invalid`, the program's
/// own choice) says to print anyway.
pub fn print(
    built: &Built,
    problems: &[Finding],
    args: &PrintArgs,
    allow_invalid: bool,
    json: bool,
    program: &str,
    out: &mut Output<'_>,
) -> Exit {
    let command = if json { "json" } else { "yaml" };
    let documents = match select(&built.documents, args, program, command, out) {
        Ok(documents) => documents,
        Err(exit) => return exit,
    };
    let concerns = |f: &&Finding| {
        f.kind.is_empty()
            || documents.iter().any(|d| d.kind() == f.kind && d.name().unwrap_or("(unnamed)") == f.name)
    };
    // With problems of the builders, lint's findings about the same
    // objects would repeat or mislead: the problems come alone.
    let findings: Vec<&Finding> = if problems.iter().any(|f| concerns(&f)) {
        problems.iter().filter(concerns).collect()
    } else {
        built.findings.iter().filter(concerns).collect()
    };
    findings.iter().for_each(|finding| out.error(line(finding, program)));
    let errors = findings.iter().filter(|f| f.is_error()).count();
    if errors > 0 && !(allow_invalid || args.allow_invalid) {
        out.error(format!(
            "{program}: {errors} error(s); nothing printed (`{program} lint` lists them; --allow-invalid prints anyway)"
        ));
        return Exit::Problems;
    }
    let text: crate::Result<String> = if json {
        documents.iter().map(|d| Ok(crate::json::to_string(*d)?)).collect()
    } else if documents.len() == built.documents.len() {
        // All of them (no clone: a benchmark prints tens of thousands of tasks).
        crate::yaml::emit::model_to_string_all(&built.documents).map_err(Into::into)
    } else {
        let documents: Vec<Document> = documents.iter().map(|d| (*d).clone()).collect();
        crate::yaml::emit::model_to_string_all(&documents).map_err(Into::into)
    };
    match text {
        Ok(text) => {
            out.write(&text);
            Exit::Success
        }
        Err(error) => {
            out.error(format!("{program}: {error}"));
            Exit::Problems
        }
    }
}

/// The documents `--only` and `--kind` choose (all without them); a usage
/// error, with a did-you-mean, for a name or kind the program does not have.
pub(crate) fn select<'a>(
    documents: &'a [Document],
    args: &PrintArgs,
    program: &str,
    command: &str,
    out: &mut Output<'_>,
) -> Result<Vec<&'a Document>, Exit> {
    let mut chosen: Vec<&Document> = documents.iter().collect();
    if let Some(kind) = &args.kind {
        let Some(kind) = KINDS.iter().find(|k| k.eq_ignore_ascii_case(kind)) else {
            out.error(format!(
                "{program} {command}: unknown kind '{kind}'{}; the kinds are {}",
                did_you_mean(kind, &KINDS),
                KINDS.join(", ")
            ));
            return Err(Exit::Usage);
        };
        chosen.retain(|d| d.kind() == *kind);
        if chosen.is_empty() {
            out.error(format!("{program} {command}: this program has no {kind}"));
            return Err(Exit::Usage);
        }
    }
    if let Some(only) = &args.only {
        let names: Vec<&str> = chosen.iter().filter_map(|d| d.name()).collect();
        let trimmed = |name: &str| name.trim_end_matches(['-', '.']).to_owned();
        let wanted = trimmed(only);
        let found: Vec<&Document> = chosen
            .iter()
            .copied()
            .filter(|d| d.name().is_some_and(|n| n == only || trimmed(n) == wanted))
            .collect();
        if found.is_empty() {
            let of_kind = args.kind.as_ref().map(|_| " of that kind").unwrap_or_default();
            out.error(format!(
                "{program} {command}: no object{of_kind} named '{only}'{}; this program has: {}",
                did_you_mean(only, &names),
                if names.is_empty() { "none".to_owned() } else { names.join(", ") }
            ));
            return Err(Exit::Usage);
        }
        chosen = found;
    }
    Ok(chosen)
}

/// `lint`: the findings (the builders' problems when there are any), an
/// exit code that fails on errors, and an `ok` line on stderr when it passes.
#[allow(clippy::too_many_arguments)] // the command's options, one by one
pub fn lint(
    built: &Built,
    problems: &[Finding],
    format: Format,
    deny_warnings: bool,
    levels: &RuleLevels,
    defaults: Option<&crate::lint::WorkflowDefaults>,
    program: &str,
    out: &mut Output<'_>,
) -> Exit {
    let levels = match levels.levels_or_usage(&format!("{program} lint"), out) {
        Ok(levels) => levels,
        Err(exit) => return exit,
    };
    let mut findings = match defaults {
        _ if !problems.is_empty() => problems.to_vec(),
        None => built.findings.clone(),
        // Linted again with the controller's defaults merged in; the
        // project's own finding (`unversioned`) is kept.
        Some(defaults) => {
            let inputs: Vec<crate::lint::Input<'_>> = built.documents.iter().map(Into::into).collect();
            let mut findings = crate::lint::lint_with(&inputs, Some(defaults));
            crate::lint::rules::references_are_external(&mut findings);
            let unversioned = crate::lint::rules::builder::UNVERSIONED.id;
            findings.extend(built.findings.iter().filter(|f| f.rule == unversioned).cloned());
            findings
        }
    };
    levels.apply(&mut findings);
    report(&findings, format, Some(program), out);
    let fails = findings.iter().any(|f| f.is_error() || deny_warnings);
    let command = format!("{program} lint");
    crate::cli::tool::lint::conclude(&command, built.documents.len(), &findings, fails, format, out)
}

/// `graph`: every object drawn in one picture.
pub fn graph(
    built: &Built,
    format: crate::graph::Format,
    template: Option<&str>,
    out: &mut Output<'_>,
) -> Exit {
    match crate::graph::render_all(&built.documents, format, template) {
        Ok(text) => {
            out.write(&text);
            Exit::Success
        }
        Err(error) => {
            out.error(format!("graph: {error}"));
            if matches!(error, crate::graph::GraphError::UnknownTemplate { .. }) {
                Exit::Usage
            } else {
                Exit::Problems
            }
        }
    }
}

/// `list`: one line per object — kind, name, version, templates.
pub fn list(built: &Built, out: &mut Output<'_>) -> Exit {
    let mut rows = vec![["KIND".to_owned(), "NAME".to_owned(), "VERSION".to_owned(), "TEMPLATES".to_owned()]];
    for (document, version) in built.documents.iter().zip(&built.versions) {
        let templates = spec_templates(document);
        rows.push([
            document.kind().to_owned(),
            document.name().unwrap_or("(unnamed)").to_owned(),
            version.clone().unwrap_or_else(|| "-".into()),
            templates.to_string(),
        ]);
    }
    let widths: Vec<usize> =
        (0..4).map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
    let mut text = String::new();
    for row in &rows {
        let cells: Vec<String> =
            row.iter().zip(&widths).map(|(cell, width)| format!("{cell:<width$}")).collect();
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    out.write(&text);
    Exit::Success
}

fn spec_templates(document: &Document) -> usize {
    document.workflow_spec().and_then(|spec| spec.templates.as_ref()).map_or(0, Vec::len)
}
