use hera::prelude::*;

fn main() {
    let shared = ClusterWorkflowTemplate::new("shared").versioned("1.0.0");
    // A ClusterWorkflowTemplate is referred to with `cluster_workflow_template_ref`.
    let _cron = CronWorkflow::new("nightly").schedule("@daily").workflow_template_ref(&shared);
}
