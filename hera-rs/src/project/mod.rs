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
mod inline;
mod release;

pub use crate::author::object::COMMIT_VARIABLES;
pub use environment::{Environment, Environments};
pub use inline::inline_template_refs;
#[allow(deprecated)]
pub use release::commit;
pub use release::{COMMIT_LABEL, VERSION_LABEL};

use crate::author::object::{BuildOptions, Object, sealed::Assemble};
use crate::lint::{self, Finding};
use crate::model::Document;
use crate::{Error, Result};

/// The objects a program defines, with its environments and release labels.
#[derive(Clone, Debug, Default)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Project {
    objects: Vec<Object>,
    environments: Environments,
    release: Option<String>,
    allow_invalid: bool,
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
    /// What [`crate::lint`] finds in all of them together (warnings and
    /// errors), and the project's own warnings (rule `unversioned`).
    pub findings: Vec<Finding>,
    /// Whether each document is an end-to-end test of a template
    /// ([`Object::is_test`]), not an object to deploy.
    pub tests: Vec<bool>,
}

/// A project's documents for one environment even when the builders
/// recorded problems: what `yaml --allow-invalid` prints.
#[derive(Clone, Debug)]
pub struct Assembled {
    /// The documents, linted (lint's findings are in [`Built::findings`]).
    pub built: Built,
    /// The problems the builders recorded, each naming its object: when
    /// there are any, [`Project::build`] is an error.
    pub problems: Vec<Finding>,
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
    /// commit is known ([`BuildOptions::commit`]), [`COMMIT_LABEL`].
    pub fn release_labels(mut self, version: &str) -> Self {
        self.release = Some(version.to_owned());
        self
    }

    /// Whether [`release_labels`](Self::release_labels) was set (so the
    /// commit is wanted).
    pub fn has_release_labels(&self) -> bool {
        self.release.is_some()
    }

    /// Lets the program's `yaml` and `json` print the objects whatever lint
    /// or the builders find, as `--allow-invalid` does: for a synthetic
    /// benchmark that exceeds Argo's limits on purpose (the `scale`
    /// example). The findings are still reported on stderr, and `lint` and
    /// `emit` still gate.
    ///
    /// ```
    /// use hera::prelude::*;
    /// let project = Project::new([Workflow::new("w")]).allow_invalid();
    /// assert!(project.allows_invalid());
    /// ```
    pub fn allow_invalid(mut self) -> Self {
        self.allow_invalid = true;
        self
    }

    /// Whether [`allow_invalid`](Self::allow_invalid) was set.
    pub fn allows_invalid(&self) -> bool {
        self.allow_invalid
    }

    /// Whether the project publishes releases: it sets release labels or
    /// versions an object.
    fn publishes_releases(&self) -> bool {
        self.release.is_some() || self.objects.iter().any(|o| o.version().is_some())
    }

    /// The objects.
    pub fn objects(&self) -> &[Object] {
        &self.objects
    }

    /// The declared environments.
    pub fn environment_names(&self) -> Vec<&str> {
        self.environments.names()
    }

    /// The documents for `environment` (none: as written), linted together,
    /// with default [`BuildOptions`]. An error when the builders recorded
    /// problems (the YAML would not be what the program says) or the
    /// environment is unknown; lint findings come back in
    /// [`Built::findings`] for the caller to weigh.
    pub fn build(&self, environment: Option<&str>) -> Result<Built> {
        self.build_with(environment, &BuildOptions::default())
    }

    /// [`build`](Self::build) with explicit options (what `hera::cli::main`
    /// read from the environment).
    pub fn build_with(&self, environment: Option<&str>, options: &BuildOptions) -> Result<Built> {
        let Assembled { built, problems } = self.assemble_with(environment, options)?;
        if problems.is_empty() { Ok(built) } else { Err(Error::Invalid(problems)) }
    }

    /// [`build_with`](Self::build_with) that keeps the documents when the
    /// builders recorded problems (they come back in
    /// [`Assembled::problems`]); an error only for an unknown environment.
    pub fn assemble_with(&self, environment: Option<&str>, options: &BuildOptions) -> Result<Assembled> {
        let environment = match environment {
            Some(name) => Some(self.environments.get(name).ok_or_else(|| Error::UnknownEnvironment {
                name: name.to_owned(),
                known: self.environments.names().into_iter().map(str::to_owned).collect(),
            })?),
            None => None,
        };
        let commit = self.release.as_ref().and(options.commit.as_deref());
        let mut documents = Vec::new();
        let mut problems = Vec::new();
        for object in &self.objects {
            let mut found = Vec::new();
            // An environment's image tag changes the object's default image:
            // an override of it, unless the caller overrides it already.
            let retagged = environment.and_then(|environment| environment.retag(object, &mut found));
            let options = match retagged {
                Some(image) if options.image_override.is_none() => &options.clone().image_override(image),
                _ => options,
            };
            let (mut document, assembled) = object.assemble(options);
            found.extend(assembled);
            if let Some(environment) = environment {
                environment.apply(&mut document);
            }
            if let Some(version) = &self.release {
                release::apply(&mut document, version, commit, &mut found);
            }
            let (kind, name) = (document.kind(), document.name().unwrap_or("(unnamed)"));
            problems.extend(found.into_iter().map(|f| f.in_object(kind, name)));
            documents.push(document);
        }
        if let Some(environment) = environment {
            for (parameter, near) in environment.undeclared(&documents) {
                let hint = near.map(|near| format!("; did you mean '{near}'?")).unwrap_or_default();
                problems.push(Finding::builder(
                    &crate::lint::rules::builder::ENVIRONMENT,
                    "spec.arguments",
                    format!(
                        "environment '{}' sets parameter '{parameter}', which no object declares in spec.arguments{hint}",
                        environment.name()
                    ),
                ));
            }
        }
        let mut findings = lint::lint_documents(&documents);
        lint::rules::references_are_external(&mut findings);
        if self.publishes_releases() {
            for (object, document) in self.objects.iter().zip(&documents) {
                if object.is_stored_template() && object.version().is_none() {
                    let name = document.name().unwrap_or("(unnamed)");
                    findings.push(
                        Finding::builder(
                            &crate::lint::rules::builder::UNVERSIONED,
                            "metadata.name",
                            format!(
                                "this template is not versioned; changes will overwrite it in place (the \
                                 project publishes releases: add .versioned(..) to '{name}')"
                            ),
                        )
                        .in_object(document.kind(), name),
                    );
                }
            }
        }
        let versions = self.objects.iter().map(|o| o.version().map(str::to_owned)).collect();
        let tests = self.objects.iter().map(Object::is_test).collect();
        Ok(Assembled { built: Built { documents, versions, findings, tests }, problems })
    }
}
