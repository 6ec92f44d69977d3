//! `hera graph`: draw the DAG or steps of a workflow as DOT or Mermaid.

use super::input;
use super::read;
use crate::graph::{Format, GraphError};
use crate::model::Document;
use crate::support::{Exit, Output};
use std::path::PathBuf;

/// Arguments of `hera graph`.
#[derive(Debug, Clone, clap::Args)]
#[command(
    about = "Draw a workflow's DAG or steps as Graphviz DOT or a Mermaid flowchart",
    long_about = "Draws what each Workflow, WorkflowTemplate, ClusterWorkflowTemplate and CronWorkflow \
                  in FILE runs, starting at its entrypoint (or at --template NAME); a WorkflowTemplate \
                  without an entrypoint shows each of its DAG and steps templates. Tasks and steps that \
                  run another DAG or steps template are drawn as clusters around it, recursively; a \
                  template that calls itself is drawn once, then as a ↻ node. Edges carry the result a \
                  `depends` waits for when it is not success (A.Failed); `when` conditions and loops \
                  (withItems, withParam, withSequence) are shown on the node, exit handlers and \
                  lifecycle hooks hang off dashed edges, templateRef calls read name/template. \
                  Several objects are drawn side by side in one drawing. Pipe DOT to Graphviz: \
                  `hera graph wf.yaml | dot -Tsvg > wf.svg`; paste Mermaid into Markdown. \
                  Exit 0 when drawn, 1 when the input has problems (invalid YAML, no workflow \
                  objects, an entrypoint that is not a template), 2 for usage errors (an unknown \
                  --template) and unreadable files."
)]
pub struct GraphArgs {
    /// Output format (`--format` is the older spelling).
    #[arg(short = 'o', long = "output", alias = "format", value_enum, default_value_t = Format::Dot)]
    pub format: Format,
    /// Draw this template instead of the entrypoint.
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    /// The YAML file to read (`-` reads stdin; a directory, every *.yaml/*.yml below it).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// Runs `hera graph`.
pub fn run(args: &GraphArgs, out: &mut Output<'_>) -> Exit {
    match read::documents_at(&args.file, "graph", out) {
        Ok(documents) => draw(&documents, args, out),
        Err(exit) => exit,
    }
}

fn draw(documents: &[Document], args: &GraphArgs, out: &mut Output<'_>) -> Exit {
    match crate::graph::render_all(documents, args.format, args.template.as_deref()) {
        Ok(text) => {
            out.write(&text);
            Exit::Success
        }
        Err(error @ GraphError::UnknownTemplate { .. }) => {
            out.error(format!("hera graph: --template: {error}"));
            Exit::Usage
        }
        Err(error) => {
            let name = if args.file.as_os_str() == "-" {
                input::STDIN_NAME.to_owned()
            } else {
                args.file.display().to_string()
            };
            out.error(format!("{name}: {error}"));
            Exit::Problems
        }
    }
}
