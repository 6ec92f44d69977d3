//! Conformance suites over the shared reference data: every Argo example and
//! every YAML that Python's Hera produces must read, write and read back to
//! equal data, what hera-rs writes must satisfy Argo's JSON schema, and every
//! program in `examples/` must print its Argo original (as data).
//!
//! They read `$HERA_REFERENCE_DIR` (or `../shared/reference`); `.ci/run` sets
//! the variable, so there a missing directory fails instead of skipping. The
//! example snapshots need no reference data.

mod argo_examples;
mod examples;
mod hera_examples;
mod schema;
mod support;

use hera::Object;

/// Declares every program of `examples/` as a module of this test binary and
/// lists them with the Argo example each ports.
macro_rules! examples {
    ($($module:ident = $path:literal => $argo:expr,)*) => {
        $(
            #[allow(dead_code)]
            #[path = $path]
            mod $module;
        )*

        /// (example name, its objects, the Argo example it ports).
        fn all() -> Vec<(&'static str, Vec<Object>, Option<&'static str>)> {
            vec![$( (stringify!($module), $module::objects(), $argo), )*]
        }
    };
}

examples! {
    versioned_template = "../../examples/versioned_template.rs" => None,
    scale = "../../examples/scale.rs" => None,
    volumes_pvc = "../../examples/volumes_pvc.rs" => Some("volumes-pvc.yaml"),
    secrets = "../../examples/secrets.rs" => Some("secrets.yaml"),
    sidecar = "../../examples/sidecar.rs" => Some("sidecar.yaml"),
    daemon_step = "../../examples/daemon_step.rs" => Some("daemon-step.yaml"),
    resource_flags = "../../examples/resource_flags.rs" => Some("resource-flags.yaml"),
    cron_workflow = "../../examples/cron_workflow.rs" => Some("cron-workflow.yaml"),
    scripts_python = "../../examples/scripts_python.rs" => Some("scripts-python.yaml"),
    sequence_workflow = "../../examples/sequence_workflow.rs" => Some("container-set-template/sequence-workflow.yaml"),
    templates = "../../examples/templates.rs" => Some("workflow-template/templates.yaml"),
    conditionals = "../../examples/conditionals.rs" => Some("conditionals.yaml"),
    coinflip = "../../examples/coinflip.rs" => Some("coinflip.yaml"),
    coinflip_recursive = "../../examples/coinflip_recursive.rs" => Some("coinflip-recursive.yaml"),
    retry_backoff = "../../examples/retry_backoff.rs" => Some("retry-backoff.yaml"),
    retry_with_steps = "../../examples/retry_with_steps.rs" => Some("retry-with-steps.yaml"),
    exit_handlers = "../../examples/exit_handlers.rs" => Some("exit-handlers.yaml"),
    life_cycle_hooks_wf_level = "../../examples/life_cycle_hooks_wf_level.rs" => Some("life-cycle-hooks-wf-level.yaml"),
    suspend_template = "../../examples/suspend_template.rs" => Some("suspend-template.yaml"),
    timeouts_step = "../../examples/timeouts_step.rs" => Some("timeouts-step.yaml"),
    template_defaults = "../../examples/template_defaults.rs" => Some("template-defaults.yaml"),
    arguments_parameters = "../../examples/arguments_parameters.rs" => Some("arguments-parameters.yaml"),
    global_parameters = "../../examples/global_parameters.rs" => Some("global-parameters.yaml"),
    output_parameter = "../../examples/output_parameter.rs" => Some("output-parameter.yaml"),
    parameter_aggregation_dag = "../../examples/parameter_aggregation_dag.rs" => Some("parameter-aggregation-dag.yaml"),
    artifact_passing = "../../examples/artifact_passing.rs" => Some("artifact-passing.yaml"),
    input_artifact_s3 = "../../examples/input_artifact_s3.rs" => Some("input-artifact-s3.yaml"),
    output_artifact_s3 = "../../examples/output_artifact_s3.rs" => Some("output-artifact-s3.yaml"),
    loops = "../../examples/loops.rs" => Some("loops.yaml"),
    loops_maps = "../../examples/loops_maps.rs" => Some("loops-maps.yaml"),
    loops_param_result = "../../examples/loops_param_result.rs" => Some("loops-param-result.yaml"),
    loops_sequence = "../../examples/loops_sequence.rs" => Some("loops-sequence.yaml"),
    loops_dag = "../../examples/loops_dag.rs" => Some("loops-dag.yaml"),
    hello_world = "../../examples/hello_world.rs" => Some("hello-world.yaml"),
    steps = "../../examples/steps.rs" => Some("steps.yaml"),
    dag_diamond = "../../examples/dag_diamond.rs" => Some("dag-diamond.yaml"),
    dag_diamond_steps = "../../examples/dag_diamond_steps.rs" => Some("dag-diamond-steps.yaml"),
    dag_multiroot = "../../examples/dag_multiroot.rs" => Some("dag-multiroot.yaml"),
    dag_nested = "../../examples/dag_nested.rs" => Some("dag-nested.yaml"),
    dag_targets = "../../examples/dag_targets.rs" => Some("dag-targets.yaml"),
    dag_enhanced_depends = "../../examples/dag_enhanced_depends.rs" => Some("dag-enhanced-depends.yaml"),
    dag_continue_on_fail = "../../examples/dag_continue_on_fail.rs" => Some("dag-continue-on-fail.yaml"),
    dag_conditional_parameters = "../../examples/dag_conditional_parameters.rs" => Some("dag-conditional-parameters.yaml"),
}
