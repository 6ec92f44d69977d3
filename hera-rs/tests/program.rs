//! The subcommands of a workflow program (`hera::cli::main`), as a user
//! meets them: `yaml`/`json` gate on errors, print one object with `--only`
//! or `--kind`, `lint` and `emit --check` say `ok`, `emit` leaves
//! `as_workflow` tests out quietly, and a project that publishes releases
//! warns about a template without a version.

use hera::cli::{Exit, Output, invoke};
use hera::prelude::*;
use hera::project::IntoProject;

/// What one run printed.
struct Run {
    exit: Exit,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], project: impl IntoProject) -> Run {
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let mut argv = vec!["prog"];
    argv.extend_from_slice(args);
    let exit = invoke(argv, project.into_project(), &mut Output::new(&mut stdout, &mut stderr));
    Run { exit, stdout: String::from_utf8(stdout).unwrap(), stderr: String::from_utf8(stderr).unwrap() }
}

fn hello() -> Container {
    Container::new("hello").image("busybox").command(["echo", "hello"])
}

fn good() -> Object {
    Workflow::new("good").entrypoint(hello()).into()
}

/// A lint error: an upper-case name.
fn bad() -> Object {
    Workflow::new("Bad").entrypoint(hello()).into()
}

/// A builder error: two different templates named `hello`.
fn duplicate() -> Object {
    let other = Container::new("hello").image("alpine");
    let main = Dag::new("main", |d| {
        d.task("a", hello().call());
        d.task("b", other.call());
    });
    Workflow::new("dup").entrypoint(main).into()
}

const BAD_LINE: &str = "prog: Workflow Bad: metadata.name: 'Bad' is not a valid Kubernetes name";

#[test]
fn yaml_and_json_print_the_findings_not_the_objects_when_lint_finds_errors() {
    for command in ["yaml", "json"] {
        let run = run(&[command], [good(), bad()]);
        assert_eq!(run.exit, Exit::Problems, "{command}");
        assert_eq!(run.stdout, "", "{command}: nothing printed");
        assert!(run.stderr.starts_with(BAD_LINE), "{command}: {}", run.stderr);
        assert!(run.stderr.lines().next().unwrap().ends_with("[object-name]"), "{}", run.stderr);
        assert!(
            run.stderr.ends_with(
                "prog: 1 error(s); nothing printed (`prog lint` lists them; --allow-invalid prints anyway)\n"
            ),
            "{}",
            run.stderr
        );
    }
    // The default subcommand is `yaml`, gated alike.
    assert_eq!(run(&[], [bad()]).exit, Exit::Problems);
    // --allow-invalid prints anyway, the findings still on stderr.
    let run = run(&["yaml", "--allow-invalid"], [good(), bad()]);
    assert_eq!(run.exit, Exit::Success);
    assert_eq!(run.stdout.matches("kind: Workflow").count(), 2);
    assert!(run.stderr.starts_with(BAD_LINE), "{}", run.stderr);
}

#[test]
fn builder_errors_gate_alike_and_share_the_findings_format() {
    let line = "prog: Workflow dup: spec.templates[hello]: two different templates are named 'hello'; give one \
                of them another name [duplicate-template]\n";
    let yaml = run(&["yaml"], [duplicate()]);
    assert_eq!((yaml.exit, yaml.stdout.as_str()), (Exit::Problems, ""));
    assert!(yaml.stderr.starts_with(line), "{}", yaml.stderr);
    // `lint` reports them on stdout, in the format of its findings.
    let lint = run(&["lint"], [duplicate()]);
    assert_eq!(lint.exit, Exit::Problems);
    assert_eq!(lint.stdout, line);
    assert_eq!(lint.stderr, "prog lint: 1 error(s), 0 warning(s)\n");
    let json = run(&["lint", "-o", "json"], [duplicate()]);
    assert!(json.stdout.contains("\"rule\": \"duplicate-template\""), "{}", json.stdout);
    // Other commands refuse to work on such objects, with the same lines.
    let list = run(&["list"], [duplicate()]);
    assert_eq!(list.exit, Exit::Problems);
    assert!(list.stderr.starts_with(line), "{}", list.stderr);
    // --allow-invalid prints what was built, whatever the findings.
    let allowed = run(&["yaml", "--allow-invalid"], [duplicate()]);
    assert_eq!(allowed.exit, Exit::Success, "{}", allowed.stderr);
    assert!(allowed.stdout.contains("name: dup"), "{}", allowed.stdout);
    assert!(allowed.stderr.starts_with(line), "{}", allowed.stderr);
}

#[test]
fn a_program_can_opt_out_of_the_gate_in_its_own_code() {
    let project = Project::new([good(), bad()]).allow_invalid();
    let yaml = run(&["yaml"], project.clone());
    assert_eq!(yaml.exit, Exit::Success);
    assert_eq!(yaml.stdout.matches("kind: Workflow").count(), 2);
    assert!(yaml.stderr.starts_with(BAD_LINE), "{}", yaml.stderr);
    // lint and emit still gate.
    assert_eq!(run(&["lint"], project).exit, Exit::Problems);
}

#[test]
fn only_and_kind_print_one_object_or_one_kind() {
    let wt = WorkflowTemplate::new("my-wt").versioned("0.1.0").entrypoint(hello());
    let e2e = wt.as_workflow("my-wt-test-");
    let cron = CronWorkflow::new("nightly").schedule("0 2 * * *").entrypoint(hello());
    let objects = || -> Vec<Object> { vec![wt.clone().into(), e2e.clone().into(), cron.clone().into()] };

    let only = run(&["yaml", "--only", "my-wt-test-"], objects());
    assert_eq!(only.exit, Exit::Success, "{}", only.stderr);
    assert!(only.stdout.starts_with("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n"), "{}", only.stdout);
    assert_eq!(only.stdout.matches("apiVersion").count(), 1);
    // The generateName prefix without its dash names it too.
    assert_eq!(run(&["yaml", "--only", "my-wt-test"], objects()).stdout, only.stdout);

    let json = run(&["json", "--only", "my-wt-v0.1.0"], objects());
    assert_eq!(json.exit, Exit::Success);
    assert!(json.stdout.contains("\"kind\": \"WorkflowTemplate\""), "{}", json.stdout);
    assert_eq!(json.stdout.matches("\"apiVersion\"").count(), 1);

    let kind = run(&["yaml", "--kind", "cronworkflow"], objects());
    assert_eq!(kind.exit, Exit::Success);
    assert!(kind.stdout.contains("kind: CronWorkflow") && !kind.stdout.contains("kind: Workflow\n"));

    let unknown = run(&["yaml", "--only", "my-wt-v0.1.1"], objects());
    assert_eq!((unknown.exit, unknown.stdout.as_str()), (Exit::Usage, ""));
    assert_eq!(
        unknown.stderr,
        "prog yaml: no object named 'my-wt-v0.1.1'; did you mean 'my-wt-v0.1.0'?; this program has: \
         my-wt-v0.1.0, my-wt-test-, nightly\n"
    );
    let unknown_kind = run(&["yaml", "--kind", "WorkflowTemplates"], objects());
    assert_eq!(unknown_kind.exit, Exit::Usage);
    assert!(
        unknown_kind
            .stderr
            .starts_with("prog yaml: unknown kind 'WorkflowTemplates'; did you mean 'WorkflowTemplate'?"),
        "{}",
        unknown_kind.stderr
    );
    let none = run(&["yaml", "--kind", "ClusterWorkflowTemplate"], objects());
    assert_eq!(
        (none.exit, none.stderr.as_str()),
        (Exit::Usage, "prog yaml: this program has no ClusterWorkflowTemplate\n")
    );

    // The gate weighs the objects printed: another object's error does not stop it.
    let chosen = run(&["yaml", "--only", "good"], [good(), bad()]);
    assert_eq!((chosen.exit, chosen.stderr.as_str()), (Exit::Success, ""));
    assert!(chosen.stdout.contains("name: good"));
}

#[test]
fn lint_says_ok_on_stderr_and_keeps_stdout_clean() {
    let lint = run(&["lint"], [good(), Workflow::new("other").entrypoint(hello()).into()]);
    assert_eq!(lint.exit, Exit::Success);
    assert_eq!(lint.stdout, "");
    assert_eq!(lint.stderr, "prog lint: ok: 2 objects, no findings\n");
    let json = run(&["lint", "-o", "json"], [good()]);
    assert_eq!(
        (json.stdout.as_str(), json.stderr.as_str()),
        ("[]\n", "prog lint: ok: 1 object, no findings\n")
    );
    let failing = run(&["lint"], [bad()]);
    assert!(!failing.stderr.contains("ok:"), "{}", failing.stderr);
}

#[test]
fn lint_merges_the_controllers_workflow_defaults_when_given() {
    // `{{workflow.labels.team}}` only the controller's workflowDefaults define.
    let labelled = || -> Object {
        let echo = Container::new("hello").image("busybox").command(["echo", "{{workflow.labels.team}}"]);
        Workflow::new("labelled").entrypoint(echo).into()
    };
    let plain = run(&["lint"], [labelled()]);
    assert_eq!(plain.exit, Exit::Problems, "{}", plain.stdout);
    assert!(plain.stdout.contains("workflow.labels.team"), "{}", plain.stdout);

    let dir = tempfile::tempdir().unwrap();
    let defaults = dir.path().join("configmap.yaml");
    std::fs::write(
        &defaults,
        "kind: ConfigMap\ndata:\n  workflowDefaults: |\n    spec:\n      workflowMetadata:\n        labels: {team: data}\n",
    )
    .unwrap();
    let with = run(&["lint", "--workflow-defaults", defaults.to_str().unwrap()], [labelled()]);
    assert_eq!((with.exit, with.stdout.as_str()), (Exit::Success, ""), "{}", with.stderr);
    assert_eq!(with.stderr, "prog lint: ok: 1 object, no findings\n");

    let missing = run(&["lint", "--workflow-defaults", "/nonexistent/defaults.yaml"], [labelled()]);
    assert_eq!(missing.exit, Exit::Usage);
    assert!(
        missing.stderr.starts_with("prog lint: --workflow-defaults /nonexistent/defaults.yaml: "),
        "{}",
        missing.stderr
    );
}

#[test]
fn emit_leaves_out_generate_name_objects_with_one_notice_and_as_workflow_tests_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deploy");
    let out = out.to_str().unwrap();
    let wt = WorkflowTemplate::new("my-wt").versioned("0.1.0").entrypoint(hello());
    let adhoc = || Workflow::generate_name("adhoc-").entrypoint(hello());
    let objects: Vec<Object> =
        vec![wt.clone().into(), wt.as_workflow("my-wt-test-").into(), adhoc().into(), adhoc().into()];

    let emit = run(&["emit", "--out", out], objects.clone());
    assert_eq!(emit.exit, Exit::Success, "{}", emit.stderr);
    let notice = "emit: left out 2 object(s) named with generateName (--include-generate-name)";
    assert_eq!(emit.stderr.matches(notice).count(), 1, "{}", emit.stderr);
    assert!(emit.stderr.contains("emit: wrote "), "{}", emit.stderr);

    let check = run(&["emit", "--out", out, "--check"], objects);
    assert_eq!(check.exit, Exit::Success, "{}", check.stderr);
    assert!(
        check.stderr.ends_with(&format!("emit --check: ok: 4 objects, 1 file(s) in {out} up to date\n")),
        "{}",
        check.stderr
    );

    // Only the template and its test: no notice at all.
    let quiet =
        run(&["emit", "--out", out], [Object::from(wt.clone()), wt.as_workflow("my-wt-test-").into()]);
    assert_eq!(quiet.exit, Exit::Success);
    assert!(!quiet.stderr.contains("left out"), "{}", quiet.stderr);
    assert!(Object::from(wt.as_workflow("t-")).is_test());
    assert!(!Object::from(adhoc()).is_test());
}

#[test]
fn an_unversioned_template_of_a_project_that_publishes_releases_is_a_warning() {
    let versioned = WorkflowTemplate::new("released").versioned("1.0.0").entrypoint(hello());
    let loose = WorkflowTemplate::new("loose").entrypoint(hello());
    let warning = "prog: warning: WorkflowTemplate loose: metadata.name: this template is not versioned; changes \
                   will overwrite it in place (the project publishes releases: add .versioned(..) to 'loose') \
                   [unversioned]\n";

    // A versioned neighbour makes the project one that publishes releases.
    let lint = run(&["lint"], [Object::from(versioned.clone()), loose.clone().into()]);
    assert_eq!(lint.exit, Exit::Success);
    assert_eq!(lint.stdout, warning);
    assert_eq!(lint.stderr, "prog lint: ok: 2 objects, 1 warning(s)\n");
    assert_eq!(
        run(&["lint", "--deny-warnings"], [Object::from(versioned), loose.clone().into()]).exit,
        Exit::Problems
    );

    // So do release labels; the warning goes to stderr when printing, and
    // the YAML is printed.
    let labelled = Project::new([loose.clone()]).release_labels("1.0.0");
    let yaml = run(&["yaml"], labelled.clone());
    assert_eq!(yaml.exit, Exit::Success);
    assert_eq!(yaml.stderr, warning);
    assert!(yaml.stdout.contains("name: loose"));
    assert_eq!(run(&["lint", "--allow", "unversioned"], labelled).stdout, "");

    // A project without releases, an as_workflow test and a CronWorkflow are no concern.
    assert_eq!(run(&["lint"], [loose.clone()]).stdout, "");
    let cron = CronWorkflow::new("nightly").schedule("0 2 * * *").entrypoint(hello());
    let quiet = run(
        &["lint"],
        Project::new([Object::from(cron), loose.as_workflow("loose-test-").into()]).release_labels("1.0.0"),
    );
    assert_eq!(quiet.stdout, "");
}

#[test]
fn exec_help_names_the_outputs_and_inputs_directory_variables() {
    let help = run(&["exec", "--help"], vec![good()]);
    assert_eq!(help.exit, Exit::Success, "{}", help.stderr);
    for expected in
        ["$hera__outputs_directory", "/tmp/hera-outputs", "$hera__inputs_directory", "/tmp/hera-inputs"]
    {
        assert!(help.stdout.contains(expected), "exec --help lacks {expected}:\n{}", help.stdout);
    }
}
