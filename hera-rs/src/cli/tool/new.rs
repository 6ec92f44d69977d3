//! `hera new`: scaffold a crate whose workflow builds, runs and tests out of
//! the box — a small `#[script]` DAG, a whole-workflow test on the local
//! engine, a Dockerfile for the runner image, a CI workflow that fails when
//! `deploy/` drifts from what the program emits, and a README.
//!
//! The files are a pure function of the options ([`Scaffold::files`]): the
//! same name and flags give byte-identical files on every run and machine
//! (a `--hera-path` dependency is written as the absolute path it resolves to).

use crate::support::{Exit, Output};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Arguments of `hera new`.
#[derive(Debug, Clone, clap::Args)]
#[command(
    about = "Start a project: a crate with a #[script] workflow, its test, a Dockerfile and CI",
    long_about = "Creates the crate NAME (in ./NAME, or in --path DIR): Cargo.toml depending on \
                  hera-rs, src/main.rs with a small DAG of typed #[script] functions, \
                  tests/workflow.rs running the whole workflow with the local engine \
                  (hera::run), a Dockerfile for the image the script steps run in, \
                  .github/workflows/ci.yml (cargo test, and `emit --out deploy/ --check` to fail \
                  when deploy/ is not what the program emits) and a README. With --lib the steps \
                  and a versioned WorkflowTemplate live in src/lib.rs, for other crates to use, and \
                  src/main.rs is the program around them. The directory must not exist or be \
                  empty. Exit 0 when created, 2 for an invalid NAME, a non-empty directory, a \
                  --hera-path without hera-rs, or files that cannot be written."
)]
pub struct NewArgs {
    /// The crate's name: lower-case letters, digits, '-' and '_', starting
    /// with a letter (also the binary's name and, with '_' as '-', the
    /// workflow template's).
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Put the steps and a versioned WorkflowTemplate in a library
    /// (src/lib.rs), with src/main.rs as the program using it.
    #[arg(long)]
    pub lib: bool,
    /// Create the crate in DIR instead of ./NAME.
    #[arg(long, value_name = "DIR")]
    pub path: Option<PathBuf>,
    /// Depend on the hera-rs at PATH (a checkout or its hera-rs/ directory)
    /// instead of the crates.io release.
    #[arg(long, value_name = "PATH")]
    pub hera_path: Option<PathBuf>,
}

/// Why `hera new` could not scaffold the crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NewError {
    /// NAME cannot be the crate's (and the workflow's) name.
    #[error("'{name}' cannot be the crate's name: {reason}")]
    InvalidName {
        /// The name given.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The target directory exists and holds files.
    #[error("{} already exists and is not empty; choose another NAME or --path", .0.display())]
    NotEmpty(PathBuf),
    /// The target path exists and is not a directory.
    #[error("{} already exists and is not a directory", .0.display())]
    NotADirectory(PathBuf),
    /// `--hera-path` does not lead to the hera-rs package.
    #[error("--hera-path {}: {reason}", .path.display())]
    HeraPath {
        /// The path given.
        path: PathBuf,
        /// What was not found there.
        reason: String,
    },
    /// A directory or file could not be read or written.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
}

/// Where the generated crate gets hera-rs from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeraDependency {
    /// A crates.io version requirement, such as `0.1`.
    Version(String),
    /// A path dependency on the hera-rs package in this directory.
    Path(PathBuf),
}

/// What to scaffold: a validated name, the crate's shape and its hera-rs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scaffold {
    name: String,
    lib: bool,
    hera: HeraDependency,
}

/// One file of the scaffold: its path relative to the crate and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// The path inside the crate, with `/` separators (`src/main.rs`).
    pub path: &'static str,
    /// The file's contents.
    pub contents: String,
}

impl Scaffold {
    /// A scaffold for the crate `name` (checked: see [`check_name`]),
    /// depending on this hera-rs's crates.io release.
    pub fn new(name: &str, lib: bool) -> Result<Scaffold, NewError> {
        check_name(name)?;
        Ok(Scaffold { name: name.to_owned(), lib, hera: HeraDependency::Version(release_requirement()) })
    }

    /// Depends on hera-rs through `dependency` instead.
    #[must_use]
    pub fn hera(mut self, dependency: HeraDependency) -> Scaffold {
        self.hera = dependency;
        self
    }

    /// The crate's files, in a fixed order.
    pub fn files(&self) -> Vec<File> {
        let names = Names::of(&self.name);
        let render = |template: &str| names.fill(template, &self.hera_dependency());
        let mut files = vec![File { path: "Cargo.toml", contents: render(CARGO_TOML) }];
        if self.lib {
            files.push(File { path: "src/lib.rs", contents: render(LIB_RS) });
            files.push(File { path: "src/main.rs", contents: render(LIB_MAIN_RS) });
            files.push(File { path: "tests/workflow.rs", contents: render(LIB_TEST_RS) });
        } else {
            files.push(File { path: "src/main.rs", contents: render(MAIN_RS) });
            files.push(File { path: "tests/workflow.rs", contents: render(TEST_RS) });
        }
        files.push(File { path: "Dockerfile", contents: render(DOCKERFILE) });
        files.push(File { path: "Dockerfile.dockerignore", contents: render(DOCKERIGNORE) });
        files.push(File { path: ".gitignore", contents: render(GITIGNORE) });
        files.push(File { path: ".github/workflows/ci.yml", contents: render(CI_YML) });
        let readme = if self.lib { LIB_README } else { README };
        files.push(File { path: "README.md", contents: render(readme) });
        files
    }

    /// Writes the files into `dir`, which must be missing or empty; returns
    /// their paths. Existing files are never overwritten.
    pub fn write(&self, dir: &Path) -> Result<Vec<PathBuf>, NewError> {
        match std::fs::metadata(dir) {
            Ok(meta) if !meta.is_dir() => return Err(NewError::NotADirectory(dir.to_owned())),
            Ok(_) => {
                let mut entries = std::fs::read_dir(dir).map_err(|source| io(dir, source))?;
                if entries.next().is_some() {
                    return Err(NewError::NotEmpty(dir.to_owned()));
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(io(dir, source)),
        }
        let mut written = Vec::new();
        for file in self.files() {
            let path = dir.join(file.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|source| io(parent, source))?;
            }
            let mut handle = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(|source| io(&path, source))?;
            std::io::Write::write_all(&mut handle, file.contents.as_bytes())
                .map_err(|source| io(&path, source))?;
            written.push(path);
        }
        Ok(written)
    }

    fn hera_dependency(&self) -> String {
        match &self.hera {
            HeraDependency::Version(version) => format!("hera-rs = {}", toml_string(version)),
            HeraDependency::Path(path) => {
                format!("hera-rs = {{ path = {} }}", toml_string(&path.to_string_lossy()))
            }
        }
    }
}

fn io(path: &Path, source: std::io::Error) -> NewError {
    NewError::Io { path: path.to_owned(), source }
}

/// The crates.io requirement for this hera-rs: `0.MINOR` before 1.0 (where a
/// minor release may break), `MAJOR` after.
fn release_requirement() -> String {
    let version = env!("CARGO_PKG_VERSION");
    let mut parts = version.split('.');
    match (parts.next(), parts.next()) {
        (Some("0"), Some(minor)) => format!("0.{minor}"),
        (Some(major), _) => major.to_owned(),
        (None, _) => version.to_owned(),
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Names that are Rust keywords (strict, reserved, and the 2024 edition's
/// `gen`) or that Cargo refuses for a package with a library or binary.
const RESERVED: &[&str] = &[
    "abstract",
    "alloc",
    "as",
    "async",
    "await",
    "become",
    "box",
    "break",
    "build",
    "const",
    "continue",
    "core",
    "crate",
    "deps",
    "do",
    "dyn",
    "else",
    "enum",
    "examples",
    "extern",
    "false",
    "final",
    "fn",
    "for",
    "gen",
    "if",
    "impl",
    "in",
    "incremental",
    "let",
    "loop",
    "macro",
    "match",
    "mod",
    "move",
    "mut",
    "override",
    "priv",
    "proc-macro",
    "proc_macro",
    "pub",
    "ref",
    "return",
    "self",
    "static",
    "std",
    "struct",
    "super",
    "test",
    "trait",
    "true",
    "try",
    "type",
    "typeof",
    "unsafe",
    "unsized",
    "use",
    "virtual",
    "where",
    "while",
    "yield",
];

/// Names Windows reserves for devices (Cargo refuses them too).
const WINDOWS_DEVICES: &[&str] = &["aux", "con", "nul", "prn"];

/// The names of hera-rs's own crates: a crate of that name could not depend on them.
const HERA_CRATES: &[&str] =
    &["hera", "hera-rs", "hera_rs", "hera-rs-macros", "hera_rs_macros", "hera-rs-names", "hera_rs_names"];

/// The longest NAME: `NAME-wt-vX.Y.Z` of `--lib` must stay within Argo's 63
/// characters for a workflow template's name, with room for the version.
pub const MAX_NAME_LEN: usize = 40;

/// Checks that `name` can be the crate's name, its binary's and (with '_'
/// as '-') its workflow template's: 1 to [`MAX_NAME_LEN`] lower-case ASCII
/// letters, digits, '-' and '_', starting with a letter and ending with a
/// letter or digit, and not a Rust keyword or a name Cargo refuses.
pub fn check_name(name: &str) -> Result<(), NewError> {
    let invalid = |reason: String| Err(NewError::InvalidName { name: name.to_owned(), reason });
    let Some(first) = name.chars().next() else {
        return invalid("the name is empty".to_owned());
    };
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        return invalid(format!(
            "{bad:?} is not allowed; use ASCII letters, digits, '-' and '_' (Cargo's rule for a package name)"
        ));
    }
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        return invalid(format!(
            "use lower case ('{}'): the name is also the workflow's, and Kubernetes names are lower case",
            name.to_ascii_lowercase()
        ));
    }
    if !first.is_ascii_lowercase() {
        return invalid("the name must start with a letter".to_owned());
    }
    if name.ends_with(['-', '_']) {
        return invalid("the name must end with a letter or a digit (Kubernetes names do)".to_owned());
    }
    if name.len() > MAX_NAME_LEN {
        return invalid(format!(
            "it has {} characters; at most {MAX_NAME_LEN}, so that the workflow template's versioned \
             name stays within Argo's 63",
            name.len()
        ));
    }
    if RESERVED.contains(&name) {
        return invalid("it is a Rust keyword or a name Cargo reserves".to_owned());
    }
    let device = name.strip_suffix(|c: char| c.is_ascii_digit()).unwrap_or(name);
    if WINDOWS_DEVICES.contains(&name)
        || (matches!(device, "com" | "lpt") && name.len() == 4 && !name.ends_with('0'))
    {
        return invalid("Windows reserves it for a device, and Cargo refuses it".to_owned());
    }
    if HERA_CRATES.contains(&name) {
        return invalid("it is the name of a hera-rs crate, which the new crate depends on".to_owned());
    }
    Ok(())
}

/// Finds the hera-rs package at `path`: the package's own directory, or a
/// checkout holding it in `hera-rs/`. Returns its absolute path.
pub fn find_hera(path: &Path) -> Result<PathBuf, NewError> {
    let failed = |reason: String| NewError::HeraPath { path: path.to_owned(), reason };
    let absolute = std::fs::canonicalize(path).map_err(|error| failed(error.to_string()))?;
    for dir in [absolute.clone(), absolute.join("hera-rs")] {
        let Ok(manifest) = std::fs::read_to_string(dir.join("Cargo.toml")) else { continue };
        if manifest.lines().any(|line| line.trim() == r#"name = "hera-rs""#) {
            if dir.to_str().is_none() {
                return Err(failed("the path is not valid UTF-8, which Cargo.toml cannot hold".to_owned()));
            }
            return Ok(dir);
        }
    }
    Err(failed("neither it nor its hera-rs/ directory holds the hera-rs package's Cargo.toml".to_owned()))
}

/// The names a crate's files use.
struct Names {
    /// The package (and binary) name.
    package: String,
    /// The library's name in Rust paths (`-` as `_`).
    krate: String,
    /// The Kubernetes name (`_` as `-`).
    kube: String,
}

impl Names {
    fn of(name: &str) -> Names {
        Names { package: name.to_owned(), krate: name.replace('-', "_"), kube: name.replace('_', "-") }
    }

    fn fill(&self, template: &str, hera_dependency: &str) -> String {
        template
            .replace("@HERA_DEPENDENCY@", hera_dependency)
            .replace("@PACKAGE@", &self.package)
            .replace("@CRATE@", &self.krate)
            .replace("@KUBE@", &self.kube)
    }
}

/// Runs `hera new`.
pub fn run(args: &NewArgs, out: &mut Output<'_>) -> Exit {
    match scaffold(args) {
        Ok((dir, files)) => {
            out.write(&report(args, &dir, &files));
            Exit::Success
        }
        Err(error) => {
            out.error(format!("hera new: {error}"));
            Exit::Usage
        }
    }
}

fn scaffold(args: &NewArgs) -> Result<(PathBuf, Vec<PathBuf>), NewError> {
    let mut scaffold = Scaffold::new(&args.name, args.lib)?;
    let dir = args.path.clone().unwrap_or_else(|| PathBuf::from(&args.name));
    if let Some(path) = &args.hera_path {
        let hera = find_hera(path)?;
        scaffold = scaffold.hera(HeraDependency::Path(relative(&absolute_dir(&dir), &hera)));
    }
    let files = scaffold.write(&dir)?;
    Ok((dir, files))
}

/// `dir` made absolute, through the real path of its parent when that
/// exists (so that it compares with [`find_hera`]'s canonical path).
fn absolute_dir(dir: &Path) -> PathBuf {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_owned());
    match (absolute.parent().map(std::fs::canonicalize), absolute.file_name()) {
        (Some(Ok(parent)), Some(name)) => parent.join(name),
        _ => absolute,
    }
}

/// `to` as a path relative to `from` (both absolute): `../hera` for a
/// checkout beside the crate, so that the two copied together (a Docker
/// build context, another machine) still find each other.
fn relative(from: &Path, to: &Path) -> PathBuf {
    let (from, to): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return to.iter().collect(); // different roots: only an absolute path works
    }
    let mut path: PathBuf =
        std::iter::repeat_n(std::path::Component::ParentDir, from.len() - common).collect();
    path.extend(&to[common..]);
    if path.as_os_str().is_empty() { PathBuf::from(".") } else { path }
}

/// What was created and what to run next.
fn report(args: &NewArgs, dir: &Path, files: &[PathBuf]) -> String {
    let kind = if args.lib { "library and program" } else { "program" };
    let mut text = format!("Created the hera-rs {kind} '{}' in {}:\n", args.name, dir.display());
    for file in files {
        let relative = file.strip_prefix(dir).unwrap_or(file);
        let _ = writeln!(text, "  {}", relative.display());
    }
    let _ = write!(
        text,
        "\nNext:\n  cd {}\n  cargo test                          # run the whole workflow on this machine\n  \
         cargo run -- emit --out deploy/     # write the YAML to deploy/; commit it (CI checks it is current)\n",
        dir.display()
    );
    if args.hera_path.is_some() {
        text.push_str(
            "\nhera-rs is a path dependency: build the image from a directory that holds both \
             (`docker build -f DIR/Dockerfile --build-arg CRATE=DIR .`, DIR this crate's path in it), \
             or switch to the crates.io release.\n",
        );
    }
    text
}

const CARGO_TOML: &str = r#"[package]
name = "@PACKAGE@"
version = "0.1.0"
edition = "2024"
rust-version = "1.89"

[dependencies]
@HERA_DEPENDENCY@

# Debug builds keep file and line numbers (backtraces, debuggers' stepping)
# but not full debug information: a clean build takes about a quarter less.
[profile.dev]
debug = "line-tables-only"

# The release binary is also the one in the pod: whole-program optimisation,
# no symbol tables and no unwinding tables make it about half the size (a
# script's panic is still reported as a failed step, from the panic hook).
[profile.release]
lto = true
codegen-units = 1
strip = true
panic = "abort"
"#;

const MAIN_RS: &str = r#"//! @PACKAGE@: an Argo workflow written in Rust with hera-rs.
//!
//! ```text
//! cargo run                          # print the YAML
//! cargo run -- run                   # run the workflow on this machine, with a trace
//! cargo run -- emit --out deploy/    # write deploy/*.yaml (commit it; CI checks it)
//! ```
//!
//! In the pod, Argo runs this same binary: `@PACKAGE@ exec <template> <inputs file>`.

use hera::prelude::*;

/// Where the image is pushed (see the Dockerfile).
pub const REGISTRY: &str = "registry.example.com";

/// Greets someone: the first step.
#[script]
pub fn greet(name: String) -> String {
    format!("Hello, {name}!")
}

/// Counts the letters of a text.
#[script]
pub fn count_letters(text: String) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// Puts the greeting and its count together.
#[script]
pub fn report(greeting: String, letters: usize) -> String {
    format!("{greeting} ({letters} letters)")
}

/// The objects this program prints, emits and runs.
pub fn objects() -> Vec<Object> {
    let main = Dag::new("main", |d| {
        let greeting = d.task("greet", greet::call("world"));
        // Each task that uses another's result depends on it: no hand-written `depends`.
        let letters = d.task("count", count_letters::call(greeting.result()));
        d.task("report", report::call(greeting.result(), letters.result()));
    });
    // The image the Dockerfile builds, tagged with this crate's version.
    let version = hera::package_version!();
    let name = "@KUBE@";
    let image = format!("{REGISTRY}/{name}:v{version}");
    let template = WorkflowTemplate::new(name).image(image).entrypoint(main);
    vec![template.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
"#;

const TEST_RS: &str = r#"//! The whole workflow on hera-rs's local engine: each `#[script]` step runs
//! in this process, with Argo's semantics for the rest.

#[allow(dead_code)] // `main` is the binary's
#[path = "../src/main.rs"]
mod app;

use hera::run::{Phase, Run};

#[test]
fn the_workflow_succeeds() {
    let report = Run::new(app::objects()).unwrap().run().unwrap();
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.result("greet"), Some("Hello, world!"));
    assert_eq!(report.result("count"), Some("10"));
    // Nothing reads the last task's result, so Argo keeps none; its pod printed it.
    assert_eq!(report.stdout("report"), Some("Hello, world! (10 letters)"));
}

#[test]
fn the_steps_are_plain_functions() {
    assert_eq!(app::count_letters("Hello, world!".to_owned()), 10);
}
"#;

const LIB_RS: &str = r#"//! @PACKAGE@: `#[script]` steps and the versioned WorkflowTemplate that
//! holds them. Other crates can depend on this one and wire the steps into
//! their own DAGs (`@CRATE@::greet::call(..)`).

use hera::prelude::*;

/// Where the image is pushed (see the Dockerfile).
pub const REGISTRY: &str = "registry.example.com";

/// Greets someone: the first step.
#[script]
pub fn greet(name: String) -> String {
    format!("Hello, {name}!")
}

/// Counts the letters of a text.
#[script]
pub fn count_letters(text: String) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// Puts the greeting and its count together.
#[script]
pub fn report(greeting: String, letters: usize) -> String {
    format!("{greeting} ({letters} letters)")
}

/// The WorkflowTemplate `@KUBE@-wt-v<version>`: named by this crate's
/// version, so each release is a new, immutable template.
pub fn workflow_template() -> WorkflowTemplate {
    let main = Dag::new("main", |d| {
        let greeting = d.task("greet", greet::call("world"));
        // Each task that uses another's result depends on it: no hand-written `depends`.
        let letters = d.task("count", count_letters::call(greeting.result()));
        d.task("report", report::call(greeting.result(), letters.result()));
    });
    // The image the Dockerfile builds, tagged with this crate's version.
    let version = hera::package_version!();
    let image = format!("{REGISTRY}/@KUBE@:v{version}");
    WorkflowTemplate::new("@KUBE@-wt")
        .versioned(version)
        .image(image)
        .entrypoint(main)
}

/// The objects the program prints, emits and runs.
pub fn objects() -> Vec<Object> {
    vec![workflow_template().into()]
}
"#;

const LIB_MAIN_RS: &str = r#"//! The @PACKAGE@ program: prints, lints, emits and runs the library's
//! objects, and in the pod runs its steps (`@PACKAGE@ exec <template> <inputs file>`).
//!
//! ```text
//! cargo run                          # print the YAML
//! cargo run -- run                   # run the workflow on this machine, with a trace
//! cargo run -- emit --out deploy/    # write deploy/*.yaml (commit it; CI checks it)
//! ```

fn main() -> std::process::ExitCode {
    hera::cli::main(@CRATE@::objects())
}
"#;

const LIB_TEST_RS: &str = r#"//! The whole workflow on hera-rs's local engine: each `#[script]` step runs
//! in this process, with Argo's semantics for the rest.

use @CRATE@::{count_letters, objects, workflow_template};
use hera::run::{Phase, Run};

#[test]
fn the_workflow_succeeds() {
    let report = Run::new(objects()).unwrap().run().unwrap();
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.result("greet"), Some("Hello, world!"));
    assert_eq!(report.result("count"), Some("10"));
    // Nothing reads the last task's result, so Argo keeps none; its pod printed it.
    assert_eq!(report.stdout("report"), Some("Hello, world! (10 letters)"));
}

#[test]
fn the_template_is_named_by_the_version() {
    let version = env!("CARGO_PKG_VERSION");
    let name = format!("@KUBE@-wt-v{version}");
    let yaml = workflow_template().to_yaml().unwrap();
    assert!(yaml.contains(&format!("name: {name}\n")), "{yaml}");
}

#[test]
fn the_steps_are_plain_functions() {
    assert_eq!(count_letters("Hello, world!".to_owned()), 10);
}
"#;

const DOCKERFILE: &str = r#"# syntax=docker/dockerfile:1
# The image @PACKAGE@'s script steps run in: the binary that prints the YAML
# is also what each step's pod runs (`/usr/local/bin/@PACKAGE@ exec <template>
# <inputs file>`; the templates name that path).
#
#   docker build -t registry.example.com/@KUBE@:v0.1.0 .
#
# Tag it with the crate's version: that is the image the YAML names. In a
# workspace, or with path dependencies outside this directory, build from the
# directory that holds them all and say where this crate is in it:
#
#   docker build -f flows/@PACKAGE@/Dockerfile --build-arg CRATE=flows/@PACKAGE@ -t ... .

# Build stage: the program in release mode (the caches keep rebuilds fast).
FROM rust:1.95-slim-bookworm AS build
ARG CRATE=.
WORKDIR /src
COPY . .
# One target directory wherever the workspace root is.
ENV CARGO_TARGET_DIR=/src/target
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --manifest-path "${CRATE}/Cargo.toml" --bin @PACKAGE@ \
 && cp /src/target/release/@PACKAGE@ /program

# Runtime stage: a small base with a writable /tmp, where Argo writes the
# step's inputs file and the runner writes its outputs (/tmp/hera-outputs).
FROM debian:bookworm-slim
RUN chmod 1777 /tmp
COPY --from=build /program /usr/local/bin/@PACKAGE@
# Argo sets the command from the template; nothing else is needed.
USER 65532:65532
"#;

/// BuildKit reads `Dockerfile.dockerignore` beside the Dockerfile whatever
/// the build context is (the crate, or a workspace root above it).
const DOCKERIGNORE: &str = "**/target/\n**/deploy/\n**/.git/\n";

const GITIGNORE: &str = "/target\n";

const CI_YML: &str = r#"# The tests run the whole workflow on the runner; deploy/ must hold what the
# program emits (after a change: `cargo run -- emit --out deploy/`, commit).
name: ci
on:
  push:
    branches: [main]
  pull_request:
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: dtolnay/rust-toolchain@stable
        with:
          components: rustfmt, clippy
      - uses: Swatinem/rust-cache@v2
      - run: cargo fmt --check
      - run: cargo clippy --all-targets -- -D warnings
      - run: cargo test
      - name: deploy/ is what the program emits
        run: cargo run -- emit --out deploy/ --check
"#;

const README: &str = r#"# @PACKAGE@

An Argo workflow written in Rust with [hera-rs](https://github.com/hera-rs/hera-rs):
`src/main.rs` holds the steps (`#[script]` functions) and the DAG that wires them.

```sh
cargo test                          # run the whole workflow on this machine
cargo run -- emit --out deploy/     # write the YAML to deploy/ (commit it; CI checks it)
```

More: `cargo run` prints the YAML, `cargo run -- run` runs the workflow with a
trace, `cargo run -- lint` checks it with Argo's rules, `cargo run -- --help`
lists the rest.

## Deploying

```sh
docker build -t registry.example.com/@KUBE@:v0.1.0 .   # the image the YAML names
docker push registry.example.com/@KUBE@:v0.1.0
kubectl apply -f deploy/
argo submit --from workflowtemplate/@KUBE@
```
"#;

const LIB_README: &str = r#"# @PACKAGE@

Argo workflow steps written in Rust with [hera-rs](https://github.com/hera-rs/hera-rs):
`src/lib.rs` holds the steps (`#[script]` functions) and the versioned
WorkflowTemplate `@KUBE@-wt-v<version>` that runs them; `src/main.rs` is the
program that prints, emits and runs it, and runs the steps in the pod. Other
crates can depend on this one and use the steps in their own DAGs.

```sh
cargo test                          # run the whole workflow on this machine
cargo run -- emit --out deploy/     # write the YAML to deploy/ (commit it; CI checks it)
```

More: `cargo run` prints the YAML, `cargo run -- run` runs the workflow with a
trace, `cargo run -- lint` checks it with Argo's rules, `cargo run -- --help`
lists the rest. A release is a version bump in Cargo.toml: the template's name
and the image's tag follow it, and `emit` refuses to change a published release.

## Deploying

```sh
docker build -t registry.example.com/@KUBE@:v0.1.0 .   # the image the YAML names
docker push registry.example.com/@KUBE@:v0.1.0
kubectl apply -f deploy/
argo submit --from workflowtemplate/@KUBE@-wt-v0.1.0
```
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_are_deterministic() {
        for lib in [false, true] {
            let a = Scaffold::new("my-flow", lib).unwrap().files();
            let b = Scaffold::new("my-flow", lib).unwrap().files();
            assert_eq!(a, b);
            for file in &a {
                for placeholder in ["@PACKAGE@", "@CRATE@", "@KUBE@", "@HERA_DEPENDENCY@"] {
                    assert!(!file.contents.contains(placeholder), "{} keeps {placeholder}", file.path);
                }
            }
        }
    }

    #[test]
    fn names_become_rust_and_kubernetes_names() {
        let files = Scaffold::new("my_flow-2", true).unwrap().files();
        let text = |path: &str| &files.iter().find(|f| f.path == path).unwrap().contents;
        assert!(text("Cargo.toml").contains("name = \"my_flow-2\""));
        assert!(text("src/main.rs").contains("hera::cli::main(my_flow_2::objects())"));
        assert!(text("src/lib.rs").contains("WorkflowTemplate::new(\"my-flow-2-wt\")"));
        assert!(text("Dockerfile").contains("/usr/local/bin/my_flow-2"));
    }

    #[test]
    fn the_dependency_is_the_release_or_a_path() {
        let cargo = |scaffold: Scaffold| scaffold.files().remove(0).contents;
        assert!(cargo(Scaffold::new("a", false).unwrap()).contains("\nhera-rs = \"0.1\"\n"));
        let path =
            Scaffold::new("a", false).unwrap().hera(HeraDependency::Path(PathBuf::from(r#"/x/"y"\z"#)));
        assert!(cargo(path).contains(r#"hera-rs = { path = "/x/\"y\"\\z" }"#));
        assert_eq!(release_requirement(), "0.1");
    }

    #[test]
    fn a_path_dependency_is_written_relative_to_the_crate() {
        let relative = |from: &str, to: &str| relative(Path::new(from), Path::new(to));
        assert_eq!(relative("/work/flows/etl", "/work/hera-rs/hera-rs"), Path::new("../../hera-rs/hera-rs"));
        assert_eq!(relative("/work/etl", "/work/etl/vendor/hera-rs"), Path::new("vendor/hera-rs"));
        assert_eq!(relative("/tmp/etl", "/work/hera-rs"), Path::new("../../work/hera-rs"));
        assert_eq!(relative("/work/etl", "/work/etl"), Path::new("."));
    }

    #[test]
    fn bad_names_are_refused_with_a_reason() {
        for (name, reason) in [
            ("", "empty"),
            ("My-Flow", "lower case ('my-flow')"),
            ("1flow", "start with a letter"),
            ("_flow", "start with a letter"),
            ("flow-", "end with a letter or a digit"),
            ("my flow", "' ' is not allowed"),
            ("flöw", "'ö' is not allowed"),
            ("fn", "keyword"),
            ("test", "Cargo reserves"),
            ("con", "Windows"),
            ("com1", "Windows"),
            ("hera", "hera-rs crate"),
            ("hera-rs", "hera-rs crate"),
        ] {
            let error = check_name(name).unwrap_err().to_string();
            assert!(error.contains(reason), "{name}: {error}");
        }
        assert!(check_name(&"a".repeat(MAX_NAME_LEN + 1)).unwrap_err().to_string().contains("at most 40"));
        for name in ["a", "my-flow", "my_flow", "etl2", "com10", "com0", "heras", &"a".repeat(MAX_NAME_LEN)] {
            assert!(check_name(name).is_ok(), "{name}");
        }
    }
}
