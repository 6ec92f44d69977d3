//! Links the types make: a typed loop item only in a call that loops
//! (`list.each(..)`), aggregated outputs only of looped nodes, a cron
//! following the template it runs, and typed workflow parameters. The
//! compile errors are in `checks/ui/tests/ui/fail` (`each_without_loop`,
//! `each_item_type`, `results_not_looped`, ...); this file checks what the
//! programs that compile produce.

use hera::model::{DagTask, WorkflowStep};
use hera::prelude::*;

/// The numbers `0..count`.
#[script]
fn numbers(count: u32) -> Vec<i64> {
    (0..i64::from(count)).collect()
}

/// The square of `x`.
#[script]
fn square(x: i64) -> i64 {
    x * x
}

/// The sum of two numbers.
#[script]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

/// The sum of all values.
#[script]
fn total(values: Vec<i64>) -> i64 {
    values.iter().sum()
}

/// A workflow running `entrypoint`, with the image its scripts run in.
fn workflow(entrypoint: impl TemplateBuilder) -> Workflow {
    Workflow::new("w").image("ghcr.io/acme/app:v1").entrypoint(entrypoint)
}

/// The DAG's tasks, after checking that its workflow lints clean.
fn tasks(dag: Dag) -> Vec<DagTask> {
    workflow(dag.clone()).to_model().expect("lint clean");
    dag.to_model().dag.unwrap().tasks
}

fn argument(task: &DagTask, name: &str) -> Option<String> {
    let parameters = task.arguments.as_ref()?.parameters.as_ref()?;
    parameters.iter().find(|p| p.name == name)?.value.clone()
}

#[test]
fn each_loops_the_task_over_the_list_and_passes_the_item() {
    let dag = Dag::new("main", |d| {
        let list = d.task("numbers", numbers::call(5));
        let squares = d.task("square", list.result().each(|x| add::call(x, 1)));
        d.task("total", total::call(squares.results()));
    });
    let tasks = tasks(dag);
    let square = &tasks[1];
    assert_eq!(square.with_param.as_deref(), Some("{{tasks.numbers.outputs.result}}"));
    assert_eq!(argument(square, "a").as_deref(), Some("{{item}}"));
    assert_eq!(argument(square, "b").as_deref(), Some("1"));
    // The list's producer is a dependency, as for any argument.
    assert_eq!(square.depends.as_deref(), Some("numbers"));
    assert_eq!(argument(&tasks[2], "values").as_deref(), Some("{{tasks.square.outputs.result}}"));
    assert_eq!(tasks[2].depends.as_deref(), Some("square"));
}

#[test]
fn each_takes_a_function_and_chains_loops_over_results() {
    let dag = Dag::new("main", |d| {
        let list = d.task("numbers", numbers::call(3));
        let once = d.task("square", list.result().each(square::call));
        // Methods chain on the looped handle and keep it looped.
        let twice = d.task("again", once.results().each(square::call)).when(list.result().not_equals("[]"));
        d.task("total", total::call(twice.results()));
    });
    let tasks = tasks(dag);
    assert_eq!(tasks[2].with_param.as_deref(), Some("{{tasks.square.outputs.result}}"));
    assert_eq!(tasks[2].depends.as_deref(), Some("square && numbers"));
    assert_eq!(tasks[2].when.as_deref(), Some("{{tasks.numbers.outputs.result}} != []"));
    assert_eq!(tasks[3].depends.as_deref(), Some("again"));
}

#[test]
fn each_of_an_untyped_list_gives_an_untyped_item_with_fields() {
    let show = Container::new("show").input("n").image("busybox").command(["echo"]).arg(hera::input("n"));
    let emit =
        Container::new("emit").image("busybox").output(Parameter::new("num").value_from_path("/tmp/num"));
    let dag = Dag::new("main", |d| {
        let emitted = d.task("emit", emit.call()).with_items([1, 2]);
        d.task("show", emitted.outputs_parameters().each(|p| show.call().argument("n", p.field("num"))));
    });
    let tasks = tasks(dag);
    assert_eq!(tasks[1].with_param.as_deref(), Some("{{tasks.emit.outputs.parameters}}"));
    assert_eq!(argument(&tasks[1], "n").as_deref(), Some("{{item.num}}"));
    assert_eq!(tasks[1].depends.as_deref(), Some("emit"));
}

#[test]
fn each_makes_looped_steps_too() {
    let steps = Steps::new("main", |s| {
        let list = s.step("numbers", numbers::call(4));
        s.parallel(|p| {
            let squares = p.step("square", list.result().each(square::call));
            let _ = squares.name();
        });
        let squares = s.step("square-again", list.result().each(square::call));
        s.step("total", total::call(squares.results()));
    });
    workflow(steps.clone()).to_model().expect("lint clean");
    let groups: Vec<Vec<WorkflowStep>> = steps.to_model().steps.unwrap();
    assert_eq!(groups[1][0].with_param.as_deref(), Some("{{steps.numbers.outputs.result}}"));
    assert_eq!(groups[2][0].with_param.as_deref(), Some("{{steps.numbers.outputs.result}}"));
    let total = groups[3][0].arguments.as_ref().unwrap().parameters.as_ref().unwrap();
    assert_eq!(total[0].value.as_deref(), Some("{{steps.square-again.outputs.result}}"));
}

#[test]
fn every_loop_gives_a_handle_with_results() {
    let dag = Dag::new("main", |d| {
        let items = d.task("items", square::call(hera::item())).with_items([1, 2, 3]);
        let sequence = d.task("sequence", square::call(hera::item())).with_sequence(Sequence::count(3));
        let list = d.task("numbers", numbers::call(2));
        let param = d.task("param", square::call(hera::item())).with_param(list.result());
        d.task("a", total::call(items.results()));
        d.task("b", total::call(sequence.results()));
        d.task("c", total::call(param.results()));
        // Chains and `depends` mix looped and plain tasks.
        list.then(items);
        d.task("after", total::call(vec![1])).depends(items & list);
    });
    let tasks = tasks(dag);
    let depends: Vec<_> = tasks.iter().map(|t| t.depends.as_deref()).collect();
    assert_eq!(
        depends,
        [
            Some("numbers"),
            None,
            None,
            Some("numbers"),
            Some("items"),
            Some("sequence"),
            Some("param"),
            Some("items && numbers")
        ]
    );
    assert_eq!(argument(&tasks[4], "values").as_deref(), Some("{{tasks.items.outputs.result}}"));
}

/// A program's release: a versioned template and the cron that runs it.
fn release(version: &str) -> (WorkflowTemplate, CronWorkflow) {
    let main = Dag::new("main", |d| {
        let list = d.task("numbers", numbers::call(3));
        d.task("square", list.result().each(square::call));
    });
    let template =
        WorkflowTemplate::new("etl-wt").versioned(version).image("ghcr.io/acme/etl:v1").entrypoint(main);
    let cron = CronWorkflow::new("etl-nightly").schedule("0 2 * * *").workflow_template_ref(&template);
    (template, cron)
}

#[test]
fn a_cron_follows_the_version_of_the_template_it_runs() {
    let reference = |version| {
        let (template, cron) = release(version);
        template.to_model().expect("the template lints clean");
        let model = cron.to_model().expect("the cron lints clean");
        let reference = model.spec.workflow_spec.workflow_template_ref.unwrap();
        assert_eq!(reference.cluster_scope, None);
        reference.name.unwrap()
    };
    assert_eq!(reference("1.0.0"), "etl-wt-v1.0.0");
    // A new release: the cron runs it without a hand-typed name.
    assert_eq!(reference("1.1.0"), "etl-wt-v1.1.0");
}

#[test]
fn workflows_and_clusters_refer_to_templates_as_values_or_names() {
    let hello = Container::new("hello").image("busybox");
    let cluster = ClusterWorkflowTemplate::new("shared").versioned("2.0.0").entrypoint(hello.clone());
    let by_value =
        Workflow::generate_name("run-").cluster_workflow_template_ref(&cluster).to_model().unwrap();
    let reference = by_value.spec.workflow_template_ref.unwrap();
    assert_eq!((reference.name.as_deref(), reference.cluster_scope), (Some("shared-v2.0.0"), Some(true)));
    let template = WorkflowTemplate::new("local").entrypoint(hello);
    let by_name =
        Workflow::generate_name("run-").workflow_template_ref(String::from("local")).to_model().unwrap();
    let by_value = Workflow::generate_name("run-").workflow_template_ref(&template).to_model().unwrap();
    assert_eq!(by_name.spec.workflow_template_ref, by_value.spec.workflow_template_ref);
}

/// Whether a transfer is large: a `#[script]` step typed by its threshold.
#[script]
fn is_large(amount: f64, threshold: f64) -> bool {
    amount > threshold
}

/// Greets `name`.
#[script]
fn greet(name: String) -> String {
    format!("hello {name}")
}

/// A template whose parameters are declared once, with their types.
fn parameterised() -> WorkflowTemplate {
    let mut template =
        WorkflowTemplate::new("screening-wt").versioned("1.0.0").image("ghcr.io/acme/screening:v1");
    let threshold = template.declare_parameter::<f64>("threshold", 0.05);
    let customer = template.declare_parameter::<String>("customer", "acme");
    let main = Dag::new("main", |d| {
        let large = d.task("large", is_large::call(1250.0, &threshold));
        d.task("greet", greet::call(customer)).when(large.result().equals(true));
        // A typed parameter compares like any typed reference.
        d.task("alert", greet::call("ops")).when(threshold.lt(0.01));
    });
    template.entrypoint(main)
}

#[test]
fn a_typed_workflow_parameter_is_declared_once_and_passed_typed() {
    let template = parameterised();
    let (_, warnings) = template.check().expect("lint clean");
    assert!(warnings.is_empty(), "{warnings:?}");
    insta::assert_snapshot!(template.to_yaml().unwrap());
    let model = template.to_model().unwrap();
    let arguments = model.spec.arguments.unwrap().parameters.unwrap();
    let declared: Vec<_> = arguments.iter().map(|p| (p.name.as_str(), p.value.as_deref())).collect();
    assert_eq!(declared, [("threshold", Some("0.05")), ("customer", Some("acme"))]);
}

#[test]
fn a_workflow_declares_typed_parameters_too_and_a_cron_running_the_template_overrides_them() {
    let mut workflow = Workflow::generate_name("screening-").image("ghcr.io/acme/screening:v1");
    let threshold = workflow.declare_parameter::<f64>("threshold", 0.05);
    assert_eq!(threshold.to_string(), "{{workflow.parameters.threshold}}");
    let main = Dag::new("main", |d| {
        d.task("large", is_large::call(10.0, threshold));
    });
    let model = workflow.entrypoint(main).to_model().expect("lint clean");
    let templates = model.spec.templates.unwrap();
    let task = &templates[0].dag.as_ref().unwrap().tasks[0];
    assert_eq!(argument(task, "threshold").as_deref(), Some("{{workflow.parameters.threshold}}"));
    // Through the trait, for generic code: the same declaration.
    fn declare<B: WorkflowSpecBuilder>(builder: &mut B) -> Expr<i64> {
        builder.declare_parameter("retries", 3)
    }
    let mut cron = CronWorkflow::new("nightly").schedule("@daily").workflow_template_ref(&parameterised());
    assert_eq!(declare(&mut cron).path(), "workflow.parameters.retries");
    let model = cron.to_model().expect("lint clean");
    let arguments = model.spec.workflow_spec.arguments.unwrap().parameters.unwrap();
    assert_eq!((arguments[0].name.as_str(), arguments[0].value.as_deref()), ("retries", Some("3")));
}

#[test]
fn a_default_that_cannot_be_serialised_is_an_error_naming_the_parameter() {
    use std::collections::HashMap;
    let mut workflow = Workflow::generate_name("w-").image("busybox");
    let odd: HashMap<(i32, i32), i32> = [((1, 2), 3)].into();
    let _ = workflow.declare_parameter::<HashMap<(i32, i32), i32>>("odd", odd);
    let error = workflow.entrypoint(Container::new("hello").image("busybox")).to_yaml().unwrap_err();
    let text = error.to_string();
    assert!(text.contains("spec.arguments.parameters[odd]"), "{text}");
    assert!(text.contains("workflow parameter 'odd'"), "{text}");
    // A cron's spec is its workflowSpec: the path says so.
    let mut cron = CronWorkflow::new("nightly").schedule("@daily");
    let _ = cron.declare_parameter::<HashMap<(i32, i32), i32>>("odd", [((1, 2), 3)]);
    let text = cron.entrypoint(Container::new("hello").image("busybox")).to_yaml().unwrap_err().to_string();
    assert!(text.contains("spec.workflowSpec.arguments.parameters[odd]"), "{text}");
}

/// Reads a file (a `#[script]` step whose template the program customises).
#[script(retry(limit = 2, backoff = "5s", factor = 3, max_duration = "2m"))]
fn process(path: String) -> u64 {
    path.len() as u64
}

#[test]
fn the_retry_attribute_sets_the_backoff() {
    let retry = process::template().to_model().retry_strategy.unwrap();
    assert_eq!(retry.limit, Some(2.into()));
    let backoff = retry.backoff.unwrap();
    assert_eq!(backoff.duration.as_deref(), Some("5s"));
    assert_eq!(backoff.factor, Some(3.into()));
    assert_eq!(backoff.max_duration.as_deref(), Some("2m"));
    assert_eq!(backoff.cap, None);
}

#[test]
fn a_customised_script_template_keeps_the_typed_call() {
    let patient = process::template()
        .retry(Retry::limit(5).backoff("10s", 2, "10m").backoff_cap("1m"))
        .memory_request("4Gi")
        .env_from_secret("TOKEN", "api-credentials", "token");
    let dag = Dag::new("main", |d| {
        let sizes = d.task("sizes", numbers::call(2));
        let size = d.task("process", process::call("/data/in.csv").using(&patient));
        // Still typed: the result is a `u64` reference.
        let _: Expr<u64> = size.result();
        // A looped call keeps its loop.
        let each = d.task("each", sizes.result().each(|_| process::call("/data/x.csv")).using(&patient));
        let _: Expr<Vec<u64>> = each.results();
    });
    let model = workflow(dag).to_model().expect("lint clean");
    let templates = model.spec.templates.unwrap();
    let names: Vec<_> = templates.iter().map(|t| t.name.as_deref().unwrap()).collect();
    assert_eq!(names, ["main", "numbers", "process"]);
    let process = &templates[2];
    assert_eq!(process.retry_strategy.as_ref().unwrap().limit, Some(5.into()));
    let script = process.script.as_ref().unwrap();
    let memory = &script.resources.as_ref().unwrap().requests.as_ref().unwrap()["memory"];
    assert_eq!(memory.to_string(), "4Gi");
    let env = script.env.as_ref().unwrap();
    assert_eq!(env[0].name, "TOKEN");
    let secret = env[0].value_from.as_ref().unwrap().secret_key_ref.as_ref().unwrap();
    assert_eq!((secret.name.as_deref(), secret.key.as_str()), (Some("api-credentials"), "token"));
    let dag = templates[0].dag.as_ref().unwrap();
    assert_eq!(dag.tasks[2].with_param.as_deref(), Some("{{tasks.sizes.outputs.result}}"));
}
