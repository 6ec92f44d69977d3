//! What assembling an object may depend on besides the object itself.
//!
//! The library reads no environment variable and runs no program while it
//! builds objects: a program's `main` (`hera::cli::main`) reads the process
//! environment once ([`BuildOptions::from_environment`]) and passes the
//! result in; a library user sets the options explicitly or leaves them at
//! their defaults.

use super::image::IMAGE_NAME_VAR;

/// Environment variables naming the commit, first found wins; then `git rev-parse HEAD`.
pub const COMMIT_VARIABLES: [&str; 3] = ["HERA_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA"];

/// Options for assembling objects: an image override, the commit for
/// release labels, and the binary that runs `#[script]` steps.
///
/// ```
/// use hera::prelude::*;
/// let hello = Container::new("hello").command(["echo", "hi"]);
/// let workflow = Workflow::generate_name("hello-").image("busybox").entrypoint(hello);
/// let options = BuildOptions::default().image_override("registry.local/test:dev");
/// let (document, _warnings) = workflow.check_with(&options).unwrap();
/// assert!(hera::yaml::to_string(&document).unwrap().contains("image: registry.local/test:dev"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct BuildOptions {
    /// Replaces the default image (`.image(...)`) of every object, e.g. so CI
    /// can test a freshly built image. Templates that name their own image
    /// keep it.
    pub image_override: Option<String>,
    /// The commit the objects are built from, for the `hera-rs/commit`
    /// release label (`Project::release_labels`).
    pub commit: Option<String>,
    /// The command that runs `#[script]` steps in the pod (`/usr/local/bin/NAME`),
    /// replacing the one the macro chose from the crate being compiled.
    pub script_command: Option<String>,
    /// The binary the program runs as in its image: the command
    /// (`/usr/local/bin/<binary>`) of the `#[script]` templates compiled in
    /// a library crate, which cannot know which program will run them.
    pub program_binary: Option<String>,
}

impl BuildOptions {
    /// Replaces the default image of every object.
    pub fn image_override(mut self, image: impl Into<String>) -> Self {
        self.image_override = Some(image.into());
        self
    }

    /// The commit for release labels.
    pub fn commit(mut self, commit: impl Into<String>) -> Self {
        self.commit = Some(commit.into());
        self
    }

    /// The command that runs `#[script]` steps in the pod.
    pub fn script_command(mut self, command: impl Into<String>) -> Self {
        self.script_command = Some(command.into());
        self
    }

    /// The program's binary, for `#[script]` templates of library crates.
    pub fn program_binary(mut self, binary: impl Into<String>) -> Self {
        self.program_binary = Some(binary.into());
        self
    }

    /// The options a program's `main` takes from its process: the image
    /// override from `IMAGE_NAME`, the commit from [`COMMIT_VARIABLES`] or,
    /// failing those, `git rev-parse HEAD` (only when `need_commit`: it runs
    /// a program).
    pub fn from_environment(need_commit: bool) -> Self {
        let variable =
            |name: &str| std::env::var(name).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let commit = need_commit
            .then(|| COMMIT_VARIABLES.iter().find_map(|name| variable(name)).or_else(git_head))
            .flatten();
        BuildOptions {
            image_override: variable(IMAGE_NAME_VAR),
            commit,
            script_command: None,
            program_binary: program_binary(),
        }
    }
}

/// This program's binary name, as Cargo named it (a test binary's
/// `-<hash>` suffix removed), so the name is the same on every build.
fn program_binary() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let stem = exe.file_stem()?.to_str()?;
    let name = match stem.rsplit_once('-') {
        Some((name, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => name,
        _ => stem,
    };
    Some(name.to_owned())
}

/// The commit checked out in the current directory, if git knows it.
fn git_head() -> Option<String> {
    let output = std::process::Command::new("git").args(["rev-parse", "HEAD"]).output().ok()?;
    let sha = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !sha.trim().is_empty()).then(|| sha.trim().to_owned())
}
