//! `#[script]` functions with artifacts: one writes a report file (an
//! output artifact), the next reads it (an input artifact); a third reads a
//! file downloaded over HTTP, its source chosen at the call site.
//!
//! ```text
//! cargo run --example script_artifacts
//! ```

use hera::prelude::*;

/// What `write_report` produces: a parameter and a file.
#[derive(Outputs)]
pub struct Report {
    /// How many lines the report has.
    pub lines: i64,
    /// The report itself.
    pub report: OutputArtifact,
}

/// Writes a report of `lines` lines titled `title`.
#[script]
pub fn write_report(title: String, lines: i64) -> Result<Report, std::io::Error> {
    let path = std::env::temp_dir().join("report.txt");
    let body: String = (1..=lines).map(|i| format!("{title}: line {i}\n")).collect();
    std::fs::write(&path, body)?;
    Ok(Report { lines, report: OutputArtifact::new(path) })
}

/// Counts the words of a text file.
#[script]
pub fn count_words(text: InputArtifact) -> Result<usize, std::io::Error> {
    Ok(text.read_to_string()?.split_whitespace().count())
}

/// Write, then count; and count a file from the web.
pub fn objects() -> Vec<Object> {
    let main = Dag::new("main", |d| {
        let report = d.task("write", write_report::call("weekly", 3));
        d.task("count", count_words::call(report.outputs().report));
        let license = Artifact::new("license")
            .http("https://raw.githubusercontent.com/argoproj/argo-workflows/main/LICENSE");
        d.task("count-license", count_words::call(license));
    });
    let workflow = Workflow::generate_name("script-artifacts-")
        .image(format!("ghcr.io/hera-rs/examples:v{}", hera::package_version!()))
        .entrypoint(main);
    vec![workflow.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
