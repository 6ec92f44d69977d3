//! Node ids and pod names, as Argo makes them.

/// FNV-1a, 32 bits: the hash behind Argo's node ids and pod names.
fn fnv32a(text: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// `Workflow.NodeID`: the workflow's own node is named after it; every other
/// node is `<workflow>-<fnv32a(node name)>`.
pub fn node_id(workflow: &str, node_name: &str) -> String {
    if node_name == workflow {
        return workflow.to_owned();
    }
    let mut id = String::with_capacity(workflow.len() + 11);
    id.push_str(workflow);
    id.push('-');
    crate::support::decimal::push_decimal(&mut id, u64::from(fnv32a(node_name)));
    id
}

/// `GeneratePodName` (pod names v2): `<workflow>-<template>-<fnv32a(node name)>`,
/// the prefix cut to fit Kubernetes' 253 characters.
pub fn pod_name(workflow: &str, node_name: &str, template: &str) -> String {
    if workflow == node_name {
        return workflow.to_owned();
    }
    let mut prefix = if template.is_empty() { workflow.to_owned() } else { format!("{workflow}-{template}") };
    // maxK8sResourceNameLength (253) - k8sNamingHashLength (10) - 1
    prefix.truncate(242);
    format!("{prefix}-{}", fnv32a(node_name))
}

/// `GenerateOnExitNodeName`.
pub fn on_exit(parent: &str) -> String {
    format!("{parent}.onExit")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_pod_names_hash_the_node_name() {
        // FNV-1a test vectors.
        assert_eq!(fnv32a(""), 0x811c_9dc5);
        assert_eq!(fnv32a("a"), 0xe40c_292c);
        assert_eq!(node_id("wf", "wf"), "wf");
        assert_eq!(node_id("wf", "wf.a"), format!("wf-{}", fnv32a("wf.a")));
        assert_eq!(pod_name("wf", "wf.a", "echo"), format!("wf-echo-{}", fnv32a("wf.a")));
        assert_eq!(pod_name("wf", "wf", "echo"), "wf");
    }
}
