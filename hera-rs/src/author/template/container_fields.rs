//! The fields of anything that runs a container: containers, scripts,
//! sidecars, init containers and container-set nodes.

use crate::author::wiring::call::Arg;
use crate::author::wiring::params::secret_key_ref;
use crate::model::{self, ContainerFieldsMut, Quantity};

pub(crate) mod sealed {
    use crate::model::ContainerFieldsMut;

    /// Access to the container fields; not for use outside hera.
    pub trait HasContainer {
        fn container_fields(&mut self) -> ContainerFieldsMut<'_>;
    }
}

/// Image, command, environment, resources and mounts of a container.
///
/// ```
/// use hera::prelude::*;
/// let t = Container::new("build").image("rust:1.95").command(["cargo", "build"]).env("CARGO_TERM_COLOR", "never")
///     .cpu_request("500m").memory_limit("1Gi").volume_mount("workdir", "/src");
/// let c = t.to_model().container.unwrap();
/// assert_eq!(c.image.as_deref(), Some("rust:1.95"));
/// ```
pub trait ContainerBuilder: sealed::HasContainer + Sized {
    /// The image to run. Without one, the workflow's default image (`.image(...)`
    /// on the workflow) is used.
    fn image(mut self, image: impl Into<String>) -> Self {
        *self.container_fields().image = Some(image.into());
        self
    }

    /// `Always`, `IfNotPresent` or `Never`.
    fn image_pull_policy(mut self, policy: impl Into<String>) -> Self {
        *self.container_fields().image_pull_policy = Some(policy.into());
        self
    }

    /// The command (the image's entrypoint is used without one).
    fn command<S: Into<String>>(mut self, command: impl IntoIterator<Item = S>) -> Self {
        *self.container_fields().command = Some(command.into_iter().map(Into::into).collect());
        self
    }

    /// The arguments (replacing any set before).
    fn args<S: Into<String>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
        *self.container_fields().args = Some(args.into_iter().map(Into::into).collect());
        self
    }

    /// Adds one argument; references (`hera::input("x")`) render as `{{...}}`.
    fn arg(mut self, arg: impl Into<Arg>) -> Self {
        self.container_fields().args.get_or_insert_with(Vec::new).push(arg.into().text);
        self
    }

    /// The working directory.
    fn working_dir(mut self, dir: impl Into<String>) -> Self {
        *self.container_fields().working_dir = Some(dir.into());
        self
    }

    /// An environment variable with a value.
    fn env(self, name: impl Into<String>, value: impl Into<Arg>) -> Self {
        self.env_var(model::EnvVar {
            name: name.into(),
            value: Some(value.into().text),
            ..Default::default()
        })
    }

    /// An environment variable from the key `key` of the Secret `secret`.
    fn env_from_secret(self, name: impl Into<String>, secret: &str, key: &str) -> Self {
        self.env_source(
            name,
            model::EnvVarSource { secret_key_ref: Some(secret_key_ref(secret, key)), ..Default::default() },
        )
    }

    /// An environment variable from the key `key` of the ConfigMap `config_map`.
    fn env_from_config_map(self, name: impl Into<String>, config_map: &str, key: &str) -> Self {
        let selector = model::ConfigMapKeySelector {
            name: Some(config_map.to_owned()),
            key: key.to_owned(),
            ..Default::default()
        };
        self.env_source(
            name,
            model::EnvVarSource { config_map_key_ref: Some(selector), ..Default::default() },
        )
    }

    /// An environment variable from a field of the pod (`metadata.name`, `status.podIP`).
    fn env_from_field(self, name: impl Into<String>, field_path: &str) -> Self {
        let selector = model::ObjectFieldSelector { field_path: field_path.to_owned(), ..Default::default() };
        self.env_source(name, model::EnvVarSource { field_ref: Some(selector), ..Default::default() })
    }

    /// An environment variable whose value comes from `source`.
    fn env_source(self, name: impl Into<String>, source: model::EnvVarSource) -> Self {
        self.env_var(model::EnvVar { name: name.into(), value_from: Some(source), ..Default::default() })
    }

    /// An environment variable as a model value.
    fn env_var(mut self, var: model::EnvVar) -> Self {
        self.container_fields().env.get_or_insert_with(Vec::new).push(var);
        self
    }

    /// Mounts the volume `name` (a workflow or template volume, or a volume
    /// claim template) at `path`.
    fn volume_mount(self, name: impl Into<String>, path: impl Into<String>) -> Self {
        self.mount(model::VolumeMount { name: name.into(), mount_path: path.into(), ..Default::default() })
    }

    /// A volume mount as a model value (read-only, sub-path, ...).
    fn mount(mut self, mount: model::VolumeMount) -> Self {
        self.container_fields().volume_mounts.get_or_insert_with(Vec::new).push(mount);
        self
    }

    /// CPU requested, e.g. `"500m"` or `1`.
    fn cpu_request(self, cpu: impl Into<Quantity>) -> Self {
        self.request("cpu", cpu.into())
    }

    /// CPU limit.
    fn cpu_limit(self, cpu: impl Into<Quantity>) -> Self {
        self.limit("cpu", cpu.into())
    }

    /// Memory requested, e.g. `"1Gi"`.
    fn memory_request(self, memory: impl Into<Quantity>) -> Self {
        self.request("memory", memory.into())
    }

    /// Memory limit.
    fn memory_limit(self, memory: impl Into<Quantity>) -> Self {
        self.limit("memory", memory.into())
    }

    /// Any resource request, such as `nvidia.com/gpu`.
    fn request(mut self, name: impl Into<String>, amount: impl Into<Quantity>) -> Self {
        let resources = self.container_fields().resources.get_or_insert_with(Default::default);
        resources.requests.get_or_insert_with(Default::default).insert(name.into(), amount.into());
        self
    }

    /// Any resource limit, such as `nvidia.com/gpu`.
    fn limit(mut self, name: impl Into<String>, amount: impl Into<Quantity>) -> Self {
        let resources = self.container_fields().resources.get_or_insert_with(Default::default);
        resources.limits.get_or_insert_with(Default::default).insert(name.into(), amount.into());
        self
    }

    /// A port the container listens on.
    fn port(mut self, port: model::ContainerPort) -> Self {
        self.container_fields().ports.get_or_insert_with(Vec::new).push(port);
        self
    }

    /// When the container counts as ready.
    fn readiness_probe(mut self, probe: model::Probe) -> Self {
        *self.container_fields().readiness_probe = Some(probe);
        self
    }

    /// When the container counts as alive.
    fn liveness_probe(mut self, probe: model::Probe) -> Self {
        *self.container_fields().liveness_probe = Some(probe);
        self
    }

    /// The container's security context.
    fn security_context(mut self, context: model::SecurityContext) -> Self {
        *self.container_fields().security_context = Some(context);
        self
    }

    /// Changes the container fields directly.
    fn with_container(mut self, f: impl FnOnce(ContainerFieldsMut<'_>)) -> Self {
        f(self.container_fields());
        self
    }
}

/// A sidecar or init container.
///
/// ```
/// use hera::prelude::*;
/// let sidecar = UserContainer::new("influxdb").image("influxdb:1.2").command(["influxd"]);
/// let t = Container::new("main").image("alpine").sidecar(sidecar);
/// assert_eq!(t.to_model().sidecars.unwrap()[0].name, "influxdb");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct UserContainer(model::UserContainer);

impl UserContainer {
    /// A container called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        UserContainer(model::UserContainer { name: name.into(), ..Default::default() })
    }

    /// Also mounts the template's input and output volumes.
    pub fn mirror_volume_mounts(mut self, mirror: bool) -> Self {
        self.0.mirror_volume_mounts = Some(mirror);
        self
    }
}

impl sealed::HasContainer for UserContainer {
    fn container_fields(&mut self) -> ContainerFieldsMut<'_> {
        self.0.fields_mut()
    }
}

impl ContainerBuilder for UserContainer {}

impl From<UserContainer> for model::UserContainer {
    fn from(container: UserContainer) -> Self {
        container.0
    }
}
