//! The variables a steps or DAG template's children see of each other
//! (`buildLocalScope`, `processAggregateNodeOutputs`) and the outputs such a
//! template takes from them (`getTemplateOutputsFromScope`).

use super::engine::Engine;
use super::node::{NodeType, Phase};
use super::substitute::{self, Strict, Variables};
use crate::model;

impl Engine<'_> {
    /// `buildLocalScope`: `steps.NAME.*` or `tasks.NAME.*` of one node.
    pub(crate) fn build_local_scope(&self, vars: &mut Variables, prefix: &str, name: &str, id: &str) {
        let mut node = &self.nodes[id];
        // A retried node is seen through its last attempt.
        if node.node_type == NodeType::Retry
            && let Some(last) = node.children.last().and_then(|c| self.nodes.get(c))
        {
            node = last;
        }
        // Joined, not `format!`ed: a steps template's every pass rebuilds
        // the scope of every step before the running one.
        let key = |field: &str| [prefix, ".", name, ".", field].concat();
        vars.insert(key("id"), Some(node.id.clone()));
        vars.insert(key("startedAt"), Some(self.timestamp(node.started_at)));
        if let Some(end) = node.finished_at {
            vars.insert(key("finishedAt"), Some(self.timestamp(end)));
        }
        if let Some(ip) = &node.pod_ip {
            vars.insert(key("ip"), Some(ip.clone()));
            // The Kubernetes node a pod ran on: this machine.
            vars.insert(key("hostNodeName"), Some(host_name()));
        }
        vars.insert(key("status"), Some(node.phase.as_str().to_owned()));
        if let Some(outputs) = &node.outputs {
            if let Some(result) = &outputs.result {
                vars.insert(key("outputs.result"), Some(result.clone()));
            }
            if let Some(code) = &outputs.exit_code {
                vars.insert(key("exitCode"), Some(code.clone()));
            }
            for p in outputs.parameters.iter().flatten() {
                if let Some(value) = &p.value {
                    vars.insert(
                        [prefix, ".", name, ".outputs.parameters.", &p.name].concat(),
                        Some(value.clone()),
                    );
                }
            }
            for a in outputs.artifacts.iter().flatten() {
                vars.insert(
                    [prefix, ".", name, ".outputs.artifacts.", &a.name].concat(),
                    Some([&node.id, "/", &a.name].concat()),
                );
            }
        }
    }

    /// `addSkippedNodeOutputsToScope`: a skipped or omitted node's declared
    /// outputs are absent optionals, unless they have a default.
    pub(crate) fn add_skipped_outputs(
        &self,
        vars: &mut Variables,
        prefix: &str,
        name: &str,
        id: &str,
        template: Option<&model::Template>,
    ) {
        let node = &self.nodes[id];
        if !matches!(node.phase, Phase::Skipped | Phase::Omitted) {
            return;
        }
        let Some(template) = template else { return };
        for p in template.outputs.iter().flat_map(|o| o.parameters.iter().flatten()) {
            let key = format!("{prefix}.{name}.outputs.parameters.{}", p.name);
            let default = p.value_from.as_ref().and_then(|v| v.default.clone());
            vars.entry(key).or_insert(default);
        }
        vars.entry(format!("{prefix}.{name}.outputs.result")).or_insert(None);
    }

    /// `processAggregateNodeOutputs`: a loop's outputs as JSON lists.
    pub(crate) fn aggregate_outputs(
        &self,
        vars: &mut Variables,
        prefix: &str,
        name: &str,
        children: &[String],
    ) -> Result<(), String> {
        let mut nodes: Vec<&super::node::Node> =
            children.iter().filter_map(|c| self.nodes.get(c)).filter(|n| !n.hooked && !n.retried).collect();
        if nodes.is_empty() {
            return Ok(());
        }
        nodes.sort_by_key(|n| loop_index(&n.name));
        let mut params: Vec<indexmap::IndexMap<String, String>> = Vec::new();
        let mut by_name: indexmap::IndexMap<String, Vec<String>> = indexmap::IndexMap::new();
        let mut results = Vec::new();
        for node in nodes {
            let node = self.last_attempt(node);
            let Some(outputs) = node.outputs.as_ref().filter(|_| node.phase == Phase::Succeeded) else {
                continue;
            };
            if let Some(ps) = outputs.parameters.as_ref().filter(|p| !p.is_empty()) {
                let mut map = indexmap::IndexMap::new();
                for p in ps {
                    let value = p.value.clone().unwrap_or_default();
                    map.insert(p.name.clone(), value.clone());
                    by_name.entry(p.name.clone()).or_default().push(value);
                }
                map.sort_keys();
                params.push(map);
            }
            if let Some(result) = &outputs.result {
                // Argo reads each result as a JSON item; text that is not JSON stops the aggregation.
                let item: serde_json::Value = serde_json::from_str(result).map_err(|e| format!("{e}"))?;
                results.push(item);
            }
        }
        vars.insert(
            format!("{prefix}.{name}.outputs.result"),
            Some(go_json(&serde_json::Value::Array(results))),
        );
        let params = serde_json::to_value(&params).unwrap_or_default();
        vars.insert(format!("{prefix}.{name}.outputs.parameters"), Some(go_json(&params)));
        for (output, values) in by_name {
            vars.insert(
                format!("{prefix}.{name}.outputs.parameters.{output}"),
                Some(aggregated_list(&values)),
            );
        }
        Ok(())
    }

    /// A retry node's last attempt, else the node.
    fn last_attempt<'n>(&'n self, node: &'n super::node::Node) -> &'n super::node::Node {
        if node.node_type == NodeType::Retry {
            node.children.last().and_then(|c| self.nodes.get(c)).unwrap_or(node)
        } else {
            node
        }
    }

    /// `getTemplateOutputsFromScope`, for node `id`.
    pub(crate) fn outputs_from_scope(
        &mut self,
        id: &str,
        template: &model::Template,
        vars: &Variables,
    ) -> Result<Option<model::Outputs>, String> {
        let Some(declared) = &template.outputs else { return Ok(None) };
        let mut all = self.global_params();
        all.extend(vars.iter().map(|(k, v)| (k.clone(), v.clone())));
        let mut outputs = model::Outputs::default();
        let mut params = Vec::new();
        for p in declared.parameters.iter().flatten() {
            let mut out = p.clone();
            let Some(from) = &p.value_from else {
                params.push(out);
                continue;
            };
            let value = if let Some(reference) = &from.parameter {
                let replaced = substitute::replace(reference, &all, Strict::All, &self.expressions());
                match (replaced, &from.default) {
                    (Ok(v), _) => v,
                    (Err(_), Some(default)) => default.clone(),
                    (Err(e), None) => return Err(format!("unable to resolve outputs from scope: {e}")),
                }
            } else if let Some(expression) = &from.expression {
                match self.eval_string(expression, &all) {
                    Ok(v) => v,
                    Err(_) if from.default.is_some() => from.default.clone().unwrap_or_default(),
                    Err(e) => return Err(format!("unable to resolve outputs from scope: {e}")),
                }
            } else {
                params.push(out);
                continue;
            };
            out.value = Some(value);
            params.push(out);
        }
        if !params.is_empty() {
            outputs.parameters = Some(params);
        }
        let mut artifacts = Vec::new();
        for a in declared.artifacts.iter().flatten() {
            // resolveArtifact: an artifact without `from` is none.
            let Some(from) = &a.from else { continue };
            let reference = match substitute::replace(from, &all, Strict::All, &self.expressions()) {
                Ok(v) => v,
                Err(_) if a.optional == Some(true) => continue,
                Err(e) => return Err(format!("unable to resolve outputs from scope: {e}")),
            };
            // The child's output the reference names, under the declared
            // name, as Argo copies it; its file becomes this node's, for the
            // references to it. A reference to this node's own input stays
            // one (steps and DAG nodes do not record their inputs).
            if let Some(file) = self.resolved_artifact(&reference) {
                self.artifact_files.insert((id.to_owned(), a.name.clone()), file);
            }
            artifacts.push(match self.artifact_named(&reference) {
                Some(found) => model::Artifact { name: a.name.clone(), ..found },
                None => model::Artifact { from: Some(reference), ..a.clone() },
            });
        }
        if !artifacts.is_empty() {
            outputs.artifacts = Some(artifacts);
        }
        Ok((outputs != model::Outputs::default()).then_some(outputs))
    }

    /// The output artifact a reference (`NODE_ID/NAME`) names.
    fn artifact_named(&self, reference: &str) -> Option<model::Artifact> {
        let (id, name) = reference.rsplit_once('/')?;
        let outputs = self.nodes.get(id)?.outputs.as_ref()?;
        outputs.artifacts.as_ref()?.iter().find(|a| a.name == name).cloned()
    }

    /// `addOutputsToGlobalScope`: outputs of node `id` with a `globalName`,
    /// `{{workflow.outputs.parameters.NAME}}` and
    /// `{{workflow.outputs.artifacts.NAME}}` from then on (an artifact as
    /// the reference `from` reads).
    pub(crate) fn add_global_outputs(&mut self, outputs: Option<&model::Outputs>, id: &str) {
        let Some(outputs) = outputs else { return };
        for a in outputs.artifacts.iter().flatten() {
            let Some(global) = &a.global_name else { continue };
            let reference = a.from.clone().unwrap_or_else(|| format!("{id}/{}", a.name));
            self.globals.insert(format!("workflow.outputs.artifacts.{global}"), Some(reference));
        }
        for p in outputs.parameters.iter().flatten() {
            let (Some(global), Some(value)) = (&p.global_name, &p.value) else { continue };
            self.globals.insert(format!("workflow.outputs.parameters.{global}"), Some(value.clone()));
            let entry =
                model::Parameter { name: global.clone(), value: Some(value.clone()), ..Default::default() };
            match self.global_outputs.iter_mut().find(|g| &g.name == global) {
                Some(existing) => *existing = entry,
                None => self.global_outputs.push(entry),
            }
        }
    }
}

/// This machine's name, as pods' `hostNodeName` (read once: every pass
/// puts it in the scope of every step and task that ran).
fn host_name() -> String {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        std::fs::read_to_string("/proc/sys/kernel/hostname")
            .map(|name| name.trim().to_owned())
            .ok()
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| "localhost".into())
    })
    .clone()
}

/// The loop index in a node name `step(3:x)`: `parseLoopIndex`.
fn loop_index(name: &str) -> i64 {
    let tail = name.rsplit('(').next().unwrap_or("");
    tail.split(':').next().and_then(|i| i.trim_end_matches(')').parse().ok()).unwrap_or(0)
}

/// JSON as Go's `json.Marshal` writes it (no spaces; `<`, `>`, `&` escaped).
pub(crate) fn go_json(value: &serde_json::Value) -> String {
    let text = serde_json::to_string(&sorted(value)).unwrap_or_default();
    text.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// Go marshals maps with their keys sorted.
fn sorted(value: &serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            serde_json::Value::Object(keys.into_iter().map(|k| (k.clone(), sorted(&map[k]))).collect())
        }
        serde_json::Value::Array(list) => serde_json::Value::Array(list.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// `aggregatedJSONValueList`: objects and lists stay JSON; anything else
/// makes the whole a list of strings.
fn aggregated_list(values: &[String]) -> String {
    let parsed: Option<Vec<serde_json::Value>> = values
        .iter()
        .map(|v| serde_json::from_str::<serde_json::Value>(v).ok().filter(|j| j.is_array() || j.is_object()))
        .collect();
    match parsed {
        Some(list) => go_json(&serde_json::Value::Array(list)),
        None => go_json(&serde_json::to_value(values).unwrap_or_default()),
    }
}
