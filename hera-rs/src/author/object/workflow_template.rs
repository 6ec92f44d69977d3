//! `WorkflowTemplate` and `ClusterWorkflowTemplate`: templates deployed to
//! the cluster for workflows to run or refer to.

use super::spec::{SpecState, spec_builder};
use super::{BuildOptions, ObjectBuilder, Workflow};
use crate::Result;
use crate::lint::Finding;
use crate::model::{self, Document};
use crate::path::FieldPath;

/// Appends `-v<version>` to `metadata.name`, recording a problem when the
/// version is not semver.
fn version_name(metadata: &mut model::ObjectMeta, state: &mut SpecState, version: &str) {
    let name = metadata.name.clone().unwrap_or_default();
    if let Err(error) = semver::Version::parse(version) {
        let hint = semver_like(version).map_or(String::new(), |v| format!("; did you mean '{v}'?"));
        state.problems.push(Finding::builder(
            &crate::lint::rules::builder::VERSION,
            "metadata.name",
            format!(
                "version '{version}' of '{name}' is not a semantic version (MAJOR.MINOR.PATCH): {error}{hint}"
            ),
        ));
    }
    metadata.name = Some(format!("{name}-v{version}"));
    state.version = Some(version.to_owned());
}

/// The semantic version a near miss means: `v1.2` → `1.2.0`, `1` → `1.0.0`,
/// `V1.2.3` → `1.2.3`; `None` when it is not one or two numbers short.
fn semver_like(version: &str) -> Option<String> {
    let bare = version.strip_prefix(['v', 'V']).unwrap_or(version);
    let mut parts: Vec<&str> = bare.split('.').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    parts.resize(3, "0");
    let candidate = semver::Version::parse(&parts.join(".")).ok()?.to_string();
    (candidate != version).then_some(candidate)
}

macro_rules! template_object {
    ($(#[$doc:meta])* $kind:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        #[must_use = "builders do nothing until used; a method returns the changed builder"]
        pub struct $kind {
            pub(crate) metadata: model::ObjectMeta,
            pub(crate) state: SpecState,
        }

        impl $kind {
            /// An object called `name`.
            pub fn new(name: impl Into<String>) -> Self {
                $kind {
                    metadata: model::ObjectMeta { name: Some(name.into()), ..Default::default() },
                    state: SpecState::default(),
                }
            }

            /// The object's name (with the version `versioned` stamped into it).
            pub fn name(&self) -> &str {
                self.metadata.name.as_deref().unwrap_or_default()
            }

            /// Stamps a version into the name: `my-package-wt` becomes
            /// `my-package-wt-v1.2.3`. A published version is never changed:
            /// a new release gets a new name. `version` must be semver;
            /// pass `hera::package_version!()` for the crate's own.
            pub fn versioned(mut self, version: &str) -> Self {
                version_name(&mut self.metadata, &mut self.state, version);
                self
            }

            /// A Workflow running the same spec, named `generate_name` plus
            /// random characters: for end-to-end tests of the template. It
            /// is marked as a test ([`Object::is_test`](crate::Object::is_test)):
            /// a program's `emit` leaves it out without a notice
            /// (`--include-generate-name` writes it), and it is not a
            /// release to version.
            pub fn as_workflow(&self, generate_name: impl Into<String>) -> Workflow {
                let mut metadata = self.metadata.clone();
                metadata.name = None;
                metadata.generate_name = Some(generate_name.into());
                Workflow { metadata, state: SpecState { test: true, ..self.state.clone() } }
            }

            /// The model value, checked (warnings: see [`ObjectBuilder::check`]).
            pub fn to_model(&self) -> Result<model::$kind> {
                match self.check()?.0 {
                    Document::$kind(object) => Ok(*object),
                    _ => unreachable!("an object assembles to a document of its kind"),
                }
            }

            fn build(&self, options: &BuildOptions) -> (model::$kind, Vec<Finding>) {
                let (spec, problems) = self.state.build(options, &FieldPath::keys("spec"));
                (model::$kind { metadata: self.metadata.clone(), spec, ..Default::default() }, problems)
            }
        }

        spec_builder!($kind);

        impl super::sealed::Assemble for $kind {
            fn assemble(&self, options: &BuildOptions) -> (Document, Vec<Finding>) {
                let (object, problems) = self.build(options);
                (object.into(), problems)
            }
        }

        impl ObjectBuilder for $kind {}
    };
}

template_object!(
    /// A WorkflowTemplate: a spec stored in a namespace, run with
    /// `argo submit --from workflowtemplate/<name>` or referred to by other
    /// workflows (`TemplateRef`, `workflow_template_ref`).
    ///
    /// ```
    /// use hera::prelude::*;
    /// let hello = Container::new("hello").image("busybox").command(["echo", "hello"]);
    /// let wt = WorkflowTemplate::new("my-package-wt").versioned("1.2.3").entrypoint(hello);
    /// assert_eq!(wt.to_model().unwrap().metadata.name.as_deref(), Some("my-package-wt-v1.2.3"));
    /// ```
    WorkflowTemplate
);

template_object!(
    /// A ClusterWorkflowTemplate: a WorkflowTemplate visible in every namespace.
    ///
    /// ```
    /// use hera::prelude::*;
    /// let hello = Container::new("hello").image("busybox");
    /// let cwt = ClusterWorkflowTemplate::new("shared-hello").template(hello);
    /// assert_eq!(cwt.to_model().unwrap().spec.templates.unwrap().len(), 1);
    /// ```
    ClusterWorkflowTemplate
);

/// What names an object of kind `K` where one object refers to another: the
/// object this program builds (`&template`: its name, with the version
/// `versioned` stamped into it, so the reference follows each release), or
/// its name as a string.
///
/// ```
/// use hera::prelude::*;
/// let template = WorkflowTemplate::new("etl-wt").versioned("2.0.0");
/// let cron = CronWorkflow::new("nightly").schedule("@daily").workflow_template_ref(&template);
/// let by_name = CronWorkflow::new("nightly").schedule("@daily").workflow_template_ref("etl-wt-v2.0.0");
/// assert_eq!(cron.to_yaml().unwrap(), by_name.to_yaml().unwrap());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not name a {K}",
    label = "pass the `{K}` this program builds (`&template`) or its name",
    note = "a WorkflowTemplate goes to `workflow_template_ref`, a ClusterWorkflowTemplate to `cluster_workflow_template_ref`"
)]
pub trait ObjectName<K> {
    /// The name.
    fn object_name(self) -> String;
}

impl<K> ObjectName<K> for &str {
    fn object_name(self) -> String {
        self.to_owned()
    }
}

impl<K> ObjectName<K> for String {
    fn object_name(self) -> String {
        self
    }
}

impl<K> ObjectName<K> for &String {
    fn object_name(self) -> String {
        self.clone()
    }
}

impl ObjectName<WorkflowTemplate> for &WorkflowTemplate {
    /// Its name, with its version.
    fn object_name(self) -> String {
        self.name().to_owned()
    }
}

impl ObjectName<ClusterWorkflowTemplate> for &ClusterWorkflowTemplate {
    /// Its name, with its version.
    fn object_name(self) -> String {
        self.name().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::semver_like;

    #[test]
    fn a_near_miss_of_a_semantic_version_gets_its_suggestion() {
        assert_eq!(semver_like("v1.2").as_deref(), Some("1.2.0"));
        assert_eq!(semver_like("1").as_deref(), Some("1.0.0"));
        assert_eq!(semver_like("V1.2.3").as_deref(), Some("1.2.3"));
        assert_eq!(semver_like("01.2").as_deref(), None, "a leading zero is no version either");
        assert_eq!(semver_like("latest"), None);
        assert_eq!(semver_like("1.2.3.4"), None);
    }
}
