//! `hera diff`: the semantic difference between two files or directories.

use super::read;
use crate::support::{Exit, Output};
use std::path::PathBuf;

/// Arguments of `hera diff`.
#[derive(Debug, Clone, clap::Args)]
#[command(
    about = "Show what differs between the Argo objects of two files or directories",
    long_about = "Compares the objects of A with those of B as data, ignoring formatting, comments and \
                  key order. Objects are matched by kind, namespace and name (generateName when they \
                  have none) across all files: how they are split into files does not matter. Each \
                  difference is one line: `WorkflowTemplate my-wt: spec.templates[main].container.image: \
                  busybox → alpine`; `+ ` and `- ` start fields and objects only B or only A has \
                  (`+ Workflow x (only in B)`); a changed script is shown as a line diff. Lists of \
                  uniquely named items (templates, tasks, parameters, ...) are matched by name, so \
                  reordering them is no change, except for env and initContainers, whose order \
                  matters; steps are matched by name across their groups, and a step that changed \
                  group is reported as moved. Strings and numbers differ (\"1\" is not 1). \
                  Exit 0 when the objects are equal, 1 when they differ, 2 for usage errors and \
                  files that cannot be read or parsed (printed as FILE:LINE:COL: message)."
)]
pub struct DiffArgs {
    /// The first side: a YAML file, a directory (every *.yaml/*.yml below it) or `-` for stdin.
    #[arg(value_name = "A")]
    pub a: PathBuf,
    /// The second side, the same way (with --server: another file).
    #[arg(value_name = "B")]
    pub b: Option<PathBuf>,
    /// Match objects by kind and name only, so the same object in two
    /// namespaces (environments) is compared field by field.
    #[arg(long)]
    pub ignore_namespace: bool,
    /// Match `my-wt-v0.1.0` with `my-wt-v0.2.0` (names ending in
    /// `-v<semantic version>`), so two releases are compared field by field.
    #[arg(long)]
    pub ignore_version: bool,
    /// Compare A (and B) with what is deployed on the Argo Server
    /// (`--server=URL`, or ARGO_SERVER), as `hera status` does.
    #[cfg(feature = "server")]
    #[arg(long, value_name = "URL", num_args = 0..=1, require_equals = true, default_missing_value = "")]
    pub server: Option<String>,
}

/// Runs `hera diff`.
pub fn run(args: &DiffArgs, out: &mut Output<'_>) -> Exit {
    let Some(b) = &args.b else {
        out.error("hera diff: give two sides, A and B (or --server to compare with a server)");
        return Exit::Usage;
    };
    if args.a.as_os_str() == "-" && b.as_os_str() == "-" {
        out.error("hera diff: only one side can be stdin (`-`)");
        return Exit::Usage;
    }
    // Anything that cannot be read or parsed is exit 2 here (there is nothing to compare).
    let (Ok(a), Ok(b)) = (read::documents_at(&args.a, "diff", out), read::documents_at(b, "diff", out))
    else {
        return Exit::Usage;
    };
    let matching = crate::diff::Matching {
        ignore_namespace: args.ignore_namespace,
        ignore_version: args.ignore_version,
    };
    let differences = crate::diff::diff_with(&a, &b, matching);
    for difference in &differences {
        if !out.write(&difference.to_string()) {
            break;
        }
    }
    if differences.is_empty() { Exit::Success } else { Exit::Problems }
}
