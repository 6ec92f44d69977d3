//! Fields that Argo v4 removed, and what replaces them.
//!
//! Reading refuses them like any unknown field (Argo v4.1.2 would), but says
//! what to write instead, since they are common in older manifests.

/// (Rust struct, path suffix, message).
const REMOVED: [(&str, &str, &str); 6] = [
    (
        "Synchronization",
        "synchronization.mutex",
        "synchronization.mutex was removed in Argo v4; use synchronization.mutexes (a list of mutexes)",
    ),
    (
        "Synchronization",
        "synchronization.semaphore",
        "synchronization.semaphore was removed in Argo v4; use synchronization.semaphores (a list of semaphores)",
    ),
    (
        "CronWorkflowSpec",
        "spec.schedule",
        "spec.schedule was removed in Argo v4; use spec.schedules (a list of cron schedules)",
    ),
    (
        "LocalObjectReference",
        "memoize.cache.configMap.key",
        "memoize.cache.configMap.key was removed in Argo v4; the ConfigMap is named by memoize.cache.configMap.name \
         and each entry's key comes from memoize.key",
    ),
    ("WorkflowSpec", "podPriority", "podPriority was removed in Argo v4; use podPriorityClassName"),
    ("Template", "podPriority", "podPriority was removed in Argo v4; use priorityClassName"),
];

/// Explains `field` at `path` if Argo v4 removed it (a `yaml::decode` hint).
pub(crate) fn removed_field_hint(struct_name: &str, path: &str, _field: &str) -> Option<String> {
    REMOVED
        .iter()
        .find(|(owner, suffix, _)| *owner == struct_name && path.ends_with(suffix))
        .map(|(_, _, message)| (*message).to_owned())
}
