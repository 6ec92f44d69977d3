//! `#[script]` end to end: the examples' script templates run exactly as
//! Argo's executor runs them — the substituted `source` written to a file,
//! `command + args + [file]` run as a subprocess with the template's
//! environment — and every output checked.

use crate::support::{example_program, run_example};
use hera::model::{Document, Template};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The `#[script]` examples (their YAML is snapshot-tested with the others).
pub const SCRIPT_EXAMPLES: &[&str] =
    &["script_artifacts", "script_diamond", "script_errors", "script_fanout"];

/// What one run of a script step left behind.
#[derive(Debug, Default, Clone)]
struct Run {
    code: i32,
    result: String,
    stderr: String,
    parameters: HashMap<String, String>,
    artifacts: HashMap<String, PathBuf>,
}

/// A tiny stand-in for Argo's controller and executor, enough to run the
/// examples' DAGs of script steps in order.
struct Executor {
    program: PathBuf,
    templates: HashMap<String, Template>,
    work: tempfile::TempDir,
    runs: HashMap<String, Run>,
}

impl Executor {
    fn new(example: &str) -> (Executor, Template) {
        let yaml = run_example(example, &[]);
        let Document::Workflow(workflow) = hera::yaml::documents(&yaml).unwrap().remove(0) else {
            panic!("{example} prints a Workflow first");
        };
        let templates: HashMap<String, Template> =
            workflow.spec.templates.unwrap().into_iter().map(|t| (t.name.clone().unwrap(), t)).collect();
        let entry = templates[workflow.spec.entrypoint.as_deref().unwrap()].clone();
        let executor = Executor {
            program: example_program(example),
            templates,
            work: tempfile::tempdir().unwrap(),
            runs: HashMap::new(),
        };
        (executor, entry)
    }

    /// Replaces `{{tasks.X.outputs...}}` and `{{item}}` in `text`.
    fn substitute(&self, text: &str, item: Option<&str>) -> String {
        let mut out = text.to_owned();
        if let Some(item) = item {
            out = out.replace("{{item}}", item);
        }
        for (task, run) in &self.runs {
            out = out.replace(&format!("{{{{tasks.{task}.outputs.result}}}}"), &run.result);
            for (name, value) in &run.parameters {
                out = out.replace(&format!("{{{{tasks.{task}.outputs.parameters.{name}}}}}"), value);
            }
        }
        out
    }

    /// Runs every task of the DAG in order (the examples list them in a
    /// valid order); a looped task runs once per item.
    fn run_dag(&mut self, dag: &Template) {
        for task in &dag.dag.as_ref().unwrap().tasks {
            let items: Vec<Option<String>> = match &task.with_param {
                Some(list) => {
                    let list: Vec<Value> = serde_json::from_str(&self.substitute(list, None)).unwrap();
                    list.into_iter().map(|v| Some(v.as_str().map_or(v.to_string(), str::to_owned))).collect()
                }
                None => vec![None],
            };
            let runs: Vec<Run> = items.iter().map(|item| self.run_task(task, item.as_deref())).collect();
            let aggregate = if task.with_param.is_some() {
                let results: Vec<Value> = runs
                    .iter()
                    .map(|r| serde_json::from_str(&r.result).unwrap_or(Value::String(r.result.clone())))
                    .collect();
                Run { result: Value::Array(results).to_string(), ..runs[0].clone() }
            } else {
                runs.into_iter().next().unwrap()
            };
            self.runs.insert(task.name.clone(), aggregate);
        }
    }

    fn run_task(&self, task: &hera::model::DagTask, item: Option<&str>) -> Run {
        let template = &self.templates[task.template.as_deref().unwrap()];
        let script = template.script.as_ref().expect("a script template");
        let dir = self.work.path().join(format!("{}-{}", task.name, item.unwrap_or("")));
        let (inputs_dir, outputs_dir) = (dir.join("inputs"), dir.join("outputs"));
        std::fs::create_dir_all(&inputs_dir).unwrap();
        // {{inputs.parameters}}: the declared inputs with arguments or defaults applied.
        let arguments = task.arguments.clone().unwrap_or_default();
        let declared = template.inputs.as_ref().and_then(|i| i.parameters.clone());
        let parameters: Value = match declared {
            None => Value::Null,
            Some(declared) => declared
                .iter()
                .map(|p| {
                    let given = arguments.parameters.iter().flatten().find(|a| a.name == p.name);
                    let value = given.and_then(|a| a.value.clone()).or(p.default.clone());
                    json!({"name": p.name, "value": value.map(|v| self.substitute(&v, item))})
                })
                .collect(),
        };
        for artifact in arguments.artifacts.iter().flatten() {
            let from = artifact.from.as_deref().expect("the tests pass artifacts between tasks");
            let (producer, name) = from
                .trim_start_matches("{{tasks.")
                .trim_end_matches("}}")
                .split_once(".outputs.artifacts.")
                .unwrap();
            let target = inputs_dir.join("artifacts").join(&artifact.name);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(&self.runs[producer].artifacts[name], target).unwrap();
        }
        let source =
            script.source.as_deref().unwrap().replace("{{inputs.parameters}}", &parameters.to_string());
        let file = dir.join("script");
        std::fs::write(&file, source).unwrap();
        run_script(&self.program, template, &file, &inputs_dir, &outputs_dir)
    }
}

/// Runs a script template's command on `file` as Argo's executor would; the
/// command's path inside the image is replaced by the locally built program.
fn run_script(program: &Path, template: &Template, file: &Path, inputs: &Path, outputs: &Path) -> Run {
    let script = template.script.as_ref().unwrap();
    let name = template.name.as_deref().unwrap();
    let command = script.command.as_ref().unwrap();
    assert_eq!(command.len(), 1);
    assert_eq!(
        Path::new(&command[0]).file_name(),
        program.file_name(),
        "the command names the program's binary"
    );
    let mut process = Command::new(program);
    process.args(script.args.iter().flatten()).arg(file);
    for env in script.env.iter().flatten() {
        process.env(&env.name, env.value.as_deref().unwrap_or_default());
    }
    let output = process
        .env("hera__outputs_directory", outputs)
        .env("hera__inputs_directory", inputs)
        .output()
        .unwrap();
    let mut run = Run {
        code: output.status.code().expect("exited, not killed"),
        result: String::from_utf8(output.stdout).unwrap().trim_end().to_owned(),
        stderr: String::from_utf8(output.stderr).unwrap(),
        ..Run::default()
    };
    let declared = template.outputs.clone().unwrap_or_default();
    for parameter in declared.parameters.iter().flatten() {
        let path = parameter.value_from.as_ref().unwrap().path.as_deref().unwrap();
        let local = outputs.join(path.strip_prefix("/tmp/hera-outputs/").unwrap());
        run.parameters.insert(parameter.name.clone(), std::fs::read_to_string(local).unwrap_or_default());
    }
    for artifact in declared.artifacts.iter().flatten() {
        let local =
            outputs.join(artifact.path.as_deref().unwrap().strip_prefix("/tmp/hera-outputs/").unwrap());
        run.artifacts.insert(artifact.name.clone(), local);
    }
    assert_ne!(run.code, 101, "{name} panicked: {}", run.stderr);
    run
}

#[test]
fn script_diamond_computes_53() {
    let (mut executor, dag) = Executor::new("script_diamond");
    executor.run_dag(&dag);
    let result = |task: &str| executor.runs[task].result.clone();
    assert_eq!(
        (result("a"), result("b"), result("c"), result("d")),
        ("3".into(), "30".into(), "23".into(), "53".into())
    );
    assert!(executor.runs.values().all(|r| r.code == 0 && r.stderr.is_empty()));
}

#[test]
fn script_fanout_squares_each_element_and_adds_them_up() {
    let (mut executor, dag) = Executor::new("script_fanout");
    executor.run_dag(&dag);
    assert_eq!(executor.runs["numbers"].result, "[0,1,2,3,4]");
    assert_eq!(executor.runs["square"].result, "[0,1,4,9,16]");
    assert_eq!(executor.runs["total"].result, "30");
}

#[test]
fn script_artifacts_pass_a_file_between_steps() {
    let (mut executor, mut dag) = Executor::new("script_artifacts");
    // No network here: leave out the task that downloads over HTTP.
    dag.dag.as_mut().unwrap().tasks.retain(|t| t.name != "count-license");
    executor.run_dag(&dag);
    let write = &executor.runs["write"];
    assert_eq!((write.code, write.result.as_str()), (0, ""));
    assert_eq!(write.parameters["lines"], "3");
    assert_eq!(
        std::fs::read_to_string(&write.artifacts["report"]).unwrap(),
        "weekly: line 1\nweekly: line 2\nweekly: line 3\n"
    );
    assert_eq!(executor.runs["count"].result, "9");
}

#[test]
fn a_failing_result_fails_the_step_with_its_message() {
    let (mut executor, dag) = Executor::new("script_errors");
    executor.run_dag(&dag);
    assert_eq!((executor.runs["good"].code, executor.runs["good"].result.as_str()), (0, "8080"));
    let bad = &executor.runs["bad"];
    assert_eq!(bad.code, 1);
    assert_eq!(bad.stderr, "parse-port: failed: 'eighty' is not a port: invalid digit found in string\n");
    assert_eq!(bad.result, "");
    assert_eq!(executor.runs["describe"].result, "listening on port 8080");
}

/// Runs `scale exec <template> <file>` with `inputs` as the file's content.
fn exec(template: &str, inputs: Option<&str>) -> Run {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("script");
    if let Some(inputs) = inputs {
        std::fs::write(&file, inputs).unwrap();
    }
    let output = Command::new(example_program("scale"))
        .args(["exec", template])
        .arg(&file)
        .env("hera__outputs_directory", work.path().join("out"))
        .output()
        .unwrap();
    let sum = std::fs::read_to_string(work.path().join("out/parameters/sum"));
    Run {
        code: output.status.code().unwrap(),
        result: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
        parameters: sum.into_iter().map(|s| ("sum".to_owned(), s)).collect(),
        ..Run::default()
    }
}

#[test]
fn the_runner_writes_named_outputs() {
    let run = exec("add", Some(r#"[{"name":"a","value":"2","default":"0"},{"name":"b","value":"40"}]"#));
    assert_eq!((run.code, run.result.as_str(), run.stderr.as_str()), (0, "", ""));
    assert_eq!(run.parameters["sum"], "42");
}

#[test]
fn bad_input_is_one_line_exit_1_and_placeholder_outputs() {
    let cases = [
        (
            Some(r#"[{"name":"a","value":"x"},{"name":"b","value":"1"}]"#),
            "add: input parameter `a` = \"x\" is not a valid i64",
        ),
        (Some(r#"[{"name":"a"},{"name":"b","value":"1"}]"#), "add: missing input parameter `a` (i64)"),
        (
            Some(r#"[{"name":"a","value":"1"},{"name":"c","value":"1"}]"#),
            "add: expects parameters a, b; got a, c — is the image older than the template?",
        ),
        (
            Some("null"),
            "add: expects parameters a, b; got no parameters — is the image older than the template?",
        ),
        (Some("{not json"), "add: the inputs file is not JSON"),
        (None, "add: cannot read the inputs file"),
    ];
    for (inputs, expected) in cases {
        let run = exec("add", inputs);
        assert_eq!(run.code, 1, "{inputs:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.starts_with(expected), "{inputs:?}: {}", run.stderr);
        assert_eq!(
            run.parameters.get("sum").map(String::as_str),
            Some(""),
            "a placeholder output is written"
        );
    }
}

#[test]
fn an_unknown_template_is_a_usage_error() {
    let run = exec("subtract", Some("null"));
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "no #[script] template named 'subtract' in this program's workflows; it has: add\n"
    );
}

#[test]
fn the_program_keeps_its_own_arguments() {
    let yaml = run_example("scale", &["--tasks", "3", "--shape", "fanin"]);
    assert!(yaml.contains("name: bench-fanin-3") && yaml.contains("depends: t0 && t1 && t2"), "{yaml}");
    let json = run_example("scale", &["--tasks", "2", "json"]);
    assert!(json.starts_with("{\n  \"apiVersion\""), "{json}");
}
