//! The authoring API: what each builder produces, how dependencies are
//! inferred, and every error a program can make.

use hera::prelude::*;
use hera::{Error, lint::Finding};

fn echo() -> Container {
    Container::new("echo")
        .input(Parameter::new("message").default_value("hi"))
        .image("busybox")
        .command(["echo", "{{inputs.parameters.message}}"])
}

fn tasks(dag: &Dag) -> Vec<hera::model::DagTask> {
    dag.to_model().dag.unwrap().tasks
}

fn depends(dag: &Dag) -> Vec<Option<String>> {
    tasks(dag).into_iter().map(|t| t.depends).collect()
}

fn findings(result: hera::Result<hera::model::Document>) -> Vec<Finding> {
    match result {
        Err(Error::Invalid(findings)) => findings,
        other => panic!("expected findings, got {other:?}"),
    }
}

fn messages(result: hera::Result<hera::model::Document>) -> Vec<String> {
    findings(result).iter().map(ToString::to_string).collect()
}

#[test]
fn passing_an_output_makes_a_dependency() {
    let e = echo();
    let dag = Dag::new("main", |d| {
        let a = d.task("a", e.call().argument("message", "hi"));
        let b = d.task("b", e.call().argument("message", a.result()));
        d.task("c", e.call().argument("message", text!("{} and {}", a.output("x"), b.result())));
        d.task("d", e.call()).when(b.result().equals("yes"));
        d.task("e", e.call().argument("message", item())).with_param(a.result());
    });
    assert_eq!(
        depends(&dag),
        [None, Some("a".into()), Some("a && b".into()), Some("b".into()), Some("a".into())]
    );
    assert_eq!(
        tasks(&dag)[2].arguments.as_ref().unwrap().parameters.as_ref().unwrap()[0].value.as_deref(),
        Some("{{tasks.a.outputs.parameters.x}} and {{tasks.b.outputs.result}}")
    );
}

#[test]
fn an_artifact_from_an_output_makes_a_dependency() {
    let make = Container::new("make").image("alpine").output_artifact(Artifact::new("out").path("/tmp/out"));
    let take = Container::new("take").image("alpine").input_artifact(Artifact::new("in").path("/tmp/in"));
    let dag = Dag::new("main", |d| {
        let a = d.task("a", make.call());
        let mode = Artifact::new("in").from_reference(a.output_artifact("out")).mode(0o644);
        d.task("b", take.call().argument_artifact("in", mode));
    });
    assert_eq!(depends(&dag), [None, Some("a".to_owned())]);
    assert_eq!(tasks(&dag)[1].arguments.as_ref().unwrap().artifacts.as_ref().unwrap()[0].mode, Some(0o644));
}

#[test]
fn explicit_depends_is_kept_and_only_missing_producers_are_added() {
    let e = echo();
    let dag = Dag::new("main", |d| {
        let a = d.task("a", e.call());
        let b = d.task("b", e.call());
        // Names `a`: the inferred dependency on `a` is not added again.
        d.task("c", e.call().argument("message", a.result())).depends(a.succeeded() | b.failed());
        // Does not name `a`: it is added to the expression.
        d.task("d", e.call().argument("message", a.result())).depends(b.failed());
        // Chaining twice adds once.
        a.then(b);
        a.then(b);
    });
    assert_eq!(
        depends(&dag),
        [None, Some("a".into()), Some("a.Succeeded || b.Failed".into()), Some("b.Failed && a".into())]
    );
}

#[test]
fn chains_fan_out_and_join() {
    let e = echo();
    let dag = Dag::new("main", |d| {
        let a = d.task("a", e.call());
        let b = d.task("b", e.call());
        let c = d.task("c", e.call());
        let last = d.task("d", e.call());
        a.then([b, c]).then(last);
        let _ = a >> last; // already a transitive dependency, but named explicitly now
        d.task("x", e.call()).depends(!(b & c) | a.any_succeeded());
    });
    assert_eq!(
        depends(&dag),
        [
            None,
            Some("a".into()),
            Some("a".into()),
            Some("b && c && a".into()),
            Some("!(b && c) || a.AnySucceeded".into())
        ]
    );
}

#[test]
fn steps_run_in_groups_and_refer_to_earlier_steps() {
    let e = echo();
    let steps = Steps::new("main", |s| {
        let first = s.step("first", e.call().argument("message", "1"));
        s.parallel(|p| {
            p.step("second", e.call().argument("message", first.result()));
            p.step("third", e.call()).when(first.status().equals("Succeeded")).continue_on_failed();
        });
        s.step("fourth", e.call().argument("message", item())).with_items(["x", "y"]);
    });
    let groups = steps.to_model().steps.unwrap();
    let names: Vec<Vec<String>> =
        groups.iter().map(|g| g.iter().map(|s| s.name.clone().unwrap()).collect()).collect();
    assert_eq!(names, [vec!["first"], vec!["second", "third"], vec!["fourth"]]);
    assert_eq!(groups[1][1].when.as_deref(), Some("{{steps.first.status}} == Succeeded"));
    assert_eq!(
        groups[1][0].arguments.as_ref().unwrap().parameters.as_ref().unwrap()[0].value.as_deref(),
        Some("{{steps.first.outputs.result}}")
    );
}

#[test]
fn templates_are_collected_once_in_first_use_order() {
    let e = echo();
    let other = Container::new("other").image("alpine");
    let inner = Steps::new("inner", |s| {
        s.step("x", other.call());
        s.step("y", e.call());
    });
    let main = Dag::new("main", |d| {
        d.task("a", e.call());
        d.task("b", inner.call());
        d.task("c", e.call());
    });
    let workflow = Workflow::generate_name("w-").entrypoint(main).to_model().unwrap();
    let names: Vec<_> = workflow.spec.templates.unwrap().into_iter().map(|t| t.name.unwrap()).collect();
    assert_eq!(names, ["main", "echo", "inner", "other"]);
}

#[test]
fn two_different_templates_with_one_name_are_an_error() {
    let a = Container::new("echo").image("busybox");
    let b = Container::new("echo").image("alpine");
    let main = Dag::new("main", |d| {
        d.task("a", a.call());
        d.task("b", b.call());
    });
    assert_eq!(
        messages(Workflow::new("w").entrypoint(main).to_document()),
        [
            "Workflow w: spec.templates[echo]: two different templates are named 'echo'; give one of them another name"
        ]
    );
}

#[test]
fn bad_names_are_reported_with_the_rule_not_rewritten() {
    let bad = Container::new("Print_Message").image("busybox").input("bad.name");
    let main = Dag::new("main", |d| {
        d.task("-t", bad.call().argument("bad.name", "x"));
    });
    let found = messages(Workflow::new("My-Workflow").entrypoint(main).to_document());
    assert_eq!(found.len(), 6, "{found:#?}");
    assert!(
        found[0]
            .starts_with("Workflow My-Workflow: metadata.name: 'My-Workflow' is not a valid Kubernetes name")
    );
    assert!(
        found
            .iter()
            .any(|m| m.contains("spec.templates[main].dag.tasks[-t].name: task name '-t' is invalid"))
    );
    assert!(
        found
            .iter()
            .any(|m| m.contains("arguments.parameters[bad.name].name: parameter name 'bad.name' is invalid"))
    );
    assert!(
        found
            .iter()
            .any(|m| m
                .contains("spec.templates[Print_Message].name: template name 'Print_Message' is invalid"))
    );
    assert!(
        found.iter().any(|m| m.contains("spec.templates[Print_Message].inputs.parameters[bad.name].name"))
    );
    // The template runs a pod, whose name includes the template's.
    assert!(found.iter().any(|m| m.contains("template name 'Print_Message' must be lower case")));
}

#[test]
fn object_name_lengths_follow_argo() {
    let hello = Container::new("hello").image("busybox");
    let long = "a".repeat(64);
    assert!(
        messages(Workflow::new(&long).entrypoint(hello.clone()).to_document())[0]
            .contains("must not be more than 63 characters long (currently 64)")
    );
    let cron = CronWorkflow::new("a".repeat(53)).schedule("@daily").entrypoint(hello.clone());
    assert!(messages(cron.to_document())[0].contains("must not be more than 52 characters"));
    // Kubernetes shortens a long generateName to leave room for its suffix.
    assert!(Workflow::generate_name("a".repeat(80)).entrypoint(hello.clone()).to_document().is_ok());
    assert!(
        messages(Workflow::generate_name("A-").entrypoint(hello).to_document())[0]
            .contains("generateName 'A-' is invalid")
    );
}

#[test]
fn a_reference_to_a_task_of_another_dag_is_an_error() {
    let e = echo();
    let outer = Dag::new("outer", |o| {
        let a = o.task("a", e.call());
        let inner = Dag::new("inner", |i| {
            i.task("b", e.call().argument("message", a.result()));
        });
        o.task("c", inner.call());
    });
    assert_eq!(
        messages(Workflow::new("w").entrypoint(outer).to_document()),
        [
            "Workflow w: spec.templates[inner].dag.tasks[b]: task 'b' refers to 'a' of template 'outer', which is not a task of this DAG",
            "Workflow w: spec.templates[inner].dag.tasks[b].arguments.parameters[message].value: failed to resolve \
             {{tasks.a.outputs.result}}: the DAG has no task 'a'"
        ]
    );
}

#[test]
fn conditions_keep_their_dependencies() {
    let e = echo();
    let dag = Dag::new("main", |d| {
        let ratio = d.task("ratio", e.call());
        let count = d.task("count", e.call());
        d.task("typed", e.call()).when(ratio.result().gt(0.05).and(count.result().le(3).not()));
        d.task("text", e.call()).when(hera::text!("{} > 0.05", ratio.result()));
        d.task("literal", e.call()).when("{{workflow.parameters.go}} == yes");
        // A reference on the right keeps its producer too.
        d.task("both", e.call()).when(ratio.result().gt(count.result()));
    });
    let tasks = dag.to_model().dag.unwrap().tasks;
    assert_eq!(
        tasks[5].when.as_deref(),
        Some("{{tasks.ratio.outputs.result}} > {{tasks.count.outputs.result}}")
    );
    assert_eq!(tasks[5].depends.as_deref(), Some("ratio && count"), "both sides' producers");
    assert_eq!(
        tasks[2].when.as_deref(),
        Some("{{tasks.ratio.outputs.result}} > 0.05 && !({{tasks.count.outputs.result}} <= 3)")
    );
    assert_eq!(tasks[2].depends.as_deref(), Some("ratio && count"));
    assert_eq!(tasks[3].when.as_deref(), Some("{{tasks.ratio.outputs.result}} > 0.05"));
    assert_eq!(tasks[3].depends.as_deref(), Some("ratio"), "text! keeps the reference");
    assert_eq!(tasks[4].depends, None);
    // What the engine will evaluate: the condition reads as govaluate reads it.
    let substituted = "0.07 > 0.05 && !(4 <= 3)";
    assert_eq!(hera::syntax::when::should_execute(substituted), Ok(true));
}

#[test]
fn builder_findings_carry_the_real_path_of_their_object() {
    let e = echo();
    let foreign = |name: &str| {
        let outer = Steps::new("outer", |o| {
            let a = o.step("a", e.call());
            let inner = Steps::new("inner", |i| {
                i.step("first", e.call());
                i.parallel(|p| {
                    p.step("x", e.call());
                    p.step("b", e.call().argument("message", a.result()));
                });
            });
            o.step("c", inner.call());
        });
        let cron = CronWorkflow::new(name).schedule("0 * * * *").entrypoint(outer);
        let Err(Error::Invalid(findings)) = cron.to_document() else { panic!("expected findings") };
        findings
    };
    let findings = foreign("nightly");
    let builder = findings.iter().find(|f| f.message.contains("not a step of this template")).unwrap();
    // A CronWorkflow's templates are under spec.workflowSpec; the step is named in its group.
    assert_eq!(builder.path.to_string(), "spec.workflowSpec.templates[inner].steps[1][b]");
    assert_eq!(
        builder.to_string(),
        "CronWorkflow nightly: spec.workflowSpec.templates[inner].steps[1][b]: step 'b' refers to 'a' of \
         template 'outer', which is not a step of this template"
    );
    // The path names the step's real place, so it is found in the printed YAML.
    let mut document = CronWorkflow::new("nightly").schedule("0 * * * *");
    document = document.entrypoint(Steps::new("outer", |o| {
        o.step("a", e.call());
        o.step(
            "c",
            Steps::new("inner", |i| {
                i.step("first", e.call());
                i.parallel(|p| {
                    p.step("x", e.call());
                    p.step("b", e.call());
                });
            })
            .call(),
        );
    }));
    let yaml = document.to_yaml().unwrap();
    let parsed = hera::yaml::parse(&yaml).unwrap();
    let location = builder.path.locate(&parsed[0]).expect("the path is in the document");
    assert_eq!(yaml.lines().nth(location.line as usize - 1).map(str::trim), Some("- name: b"));
}

#[test]
fn cycles_and_unknown_dependencies_are_errors() {
    let e = echo();
    let cyclic = Dag::new("main", |d| {
        let a = d.task("a", e.call());
        let b = d.task("b", e.call());
        let c = d.task("c", e.call());
        a.then(b).then(c).then(a);
    });
    assert_eq!(
        messages(Workflow::new("w").entrypoint(cyclic).to_document()),
        ["Workflow w: spec.templates[main].dag.tasks: dependency cycle detected: a->b->c->a"]
    );
    let unknown = Dag::new("main", |d| {
        d.task("a", e.call()).depends("nope.Succeeded");
    });
    assert_eq!(
        messages(Workflow::new("w").entrypoint(unknown).to_document()),
        [
            "Workflow w: spec.templates[main].dag.tasks[a].depends: invalid dependency nope: no task of this DAG has that name"
        ]
    );
}

#[test]
fn versions_are_semver_and_make_valid_names() {
    let hello = Container::new("hello").image("busybox");
    let wt = WorkflowTemplate::new("my-package-wt").versioned("1.2.3-rc.1").entrypoint(hello.clone());
    assert_eq!(wt.to_model().unwrap().metadata.name.as_deref(), Some("my-package-wt-v1.2.3-rc.1"));
    let bad = WorkflowTemplate::new("my-package-wt").versioned("1.2").entrypoint(hello.clone());
    assert!(
        messages(bad.to_document())[0].contains("version '1.2' of 'my-package-wt' is not a semantic version")
    );
    let near = WorkflowTemplate::new("my-package-wt").versioned("v1.2").entrypoint(hello.clone());
    let message = &messages(near.to_document())[0];
    assert!(message.ends_with("did you mean '1.2.0'?"), "{message}");
    let build = WorkflowTemplate::new("my-package-wt").versioned("1.2.3+abc").entrypoint(hello.clone());
    assert!(
        messages(build.to_document())[0]
            .contains("'my-package-wt-v1.2.3+abc' is not a valid Kubernetes name")
    );
    let e2e = WorkflowTemplate::new("wt").versioned("1.0.0").entrypoint(hello).as_workflow("wt-test-");
    let workflow = e2e.to_model().unwrap();
    assert_eq!(
        (workflow.metadata.name, workflow.metadata.generate_name.as_deref()),
        (None, Some("wt-test-"))
    );
}

#[test]
fn the_default_image_fills_only_what_has_none() {
    let with = Container::new("with").image("busybox");
    let without = Script::new("without").command(["python"]).source("print(1)");
    let main = Steps::new("main", |s| {
        s.step("a", with.call());
        s.step("b", without.call());
    });
    let workflow = Workflow::new("w").image("acme/app:v1").entrypoint(main);
    let templates = workflow.to_model().unwrap().spec.templates.unwrap();
    assert_eq!(templates[1].container.as_ref().unwrap().image.as_deref(), Some("busybox"));
    assert_eq!(templates[2].script.as_ref().unwrap().image.as_deref(), Some("acme/app:v1"));
    // The override replaces the default, never an image a template names;
    // the library reads no environment variable (`hera::cli::main` does).
    let options = BuildOptions::default().image_override("ghcr.io/acme/app:pr-42");
    let (document, _) = workflow.check_with(&options).unwrap();
    let templates = &document.workflow_spec().unwrap().templates.as_ref().unwrap();
    assert_eq!(templates[1].container.as_ref().unwrap().image.as_deref(), Some("busybox"));
    assert_eq!(templates[2].script.as_ref().unwrap().image.as_deref(), Some("ghcr.io/acme/app:pr-42"));
}

/// Doubles a number (a `#[script]` step for the options test).
#[hera::script]
fn double(n: i64) -> i64 {
    n * 2
}

#[test]
fn the_script_command_option_names_the_binary_that_runs_script_steps() {
    let echo = Container::new("echo").image("busybox").command(["echo"]);
    let main = Dag::new("main", |d| {
        d.task("a", double::call(2));
        d.task("b", echo.call());
    });
    let workflow = Workflow::new("w").image("acme/app:v1").entrypoint(main);
    let command = |document: &hera::model::Document, index: usize| {
        let template = &document.workflow_spec().unwrap().templates.as_ref().unwrap()[index];
        template
            .script
            .as_ref()
            .map(|s| s.command.clone())
            .unwrap_or_else(|| template.container.as_ref().unwrap().command.clone())
    };
    let plain = workflow.to_document().unwrap();
    assert_eq!(
        command(&plain, 1),
        Some(vec!["/usr/local/bin/hera-rs".to_owned()]),
        "the package name by default"
    );
    let options = BuildOptions::default().script_command("/usr/local/bin/consumer");
    let (chosen, _) = workflow.check_with(&options).unwrap();
    assert_eq!(command(&chosen, 1), Some(vec!["/usr/local/bin/consumer".to_owned()]));
    assert_eq!(command(&chosen, 2), Some(vec!["echo".to_owned()]), "other templates keep their command");
}

#[test]
fn every_template_kind_builds_its_model() {
    let resource = Resource::new("r", "patch")
        .manifest("kind: ConfigMap\n")
        .merge_strategy("json")
        .set_owner_reference(true)
        .success_condition("status.phase == Done")
        .failure_condition("status.phase == Failed");
    let r = resource.to_model().resource.unwrap();
    assert_eq!(
        (r.action.as_str(), r.merge_strategy.as_deref(), r.set_owner_reference),
        ("patch", Some("json"), Some(true))
    );

    let suspend = Suspend::new("approve").intermediate_parameter("approver", "nobody");
    let outputs = suspend.to_model().outputs.unwrap().parameters.unwrap();
    assert_eq!(outputs[0].default.as_deref(), Some("nobody"));
    assert!(outputs[0].value_from.as_ref().unwrap().supplied.is_some());

    let http = Http::new("h", "https://example.com")
        .method("POST")
        .header("X-Token", "t")
        .body("{}")
        .timeout_seconds(5)
        .success_condition("response.statusCode == 201");
    let h = http.to_model().http.unwrap();
    assert_eq!(
        (h.method.as_deref(), h.headers.unwrap()[0].name.as_str(), h.timeout_seconds),
        (Some("POST"), "X-Token", Some(5))
    );

    let set = ContainerSet::new("set")
        .volume_mount("work", "/work")
        .container(ContainerNode::new("main").image("alpine").env("A", "1"))
        .container(ContainerNode::new("after").image("alpine").dependencies(["main"]));
    let s = set.to_model().container_set.unwrap();
    assert_eq!(s.containers[1].dependencies.as_deref(), Some(&["main".to_owned()][..]));

    let data = Data::new("d")
        .artifact_paths("logs", S3::bucket("b"))
        .transformation("filter(data, {# endsWith 'x'})");
    assert_eq!(data.to_model().data.unwrap().source.artifact_paths.unwrap().name, "logs");

    let container = Container::new("c")
        .image("alpine")
        .cpu_request(1)
        .cpu_limit("2")
        .memory_request("1Gi")
        .env_from_config_map("MODE", "settings", "mode")
        .env_from_field("POD", "metadata.name")
        .retry(3)
        .timeout("5m")
        .node_selector("disk", "ssd")
        .label("team", "data")
        .parallelism(2)
        .sidecar(UserContainer::new("proxy").image("envoy"))
        .init_container(UserContainer::new("init").image("busybox"));
    let t = container.to_model();
    let c = t.container.unwrap();
    let requests = c.resources.as_ref().unwrap().requests.as_ref().unwrap();
    assert_eq!(requests["cpu"], hera::model::Quantity::from(1));
    assert_eq!(c.env.unwrap().len(), 2);
    assert_eq!(t.retry_strategy.unwrap().limit, Some(3.into()));
    assert_eq!((t.sidecars.unwrap().len(), t.init_containers.unwrap().len()), (1, 1));
}

#[test]
fn the_escape_hatches_reach_the_model() {
    let e = echo().with_model(|t| t.scheduler_name = Some("gang".into()));
    assert_eq!(e.to_model().scheduler_name.as_deref(), Some("gang"));
    let dag = Dag::new("main", |d| {
        d.task("a", e.call()).with_model(|t| t.on_exit = Some("echo".into()));
    });
    assert_eq!(tasks(&dag)[0].on_exit.as_deref(), Some("echo"));
    let workflow = Workflow::new("w").entrypoint(dag).with_spec(|s| s.host_network = Some(true));
    assert_eq!(workflow.to_model().unwrap().spec.host_network, Some(true));
}

#[test]
fn exit_handlers_with_arguments_step_hooks_and_model_closures() {
    let e = echo();
    // onExit is a bare template name: arguments would be lost, so they are refused.
    let dag = Dag::new("main", |d| {
        d.task("a", e.call()).on_exit(e.call().argument("message", "bye"));
    });
    assert_eq!(
        messages(Workflow::new("w").entrypoint(dag).to_document()),
        [
            "Workflow w: spec.templates[main].dag.tasks[a].onExit: task 'a': onExit names a template only, so its arguments or \
             templateRef would be lost; use .hook(\"exit\", call) instead"
        ]
    );
    // A step hook may not refer to a step of another template.
    let outer = Steps::new("outer", |o| {
        let a = o.step("a", e.call());
        let inner = Steps::new("inner", |i| {
            i.step("b", e.call()).hook("exit", e.call().argument("message", a.result()));
        });
        o.step("c", inner.call());
    });
    let messages = messages(Workflow::new("w").entrypoint(outer).to_document());
    assert!(
        messages[0]
            .contains("step 'b' refers to 'a' of template 'outer', which is not a step of this template"),
        "{messages:?}"
    );
    // A model closure may use other handles of the same DAG.
    let dag = Dag::new("main", |d| {
        let a = d.task("a", e.call());
        d.task("b", e.call()).with_model(|t| t.on_exit = Some(a.name()));
    });
    assert_eq!(tasks(&dag)[1].on_exit.as_deref(), Some("a"));
}

#[test]
fn a_manifest_that_cannot_be_serialised_is_an_error() {
    struct Broken;
    impl serde::Serialize for Broken {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("no manifest here"))
        }
    }
    let create = Resource::new("create", "create").manifest_of(&Broken);
    let messages = messages(Workflow::new("w").entrypoint(create).to_document());
    assert!(
        messages
            .iter()
            .any(|m| m.contains("templates[create].resource.manifest: cannot serialise the manifest")
                && m.contains("no manifest here")),
        "{messages:?}"
    );
}

#[test]
fn template_defaults_keep_fields_but_not_an_empty_body() {
    fn applied(defaults: impl hera::TemplateBuilder) -> hera::model::Template {
        let workflow = Workflow::new("w").entrypoint(echo()).template_defaults(defaults);
        workflow.to_model().unwrap().spec.template_defaults.unwrap()
    }
    for (kind, applied) in [
        ("container", applied(Container::new("d").timeout("1m"))),
        ("script", applied(Script::new("d").timeout("1m"))),
        ("suspend", applied(Suspend::new("d").timeout("1m"))),
    ] {
        assert_eq!(applied.timeout.as_deref(), Some("1m"), "{kind}");
        let bodies = (&applied.container, &applied.script, &applied.suspend);
        assert_eq!(bodies, (&None, &None, &None), "{kind}");
    }
}

#[test]
fn hooks_exit_handlers_and_refs_bring_their_templates() {
    let work = Container::new("work").image("alpine");
    let cleanup = Container::new("cleanup").image("alpine");
    let notify = Http::new("notify", "https://example.com");
    let main = Dag::new("main", |d| {
        d.task("a", work.call())
            .on_exit(cleanup.call())
            .hook("running", Hook::new(notify.call()).expression("true"));
        d.task("b", TemplateRef::new("shared", "print").cluster_scope().call());
        d.task("c", d.call_self()).when("false");
    });
    let model = Workflow::new("w").entrypoint(main).to_model().unwrap();
    let names: Vec<_> = model.spec.templates.unwrap().into_iter().map(|t| t.name.unwrap()).collect();
    assert_eq!(names, ["main", "work", "cleanup", "notify"]);
}

#[test]
fn cron_workflows_and_json() {
    let hello = Container::new("hello").image("busybox");
    let cron = CronWorkflow::new("nightly")
        .schedule("0 2 * * *")
        .schedule("0 14 * * *")
        .timezone("Europe/Oslo")
        .concurrency_policy("Forbid")
        .stop_strategy("cronworkflow.failed >= 3")
        .when("true")
        .entrypoint(hello);
    let json = cron.to_json().unwrap();
    assert!(json.contains("\"schedules\": [\n      \"0 2 * * *\",\n      \"0 14 * * *\"\n    ]"), "{json}");
    assert_eq!(cron.to_model().unwrap().spec.workflow_spec.entrypoint.as_deref(), Some("hello"));
}

#[test]
fn cli_main_prints_objects_and_reports_problems() {
    let good: hera::Object = Workflow::new("w").entrypoint(Container::new("hello").image("busybox")).into();
    let bad: hera::Object = Workflow::new("W").entrypoint(Container::new("hello").image("busybox")).into();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let exit =
        hera::cli::invoke(["prog"], [good.clone()], &mut hera::cli::Output::new(&mut stdout, &mut stderr));
    assert_eq!(exit, hera::cli::Exit::Success);
    assert!(
        String::from_utf8(stdout).unwrap().starts_with("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n")
    );
    assert!(stderr.is_empty());
    // Printing is a gate: lint errors print the findings, not the objects.
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let exit = hera::cli::invoke(
        ["prog"],
        [good.clone(), bad.clone()],
        &mut hera::cli::Output::new(&mut stdout, &mut stderr),
    );
    assert_eq!(exit, hera::cli::Exit::Problems);
    assert!(stdout.is_empty());
    assert!(
        String::from_utf8(stderr)
            .unwrap()
            .starts_with("prog: Workflow W: metadata.name: 'W' is not a valid Kubernetes name")
    );
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let exit = hera::cli::invoke(
        ["prog", "lint"],
        [good, bad],
        &mut hera::cli::Output::new(&mut stdout, &mut stderr),
    );
    assert_eq!(exit, hera::cli::Exit::Problems);
    let report = String::from_utf8(stdout).unwrap();
    assert!(
        report.starts_with("prog: Workflow W: metadata.name: 'W' is not a valid Kubernetes name"),
        "{report}"
    );
    assert!(report.ends_with("[object-name]\n"), "{report}");
}

#[test]
fn item_outside_a_loop_is_refused_when_built() {
    let echo =
        Container::new("echo").image("busybox").input("message").args(["{{inputs.parameters.message}}"]);
    let main = Dag::new("main", |d| {
        d.task("a", echo.call().argument("message", item()));
    });
    let error = Workflow::new("w").entrypoint(main).to_yaml().unwrap_err();
    let text = error.to_string();
    assert!(text.contains("spec.templates[main].dag.tasks[a].arguments.parameters[message].value: {{item}} is used outside any loop"), "{text}");
}

#[test]
fn an_environment_parameter_typo_is_refused_with_the_declared_name() {
    use hera::project::{Environments, Project};
    let hello = Container::new("hello").image("busybox");
    let wt = WorkflowTemplate::new("hello-wt").argument("greeting", "hi").entrypoint(hello);
    let environments = Environments::new()
        .env("prod", |e| e.parameter("greting", "hello"))
        .env("qa", |e| e.parameter("colour", "blue"));
    let project = Project::new([wt]).environments(environments);
    let error = project.build(Some("prod")).unwrap_err().to_string();
    assert!(
        error.contains(
            "environment 'prod' sets parameter 'greting', which no object declares in spec.arguments; did you mean 'greeting'?"
        ),
        "{error}"
    );
    let error = project.build(Some("qa")).unwrap_err().to_string();
    assert!(error.contains("sets parameter 'colour', which no object declares in spec.arguments"), "{error}");
    assert!(!error.contains("did you mean"), "{error}");
}
