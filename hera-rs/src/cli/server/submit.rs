//! `submit`: create workflows (or submit them from templates on the
//! server), then optionally follow their logs and wait for the result,
//! as `argo submit --wait --log` does (`cmd/argo/commands/submit.go`).

use super::follow::{How, follow};
use super::print::{Format, print};
use super::{Context, Select, label, namespace_of};
use crate::cli::progress::Progress;
use crate::model::{Document, Parameter, Workflow};
use crate::server::{Settings, SubmitOptions};
use crate::support::Exit;
use std::path::PathBuf;
use std::time::Duration;

/// Arguments of `submit`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct SubmitArgs {
    /// YAML files (the `hera` tool); a program submits its own objects.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Wait until each workflow finishes; exit 1 unless all Succeeded.
    #[arg(long)]
    pub wait: bool,
    /// Wait, showing the nodes (phase, duration, message): a tree redrawn
    /// in place on a terminal, else one line per node change (--progress).
    #[arg(long, conflicts_with = "wait")]
    pub watch: bool,
    /// How --watch shows the nodes: `tree` (redrawn in place), `lines` (one
    /// per change), `none`, or `auto` (the tree on a terminal, else lines).
    #[arg(long, value_enum, value_name = "MODE", default_value_t = Progress::Auto)]
    pub progress: Progress,
    /// Follow the pods' logs (main containers), each line prefixed with its
    /// node (the pod's name when its node is not known).
    #[arg(long)]
    pub log: bool,
    /// A parameter, NAME=VALUE (repeatable).
    #[arg(short = 'p', long = "parameter", value_name = "NAME=VALUE")]
    pub parameters: Vec<String>,
    /// Stop waiting after this long (`30s`, `5m`, `1h`): exit 1.
    #[arg(long, value_name = "DURATION")]
    pub timeout: Option<String>,
    /// The workflows' generateName.
    #[arg(long, value_name = "PREFIX")]
    pub generate_name: Option<String>,
    /// Run this template instead of the entrypoint.
    #[arg(long, value_name = "NAME")]
    pub entrypoint: Option<String>,
    /// Submit a WorkflowTemplate's (or ClusterWorkflowTemplate's) content as a
    /// new Workflow named after it (Hera's `create_as_workflow`: the
    /// template need not be on the server; IMAGE_NAME is honoured by programs).
    #[arg(long)]
    pub as_workflow: bool,
    /// Print each workflow (at its end, when waiting) on stdout: Argo's
    /// Workflow object, as `argo submit -o json|yaml` does.
    #[arg(short = 'o', long = "output", value_name = "FORMAT", value_enum)]
    pub output: Option<Format>,
    #[command(flatten)]
    pub select: Select,
    #[command(flatten)]
    pub settings: Settings,
}

/// Runs `submit`.
pub(crate) fn run(args: &SubmitArgs, documents: &[Document], mut cx: Context<'_, '_, '_>) -> Exit {
    for parameter in &args.parameters {
        if !parameter.contains('=') {
            cx.out.error(format!("hera submit: -p {parameter}: expected NAME=VALUE"));
            return Exit::Usage;
        }
    }
    let timeout = match args.timeout.as_deref().map(parse_duration).transpose() {
        Ok(timeout) => timeout,
        Err(message) => {
            cx.out.error(format!("{} submit: --timeout: {message}", cx.program));
            return Exit::Usage;
        }
    };
    let mut submitted = Vec::new();
    for document in documents {
        let namespace = namespace_of(document, cx.client).to_owned();
        let as_workflow = match document {
            Document::WorkflowTemplate(t) if args.as_workflow => Some(as_workflow(&t.metadata, &t.spec)),
            Document::ClusterWorkflowTemplate(t) if args.as_workflow => {
                Some(as_workflow(&t.metadata, &t.spec))
            }
            _ => None,
        };
        let result = match document {
            _ if as_workflow.is_some() => {
                let workflow = as_workflow.as_ref().expect("checked");
                cx.client.create_workflow(&namespace, &prepare(workflow, args))
            }
            Document::Workflow(workflow) => cx.client.create_workflow(&namespace, &prepare(workflow, args)),
            Document::WorkflowTemplate(_)
            | Document::ClusterWorkflowTemplate(_)
            | Document::CronWorkflow(_) => {
                let options = SubmitOptions {
                    parameters: args.parameters.clone(),
                    generate_name: args.generate_name.clone(),
                    entry_point: args.entrypoint.clone(),
                    labels: None,
                };
                cx.client.submit_from(&namespace, document.kind(), document.name().unwrap_or(""), &options)
            }
            _ => continue,
        };
        match result {
            Ok(workflow) => {
                let name = workflow.metadata.name.clone().unwrap_or_default();
                cx.out.error(format!(
                    "hera submit: {} submitted as Workflow {namespace}/{name}",
                    label(document, &namespace)
                ));
                submitted.push((namespace, workflow));
            }
            Err(error) => return cx.fail(&error),
        }
    }
    if submitted.is_empty() {
        cx.out.error("hera submit: nothing to submit (no Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow)");
        return Exit::Problems;
    }
    if !(args.wait || args.watch || args.log) {
        if let Some(format) = args.output {
            let workflows: Vec<&Workflow> = submitted.iter().map(|(_, w)| w).collect();
            return match workflows.as_slice() {
                [one] => print(one, format, &mut cx),
                many => print(&many, format, &mut cx),
            };
        }
        return Exit::Success;
    }
    let how = How {
        log: args.log,
        watch: args.watch,
        progress: args.progress,
        timeout,
        timeout_text: args.timeout.as_deref().unwrap_or(""),
        output: args.output,
    };
    let mut exit = Exit::Success;
    for (namespace, workflow) in submitted {
        let name = workflow.metadata.name.clone().unwrap_or_default();
        match follow(&namespace, &name, &how, &mut cx) {
            Ok(code) => exit = exit.max(code),
            Err(error) => return cx.fail(&error),
        }
    }
    exit
}

/// A Workflow running a template's spec, named `NAME-` plus random characters.
fn as_workflow(metadata: &crate::model::ObjectMeta, spec: &crate::model::WorkflowSpec) -> Workflow {
    let mut metadata = metadata.clone();
    let name = metadata.name.take().unwrap_or_default();
    metadata.generate_name = Some(format!("{name}-"));
    metadata.resource_version = None;
    Workflow { metadata, spec: spec.clone(), ..Default::default() }
}

/// The workflow to create: `-p`, `--generate-name` and `--entrypoint` applied.
fn prepare(workflow: &Workflow, args: &SubmitArgs) -> Workflow {
    let mut workflow = workflow.clone();
    if let Some(prefix) = &args.generate_name {
        workflow.metadata.name = None;
        workflow.metadata.generate_name = Some(prefix.clone());
    }
    if let Some(entrypoint) = &args.entrypoint {
        workflow.spec.entrypoint = Some(entrypoint.clone());
    }
    for parameter in &args.parameters {
        let (name, value) = parameter.split_once('=').unwrap_or((parameter, ""));
        let parameters = workflow.spec.arguments.get_or_insert_default().parameters.get_or_insert_default();
        match parameters.iter_mut().find(|p| p.name == name) {
            Some(existing) => existing.value = Some(value.to_owned()),
            None => parameters.push(Parameter {
                name: name.to_owned(),
                value: Some(value.to_owned()),
                ..Default::default()
            }),
        }
    }
    workflow
}

/// `90s`, `5m`, `1h30m`, or plain seconds.
pub(super) fn parse_duration(text: &str) -> Result<Duration, String> {
    if let Ok(seconds) = text.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0)
            .then(|| Duration::from_secs_f64(seconds))
            .ok_or_else(|| format!("{text:?} is not a duration"));
    }
    let mut total = 0.0;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600.0,
            'm' => 60.0,
            's' => 1.0,
            _ => return Err(format!("{text:?} is not a duration (like 30s, 5m, 1h)")),
        };
        let value: f64 =
            number.parse().map_err(|_| format!("{text:?} is not a duration (like 30s, 5m, 1h)"))?;
        total += value * unit;
        number.clear();
    }
    if !number.is_empty() {
        return Err(format!("{text:?} is not a duration (like 30s, 5m, 1h)"));
    }
    Ok(Duration::from_secs_f64(total))
}
