//! Every program in `examples/` is a test: what it prints is snapshot-tested,
//! read back through the strict reader, validated against Argo's strict
//! schema, and compared as data with the Argo example it ports (only the
//! order of `spec.templates` may differ). The programs run as built by
//! `cargo build --examples`, so the tests see exactly what users see.

use crate::support::{first_difference, reference, run_example};
use serde_json::Value;

/// Every example, with the Argo example it ports.
const EXAMPLES: &[(&str, Option<&str>)] = &[
    ("arguments_parameters", Some("arguments-parameters.yaml")),
    ("artifact_passing", Some("artifact-passing.yaml")),
    ("coinflip", Some("coinflip.yaml")),
    ("coinflip_recursive", Some("coinflip-recursive.yaml")),
    ("conditionals", Some("conditionals.yaml")),
    ("cron_workflow", Some("cron-workflow.yaml")),
    ("daemon_step", Some("daemon-step.yaml")),
    ("dag_conditional_parameters", Some("dag-conditional-parameters.yaml")),
    ("dag_continue_on_fail", Some("dag-continue-on-fail.yaml")),
    ("dag_diamond", Some("dag-diamond.yaml")),
    ("dag_diamond_steps", Some("dag-diamond-steps.yaml")),
    ("dag_enhanced_depends", Some("dag-enhanced-depends.yaml")),
    ("dag_multiroot", Some("dag-multiroot.yaml")),
    ("dag_nested", Some("dag-nested.yaml")),
    ("dag_targets", Some("dag-targets.yaml")),
    ("exit_handlers", Some("exit-handlers.yaml")),
    ("global_parameters", Some("global-parameters.yaml")),
    ("hello_world", Some("hello-world.yaml")),
    ("input_artifact_s3", Some("input-artifact-s3.yaml")),
    ("life_cycle_hooks_wf_level", Some("life-cycle-hooks-wf-level.yaml")),
    ("loops", Some("loops.yaml")),
    ("loops_dag", Some("loops-dag.yaml")),
    ("loops_maps", Some("loops-maps.yaml")),
    ("loops_param_result", Some("loops-param-result.yaml")),
    ("loops_sequence", Some("loops-sequence.yaml")),
    ("output_artifact_s3", Some("output-artifact-s3.yaml")),
    ("output_parameter", Some("output-parameter.yaml")),
    ("parameter_aggregation_dag", Some("parameter-aggregation-dag.yaml")),
    ("resource_flags", Some("resource-flags.yaml")),
    ("retry_backoff", Some("retry-backoff.yaml")),
    ("retry_with_steps", Some("retry-with-steps.yaml")),
    ("scale", None),
    ("scripts_python", Some("scripts-python.yaml")),
    ("secrets", Some("secrets.yaml")),
    ("sequence_workflow", Some("container-set-template/sequence-workflow.yaml")),
    ("sidecar", Some("sidecar.yaml")),
    ("steps", Some("steps.yaml")),
    ("suspend_template", Some("suspend-template.yaml")),
    ("template_defaults", Some("template-defaults.yaml")),
    ("templates", Some("workflow-template/templates.yaml")),
    ("timeouts_step", Some("timeouts-step.yaml")),
    ("versioned_template", None),
    ("volumes_pvc", Some("volumes-pvc.yaml")),
];

#[test]
fn every_example_file_is_covered() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut covered: Vec<String> = EXAMPLES.iter().map(|(name, _)| (*name).to_owned()).collect();
    covered.extend(crate::scripts::SCRIPT_EXAMPLES.iter().map(|name| (*name).to_owned()));
    covered.sort();
    assert_eq!(on_disk, covered, "list every example in tests/conformance");
}

/// The YAML every example prints, by name (script examples included).
fn outputs() -> Vec<(&'static str, String)> {
    let names = EXAMPLES.iter().map(|(name, _)| *name).chain(crate::scripts::SCRIPT_EXAMPLES.iter().copied());
    names.map(|name| (name, run_example(name, &[]))).collect()
}

#[test]
fn examples_match_their_snapshots_and_read_back() {
    for (name, text) in outputs() {
        insta::assert_snapshot!(name, text);
        let again = hera::yaml::to_string_all(&hera::yaml::documents(&text).unwrap()).unwrap();
        assert_eq!(again, text, "{name}: reading and writing again changes the output");
    }
}

/// Documents as data, with each spec's templates sorted by name.
fn data(text: &str) -> Vec<Value> {
    let mut documents: Vec<Value> =
        hera::yaml::parse(text).unwrap().iter().map(|n| hera::yaml::from_node(n).unwrap()).collect();
    for document in &mut documents {
        if let Some(spec) = document.pointer_mut("/spec") {
            let spec = if spec.get("workflowSpec").is_some() { &mut spec["workflowSpec"] } else { spec };
            if let Some(Value::Array(templates)) = spec.get_mut("templates") {
                templates.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
            }
        }
    }
    documents
}

#[test]
fn examples_equal_argos_files_as_data() {
    let Some(reference) = reference() else { return };
    let mut failures = Vec::new();
    for (name, argo) in EXAMPLES {
        let Some(argo) = argo else { continue };
        let original = std::fs::read_to_string(reference.join("argo/examples").join(argo)).unwrap();
        let (ours, theirs) = (data(&run_example(name, &[])), data(&original));
        if ours.len() != theirs.len() {
            failures.push(format!("{name}: {} documents, {argo} has {}", ours.len(), theirs.len()));
        }
        for (i, (a, b)) in theirs.iter().zip(&ours).enumerate() {
            if let Some(diff) = first_difference(a, b, "") {
                failures.push(format!("{name}#{i} vs {argo}: {diff}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} differences (Argo → ours):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn examples_satisfy_argos_strict_schema() {
    let Some(reference) = reference() else { return };
    let validators = crate::schema::validators(&reference);
    for (name, text) in outputs() {
        for document in hera::yaml::documents(&text).unwrap() {
            let value = serde_json::to_value(&document).unwrap();
            let errors: Vec<String> = validators[document.kind()]
                .iter_errors(&value)
                .map(|e| format!("{}: {e}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{name}: {errors:?}");
        }
    }
}

#[test]
fn every_example_passes_its_own_lint() {
    let names = EXAMPLES.iter().map(|(name, _)| *name).chain(crate::scripts::SCRIPT_EXAMPLES.iter().copied());
    let failures: Vec<String> = names
        .filter_map(|name| {
            let output = crate::support::example_command(name).arg("lint").output().unwrap();
            (!output.status.success() || !output.stdout.is_empty())
                .then(|| format!("{name}:\n{}", String::from_utf8_lossy(&output.stdout)))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
