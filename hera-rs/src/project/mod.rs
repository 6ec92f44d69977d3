//! A program's objects and how it emits them: the environments it deploys
//! to and the release labels it stamps. What `hera::cli::main` runs.
//!
//! ```
//! use hera::prelude::*;
//! use hera::project::{Environments, Project};
//!
//! let hello = Container::new("hello").image("busybox");
//! let wt = WorkflowTemplate::new("hello-wt").versioned("1.2.3").argument("greeting", "hi").entrypoint(hello);
//! let project = Project::new([wt])
//!     .environments(Environments::new().env("prod", |e| e.namespace("wf-prod").parameter("greeting", "hello")))
//!     .release_labels("1.2.3");
//! let built = project.build(Some("prod")).unwrap();
//! let yaml = hera::yaml::to_string_all(&built.documents).unwrap();
//! assert!(yaml.contains("namespace: wf-prod") && yaml.contains("app.kubernetes.io/version: \"1.2.3\""));
//! ```

mod environment;
mod release;

pub use environment::{Environment, Environments};
pub use release::{COMMIT_LABEL, COMMIT_VARIABLES, VERSION_LABEL, commit};

use crate::author::object::Object;
use crate::lint::{self, Finding};
use crate::model::Document;
use crate::{Error, Result};

/// The objects a program defines, with its environments and release labels.
#[derive(Clone, Debug, Default)]
pub struct Project {
    objects: Vec<Object>,
    environments: Environments,
    release: Option<String>,
}

/// What [`hera::cli::main`](crate::cli::main) accepts: a [`Project`], or
/// any collection of objects.
pub trait IntoProject {
    /// The project.
    fn into_project(self) -> Project;
}

impl IntoProject for Project {
    fn into_project(self) -> Project {
        self
    }
}

impl<I, O> IntoProject for I
where
    I: IntoIterator<Item = O>,
    O: Into<Object>,
{
    fn into_project(self) -> Project {
        Project::new(self)
    }
}

/// A project's documents for one environment.
#[derive(Clone, Debug)]
pub struct Built {
    /// The documents, in the order of the objects.
    pub documents: Vec<Document>,
    /// Each document's version (from `versioned(...)`), for immutable releases.
    pub versions: Vec<Option<String>>,
    /// What [`crate::lint`] finds in all of them together (warnings and errors).
    pub findings: Vec<Finding>,
}

impl Project {
    /// A project of `objects`.
    pub fn new<O: Into<Object>>(objects: impl IntoIterator<Item = O>) -> Self {
        Project { objects: objects.into_iter().map(Into::into).collect(), ..Default::default() }
    }

    /// The environments `--env NAME` chooses from.
    pub fn environments(mut self, environments: Environments) -> Self {
        self.environments = environments;
        self
    }

    /// Labels every object with [`VERSION_LABEL`] = `version` and, when the
    /// commit is known ([`commit`]), [`COMMIT_LABEL`].
    pub fn release_labels(mut self, version: &str) -> Self {
        self.release = Some(version.to_owned());
        self
    }

    /// The objects.
    pub fn objects(&self) -> &[Object] {
        &self.objects
    }

    /// The declared environments.
    pub fn environment_names(&self) -> Vec<&str> {
        self.environments.names()
    }

    /// The documents for `environment` (none: as written), linted together.
    /// An error when the builders recorded problems (the YAML would not be
    /// what the program says) or the environment is unknown; lint findings
    /// come back in [`Built::findings`] for the caller to weigh.
    pub fn build(&self, environment: Option<&str>) -> Result<Built> {
        let environment = match environment {
            Some(name) => Some(self.environments.get(name).ok_or_else(|| Error::UnknownEnvironment {
                name: name.to_owned(),
                known: self.environments.names().into_iter().map(str::to_owned).collect(),
            })?),
            None => None,
        };
        let commit = self.release.as_ref().and_then(|_| commit());
        let mut documents = Vec::new();
        let mut problems = Vec::new();
        for object in &self.objects {
            let mut object = object.clone();
            let mut found = Vec::new();
            if let Some(environment) = environment {
                environment.retag(&mut object, &mut found);
            }
            let (mut document, assembled) = object.assemble();
            found.extend(assembled);
            if let Some(environment) = environment {
                environment.apply(&mut document);
            }
            if let Some(version) = &self.release {
                release::apply(&mut document, version, commit.as_deref(), &mut found);
            }
            let (kind, name) = (document.kind(), document.name().unwrap_or("(unnamed)"));
            problems.extend(found.into_iter().map(|f| f.in_object(kind, name)));
            documents.push(document);
        }
        if let Some(environment) = environment {
            for parameter in environment.undeclared(&documents) {
                problems.push(Finding::error(
                    "spec.arguments",
                    format!(
                        "environment '{}' sets parameter '{parameter}', which no object declares in spec.arguments",
                        environment.name()
                    ),
                ));
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let findings = lint::lint_documents(&documents);
        let versions = self.objects.iter().map(|o| o.version().map(str::to_owned)).collect();
        Ok(Built { documents, versions, findings })
    }
}
