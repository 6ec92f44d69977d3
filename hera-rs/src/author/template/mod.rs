//! Template builders: [`Container`], [`Script`], [`Resource`], [`Suspend`],
//! [`Http`], [`ContainerSet`], [`Data`] (and [`crate::Dag`], [`crate::Steps`]).
//!
//! Every builder is a cheap, clonable value; [`TemplateBuilder`] holds the
//! fields every template has and [`ContainerBuilder`] the fields of anything
//! that runs a container. `template.call()` makes a [`Call`] that a DAG task
//! or a step runs; the template is added to the workflow the first time it
//! is used.

mod container;
pub(crate) mod container_fields;
mod container_set;
mod data;
mod http;
mod resource;
mod retry;
mod script;
mod suspend;
mod template_ref;

pub use container::Container;
pub use container_fields::{ContainerBuilder, UserContainer};
pub use container_set::{ContainerNode, ContainerSet};
pub use data::Data;
pub use http::Http;
pub use resource::Resource;
pub use retry::Retry;
pub use script::Script;
pub use suspend::Suspend;
pub use template_ref::TemplateRef;

use crate::lint::Finding;
use crate::model;
use std::sync::Arc;

/// A finished template: the model value, the templates it calls (added to
/// the workflow with it), and problems found while building it.
/// (Opaque; an implementation detail of the builders.)
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct TemplateDef {
    pub(crate) template: model::Template,
    pub(crate) uses: Vec<Arc<TemplateDef>>,
    pub(crate) problems: Vec<Finding>,
    /// The in-pod runner of a `#[script]` function's template.
    pub(crate) runner: Option<crate::script::runner::RunnerEntry>,
}

/// Two definitions are the same template when their models are equal.
impl PartialEq for TemplateDef {
    fn eq(&self, other: &Self) -> bool {
        self.template == other.template
    }
}

impl TemplateDef {
    pub fn new(template: model::Template) -> Self {
        TemplateDef { template, uses: Vec::new(), problems: Vec::new(), runner: None }
    }

    pub fn name(&self) -> &str {
        self.template.name.as_deref().unwrap_or_default()
    }
}

pub(crate) mod sealed {
    use super::TemplateDef;
    use std::sync::Arc;

    /// Access to a builder's definition; not for use outside hera.
    pub trait HasDef {
        fn def(&self) -> &Arc<TemplateDef>;
        fn def_mut(&mut self) -> &mut Arc<TemplateDef>;
    }
}

macro_rules! template_builder {
    ($t:ty) => {
        impl $crate::author::template::sealed::HasDef for $t {
            fn def(&self) -> &::std::sync::Arc<$crate::author::template::TemplateDef> {
                &self.def
            }
            fn def_mut(&mut self) -> &mut ::std::sync::Arc<$crate::author::template::TemplateDef> {
                &mut self.def
            }
        }
        impl $crate::author::template::TemplateBuilder for $t {}
        /// The fields every template has (also reachable through [`TemplateBuilder`](crate::TemplateBuilder)).
        impl $t {
            $crate::author::template::template_builder_methods!(pub);
        }
    };
}
pub(crate) use template_builder;

/// The methods of [`TemplateBuilder`], written once: the trait's default methods
/// (for generic code) and inherent methods on each builder (so they show on
/// its documentation page and need no import).
macro_rules! template_builder_methods {
    ($($vis:tt)*) => {
        /// The template's name.
        $($vis)* fn name(&self) -> &str {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.def().name()
        }

        /// A call of this template, to run as a DAG task or a step.
        $($vis)* fn call(&self) -> $crate::Call {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            Call::new(Target::Local(self.def().clone()))
        }

        /// The model value built so far.
        $($vis)* fn to_model(&self) -> $crate::model::Template {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.def().template.clone()
        }

        /// Changes the model value directly: the way to anything the builder has
        /// no method for.
        $($vis)* fn with_model(mut self, f: impl FnOnce(&mut $crate::model::Template)) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            f(template_mut(&mut self));
            self
        }

        /// Adds an input parameter (a name, or a [`Parameter`](crate::Parameter) with a default, enum, ...).
        $($vis)* fn input(mut self, parameter: impl Into<$crate::Parameter>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let inputs = template_mut(&mut self).inputs.get_or_insert_with(Default::default);
            inputs.parameters.get_or_insert_with(Vec::new).push(parameter.into().into());
            self
        }

        /// Adds an input artifact.
        $($vis)* fn input_artifact(mut self, artifact: impl Into<$crate::Artifact>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let inputs = template_mut(&mut self).inputs.get_or_insert_with(Default::default);
            inputs.artifacts.get_or_insert_with(Vec::new).push(artifact.into().into());
            self
        }

        /// Adds an output parameter.
        $($vis)* fn output(mut self, parameter: impl Into<$crate::Parameter>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let outputs = template_mut(&mut self).outputs.get_or_insert_with(Default::default);
            outputs.parameters.get_or_insert_with(Vec::new).push(parameter.into().into());
            self
        }

        /// Adds an output artifact.
        $($vis)* fn output_artifact(mut self, artifact: impl Into<$crate::Artifact>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let outputs = template_mut(&mut self).outputs.get_or_insert_with(Default::default);
            outputs.artifacts.get_or_insert_with(Vec::new).push(artifact.into().into());
            self
        }

        /// How to retry a failed run ([`Retry`](crate::Retry), or a limit: `.retry(3)`).
        $($vis)* fn retry(mut self, retry: impl Into<$crate::Retry>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).retry_strategy = Some(retry.into().into());
            self
        }

        /// Fails the template if it runs longer than this duration (`"30s"`, `"5m"`).
        $($vis)* fn timeout(mut self, duration: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).timeout = Some(duration.into());
            self
        }

        /// Seconds the pod may run before it is stopped (leaf templates).
        $($vis)* fn active_deadline_seconds(mut self, seconds: impl Into<$crate::model::IntOrString>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).active_deadline_seconds = Some(seconds.into());
            self
        }

        /// Runs the pod only on nodes with this label.
        $($vis)* fn node_selector(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let selector = template_mut(&mut self).node_selector.get_or_insert_with(Default::default);
            selector.insert(key.into(), value.into());
            self
        }

        /// Lets the pod run on nodes with a matching taint.
        $($vis)* fn toleration(mut self, toleration: $crate::model::Toleration) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).tolerations.get_or_insert_with(Vec::new).push(toleration);
            self
        }

        /// Scheduling constraints of the pod.
        $($vis)* fn affinity(mut self, affinity: $crate::model::Affinity) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).affinity = Some(affinity);
            self
        }

        /// A label on the pod.
        $($vis)* fn label(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let metadata = template_mut(&mut self).metadata.get_or_insert_with(Default::default);
            metadata.labels.get_or_insert_with(Default::default).insert(key.into(), value.into());
            self
        }

        /// An annotation on the pod.
        $($vis)* fn annotation(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let metadata = template_mut(&mut self).metadata.get_or_insert_with(Default::default);
            metadata.annotations.get_or_insert_with(Default::default).insert(key.into(), value.into());
            self
        }

        /// How many steps or tasks of this template run at once.
        $($vis)* fn parallelism(mut self, parallelism: i64) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).parallelism = Some(parallelism);
            self
        }

        /// Whether the template fails as soon as one of its child pods fails
        /// (`Template.failFast`, for loops). For a DAG that stops scheduling
        /// tasks after a failure, use [`DagScope::fail_fast`](crate::DagScope::fail_fast).
        $($vis)* fn fail_fast(mut self, fail_fast: bool) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).fail_fast = Some(fail_fast);
            self
        }

        /// Where this template's artifacts are stored.
        $($vis)* fn archive_location(mut self, location: $crate::model::ArtifactLocation) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).archive_location = Some(location);
            self
        }

        /// Keeps the template running in the background (a daemon) while the
        /// rest of its parent runs.
        $($vis)* fn daemon(mut self, daemon: bool) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).daemon = Some(daemon);
            self
        }

        /// Caches results by key.
        $($vis)* fn memoize(mut self, memoize: $crate::model::Memoize) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).memoize = Some(memoize);
            self
        }

        /// Mutexes and semaphores the template holds while it runs.
        $($vis)* fn synchronization(mut self, synchronization: $crate::model::Synchronization) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).synchronization = Some(synchronization);
            self
        }

        /// Prometheus metrics emitted by the template.
        $($vis)* fn metrics(mut self, metrics: $crate::model::Metrics) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).metrics = Some(metrics);
            self
        }

        /// A strategic-merge patch applied to the pod spec (YAML or JSON).
        $($vis)* fn pod_spec_patch(mut self, patch: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).pod_spec_patch = Some(patch.into());
            self
        }

        /// A container running beside the main one.
        $($vis)* fn sidecar(mut self, container: impl Into<$crate::model::UserContainer>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).sidecars.get_or_insert_with(Vec::new).push(container.into());
            self
        }

        /// A container run before the main one.
        $($vis)* fn init_container(mut self, container: impl Into<$crate::model::UserContainer>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).init_containers.get_or_insert_with(Vec::new).push(container.into());
            self
        }

        /// A volume of the pod.
        $($vis)* fn volume(mut self, volume: $crate::model::Volume) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).volumes.get_or_insert_with(Vec::new).push(volume);
            self
        }

        /// The service account the pod runs as.
        $($vis)* fn service_account_name(mut self, name: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).service_account_name = Some(name.into());
            self
        }

        /// The pod's security context.
        $($vis)* fn pod_security_context(mut self, context: $crate::model::PodSecurityContext) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).security_context = Some(context);
            self
        }

        /// The pod's priority class.
        $($vis)* fn priority_class_name(mut self, name: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            template_mut(&mut self).priority_class_name = Some(name.into());
            self
        }
    };
}
pub(crate) use template_builder_methods;

/// The fields every kind of template has, and calling it.
///
/// All methods take and return the builder, so calls chain; none can fail:
/// names and values are checked when the workflow is built.
pub trait TemplateBuilder: sealed::HasDef + Sized {
    template_builder_methods!();
}

/// The model of a builder, copied first if a call still shares it.
pub(crate) fn template_mut<B: sealed::HasDef>(builder: &mut B) -> &mut model::Template {
    &mut Arc::make_mut(builder.def_mut()).template
}

/// A template of this name whose body is set by the caller.
pub(crate) fn named(name: impl Into<String>) -> Arc<TemplateDef> {
    Arc::new(TemplateDef::new(model::Template { name: Some(name.into()), ..Default::default() }))
}
