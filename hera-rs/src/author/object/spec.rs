//! What Workflows, WorkflowTemplates, ClusterWorkflowTemplates and
//! CronWorkflows share: a workflow spec and the templates it uses.

use super::BuildOptions;
use crate::author::template::{TemplateDef, sealed::HasDef};
use crate::lint::Finding;
use crate::model;
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
    /// The order `template_order(...)` gives the templates.
    pub(crate) order: Option<Vec<String>>,
    /// Made by `as_workflow(..)`: an end-to-end test of a template, not an
    /// object to deploy.
    pub(crate) test: bool,
    /// Problems at paths inside the spec (`arguments...`), placed under the
    /// spec's own path (`spec` or `spec.workflowSpec`) when it is built.
    pub(crate) spec_problems: Vec<Finding>,
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
        problems.extend(
            self.spec_problems
                .iter()
                .map(|problem| Finding { path: path.join(problem.path.segments()), ..problem.clone() }),
        );
        if !self.roots.is_empty() {
            let templates = spec.templates.get_or_insert_with(Vec::new);
            let image = super::image::effective(self.image.as_deref(), options.image_override.as_deref());
            let found =
                super::assemble::templates(&self.roots, image, options, &path.key("templates"), templates);
            problems.extend(found);
        }
        if let (Some(order), Some(templates)) = (&self.order, spec.templates.as_mut()) {
            let place = |t: &model::Template| {
                t.name.as_deref().and_then(|n| order.iter().position(|o| o == n)).unwrap_or(usize::MAX)
            };
            templates.sort_by_key(place);
        }
        (spec, problems)
    }

    pub(crate) fn add<T: HasDef>(&mut self, template: &T) -> String {
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

/// The methods of [`WorkflowSpecBuilder`], written once: the trait's default methods
/// (for generic code) and inherent methods on each builder (so they show on
/// its documentation page and need no import).
macro_rules! workflow_spec_builder_methods {
    ($($vis:tt)*) => {
        /// The template the workflow starts with (added with everything it calls).
        $($vis)* fn entrypoint<T: $crate::TemplateBuilder>(mut self, template: T) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let name = self.spec_state().add(&template);
            self.spec_state().spec.entrypoint = Some(name);
            self
        }

        /// Starts with a template by name, without adding it (it comes from
        /// elsewhere, e.g. a WorkflowTemplate this workflow refers to).
        $($vis)* fn entrypoint_name(mut self, name: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.entrypoint = Some(name.into());
            self
        }

        /// Adds a template (and everything it calls) without running it, e.g. for
        /// a WorkflowTemplate that is a library of templates.
        $($vis)* fn template<T: $crate::TemplateBuilder>(mut self, template: T) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().add(&template);
            self
        }

        /// Runs `template` when the workflow ends, whatever its result.
        $($vis)* fn on_exit<T: $crate::TemplateBuilder>(mut self, template: T) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let name = self.spec_state().add(&template);
            self.spec_state().spec.on_exit = Some(name);
            self
        }

        /// Writes the templates in this order (the order of the YAML file a
        /// program was generated from, say) instead of the order they are
        /// first met in; templates not named follow, as they came.
        $($vis)* fn template_order<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().order = Some(names.into_iter().map(Into::into).collect());
            self
        }

        /// A workflow argument (`{{workflow.parameters.name}}`).
        $($vis)* fn argument(self, name: impl Into<String>, value: impl Into<$crate::Arg>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.parameter(Parameter::new(name).value(value))
        }

        /// A workflow argument with more than a value (enum, description, ...).
        $($vis)* fn parameter(mut self, parameter: impl Into<$crate::Parameter>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let arguments = self.spec_state().spec.arguments.get_or_insert_with(Default::default);
            arguments.parameters.get_or_insert_with(Vec::new).push(parameter.into().into());
            self
        }

        /// Declares the workflow parameter `name` of type `T`, with a default
        /// value, and returns the typed reference to it,
        /// `{{workflow.parameters.<name>}}`: an `Expr<T>` that a `#[script]`
        /// function's parameter of type `T` takes (one of another type is a
        /// compile error), that `when` compares (`threshold.lt(0.01)`), and
        /// that any untyped argument takes. The parameter is declared once:
        /// the argument in `spec.arguments` (the default encoded as Hera does,
        /// strings as they are, the rest as JSON) is what `argo submit -p
        /// name=..` or a Workflow or CronWorkflow running this template
        /// overrides. Argo makes every workflow argument a global variable
        /// (`setGlobalParameters` in the controller's `operator.go`), so the
        /// entrypoint needs no input of its own.
        ///
        /// It takes `&mut self` (it returns the reference, not the builder):
        /// declare before building the templates that use it.
        ///
        /// ```
        /// use hera::prelude::*;
        ///
        /// #[script]
        /// fn is_large(amount: f64, threshold: f64) -> bool {
        ///     amount > threshold
        /// }
        ///
        /// # fn main() {
        /// let mut template = WorkflowTemplate::new("screening-wt").image("ghcr.io/acme/screening:v1");
        /// let threshold = template.declare_parameter::<f64>("threshold", 0.05);
        /// let main = Dag::new("main", |d| {
        ///     d.task("large", is_large::call(1250.0, threshold));
        /// });
        /// let spec = template.entrypoint(main).to_model().unwrap().spec;
        /// let argument = &spec.arguments.unwrap().parameters.unwrap()[0];
        /// assert_eq!((argument.name.as_str(), argument.value.as_deref()), ("threshold", Some("0.05")));
        /// let templates = spec.templates.unwrap();
        /// let task = &templates[0].dag.as_ref().unwrap().tasks[0];
        /// let passed = &task.arguments.as_ref().unwrap().parameters.as_ref().unwrap()[1];
        /// assert_eq!(passed.value.as_deref(), Some("{{workflow.parameters.threshold}}"));
        /// # }
        /// ```
        $($vis)* fn declare_parameter<T: $crate::ScriptValue>(
            &mut self,
            name: &str,
            default: impl Into<T>,
        ) -> $crate::Expr<T> {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let state = self.spec_state();
            let arguments = state.spec.arguments.get_or_insert_with(Default::default);
            let parameters = arguments.parameters.get_or_insert_with(Vec::new);
            match serde_json::to_value(default.into()) {
                Ok(value) => parameters.push(model::Parameter {
                    name: name.to_owned(),
                    value: Some(encode(value)),
                    ..Default::default()
                }),
                Err(error) => {
                    let path = FieldPath::keys("arguments.parameters").named(parameters.len(), name);
                    state.spec_problems.push(Finding::builder(
                        &crate::lint::rules::builder::SERIALISE,
                        path,
                        format!("workflow parameter '{name}': its default cannot be serialised: {error}"),
                    ));
                }
            }
            Expr::typed_var(format!("workflow.parameters.{name}"))
        }

        /// A workflow artifact argument.
        $($vis)* fn argument_artifact(mut self, artifact: impl Into<$crate::Artifact>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let arguments = self.spec_state().spec.arguments.get_or_insert_with(Default::default);
            arguments.artifacts.get_or_insert_with(Vec::new).push(artifact.into().into());
            self
        }

        /// The image of every container and script template that has none.
        /// [`BuildOptions::image_override`](crate::BuildOptions) replaces it (a
        /// program's `main` sets that from `IMAGE_NAME`), so CI can test a
        /// freshly built image.
        $($vis)* fn image(mut self, image: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().image = Some(image.into());
            self
        }

        /// The service account pods run as.
        $($vis)* fn service_account_name(mut self, name: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.service_account_name = Some(name.into());
            self
        }

        /// A volume every template can mount.
        $($vis)* fn volume(mut self, volume: $crate::model::Volume) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.volumes.get_or_insert_with(Vec::new).push(volume);
            self
        }

        /// A volume from the Secret `secret`, called `name`.
        $($vis)* fn secret_volume(self, name: impl Into<String>, secret: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
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
        $($vis)* fn volume_claim_template(mut self, claim: $crate::model::PersistentVolumeClaim) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.volume_claim_templates.get_or_insert_with(Vec::new).push(claim);
            self
        }

        /// A `ReadWriteOnce` volume claim called `name` of `storage` (`"1Gi"`).
        $($vis)* fn volume_claim(self, name: impl Into<String>, storage: impl Into<$crate::model::Quantity>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
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
        $($vis)* fn pod_gc(mut self, strategy: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.pod_gc =
                Some(model::PodGc { strategy: Some(strategy.into()), ..Default::default() });
            self
        }

        /// Deletes the workflow this many seconds after it finished.
        $($vis)* fn ttl_seconds_after_finished(mut self, seconds: i64) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let ttl = self.spec_state().spec.ttl_strategy.get_or_insert_with(Default::default);
            ttl.seconds_after_completion = Some(seconds);
            self
        }

        /// How long finished workflows are kept, in detail.
        $($vis)* fn ttl_strategy(mut self, ttl: $crate::model::TtlStrategy) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.ttl_strategy = Some(ttl);
            self
        }

        /// How many pods run at once.
        $($vis)* fn parallelism(mut self, parallelism: i64) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.parallelism = Some(parallelism);
            self
        }

        /// Seconds the workflow may run.
        $($vis)* fn active_deadline_seconds(mut self, seconds: i64) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.active_deadline_seconds = Some(seconds);
            self
        }

        /// Runs every pod only on nodes with this label.
        $($vis)* fn node_selector(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state()
                .spec
                .node_selector
                .get_or_insert_with(Default::default)
                .insert(key.into(), value.into());
            self
        }

        /// Lets every pod run on nodes with a matching taint.
        $($vis)* fn toleration(mut self, toleration: $crate::model::Toleration) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.tolerations.get_or_insert_with(Vec::new).push(toleration);
            self
        }

        /// Scheduling constraints of every pod.
        $($vis)* fn affinity(mut self, affinity: $crate::model::Affinity) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.affinity = Some(affinity);
            self
        }

        /// The security context of every pod.
        $($vis)* fn security_context(mut self, context: $crate::model::PodSecurityContext) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.security_context = Some(context);
            self
        }

        /// A Secret to pull images with.
        $($vis)* fn image_pull_secret(mut self, name: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let reference = model::LocalObjectReference { name: Some(name.into()) };
            self.spec_state().spec.image_pull_secrets.get_or_insert_with(Vec::new).push(reference);
            self
        }

        /// A label on every pod.
        $($vis)* fn pod_label(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let metadata = self.spec_state().spec.pod_metadata.get_or_insert_with(Default::default);
            metadata.labels.get_or_insert_with(Default::default).insert(key.into(), value.into());
            self
        }

        /// An annotation on every pod.
        $($vis)* fn pod_annotation(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let metadata = self.spec_state().spec.pod_metadata.get_or_insert_with(Default::default);
            metadata.annotations.get_or_insert_with(Default::default).insert(key.into(), value.into());
            self
        }

        /// A patch applied to every pod spec.
        $($vis)* fn pod_spec_patch(mut self, patch: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.pod_spec_patch = Some(patch.into());
            self
        }

        /// Defaults for every template (timeout, retry strategy, ...), built like a
        /// template: `Container::new("defaults").retry(2)` gives its fields.
        $($vis)* fn template_defaults<T: $crate::TemplateBuilder>(mut self, defaults: T) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
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
        $($vis)* fn hook(mut self, event: impl Into<String>, hook: impl Into<$crate::Hook>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let hook = hook.into();
            let state = self.spec_state();
            state.roots.extend(hook.uses);
            state.spec.hooks.get_or_insert_with(Default::default).insert(event.into(), hook.model);
            self
        }

        /// Mutexes and semaphores the workflow holds.
        $($vis)* fn synchronization(mut self, synchronization: $crate::model::Synchronization) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.synchronization = Some(synchronization);
            self
        }

        /// Prometheus metrics of the workflow.
        $($vis)* fn metrics(mut self, metrics: $crate::model::Metrics) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.metrics = Some(metrics);
            self
        }

        /// The retry strategy of every template.
        $($vis)* fn retry(mut self, retry: impl Into<$crate::Retry>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.retry_strategy = Some(retry.into().into());
            self
        }

        /// Runs a WorkflowTemplate instead of templates of its own: pass the
        /// [`WorkflowTemplate`](crate::WorkflowTemplate) this program builds
        /// (`&template`), so the reference carries the name `versioned`
        /// stamped into it and follows each release, or a name.
        ///
        /// ```
        /// use hera::prelude::*;
        /// let hello = Container::new("hello").image("busybox");
        /// let template = WorkflowTemplate::new("etl-wt").versioned("1.2.0").entrypoint(hello);
        /// let cron = CronWorkflow::new("etl-nightly").schedule("0 2 * * *").workflow_template_ref(&template);
        /// let reference = cron.to_model().unwrap().spec.workflow_spec.workflow_template_ref.unwrap();
        /// assert_eq!(reference.name.as_deref(), Some("etl-wt-v1.2.0"));
        /// ```
        $($vis)* fn workflow_template_ref(mut self, template: impl $crate::ObjectName<$crate::WorkflowTemplate>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let name = template.object_name();
            self.spec_state().spec.workflow_template_ref =
                Some(model::WorkflowTemplateRef { name: Some(name), ..Default::default() });
            self
        }

        /// Runs a ClusterWorkflowTemplate: the
        /// [`ClusterWorkflowTemplate`](crate::ClusterWorkflowTemplate) this
        /// program builds (`&template`, with its version), or a name.
        $($vis)* fn cluster_workflow_template_ref(
            mut self,
            template: impl $crate::ObjectName<$crate::ClusterWorkflowTemplate>,
        ) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let name = template.object_name();
            self.spec_state().spec.workflow_template_ref =
                Some(model::WorkflowTemplateRef { name: Some(name), cluster_scope: Some(true) });
            self
        }

        /// Stores artifacts in the repository of the key `key` of the ConfigMap `config_map`.
        $($vis)* fn artifact_repository_ref(mut self, config_map: impl Into<String>, key: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.artifact_repository_ref =
                Some(model::ArtifactRepositoryRef { config_map: Some(config_map.into()), key: Some(key.into()) });
            self
        }

        /// The priority class of every pod.
        $($vis)* fn priority_class_name(mut self, name: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.spec_state().spec.pod_priority_class_name = Some(name.into());
            self
        }

        /// Changes the spec directly (its `templates` are added when the object is built).
        $($vis)* fn with_spec(mut self, f: impl FnOnce(&mut $crate::model::WorkflowSpec)) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            f(&mut self.spec_state().spec);
            self
        }
    };
}
pub(crate) use workflow_spec_builder_methods;

/// The workflow spec fields, shared by every kind of object.
pub trait WorkflowSpecBuilder: sealed::HasSpec + Sized {
    workflow_spec_builder_methods!();
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
        /// The workflow spec, the metadata and the output (also reachable through
        /// [`WorkflowSpecBuilder`](crate::WorkflowSpecBuilder) and [`ObjectBuilder`](crate::ObjectBuilder)).
        impl $t {
            $crate::author::object::spec::workflow_spec_builder_methods!(pub);
            $crate::author::object::object_builder_methods!(pub);
        }
    };
}
pub(crate) use spec_builder;

/// Empties `body` when it holds nothing but defaults.
pub(crate) fn drop_if_empty<T: Default + PartialEq>(body: &mut Option<T>) {
    if body.as_ref().is_some_and(|b| *b == T::default()) {
        *body = None;
    }
}
