//! Speed of `hera::lint`: Argo's whole example directory linted as one set
//! (reading included, and the rules alone on decoded documents), and
//! synthetic projects of N templates and a 200-task DAG chain, to judge that
//! the rules grow linearly. Run with `cargo bench -p hera-rs-checks --bench lint` (or
//! `bench/lint.sh`); the example set needs the reference data
//! (`HERA_REFERENCE_DIR` or `../shared/reference`).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hera::lint::Input;
use hera::model::Document;
use std::fmt::Write;
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// Every example file as `(name, text)`, sorted, as `hera lint <dir>` reads them.
fn examples() -> Option<Vec<(String, String)>> {
    let Ok(xtask::ReferenceDir::Found(reference)) = xtask::reference_dir() else {
        eprintln!("reference data not found; set HERA_REFERENCE_DIR to benchmark over Argo's examples");
        return None;
    };
    let root = reference.join("argo/examples");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut pending = vec![root.clone()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                files.push(path);
            }
        }
    }
    files.sort();
    let name = |path: &Path| path.strip_prefix(&root).unwrap().display().to_string();
    Some(files.iter().map(|path| (name(path), std::fs::read_to_string(path).unwrap())).collect())
}

fn argo_examples(c: &mut Criterion) {
    let Some(files) = examples() else { return };
    let sources: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    // Decoded once, outside the timed loop; documents that do not read are
    // left out, as lint_sources leaves them out of the rules.
    let decoded: Vec<(&str, Vec<(hera::yaml::Node, Document)>)> = files
        .iter()
        .map(|(name, text)| {
            let nodes = hera::yaml::parse(text).unwrap_or_default();
            let documents = nodes
                .into_iter()
                .filter_map(|node| Document::from_node(&node).ok().map(|document| (node, document)))
                .collect();
            (name.as_str(), documents)
        })
        .collect();
    let inputs: Vec<Input<'_>> = decoded
        .iter()
        .flat_map(|(file, documents)| {
            documents.iter().map(|(node, document)| Input { document, file: Some(file), node: Some(node) })
        })
        .collect();
    let documents: Vec<Document> = inputs.iter().map(|i| i.document.clone()).collect();
    // The set has its four known errors (tests/lint_examples.rs); a change there is not a speed-up.
    assert_eq!(hera::lint::lint_sources(&sources).findings.len(), 4);

    let mut group = c.benchmark_group("lint_argo_examples");
    group.throughput(Throughput::Elements(files.len() as u64));
    group.bench_function("lint_sources", |b| b.iter(|| hera::lint::lint_sources(black_box(&sources))));
    group.bench_function("lint_with_positions", |b| b.iter(|| hera::lint::lint(black_box(&inputs))));
    group.bench_function("lint_documents", |b| b.iter(|| hera::lint::lint_documents(black_box(&documents))));
    group.finish();
}

/// A script template taking `msg` and giving `out`; `N` is its number.
const LEAF: &str = "  - name: leaf-N
    inputs:
      parameters:
      - name: msg
    outputs:
      parameters:
      - name: out
        valueFrom: {path: /tmp/out}
    script:
      image: python:3.12
      command: [python]
      source: |
        print('{{inputs.parameters.msg}}')
        open('/tmp/out', 'w').write('N')
";

/// A project of `n` templates: WorkflowTemplates of 50 each (a DAG chaining
/// 49 script templates through their outputs, and those templates), and a
/// Workflow calling every library's DAG by templateRef.
fn project(n: usize) -> String {
    let libraries = n.div_ceil(50);
    let mut yaml = String::new();
    for lib in 0..libraries {
        let leaves = 49;
        write!(
            yaml,
            "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: lib-{lib}\nspec:\n  \
             templates:\n  - name: chain\n    inputs:\n      parameters:\n      - name: seed\n    dag:\n      \
             tasks:\n"
        )
        .unwrap();
        for leaf in 0..leaves {
            let (value, depends) = match leaf {
                0 => ("{{inputs.parameters.seed}}".to_owned(), String::new()),
                _ => {
                    let previous = leaf - 1;
                    (
                        format!("{{{{tasks.s{previous}.outputs.parameters.out}}}}"),
                        format!(", depends: s{previous}"),
                    )
                }
            };
            let arguments = format!("{{parameters: [{{name: msg, value: '{value}'}}]}}");
            writeln!(
                yaml,
                "      - {{name: s{leaf}, template: leaf-{leaf}{depends}, arguments: {arguments}}}"
            )
            .unwrap();
        }
        for leaf in 0..leaves {
            yaml.push_str(&LEAF.replace('N', &leaf.to_string()));
        }
        yaml.push_str("---\n");
    }
    yaml.push_str(
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: project-\nspec:\n  \
         entrypoint: main\n  arguments:\n    parameters:\n    - {name: seed, value: '1'}\n  templates:\n  \
         - name: main\n    steps:\n",
    );
    for lib in 0..libraries {
        let arguments = "{parameters: [{name: seed, value: '{{workflow.parameters.seed}}'}]}";
        writeln!(
            yaml,
            "    - - {{name: lib-{lib}, templateRef: {{name: lib-{lib}, template: chain}}, arguments: {arguments}}}"
        )
        .unwrap();
    }
    yaml
}

/// One Workflow whose DAG chains `n` tasks: each takes the previous task's
/// result and the first task's, so every reference needs ancestry.
fn dag_chain(n: usize) -> String {
    let mut yaml = String::from(
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: chain-\nspec:\n  \
         entrypoint: main\n  templates:\n  - name: main\n    dag:\n      tasks:\n      \
         - {name: t0, template: echo, arguments: {parameters: [{name: a, value: x}, {name: b, value: x}]}}\n",
    );
    for i in 1..n {
        let previous = format!("{{{{tasks.t{}.outputs.result}}}}", i - 1);
        let first = "{{tasks.t0.outputs.result}}";
        let arguments =
            format!("{{parameters: [{{name: a, value: '{previous}'}}, {{name: b, value: '{first}'}}]}}");
        writeln!(yaml, "      - {{name: t{i}, template: echo, depends: t{}, arguments: {arguments}}}", i - 1)
            .unwrap();
    }
    yaml.push_str(
        "  - name: echo\n    inputs:\n      parameters:\n      - name: a\n      - name: b\n    script:\n      \
         image: alpine\n      command: [sh]\n      source: echo '{{inputs.parameters.a}} {{inputs.parameters.b}}'\n",
    );
    yaml
}

/// Decodes `yaml` and checks it lints clean, so the timing is of the clean path.
fn decoded(yaml: &str) -> Vec<Document> {
    let documents = hera::yaml::documents(yaml).unwrap();
    let findings = hera::lint::lint_documents(&documents);
    assert!(findings.is_empty(), "{}", findings.iter().map(|f| format!("{f}\n")).collect::<String>());
    documents
}

fn synthetic(c: &mut Criterion) {
    let mut group = c.benchmark_group("lint_project");
    for templates in [50, 200, 800] {
        let documents = decoded(&project(templates));
        group.throughput(Throughput::Elements(templates as u64));
        group.bench_with_input(BenchmarkId::from_parameter(templates), &documents, |b, documents| {
            b.iter(|| hera::lint::lint_documents(black_box(documents)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("lint_dag_chain");
    for tasks in [50, 200] {
        let documents = decoded(&dag_chain(tasks));
        group.throughput(Throughput::Elements(tasks as u64));
        group.bench_with_input(BenchmarkId::from_parameter(tasks), &documents, |b, documents| {
            b.iter(|| hera::lint::lint_documents(black_box(documents)))
        });
    }
    group.finish();
}

criterion_group!(benches, argo_examples, synthetic);
criterion_main!(benches);
