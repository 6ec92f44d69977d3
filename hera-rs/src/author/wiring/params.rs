//! Parameters and artifacts: what templates take and produce.

use crate::author::wiring::call::Arg;
use crate::author::wiring::expr::Source;
use crate::model;

/// A template input or output parameter, or a workflow argument.
///
/// ```
/// use hera::Parameter;
/// let p: hera::model::Parameter = Parameter::new("message").default_value("hello").into();
/// assert_eq!(p.default.as_deref(), Some("hello"));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Parameter(model::Parameter);

impl Parameter {
    /// A parameter called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Parameter(model::Parameter { name: name.into(), ..Default::default() })
    }

    /// Its value. Strings are passed as they are; numbers, booleans and other
    /// values are JSON-encoded (as Hera does).
    pub fn value(mut self, value: impl Into<Arg>) -> Self {
        self.0.value = Some(value.into().text);
        self
    }

    /// The value used when none is passed (Argo's `default`).
    pub fn default_value(mut self, value: impl Into<Arg>) -> Self {
        self.0.default = Some(value.into().text);
        self
    }

    /// The old name of [`default_value`](Self::default_value); it hid `Default::default`.
    #[deprecated(since = "0.2.0", note = "renamed to `default_value` (it hid `Default::default`)")]
    #[allow(clippy::should_implement_trait)]
    pub fn default(self, value: impl Into<Arg>) -> Self {
        self.default_value(value)
    }

    /// The values allowed.
    pub fn enum_values<S: Into<String>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
        self.0.r#enum = Some(values.into_iter().map(Into::into).collect());
        self
    }

    /// A description shown in the UI.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.0.description = Some(text.into());
        self
    }

    /// Exports an output parameter as `{{workflow.outputs.parameters.<name>}}`.
    pub fn global_name(mut self, name: impl Into<String>) -> Self {
        self.0.global_name = Some(name.into());
        self
    }

    fn value_from_mut(&mut self) -> &mut model::ValueFrom {
        self.0.value_from.get_or_insert_with(Default::default)
    }

    /// Output parameter read from a file in the container.
    pub fn value_from_path(mut self, path: impl Into<String>) -> Self {
        self.value_from_mut().path = Some(path.into());
        self
    }

    /// Output parameter computed by an expression (`tasks.a.outputs.result`).
    pub fn value_from_expression(mut self, expression: impl Into<String>) -> Self {
        self.value_from_mut().expression = Some(expression.into());
        self
    }

    /// Output parameter of a steps or DAG template, taken from one of its
    /// steps or tasks (`step.output("x")`).
    pub fn value_from_parameter(mut self, reference: impl Into<Arg>) -> Self {
        self.value_from_mut().parameter = Some(reference.into().text);
        self
    }

    /// Value of a key of a ConfigMap.
    pub fn value_from_config_map(mut self, name: impl Into<String>, key: impl Into<String>) -> Self {
        self.value_from_mut().config_map_key_ref = Some(model::ConfigMapKeySelector {
            name: Some(name.into()),
            key: key.into(),
            ..Default::default()
        });
        self
    }

    /// Value supplied later, e.g. when resuming a suspend template.
    pub fn value_from_supplied(mut self) -> Self {
        self.value_from_mut().supplied = Some(model::SuppliedValueFrom {});
        self
    }

    /// Value used when `valueFrom` fails (`valueFrom.default`).
    pub fn value_from_default(mut self, value: impl Into<Arg>) -> Self {
        self.value_from_mut().default = Some(value.into().text);
        self
    }

    /// Changes the model value directly.
    pub fn with_model(mut self, f: impl FnOnce(&mut model::Parameter)) -> Self {
        f(&mut self.0);
        self
    }
}

impl From<&str> for Parameter {
    fn from(name: &str) -> Self {
        Parameter::new(name)
    }
}

impl From<String> for Parameter {
    fn from(name: String) -> Self {
        Parameter::new(name)
    }
}

impl From<model::Parameter> for Parameter {
    fn from(model: model::Parameter) -> Self {
        Parameter(model)
    }
}

impl From<Parameter> for model::Parameter {
    fn from(parameter: Parameter) -> Self {
        parameter.0
    }
}

/// A template input or output artifact.
///
/// ```
/// use hera::Artifact;
/// let a: hera::model::Artifact = Artifact::new("hello-art").path("/tmp/hello_world.txt").into();
/// assert_eq!(a.path.as_deref(), Some("/tmp/hello_world.txt"));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Artifact {
    pub(crate) model: model::Artifact,
    /// The tasks or steps `from` refers to, for dependency inference.
    pub(crate) sources: Vec<Source>,
}

impl Artifact {
    /// An artifact called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Artifact { model: model::Artifact { name: name.into(), ..Default::default() }, sources: Vec::new() }
    }

    /// Where it is in the container.
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.model.path = Some(path.into());
        self
    }

    /// Where it comes from, as an artifact argument (`task.output_artifact("x")`):
    /// Argo's `from`.
    pub fn from_reference(mut self, reference: impl Into<Arg>) -> Self {
        let reference = reference.into();
        self.model.from = Some(reference.text);
        self.sources = reference.sources;
        self
    }

    /// The old name of [`from_reference`](Self::from_reference); it hid `From::from`.
    #[deprecated(since = "0.2.0", note = "renamed to `from_reference` (it hid `From::from`)")]
    #[allow(clippy::should_implement_trait)]
    pub fn from(self, reference: impl Into<Arg>) -> Self {
        self.from_reference(reference)
    }

    /// Where it comes from, as an expression.
    pub fn from_expression(mut self, expression: impl Into<String>) -> Self {
        self.model.from_expression = Some(expression.into());
        self
    }

    /// File mode of the artifact in the container, e.g. `0o755`.
    pub fn mode(mut self, mode: i64) -> Self {
        self.model.mode = Some(mode);
        self
    }

    /// The artifact may be missing.
    pub fn optional(mut self, optional: bool) -> Self {
        self.model.optional = Some(optional);
        self
    }

    /// Exports an output artifact globally.
    pub fn global_name(mut self, name: impl Into<String>) -> Self {
        self.model.global_name = Some(name.into());
        self
    }

    /// Stores the file as it is, without a tar.gz archive.
    pub fn no_archive(mut self) -> Self {
        self.model.archive =
            Some(model::ArchiveStrategy { none: Some(model::NoneStrategy {}), ..Default::default() });
        self
    }

    /// An S3 location.
    pub fn s3(mut self, s3: impl Into<model::S3Artifact>) -> Self {
        self.model.s3 = Some(s3.into());
        self
    }

    /// An HTTP(S) URL to download.
    pub fn http(mut self, url: impl Into<String>) -> Self {
        self.model.http = Some(model::HttpArtifact { url: url.into(), ..Default::default() });
        self
    }

    /// A Git repository to check out.
    pub fn git(mut self, repo: impl Into<String>, revision: impl Into<String>) -> Self {
        self.model.git = Some(model::GitArtifact {
            repo: repo.into(),
            revision: Some(revision.into()),
            ..Default::default()
        });
        self
    }

    /// A Google Cloud Storage object.
    pub fn gcs(mut self, bucket: impl Into<String>, key: impl Into<String>) -> Self {
        self.model.gcs =
            Some(model::GcsArtifact { bucket: Some(bucket.into()), key: key.into(), ..Default::default() });
        self
    }

    /// Literal content, written to `path`.
    pub fn raw(mut self, data: impl Into<String>) -> Self {
        self.model.raw = Some(model::RawArtifact { data: data.into() });
        self
    }

    /// Changes the model value directly.
    pub fn with_model(mut self, f: impl FnOnce(&mut model::Artifact)) -> Self {
        f(&mut self.model);
        self
    }
}

impl From<&str> for Artifact {
    fn from(name: &str) -> Self {
        Artifact::new(name)
    }
}

impl From<model::Artifact> for Artifact {
    fn from(model: model::Artifact) -> Self {
        Artifact { model, sources: Vec::new() }
    }
}

impl From<Artifact> for model::Artifact {
    fn from(artifact: Artifact) -> Self {
        artifact.model
    }
}

/// An S3 (or S3-compatible) location.
///
/// ```
/// use hera::S3;
/// let s3: hera::model::S3Artifact = S3::bucket("my-bucket").key("path/in/bucket").into();
/// assert_eq!(s3.bucket.as_deref(), Some("my-bucket"));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct S3(model::S3Artifact);

impl S3 {
    /// A location in `bucket`.
    pub fn bucket(bucket: impl Into<String>) -> Self {
        S3(model::S3Artifact { bucket: Some(bucket.into()), ..Default::default() })
    }

    /// The object key.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.0.key = Some(key.into());
        self
    }

    /// The endpoint, e.g. `s3.amazonaws.com`.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.0.endpoint = Some(endpoint.into());
        self
    }

    /// The region.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.0.region = Some(region.into());
        self
    }

    /// Access and secret key from the keys `access_key` and `secret_key` of the Secret `secret`.
    pub fn credentials(
        mut self,
        secret: impl AsRef<str>,
        access_key: impl AsRef<str>,
        secret_key: impl AsRef<str>,
    ) -> Self {
        let (secret, access_key, secret_key) = (secret.as_ref(), access_key.as_ref(), secret_key.as_ref());
        self.0.access_key_secret = Some(secret_key_ref(secret, access_key));
        self.0.secret_key_secret = Some(secret_key_ref(secret, secret_key));
        self
    }

    /// Changes the model value directly.
    pub fn with_model(mut self, f: impl FnOnce(&mut model::S3Artifact)) -> Self {
        f(&mut self.0);
        self
    }
}

impl From<S3> for model::S3Artifact {
    fn from(s3: S3) -> Self {
        s3.0
    }
}

/// A reference to the key `key` of the Secret `name`.
pub fn secret_key_ref(name: &str, key: &str) -> model::SecretKeySelector {
    model::SecretKeySelector { name: Some(name.to_owned()), key: key.to_owned(), ..Default::default() }
}
