//! `hera fmt`: read YAML into the typed model and print it back normalised.

use super::input::{self, Source};
use crate::model::Document;
use crate::support::{Exit, Output};
use std::path::PathBuf;

/// Arguments of `hera fmt`.
#[derive(Debug, Clone, clap::Args)]
#[command(
    about = "Read Argo YAML into the typed model and print it back normalised",
    long_about = "Reads every document of each file (or stdin for `-`; a directory means every \
                  *.yaml/*.yml below it) into the typed Argo model and prints it back in hera-rs's \
                  normalised form: fixed key order, YAML 1.1-safe quoting, literal blocks for \
                  multi-line strings. Documents of other kinds (ConfigMap, ...) pass through untyped; \
                  a document without `kind` is not a Kubernetes object and is refused. What the \
                  typed model reads, it writes back, with one loss: a `key: null` in an Argo object \
                  is dropped (Kubernetes treats a null field as absent). Parameter values, defaults \
                  and enum items written as numbers or booleans are written quoted, the string \
                  Argo reads. Problems are printed as FILE:LINE:COL: field.path: message. A file without \
                  documents (empty, or only comments) prints nothing and is never rewritten. A \
                  file's leading comment block (a licence, the header `emit` writes) is kept as it \
                  is; other comments are lost, so --write needs --allow-comment-loss for them. \
                  Exit 0 when all is well, 1 when an input has problems (or, with --check, would \
                  change), 2 for usage errors and unreadable files."
)]
pub struct FmtArgs {
    /// Rewrite each file in place instead of printing it.
    #[arg(long, conflicts_with = "check")]
    pub write: bool,
    /// Print nothing; exit 1 and name each file that is not already formatted.
    #[arg(long)]
    pub check: bool,
    /// What to print: YAML, or JSON (one object per document).
    #[arg(short = 'o', long = "output", value_enum, default_value_t = Printed::Yaml, conflicts_with_all = ["write", "check"])]
    pub output: Printed,
    /// The same as `--output json` (the older spelling).
    #[arg(long, hide = true, conflicts_with_all = ["write", "check", "output"])]
    pub json: bool,
    /// With --write, rewrite files even though their comments will be lost.
    #[arg(long, requires = "write")]
    pub allow_comment_loss: bool,
    /// Files or directories to read; `-` reads stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// What `hera fmt` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Printed {
    /// YAML, Norway-safe, in the model's key order.
    Yaml,
    /// JSON, one object per document.
    Json,
}

impl FmtArgs {
    fn json(&self) -> bool {
        self.json || self.output == Printed::Json
    }
}

/// Runs `hera fmt`.
pub fn run(args: &FmtArgs, out: &mut Output<'_>) -> Exit {
    if args.write && args.paths.iter().any(|p| p.as_os_str() == "-") {
        out.error("hera fmt: --write cannot rewrite stdin (`-`)");
        return Exit::Usage;
    }
    let sources = match input::expand(&args.paths) {
        Ok(sources) => sources,
        Err(message) => {
            out.error(format!("hera fmt: {message}"));
            return Exit::Usage;
        }
    };
    let mut exit = Exit::Success;
    let mut printed_any = false;
    for source in &sources {
        exit = exit.max(format_one(source, args, out, &mut printed_any));
        if out.is_closed() {
            break;
        }
    }
    exit
}

fn format_one(source: &Source, args: &FmtArgs, out: &mut Output<'_>, printed_any: &mut bool) -> Exit {
    let name = source.name();
    let bytes = match source.read() {
        Ok(bytes) => bytes,
        Err(error) => {
            out.error(format!("{name}: cannot read: {error}"));
            return Exit::Usage;
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        out.error(format!("{name}: not UTF-8 text; YAML files must be UTF-8"));
        return Exit::Problems;
    };
    let documents = match crate::yaml::documents(&text) {
        Ok(documents) => documents,
        Err(error) => {
            for problem in error.with_origin(&name).problems() {
                out.error(problem);
            }
            return Exit::Problems;
        }
    };
    if documents.is_empty() {
        return Exit::Success;
    }
    let rendered = match render(&documents, args.json()) {
        // The file's leading comment block (a licence, emit's header) stays as it is.
        Ok(rendered) if !args.json() => format!("{}{rendered}", crate::yaml::leading_comments(&text)),
        Ok(rendered) => rendered,
        Err(error) => {
            out.error(format!("{name}: {error}"));
            return Exit::Problems;
        }
    };
    match (source, args.write, args.check) {
        (Source::File(path), true, _) => write_back(path, &name, &text, &rendered, args, out),
        (_, _, true) if rendered != text => {
            out.error(format!("{name}: not formatted"));
            Exit::Problems
        }
        (_, _, true) => Exit::Success,
        _ => {
            let separator = if *printed_any && !args.json() { "---\n" } else { "" };
            *printed_any = true;
            out.write(separator);
            out.write(&rendered);
            Exit::Success
        }
    }
}

fn render(documents: &[Document], json: bool) -> crate::Result<String> {
    if !json {
        return Ok(crate::yaml::emit::model_to_string_all(documents)?);
    }
    documents.iter().map(|d| Ok(crate::json::to_string(d)?)).collect()
}

fn write_back(
    path: &std::path::Path,
    name: &str,
    text: &str,
    rendered: &str,
    args: &FmtArgs,
    out: &mut Output<'_>,
) -> Exit {
    if rendered == text {
        return Exit::Success;
    }
    let header = crate::yaml::leading_comments(text);
    if !args.allow_comment_loss && crate::yaml::has_comments(&text[header.len()..]) {
        out.error(format!(
            "{name}: not rewritten: it has comments below its leading comment block, which the typed \
             model cannot keep; pass --allow-comment-loss to rewrite it without them"
        ));
        return Exit::Problems;
    }
    match crate::support::files::write_atomically(path, rendered) {
        Ok(()) => Exit::Success,
        Err(error) => {
            out.error(format!("{name}: cannot write: {error}"));
            Exit::Usage
        }
    }
}
