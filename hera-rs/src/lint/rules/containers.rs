//! Containers of a template: mount paths, reserved and missing names,
//! containerSet graphs and resource quantities.

use super::field_names::CONTAINER_NAME;
use crate::lint::at::At;
use crate::lint::context::{ObjectCx, Sink, TemplateCx};
use crate::lint::rule::declare_rule;
use crate::model::{Quantity, ResourceRequirements, VolumeMount};
use crate::syntax::quantity;
use std::collections::HashMap;

declare_rule! {
    /// `mount`: a mountPath is mounted once per container; input artifact paths do not collide with volume mounts.
    pub static MOUNT = {
        id: "mount",
        severity: Error,
        summary: "a mountPath is mounted once per container; input artifact paths do not collide with volume mounts",
        remediation: "mount each path once per container, and put input artifacts outside the volume mounts",
    };
    /// `container-set`: containerSet: at least one container, dependencies exist and have no cycle, a main container when the template has inputs or outputs.
    pub static CONTAINER_SET = {
        id: "container-set",
        severity: Error,
        summary: "containerSet: at least one container, dependencies exist and have no cycle, a `main` container when the template has inputs or outputs",
        remediation: "give the containerSet containers, dependencies on containers it has without a cycle, and a container named main when the template has inputs or outputs",
    };
    /// `quantity`: resource quantities (cpu: 500m, memory: 1Gi) are Kubernetes quantities.
    pub static QUANTITY = {
        id: "quantity",
        severity: Error,
        summary: "resource quantities (cpu: 500m, memory: 1Gi) are Kubernetes quantities",
        remediation: "write a Kubernetes quantity: a number with an optional suffix (500m, 2, 1Gi, 512Mi)",
    };
}

/// Container names Argo uses itself.
const RESERVED: [&str; 2] = ["wait", "supervisor"];
const RESERVED_PREFIX: &str = "artifact-plugin-";

/// A mount path is mounted once; input artifacts are not put where a
/// volume is mounted.
pub fn mounts(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    let (field, mounts) = if let Some(container) = &t.template.container {
        ("container", container.volume_mounts.as_deref())
    } else if let Some(script) = &t.template.script {
        ("script", script.volume_mounts.as_deref())
    } else {
        return;
    };
    let mut mounted: HashMap<&str, String> = HashMap::new();
    let path = t.at().key(field).key("volumeMounts");
    for (index, mount) in mounts.unwrap_or_default().iter().enumerate() {
        let VolumeMount { mount_path, name, .. } = mount;
        match mounted.get(mount_path.as_str()) {
            Some(previous) => sink.error(
                &MOUNT,
                &path.named(index, name).key("mountPath"),
                format!("mountPath '{mount_path}' already mounted in {previous}"),
            ),
            None => {
                mounted.insert(mount_path, format!("{field}.volumeMounts.{name}"));
            }
        }
    }
    let artifacts = t.template.inputs.as_ref().and_then(|i| i.artifacts.as_deref()).unwrap_or_default();
    for (index, artifact) in artifacts.iter().enumerate() {
        if let Some(previous) = artifact.path.as_deref().and_then(|p| mounted.get(p)) {
            sink.error(
                &MOUNT,
                &t.at().key("inputs").key("artifacts").named(index, &artifact.name).key("path"),
                format!(
                    "path '{}' already mounted in {previous}",
                    artifact.path.as_deref().unwrap_or_default()
                ),
            );
        }
    }
}

/// Sidecars and containerSet containers avoid Argo's own names; init
/// containers are named.
pub fn container_names(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    let sidecars = t.template.sidecars.iter().flatten().map(|c| c.name.as_str()).collect::<Vec<_>>();
    let set = t.template.container_set.iter().flat_map(|s| &s.containers).map(|c| c.name.as_str()).collect();
    let lists = [(t.at().key("sidecars"), sidecars), (t.at().key("containerSet").key("containers"), set)];
    for (path, names) in lists {
        for (index, name) in names.into_iter().enumerate() {
            if RESERVED.contains(&name) || name.starts_with(RESERVED_PREFIX) {
                let path = path.named(index, name).key("name");
                sink.error(&CONTAINER_NAME, &path, format!("{name:?} is a reserved Argo container name"));
            }
        }
    }
    for (index, init) in t.template.init_containers.iter().flatten().enumerate() {
        if init.name.is_empty() {
            sink.error(
                &CONTAINER_NAME,
                &t.at().key("initContainers").index(index).key("name"),
                "initContainers must all have container name",
            );
        }
    }
}

/// containerSet: containers, their dependencies, and `main` for I/O.
pub fn container_set(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    let Some(set) = &t.template.container_set else { return };
    let path = t.at().key("containerSet").key("containers");
    if set.containers.is_empty() {
        sink.error(&CONTAINER_SET, &path, "containers must have at least one container");
        return;
    }
    let index: HashMap<&str, usize> =
        set.containers.iter().enumerate().map(|(i, c)| (c.name.as_str(), i)).collect();
    let mut graph = vec![Vec::new(); set.containers.len()];
    for (i, container) in set.containers.iter().enumerate() {
        for dependency in container.dependencies.iter().flatten() {
            match index.get(dependency.as_str()) {
                Some(&target) => graph[i].push(target),
                None => sink.error(
                    &CONTAINER_SET,
                    &path.named(i, &container.name).key("dependencies"),
                    format!("dependency '{dependency}' not defined"),
                ),
            }
        }
    }
    if let Some(cycle) = crate::lint::dependencies::find_cycle(&graph) {
        let names: Vec<&str> = cycle.iter().map(|&i| set.containers[i].name.as_str()).collect();
        sink.error(&CONTAINER_SET, &path, format!("dependency cycle detected: {}", names.join("->")));
    }
    let inputs =
        t.template.inputs.as_ref().is_some_and(|i| i.artifacts.as_ref().is_some_and(|a| !a.is_empty()));
    let outputs = t.template.outputs.as_ref().is_some_and(|o| {
        o.parameters.as_ref().is_some_and(|p| !p.is_empty())
            || o.artifacts.as_ref().is_some_and(|a| !a.is_empty())
    });
    if (inputs || outputs) && !index.contains_key("main") {
        sink.error(
            &CONTAINER_SET,
            &path,
            "containers must have a container named \"main\" for input or output",
        );
    }
}

/// Resource requests and limits are Kubernetes quantities.
pub fn quantities(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    let template = t.template;
    let at = t.at();
    let containers = template.container_set.iter().flat_map(|s| &s.containers).enumerate();
    let sidecars = template.sidecars.iter().flatten().enumerate();
    let init = template.init_containers.iter().flatten().enumerate();
    let all: Vec<(At<'_>, Option<&ResourceRequirements>)> = [
        (at.key("container"), template.container.as_ref().and_then(|c| c.resources.as_ref())),
        (at.key("script"), template.script.as_ref().and_then(|c| c.resources.as_ref())),
    ]
    .into_iter()
    .chain(
        containers
            .map(|(i, c)| (at.key("containerSet").key("containers").named(i, &c.name), c.resources.as_ref())),
    )
    .chain(sidecars.map(|(i, c)| (at.key("sidecars").named(i, &c.name), c.resources.as_ref())))
    .chain(init.map(|(i, c)| (at.key("initContainers").named(i, &c.name), c.resources.as_ref())))
    .map(|(path, resources)| (path.key("resources"), resources))
    .chain([(at.key("podResources"), template.pod_resources.as_ref())])
    .collect();
    for (path, resources) in all {
        let Some(resources) = resources else { continue };
        for (field, map) in [("requests", &resources.requests), ("limits", &resources.limits)] {
            for (name, value) in map.iter().flatten() {
                if let Quantity::String(text) = value
                    && let Err(message) = quantity::parse(text)
                {
                    sink.error(&QUANTITY, &path.key(field).key(name), message);
                }
            }
        }
    }
}
