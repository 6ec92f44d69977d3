//! Helpers shared by the integration tests: running the `hera` binary,
//! writing input files and finding Argo's examples.
#![allow(dead_code)] // each test file uses a part

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What a run of `hera` did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `hera ARGS` with `stdin`, asserting it exited (not killed) without a panic.
pub fn hera(args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hera"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails early may not read its stdin.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let output = child.wait_with_output().unwrap();
    let run = Run {
        code: output.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "hera panicked: {}", run.stderr);
    run
}

/// Writes `dir/name` (creating directories) and returns its path as text.
pub fn file(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, contents).unwrap();
    path.to_string_lossy().into_owned()
}

/// Argo's examples, or `None` (after saying so) on a plain clone without
/// `../shared`. With `HERA_REFERENCE_DIR` set, a missing directory fails.
pub fn examples() -> Option<PathBuf> {
    let reference = match std::env::var_os("HERA_REFERENCE_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => {
            let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference");
            if !default.is_dir() {
                eprintln!("reference data not found; set HERA_REFERENCE_DIR to test with Argo's examples");
                return None;
            }
            default
        }
    };
    let examples = reference.join("argo/examples");
    assert!(examples.is_dir(), "{} is not a directory", examples.display());
    Some(examples)
}

/// Every `*.yaml`/`*.yml` below `dir`, sorted, as `hera lint <dir>` reads them.
pub fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
