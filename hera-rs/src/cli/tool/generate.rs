//! `hera generate rust`: Argo YAML as a hera-rs program.

use super::input;
use super::read;
use crate::support::{Exit, Output};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Arguments of `hera generate`.
#[derive(Debug, Clone, clap::Args)]
#[command(about = "Generate code from Argo YAML")]
pub struct GenerateArgs {
    #[command(subcommand)]
    pub what: Generate,
}

/// What to generate.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Generate {
    /// A hera-rs program per file: builders for every template, references
    /// as handles (`task.result()`), model values where no builder method
    /// fits. Running it prints YAML equal as data to the input.
    Rust(RustArgs),
}

/// Arguments of `hera generate rust`.
#[derive(Debug, Clone, clap::Args)]
#[command(long_about = "Writes each FILE as a Rust program: `pub fn objects() -> Vec<Object>` and \
                        `pub fn main()` calling `hera::cli::main(objects())`, so the file is a binary \
                        (src/bin/NAME.rs) or a module. One FILE prints to stdout; with --out DIR each \
                        becomes DIR/NAME.rs. Running the program (`yaml`, or `yaml --allow-invalid` for \
                        input Argo would refuse) prints YAML equal as data to the input. \
                        YAML comments become Rust comments above their task, step, template or object. \
                        Exit 0 when written, 1 when a document cannot be reproduced (the document and \
                        field are named) or is not valid Argo YAML, 2 for unreadable files.")]
pub struct RustArgs {
    /// The YAML files (a directory: every *.yaml/*.yml below it; `-` reads stdin).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Write DIR/NAME.rs for each file instead of printing.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Print, on stderr, how often each field was written as a model value.
    #[arg(long)]
    pub fallbacks: bool,
    /// Typed calls of the templates of each WorkflowTemplate or
    /// ClusterWorkflowTemplate instead (a function per template, by `templateRef`).
    #[arg(long)]
    pub stubs: bool,
}

/// Runs `hera generate`.
pub fn run(args: &GenerateArgs, out: &mut Output<'_>) -> Exit {
    let Generate::Rust(args) = &args.what;
    let sources = match input::expand(&args.files) {
        Ok(sources) => sources,
        Err(message) => {
            out.error(format!("hera generate: {message}"));
            return Exit::Usage;
        }
    };
    if sources.len() > 1 && args.out.is_none() {
        out.error("hera generate: several files need --out DIR (one NAME.rs each)");
        return Exit::Usage;
    }
    let mut worst = Exit::Success;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut taken = std::collections::HashSet::new();
    for source in &sources {
        let name = source.name();
        let (documents, text) = match read::documents_and_text(source) {
            Ok(read) => read,
            Err(error) => {
                error.lines().into_iter().for_each(|line| out.error(line));
                worst = worst.max(if matches!(error, read::ReadError::Unreadable(_)) {
                    Exit::Usage
                } else {
                    Exit::Problems
                });
                continue;
            }
        };
        let generated = if args.stubs {
            crate::generate::stubs(&documents, &name)
        } else {
            crate::generate::rust_with_comments(&documents, crate::yaml::attached_comments(&text), &name)
        };
        let generated = match generated {
            Ok(generated) => generated,
            Err(error) => {
                out.error(format!("hera generate: {error}"));
                worst = worst.max(Exit::Problems);
                continue;
            }
        };
        for field in generated.fallbacks {
            *counts.entry(field).or_default() += 1;
        }
        match &args.out {
            None => {
                out.write(&generated.code);
            }
            Some(dir) => {
                let path = dir.join(format!("{}.rs", module_name(&name, &mut taken)));
                if let Err(error) = std::fs::create_dir_all(dir)
                    .and_then(|()| crate::support::files::write_atomically(&path, &generated.code))
                {
                    out.error(format!("hera generate: {}: cannot write: {error}", path.display()));
                    worst = worst.max(Exit::Usage);
                }
            }
        }
    }
    if args.fallbacks {
        for (field, count) in &counts {
            out.error(format!("{count:6} {field}"));
        }
    }
    worst
}

/// A file's module name: its stem in snake case, unique among the files.
pub(crate) fn module_name(source: &str, taken: &mut std::collections::HashSet<String>) -> String {
    let stem = std::path::Path::new(source).file_stem().and_then(|s| s.to_str()).unwrap_or("workflow");
    let mut base: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        base = format!("w_{base}");
    }
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}_{n}");
        n += 1;
    }
    name
}
