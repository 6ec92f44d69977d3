//! `Workflow`: a run of templates.

use super::spec::{SpecState, spec_builder};
use super::{ObjectBuilder, checked};
use crate::Result;
use crate::lint::Finding;
use crate::model::{self, Document};

/// A Workflow: what `argo submit` runs.
///
/// ```
/// use hera::prelude::*;
/// let hello = Container::new("hello").image("busybox").command(["echo", "hello"]);
/// let yaml = Workflow::generate_name("hello-").entrypoint(hello).to_yaml().unwrap();
/// assert!(yaml.contains("generateName: hello-"));
/// ```
#[derive(Clone, Debug)]
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

    /// The model value, checked.
    pub fn to_model(&self) -> Result<model::Workflow> {
        let (workflow, problems) = self.build();
        checked(workflow.clone().into(), problems)?;
        Ok(workflow)
    }

    fn build(&self) -> (model::Workflow, Vec<Finding>) {
        let (spec, problems) = self.state.build();
        (model::Workflow { metadata: self.metadata.clone(), spec, ..Default::default() }, problems)
    }
}

spec_builder!(Workflow);

impl super::sealed::Assemble for Workflow {
    fn assemble(&self) -> (Document, Vec<Finding>) {
        let (object, problems) = self.build();
        (object.into(), problems)
    }
}

impl ObjectBuilder for Workflow {}
