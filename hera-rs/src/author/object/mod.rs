//! The objects a program emits: [`Workflow`], [`WorkflowTemplate`],
//! [`ClusterWorkflowTemplate`] and [`CronWorkflow`].
//!
//! [`WorkflowSpecBuilder`] holds what all of them share (entrypoint,
//! arguments, volumes, defaults, ...); [`ObjectBuilder`] the metadata and
//! the output (`to_yaml`, `to_json`, `to_model`). Templates are collected
//! from the entrypoint and everything it calls, once each, when the object
//! is built; building also checks the result with [`crate::lint`].

mod assemble;
mod cron_workflow;
pub(crate) mod image;
mod manifest;
mod options;
pub(crate) mod spec;
mod workflow;
mod workflow_template;

pub use cron_workflow::CronWorkflow;
pub use image::IMAGE_NAME_VAR;
pub use manifest::Manifest;
pub use options::{BuildOptions, COMMIT_VARIABLES};
pub use spec::WorkflowSpecBuilder;
pub use workflow::Workflow;
pub use workflow_template::{ClusterWorkflowTemplate, ObjectName, WorkflowTemplate};

use crate::lint::{self, Finding};
use crate::model::{self, Document};
use crate::{Error, Result};

/// Any object a program emits; what `hera::cli::main` takes.
#[derive(Clone, Debug)]
pub enum Object {
    /// A Workflow.
    Workflow(Workflow),
    /// A WorkflowTemplate.
    WorkflowTemplate(WorkflowTemplate),
    /// A ClusterWorkflowTemplate.
    ClusterWorkflowTemplate(ClusterWorkflowTemplate),
    /// A CronWorkflow.
    CronWorkflow(CronWorkflow),
    /// Any other Kubernetes object, untyped.
    Manifest(Manifest),
}

impl Object {
    /// The version stamped into its name with `versioned(...)`, if any.
    pub fn version(&self) -> Option<&str> {
        self.state().version.as_deref()
    }

    /// Whether it is an end-to-end test of a template (made by
    /// `WorkflowTemplate::as_workflow`), not an object to deploy.
    pub fn is_test(&self) -> bool {
        self.state().test
    }

    /// Whether it is a WorkflowTemplate or ClusterWorkflowTemplate (a spec
    /// stored on the cluster, which a new emit overwrites unless versioned).
    pub(crate) fn is_stored_template(&self) -> bool {
        matches!(self, Object::WorkflowTemplate(_) | Object::ClusterWorkflowTemplate(_))
    }

    pub(crate) fn state(&self) -> &spec::SpecState {
        match self {
            Object::Workflow(o) => &o.state,
            Object::WorkflowTemplate(o) => &o.state,
            Object::ClusterWorkflowTemplate(o) => &o.state,
            Object::CronWorkflow(o) => &o.state,
            Object::Manifest(o) => &o.state,
        }
    }

    /// The templates the program added (each with what it calls).
    pub(crate) fn roots(&self) -> &[std::sync::Arc<crate::author::template::TemplateDef>] {
        &self.state().roots
    }
}

macro_rules! object_from {
    ($($kind:ident)*) => {$(
        impl From<$kind> for Object {
            fn from(object: $kind) -> Self {
                Object::$kind(object)
            }
        }
    )*};
}
object_from!(Workflow WorkflowTemplate ClusterWorkflowTemplate CronWorkflow Manifest);

impl sealed::HasMetadata for Object {
    fn metadata_mut(&mut self) -> &mut model::ObjectMeta {
        match self {
            Object::Workflow(o) => o.metadata_mut(),
            Object::WorkflowTemplate(o) => o.metadata_mut(),
            Object::ClusterWorkflowTemplate(o) => o.metadata_mut(),
            Object::CronWorkflow(o) => o.metadata_mut(),
            Object::Manifest(o) => o.metadata_mut(),
        }
    }
}

impl sealed::Assemble for Object {
    fn assemble(&self, options: &BuildOptions) -> (Document, Vec<Finding>) {
        match self {
            Object::Workflow(o) => o.assemble(options),
            Object::WorkflowTemplate(o) => o.assemble(options),
            Object::ClusterWorkflowTemplate(o) => o.assemble(options),
            Object::CronWorkflow(o) => o.assemble(options),
            Object::Manifest(o) => o.assemble(options),
        }
    }
}

impl ObjectBuilder for Object {}

/// The metadata and the output (also reachable through [`ObjectBuilder`]).
impl Object {
    object_builder_methods!(pub);
}

pub(crate) mod sealed {
    use super::BuildOptions;
    use crate::lint::Finding;
    use crate::model::{Document, ObjectMeta};

    /// Access to an object's metadata; not for use outside hera.
    pub trait HasMetadata {
        fn metadata_mut(&mut self) -> &mut ObjectMeta;
    }

    /// Building the document; not for use outside hera.
    pub trait Assemble {
        /// The document, and the problems the builders recorded (not yet linted).
        fn assemble(&self, options: &BuildOptions) -> (Document, Vec<Finding>);
    }
}

/// The methods of [`ObjectBuilder`], written once: the trait's default methods
/// (for generic code) and inherent methods on each builder (so they show on
/// its documentation page and need no import).
macro_rules! object_builder_methods {
    ($($vis:tt)*) => {
        /// The finished document and its warnings, assembled with `options`;
        /// an error when it breaks a rule.
        $($vis)* fn check_with(&self, options: &$crate::BuildOptions) -> $crate::Result<($crate::model::Document, Vec<$crate::lint::Finding>)> {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            let (document, problems) = self.assemble(options);
            checked(document, problems)
        }

        /// The finished document and its warnings; an error when it breaks a rule.
        $($vis)* fn check(&self) -> $crate::Result<($crate::model::Document, Vec<$crate::lint::Finding>)> {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.check_with(&BuildOptions::default())
        }

        /// The finished document, checked (warnings: see [`check`](Self::check)).
        $($vis)* fn to_document(&self) -> $crate::Result<$crate::model::Document> {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.check().map(|(document, _)| document)
        }

        /// A label on the object.
        $($vis)* fn label(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.metadata_mut().labels.get_or_insert_with(Default::default).insert(key.into(), value.into());
            self
        }

        /// An annotation on the object.
        $($vis)* fn annotation(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.metadata_mut().annotations.get_or_insert_with(Default::default).insert(key.into(), value.into());
            self
        }

        /// The namespace.
        $($vis)* fn namespace(mut self, namespace: impl Into<String>) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            self.metadata_mut().namespace = Some(namespace.into());
            self
        }

        /// Changes the metadata directly.
        $($vis)* fn with_metadata(mut self, f: impl FnOnce(&mut $crate::model::ObjectMeta)) -> Self {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            f(self.metadata_mut());
            self
        }

        /// The object as YAML, checked (warnings: see [`check`](Self::check)).
        $($vis)* fn to_yaml(&self) -> $crate::Result<String> {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            Ok($crate::yaml::emit::model_to_string(&self.to_document()?)?)
        }

        /// The object as pretty-printed JSON, checked (warnings: see [`check`](Self::check)).
        $($vis)* fn to_json(&self) -> $crate::Result<String> {
            #[allow(unused_imports)]
            use $crate::author::setters::*;
            Ok(crate::json::to_string(&self.to_document()?)?)
        }
    };
}
pub(crate) use object_builder_methods;

/// Metadata and output, common to every object.
///
/// Every output goes through one body, [`check_with`](Self::check_with):
/// the object is assembled with the given [`BuildOptions`] (defaults for the
/// other methods) and checked with [`crate::lint`]. Lint errors and builder
/// problems are an [`Error::Invalid`]; warnings come back from `check` and
/// `check_with` only: `to_document`, `to_yaml`, `to_json` and `to_model`
/// return the value alone, so call `check` when the warnings matter.
pub trait ObjectBuilder: sealed::HasMetadata + sealed::Assemble + Sized {
    object_builder_methods!();
}

/// Checks a finished document: builder problems plus [`lint::check`].
/// Errors fail; warnings come back with the document (never a copy of it).
pub(crate) fn checked(document: Document, problems: Vec<Finding>) -> Result<(Document, Vec<Finding>)> {
    let (kind, name) = (document.kind(), document.name().unwrap_or("(unnamed)"));
    let mut findings: Vec<Finding> = problems.into_iter().map(|f| f.in_object(kind, name)).collect();
    let mut linted = lint::check(&document);
    lint::rules::references_are_external(&mut linted);
    findings.extend(linted);
    if findings.iter().any(Finding::is_error) {
        findings.retain(Finding::is_error);
        return Err(Error::Invalid(findings));
    }
    Ok((document, findings))
}
