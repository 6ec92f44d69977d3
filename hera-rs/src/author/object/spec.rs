//! What Workflows, WorkflowTemplates, ClusterWorkflowTemplates and
//! CronWorkflows share: a workflow spec and the templates it uses.

use super::BuildOptions;
use crate::author::template::{Retry, TemplateBuilder, TemplateDef, sealed::HasDef};
use crate::author::wiring::call::Arg;
use crate::author::wiring::params::{Artifact, Parameter};
use crate::author::wiring::shared::Hook;
use crate::lint::Finding;
use crate::model::{self, Quantity};
use crate::path::FieldPath;
use std::sync::Arc;

/// A workflow spec being built: the model (without `templates`), the
/// templates added by the program, the default image, and problems. (Opaque.)
#[doc(hidden)]
#[derive(Clone, Debug, Default)]
pub struct SpecState {
    pub(crate) spec: Box<model::WorkflowSpec>,
    pub(crate) roots: Vec<Arc<TemplateDef>>,
    pub(crate) image: Option<String>,
    pub(crate) problems: Vec<Finding>,
    /// The version `versioned(...)` stamped into the name.
    pub(crate) version: Option<String>,
}

impl SpecState {
    /// The finished spec (found at `path` in its object) with its templates
    /// collected, and all problems.
    pub(crate) fn build(
        &self,
        options: &BuildOptions,
        path: &FieldPath,
    ) -> (model::WorkflowSpec, Vec<Finding>) {
        let mut spec = (*self.spec).clone();
        let mut problems = self.problems.clone();
        if !self.roots.is_empty() {
            let templates = spec.templates.get_or_insert_with(Vec::new);
            let image = super::image::effective(self.image.as_deref(), options.image_override.as_deref());
            let found =
                super::assemble::templates(&self.roots, image, options, &path.key("templates"), templates);
            problems.extend(found);
        }
        (spec, problems)
    }

    fn add<T: HasDef>(&mut self, template: &T) -> String {
        let def = template.def().clone();
        let name = def.name().to_owned();
        self.roots.push(def);
        name
    }
}

pub(crate) mod sealed {
    /// Access to the spec being built; not for use outside hera.
    pub trait HasSpec {
        fn spec_state(&mut self) -> &mut super::SpecState;
    }
}

/// The workflow spec fields, shared by every kind of object.
pub trait WorkflowSpecBuilder: sealed::HasSpec + Sized {
    /// The template the workflow starts with (added with everything it calls).
    fn entrypoint<T: TemplateBuilder>(mut self, template: T) -> Self {
        let name = self.spec_state().add(&template);
        self.spec_state().spec.entrypoint = Some(name);
        self
    }

    /// Starts with a template by name, without adding it (it comes from
    /// elsewhere, e.g. a WorkflowTemplate this workflow refers to).
    fn entrypoint_name(mut self, name: impl Into<String>) -> Self {
        self.spec_state().spec.entrypoint = Some(name.into());
        self
    }

    /// Adds a template (and everything it calls) without running it, e.g. for
    /// a WorkflowTemplate that is a library of templates.
    fn template<T: TemplateBuilder>(mut self, template: T) -> Self {
        self.spec_state().add(&template);
        self
    }

    /// Runs `template` when the workflow ends, whatever its result.
    fn on_exit<T: TemplateBuilder>(mut self, template: T) -> Self {
        let name = self.spec_state().add(&template);
        self.spec_state().spec.on_exit = Some(name);
        self
    }

    /// A workflow argument (`{{workflow.parameters.name}}`).
    fn argument(self, name: impl Into<String>, value: impl Into<Arg>) -> Self {
        self.parameter(Parameter::new(name).value(value))
    }

    /// A workflow argument with more than a value (enum, description, ...).
    fn parameter(mut self, parameter: impl Into<Parameter>) -> Self {
        let arguments = self.spec_state().spec.arguments.get_or_insert_with(Default::default);
        arguments.parameters.get_or_insert_with(Vec::new).push(parameter.into().into());
        self
    }

    /// A workflow artifact argument.
    fn argument_artifact(mut self, artifact: impl Into<Artifact>) -> Self {
        let arguments = self.spec_state().spec.arguments.get_or_insert_with(Default::default);
        arguments.artifacts.get_or_insert_with(Vec::new).push(artifact.into().into());
        self
    }

    /// The image of every container and script template that has none.
    /// [`BuildOptions::image_override`](crate::BuildOptions) replaces it (a
    /// program's `main` sets that from `IMAGE_NAME`), so CI can test a
    /// freshly built image.
    fn image(mut self, image: impl Into<String>) -> Self {
        self.spec_state().image = Some(image.into());
        self
    }

    /// The service account pods run as.
    fn service_account_name(mut self, name: impl Into<String>) -> Self {
        self.spec_state().spec.service_account_name = Some(name.into());
        self
    }

    /// A volume every template can mount.
    fn volume(mut self, volume: model::Volume) -> Self {
        self.spec_state().spec.volumes.get_or_insert_with(Vec::new).push(volume);
        self
    }

    /// A volume from the Secret `secret`, called `name`.
    fn secret_volume(self, name: impl Into<String>, secret: impl Into<String>) -> Self {
        self.volume(model::Volume {
            name: name.into(),
            secret: Some(model::SecretVolumeSource {
                secret_name: Some(secret.into()),
                ..Default::default()
            }),
            ..Default::default()
        })
    }

    /// A persistent volume claim created for the workflow and deleted with it.
    fn volume_claim_template(mut self, claim: model::PersistentVolumeClaim) -> Self {
        self.spec_state().spec.volume_claim_templates.get_or_insert_with(Vec::new).push(claim);
        self
    }

    /// A `ReadWriteOnce` volume claim called `name` of `storage` (`"1Gi"`).
    fn volume_claim(self, name: impl Into<String>, storage: impl Into<Quantity>) -> Self {
        let resources = model::VolumeResourceRequirements {
            requests: Some([("storage".to_owned(), storage.into())].into()),
            ..Default::default()
        };
        self.volume_claim_template(model::PersistentVolumeClaim {
            metadata: Some(model::ObjectMeta { name: Some(name.into()), ..Default::default() }),
            spec: Some(model::PersistentVolumeClaimSpec {
                access_modes: Some(vec!["ReadWriteOnce".to_owned()]),
                resources: Some(resources),
                ..Default::default()
            }),
            ..Default::default()
        })
    }

    /// When pods are deleted: `OnPodCompletion`, `OnPodSuccess`,
    /// `OnWorkflowCompletion`, `OnWorkflowSuccess`.
    fn pod_gc(mut self, strategy: impl Into<String>) -> Self {
        self.spec_state().spec.pod_gc =
            Some(model::PodGc { strategy: Some(strategy.into()), ..Default::default() });
        self
    }

    /// Deletes the workflow this many seconds after it finished.
    fn ttl_seconds_after_finished(mut self, seconds: i64) -> Self {
        let ttl = self.spec_state().spec.ttl_strategy.get_or_insert_with(Default::default);
        ttl.seconds_after_completion = Some(seconds);
        self
    }

    /// How long finished workflows are kept, in detail.
    fn ttl_strategy(mut self, ttl: model::TtlStrategy) -> Self {
        self.spec_state().spec.ttl_strategy = Some(ttl);
        self
    }

    /// How many pods run at once.
    fn parallelism(mut self, parallelism: i64) -> Self {
        self.spec_state().spec.parallelism = Some(parallelism);
        self
    }

    /// Seconds the workflow may run.
    fn active_deadline_seconds(mut self, seconds: i64) -> Self {
        self.spec_state().spec.active_deadline_seconds = Some(seconds);
        self
    }

    /// Runs every pod only on nodes with this label.
    fn node_selector(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.spec_state()
            .spec
            .node_selector
            .get_or_insert_with(Default::default)
            .insert(key.into(), value.into());
        self
    }

    /// Lets every pod run on nodes with a matching taint.
    fn toleration(mut self, toleration: model::Toleration) -> Self {
        self.spec_state().spec.tolerations.get_or_insert_with(Vec::new).push(toleration);
        self
    }

    /// Scheduling constraints of every pod.
    fn affinity(mut self, affinity: model::Affinity) -> Self {
        self.spec_state().spec.affinity = Some(affinity);
        self
    }

    /// The security context of every pod.
    fn security_context(mut self, context: model::PodSecurityContext) -> Self {
        self.spec_state().spec.security_context = Some(context);
        self
    }

    /// A Secret to pull images with.
    fn image_pull_secret(mut self, name: impl Into<String>) -> Self {
        let reference = model::LocalObjectReference { name: Some(name.into()) };
        self.spec_state().spec.image_pull_secrets.get_or_insert_with(Vec::new).push(reference);
        self
    }

    /// A label on every pod.
    fn pod_label(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let metadata = self.spec_state().spec.pod_metadata.get_or_insert_with(Default::default);
        metadata.labels.get_or_insert_with(Default::default).insert(key.into(), value.into());
        self
    }

    /// An annotation on every pod.
    fn pod_annotation(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let metadata = self.spec_state().spec.pod_metadata.get_or_insert_with(Default::default);
        metadata.annotations.get_or_insert_with(Default::default).insert(key.into(), value.into());
        self
    }

    /// A patch applied to every pod spec.
    fn pod_spec_patch(mut self, patch: impl Into<String>) -> Self {
        self.spec_state().spec.pod_spec_patch = Some(patch.into());
        self
    }

    /// Defaults for every template (timeout, retry strategy, ...), built like a
    /// template: `Container::new("defaults").retry(2)` gives its fields.
    fn template_defaults<T: TemplateBuilder>(mut self, defaults: T) -> Self {
        let mut template = defaults.to_model();
        template.name = None;
        // The builder's empty body is not a default: merged into every
        // template, `script: {}` or `suspend: {}` would give each two kinds.
        drop_if_empty(&mut template.container);
        drop_if_empty(&mut template.script);
        drop_if_empty(&mut template.suspend);
        self.spec_state().spec.template_defaults = Some(template);
        self
    }

    /// A lifecycle hook of the workflow (`"exit"`, or a name with an expression).
    fn hook(mut self, event: impl Into<String>, hook: impl Into<Hook>) -> Self {
        let hook = hook.into();
        let state = self.spec_state();
        state.roots.extend(hook.uses);
        state.spec.hooks.get_or_insert_with(Default::default).insert(event.into(), hook.model);
        self
    }

    /// Mutexes and semaphores the workflow holds.
    fn synchronization(mut self, synchronization: model::Synchronization) -> Self {
        self.spec_state().spec.synchronization = Some(synchronization);
        self
    }

    /// Prometheus metrics of the workflow.
    fn metrics(mut self, metrics: model::Metrics) -> Self {
        self.spec_state().spec.metrics = Some(metrics);
        self
    }

    /// The retry strategy of every template.
    fn retry(mut self, retry: impl Into<Retry>) -> Self {
        self.spec_state().spec.retry_strategy = Some(retry.into().into());
        self
    }

    /// Runs the WorkflowTemplate `name` instead of templates of its own.
    fn workflow_template_ref(mut self, name: impl Into<String>) -> Self {
        self.spec_state().spec.workflow_template_ref =
            Some(model::WorkflowTemplateRef { name: Some(name.into()), ..Default::default() });
        self
    }

    /// Runs the ClusterWorkflowTemplate `name`.
    fn cluster_workflow_template_ref(mut self, name: impl Into<String>) -> Self {
        self.spec_state().spec.workflow_template_ref =
            Some(model::WorkflowTemplateRef { name: Some(name.into()), cluster_scope: Some(true) });
        self
    }

    /// Stores artifacts in the repository of the key `key` of the ConfigMap `config_map`.
    fn artifact_repository_ref(mut self, config_map: impl Into<String>, key: impl Into<String>) -> Self {
        self.spec_state().spec.artifact_repository_ref =
            Some(model::ArtifactRepositoryRef { config_map: Some(config_map.into()), key: Some(key.into()) });
        self
    }

    /// The priority class of every pod.
    fn priority_class_name(mut self, name: impl Into<String>) -> Self {
        self.spec_state().spec.pod_priority_class_name = Some(name.into());
        self
    }

    /// Changes the spec directly (its `templates` are added when the object is built).
    fn with_spec(mut self, f: impl FnOnce(&mut model::WorkflowSpec)) -> Self {
        f(&mut self.spec_state().spec);
        self
    }
}

macro_rules! spec_builder {
    ($t:ty) => {
        impl $crate::author::object::spec::sealed::HasSpec for $t {
            fn spec_state(&mut self) -> &mut $crate::author::object::spec::SpecState {
                &mut self.state
            }
        }
        impl $crate::author::object::WorkflowSpecBuilder for $t {}
        impl $crate::author::object::sealed::HasMetadata for $t {
            fn metadata_mut(&mut self) -> &mut $crate::model::ObjectMeta {
                &mut self.metadata
            }
        }
    };
}
pub(crate) use spec_builder;

/// Empties `body` when it holds nothing but defaults.
fn drop_if_empty<T: Default + PartialEq>(body: &mut Option<T>) {
    if body.as_ref().is_some_and(|b| *b == T::default()) {
        *body = None;
    }
}
