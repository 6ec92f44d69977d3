//! Showing a program's objects: `yaml`, `json`, `lint`, `graph`, `list`.

use crate::cli::tool::lint::{Format, RuleLevels, report};
use crate::cli::{Exit, Output};
use crate::model::Document;
use crate::project::Built;

/// Prints the objects. Lint findings go to stderr and do not stop the
/// printing (a synthetic benchmark may well exceed the CRD's limits);
/// `lint` and `emit` are the gates.
pub fn print(built: &Built, json: bool, out: &mut Output<'_>) -> Exit {
    built.findings.iter().for_each(|finding| out.error(finding));
    let text: crate::Result<String> = if json {
        built.documents.iter().map(|d| Ok(crate::json::to_string(d)?)).collect()
    } else {
        crate::yaml::to_string_all(&built.documents).map_err(Into::into)
    };
    match text {
        Ok(text) => {
            out.write(&text);
            Exit::Success
        }
        Err(error) => {
            out.error(error);
            Exit::Problems
        }
    }
}

/// `lint`: the findings, and an exit code that fails on errors.
pub fn lint(
    built: &Built,
    format: Format,
    deny_warnings: bool,
    levels: &RuleLevels,
    out: &mut Output<'_>,
) -> Exit {
    let levels = match levels.levels_or_usage("lint", out) {
        Ok(levels) => levels,
        Err(exit) => return exit,
    };
    let mut findings = built.findings.clone();
    levels.apply(&mut findings);
    report(&findings, format, out);
    let fails = findings.iter().any(|f| f.is_error() || deny_warnings);
    if fails { Exit::Problems } else { Exit::Success }
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
