//! Shared helpers of the conformance suites.

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The reference data directory, or `None` (after saying so) on a plain clone
/// without `../shared`. With `HERA_REFERENCE_DIR` set, a missing directory
/// fails the test.
pub fn reference() -> Option<PathBuf> {
    match xtask::reference_dir() {
        Ok(xtask::ReferenceDir::Found(dir)) => Some(dir),
        Ok(xtask::ReferenceDir::Absent) => {
            eprintln!("reference data not found; set HERA_REFERENCE_DIR to run the conformance suite");
            None
        }
        Err(message) => panic!("{message}"),
    }
}

/// Every `*.yaml`/`*.yml` file below `dir`, sorted.
pub fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
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

/// A file's documents as plain data (YAML 1.1 scalars, as kubectl reads them).
pub fn data(source: &str) -> Vec<Value> {
    hera::yaml::parse(source)
        .expect("parses")
        .iter()
        .map(|node| hera::yaml::from_node::<Value>(node).expect("is plain data"))
        .collect()
}

/// `path` relative to `base`, with `/` separators.
pub fn relative(path: &Path, base: &Path) -> String {
    path.strip_prefix(base).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// What reading `source` and writing it again gives, or the reading error.
pub fn round_trip(source: &str) -> Result<String, hera::yaml::Error> {
    let documents = hera::yaml::documents(source)?;
    hera::yaml::to_string_all(&documents)
}

/// The first difference between two values, as a path and both sides.
pub fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                match y.get(k) {
                    Some(w) => {
                        if let Some(d) = first_difference(v, w, &format!("{path}.{k}")) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{path}.{k}: {v} → (absent)")),
                }
            }
            y.keys().find(|k| !x.contains_key(*k)).map(|k| format!("{path}.{k}: (absent) → {}", y[k]))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(v, w, &format!("{path}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{path}: {a} → {b}")),
    }
}

/// An example program, as `cargo build --examples` makes it (built once per
/// test run, so a filtered `cargo test -p hera-rs-checks --test conformance` works too).
pub fn example_program(name: &str) -> std::path::PathBuf {
    static DIRECTORY: std::sync::OnceLock<Result<std::path::PathBuf, String>> = std::sync::OnceLock::new();
    let directory = DIRECTORY.get_or_init(|| {
        // This test binary is <target>/<profile>/deps/conformance-<hash>.
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let profile_dir = exe.parent().and_then(Path::parent).ok_or("unexpected test binary location")?;
        let mut build = std::process::Command::new(env!("CARGO"));
        // The examples belong to the root package, one level up from `checks`.
        build
            .args(["build", "--quiet", "-p", "hera-rs-examples", "--examples"])
            .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
        if profile_dir.file_name().is_some_and(|n| n == "release") {
            build.arg("--release");
        }
        let status = build.status().map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() {
            return Err("cargo build --examples failed".into());
        }
        Ok(profile_dir.join("examples"))
    });
    match directory {
        Ok(directory) => directory.join(name),
        Err(message) => panic!("{message}"),
    }
}

/// The command running an example, with a fixed commit (release labels
/// name it) and no image override, so its output is the same everywhere.
pub fn example_command(name: &str) -> std::process::Command {
    let mut command = std::process::Command::new(example_program(name));
    command.env("HERA_COMMIT", "0123456789abcdef0123456789abcdef01234567").env_remove("IMAGE_NAME");
    command
}

/// Runs an example program with `args`; its stdout, or a panic with its stderr.
/// Outputs are kept: several suites read the same example's YAML, and the
/// programs are deterministic.
pub fn run_example(name: &str, args: &[&str]) -> String {
    static OUTPUTS: std::sync::OnceLock<std::sync::Mutex<std::collections::HashMap<String, String>>> =
        std::sync::OnceLock::new();
    let key = format!("{name} {args:?}");
    let outputs = OUTPUTS.get_or_init(Default::default);
    if let Some(stdout) = outputs.lock().unwrap().get(&key) {
        return stdout.clone();
    }
    let output = example_command(name).args(args).output().unwrap();
    assert!(output.status.success(), "{name} {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8(output.stdout).unwrap();
    outputs.lock().unwrap().insert(key, stdout.clone());
    stdout
}
