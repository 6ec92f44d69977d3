//! `hera generate rust` over Argo's whole example corpus: every document is
//! generated, compiled (one crate under `target/`, a module per file, made
//! here and never committed) and run, and what it prints must equal the
//! input as data — as hera reads both.

use crate::support::{reference, relative, yaml_files};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The one file hera's reader refuses (a duplicated key): nothing to generate.
const DUPLICATE_KEY_FILE: &str = "k8s-patch-json-workflow.yaml";

#[test]
fn every_argo_example_generates_rust_that_prints_it_back() {
    let Some(reference) = reference() else { return };
    let base = reference.join("argo/examples");
    let files = yaml_files(&base);
    // The workspace root (this test lives in `checks`): its target directory.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("checks/ is in the workspace")
        .to_path_buf();
    let crate_dir = root.join("target/generate-conformance");
    let src = crate_dir.join("src");
    std::fs::create_dir_all(&src).unwrap();

    let mut taken = HashSet::new();
    let mut modules = Vec::new();
    let mut expected = Vec::new();
    let mut failures = Vec::new();
    let mut documents = 0;
    let mut comments_total = 0;
    for file in &files {
        let name = relative(file, &base);
        if name == DUPLICATE_KEY_FILE {
            continue;
        }
        let source = std::fs::read_to_string(file).unwrap();
        let input = hera::yaml::documents(&source).unwrap_or_else(|e| panic!("{name}: {e}"));
        documents += input.len();
        let comments = hera::yaml::attached_comments(&source);
        let comment_count: usize = comments.iter().map(Vec::len).sum();
        match hera::generate::rust_with_comments(&input, comments, &name) {
            Ok(generated) => {
                // Every YAML comment is one `//` line (the first line is the file's header).
                let written = generated
                    .code
                    .lines()
                    .skip(1)
                    .filter(|l| l.trim_start().starts_with("//") && !l.trim_start().starts_with("///"))
                    .filter(|l| !l.trim_start().starts_with("//!"))
                    .count();
                if written != comment_count {
                    failures.push(format!("{name}: {comment_count} comments, {written} written"));
                }
                comments_total += comment_count;
                let module = module_name(&name, &mut taken);
                write_if_changed(&src.join(format!("{module}.rs")), &generated.code);
                let data: Vec<serde_json::Value> =
                    input.iter().map(|d| serde_json::to_value(d).unwrap()).collect();
                modules.push(module);
                expected.push((name, data));
            }
            Err(error) => failures.push(format!("{name}: cannot generate: {error}")),
        }
    }
    let mut main = String::from(
        "//! Every generated example, printed by name: `=== NAME` then its YAML.\n#![allow(dead_code)]\n",
    );
    for module in &modules {
        writeln!(main, "mod {module};").unwrap();
    }
    main.push_str("\nfn main() {\n    let all: Vec<(&str, fn() -> Vec<hera::Object>)> = vec![\n");
    for module in &modules {
        writeln!(main, "        (\"{module}\", {module}::objects),").unwrap();
    }
    main.push_str(
        "    ];\n    for (name, objects) in all {\n        println!(\"=== {name}\");\n        \
         match hera::Project::new(objects()).build(None) {\n            \
         Ok(built) => print!(\"{}\", hera::yaml::to_string_all(&built.documents).unwrap()),\n            \
         Err(error) => println!(\"!!! {error}\"),\n        }\n    }\n}\n",
    );
    write_if_changed(&src.join("main.rs"), &main);
    write_if_changed(&crate_dir.join("Cargo.toml"), &manifest(&root));
    if !crate_dir.join("Cargo.lock").exists() {
        std::fs::copy(root.join("Cargo.lock"), crate_dir.join("Cargo.lock")).unwrap();
    }

    // A target directory shared with the other crates tests build
    // (`tests/library_workspace.rs`), not the workspace's: its features
    // differ, and sharing would rebuild the common dependencies back and forth.
    let target = root.join("target/examples-workspace");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let build = Command::new(&cargo)
        .args(["build", "--message-format=short", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(build.status.success(), "the generated crate does not compile:\n{stderr}");
    // `--message-format=short` names the crate's files relatively (`src/x.rs:1:2: warning: ..`);
    // cargo replays them when the crate is fresh.
    let warnings: Vec<&str> =
        stderr.lines().filter(|l| l.starts_with("src/") && l.contains(": warning")).collect();
    assert!(warnings.is_empty(), "the generated code has warnings:\n{}", warnings.join("\n"));

    let run = Command::new(target.join("debug/hera-generated-examples")).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8(run.stdout).unwrap();
    let printed: Vec<&str> = stdout.split("=== ").skip(1).collect();
    assert_eq!(printed.len(), modules.len());
    for ((module, (name, data)), section) in modules.iter().zip(&expected).zip(printed) {
        let (header, yaml) = section.split_once('\n').unwrap_or((section, ""));
        assert_eq!(header, module);
        if let Some(error) = yaml.strip_prefix("!!! ") {
            failures.push(format!("{name}: the program refuses: {error}"));
            continue;
        }
        let output = match hera::yaml::documents(yaml) {
            Ok(output) => output,
            Err(error) => {
                failures.push(format!("{name}: the program printed what hera cannot read: {error}"));
                continue;
            }
        };
        let output: Vec<serde_json::Value> =
            output.iter().map(|d| serde_json::to_value(d).unwrap()).collect();
        if output.len() != data.len() {
            failures.push(format!("{name}: {} documents became {}", data.len(), output.len()));
        }
        for (i, (a, b)) in data.iter().zip(&output).enumerate() {
            if let Some(diff) = crate::support::first_difference(a, b, "") {
                failures.push(format!("{name}#{i}: {diff}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert_eq!((files.len(), documents), (217, 227), "the corpus changed size");
    println!(
        "{} files, {documents} documents, {comments_total} comments written as Rust comments",
        files.len()
    );
}

fn module_name(name: &str, taken: &mut HashSet<String>) -> String {
    let stem = name.trim_end_matches(".yaml").trim_end_matches(".yml");
    let mut base: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    if base.starts_with(|c: char| c.is_ascii_digit()) {
        base = format!("w_{base}");
    }
    let mut module = base.clone();
    let mut n = 2;
    while !taken.insert(module.clone()) {
        module = format!("{base}_{n}");
        n += 1;
    }
    module
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}

/// The crate's manifest: hera-rs from this checkout, with `hera new`'s dev
/// profile (CI builds the scaffolded crates in the same target directory,
/// on the dependencies built here).
fn manifest(root: &Path) -> String {
    format!(
        "[package]\nname = \"hera-generated-examples\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [workspace]\n\n[dependencies]\nhera-rs = {{ path = {:?} }}\n\n\
         [profile.dev]\ndebug = \"line-tables-only\"\n",
        root.join("hera-rs").display().to_string()
    )
}
