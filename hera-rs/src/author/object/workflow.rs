//! `Workflow`: a run of templates.

use super::spec::{SpecState, spec_builder};
use super::{BuildOptions, ObjectBuilder};
use crate::Result;
use crate::lint::Finding;
use crate::model::{self, Document};
use crate::path::FieldPath;

/// A Workflow: what `argo submit` runs.
///
/// ```
/// use hera::prelude::*;
/// let hello = Container::new("hello").image("busybox").command(["echo", "hello"]);
/// let yaml = Workflow::generate_name("hello-").entrypoint(hello).to_yaml().unwrap();
/// assert!(yaml.contains("generateName: hello-"));
/// ```
#[derive(Clone, Debug)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Workflow {
    pub(crate) metadata: model::ObjectMeta,
    pub(crate) state: SpecState,
}

impl Workflow {
    /// A workflow called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Workflow {
            metadata: model::ObjectMeta { name: Some(name.into()), ..Default::default() },
            state: SpecState::default(),
        }
    }

    /// A workflow whose name Kubernetes makes from `prefix` plus five random
    /// characters, so it can be submitted many times.
    pub fn generate_name(prefix: impl Into<String>) -> Self {
        Workflow {
            metadata: model::ObjectMeta { generate_name: Some(prefix.into()), ..Default::default() },
            state: SpecState::default(),
        }
    }

    /// The model value, checked (warnings: see [`ObjectBuilder::check`]).
    pub fn to_model(&self) -> Result<model::Workflow> {
        match self.check()?.0 {
            Document::Workflow(object) => Ok(*object),
            _ => unreachable!("a Workflow assembles to a Workflow document"),
        }
    }

    fn build(&self, options: &BuildOptions) -> (model::Workflow, Vec<Finding>) {
        let (spec, problems) = self.state.build(options, &FieldPath::keys("spec"));
        (model::Workflow { metadata: self.metadata.clone(), spec, ..Default::default() }, problems)
    }
}

spec_builder!(Workflow);

impl super::sealed::Assemble for Workflow {
    fn assemble(&self, options: &BuildOptions) -> (Document, Vec<Finding>) {
        let (object, problems) = self.build(options);
        (object.into(), problems)
    }
}

impl ObjectBuilder for Workflow {}
