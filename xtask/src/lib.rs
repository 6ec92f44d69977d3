//! Repository tooling for hera-rs.
//!
//! * [`codegen`] generates `hera-rs/src/model/generated/` from Argo's JSON
//!   schema. Run it with `cargo xtask codegen` (or `--check` to verify that the
//!   committed code is up to date).
//! * [`reference_dir`] finds the shared reference data (Argo's schema and
//!   examples, Hera's example YAML) that the generator and the conformance
//!   suites read. Nothing of it is copied into the repository.

pub mod codegen;

use std::path::{Path, PathBuf};

/// Environment variable that overrides where the reference data lives.
pub const REFERENCE_DIR_VAR: &str = "HERA_REFERENCE_DIR";

/// Where the reference data is, and whether its absence is an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferenceDir {
    /// Found at this absolute path.
    Found(PathBuf),
    /// Not configured and not at the default place: suites that need it skip.
    Absent,
}

/// Locates the reference data (`.../shared/reference`).
///
/// `HERA_REFERENCE_DIR` wins and must point at an existing directory (an error
/// otherwise: CI sets it, and a missing directory there is a failure). Without
/// it, `<workspace>/../shared/reference` is used when it exists; a plain clone
/// without it gets [`ReferenceDir::Absent`].
pub fn reference_dir() -> Result<ReferenceDir, String> {
    if let Some(dir) = std::env::var_os(REFERENCE_DIR_VAR) {
        let dir = PathBuf::from(dir);
        if !dir.is_absolute() {
            return Err(format!(
                "{REFERENCE_DIR_VAR}={} must be an absolute path (tests run in each crate's directory)",
                dir.display()
            ));
        }
        if !dir.is_dir() {
            return Err(format!("{REFERENCE_DIR_VAR}={} is not a directory", dir.display()));
        }
        return Ok(ReferenceDir::Found(dir));
    }
    let default = workspace_root().join("../shared/reference");
    Ok(match default.canonicalize() {
        Ok(dir) if dir.is_dir() => ReferenceDir::Found(dir),
        _ => ReferenceDir::Absent,
    })
}

/// The reference data directory, or an error naming how to provide it.
pub fn require_reference_dir() -> Result<PathBuf, String> {
    match reference_dir()? {
        ReferenceDir::Found(dir) => Ok(dir),
        ReferenceDir::Absent => Err(format!(
            "reference data not found: set {REFERENCE_DIR_VAR} to the absolute path of shared/reference, \
             or check it out at {}",
            workspace_root().join("../shared/reference").display()
        )),
    }
}

/// The root of the hera-rs workspace (the parent of this crate's directory).
pub fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives one level below the workspace root")
}
