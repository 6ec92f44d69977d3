//! The Argo model generator: `schema.json` in, `hera-rs/src/model/generated/*.rs` out.
//!
//! Pipeline (one module each): [`schema`] reads the definitions reachable from
//! Argo's five top-level kinds; [`naming`] gives them Rust names (the rename and
//! special-type tables live there); [`order`] fixes the order of fields, which
//! is also the order of keys in emitted YAML; [`docs`] turns the schema's
//! descriptions into rustdoc that cannot become a doctest or a broken link; and
//! [`emit`] writes the Rust source with `quote` and `prettyplease`.

pub mod docs;
pub mod emit;
pub mod naming;
pub mod order;
pub mod schema;

use std::path::{Path, PathBuf};

/// Where the generated files live, relative to the workspace root.
pub const OUTPUT_DIR: &str = "hera-rs/src/model/generated";

/// Path of `schema.json` below the reference directory.
pub const SCHEMA_PATH: &str = "argo/schema.json";

/// One generated file: its name inside [`OUTPUT_DIR`] and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// File name, e.g. `workflow.rs`.
    pub name: String,
    /// Complete file contents.
    pub contents: String,
}

/// Generates every model file from the schema at `schema_path`.
pub fn generate(schema_path: &Path) -> Result<Vec<GeneratedFile>, String> {
    let text = std::fs::read_to_string(schema_path)
        .map_err(|e| format!("cannot read {}: {e}", schema_path.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", schema_path.display()))?;
    let schema = schema::Schema::load(&json)?;
    let model = naming::name_all(&schema)?;
    Ok(emit::emit_all(&model))
}

/// Writes the generated files into `dir` (created if needed), removing stale
/// `.rs` files so that a definition dropped from the schema disappears.
pub fn write_into(dir: &Path, files: &[GeneratedFile]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for stale in rust_files(dir)? {
        if !files.iter().any(|f| dir.join(&f.name) == stale) {
            std::fs::remove_file(&stale).map_err(|e| format!("cannot remove {}: {e}", stale.display()))?;
        }
    }
    for file in files {
        let path = dir.join(&file.name);
        std::fs::write(&path, &file.contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Compares `files` with what is in `dir`; returns the names that differ,
/// are missing, or are extra.
pub fn differences(dir: &Path, files: &[GeneratedFile]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for file in files {
        match std::fs::read_to_string(dir.join(&file.name)) {
            Ok(existing) if existing == file.contents => {}
            Ok(_) => out.push(format!("{} differs", file.name)),
            Err(_) => out.push(format!("{} is missing", file.name)),
        }
    }
    for path in rust_files(dir)? {
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        if !files.iter().any(|f| f.name == name) {
            out.push(format!("{name} is not generated any more"));
        }
    }
    Ok(out)
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// `cargo xtask codegen [--check]`.
pub fn run(check: bool) -> Result<String, String> {
    let schema = crate::require_reference_dir()?.join(SCHEMA_PATH);
    let files = generate(&schema)?;
    let dir = crate::workspace_root().join(OUTPUT_DIR);
    if check {
        let diffs = differences(&dir, &files)?;
        if diffs.is_empty() {
            Ok(format!("{OUTPUT_DIR} is up to date ({} files)", files.len()))
        } else {
            Err(format!("{OUTPUT_DIR} is out of date ({}); run `cargo xtask codegen`", diffs.join(", ")))
        }
    } else {
        write_into(&dir, &files)?;
        let lines: usize = files.iter().map(|f| f.contents.lines().count()).sum();
        Ok(format!("wrote {} files ({lines} lines) to {OUTPUT_DIR}", files.len()))
    }
}
