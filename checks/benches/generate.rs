//! Speed of `hera generate rust` over Argo's whole example directory in one
//! process (reading included), the work `hera generate rust --out DIR
//! examples/` does. Goal: < 200 ms. Run with `cargo bench -p hera-rs-checks --bench generate`;
//! needs the reference data (`HERA_REFERENCE_DIR` or `../shared/reference`).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;

fn corpus() -> Option<Vec<(String, String)>> {
    let Ok(xtask::ReferenceDir::Found(reference)) = xtask::reference_dir() else {
        eprintln!("reference data not found; set HERA_REFERENCE_DIR to benchmark over Argo's examples");
        return None;
    };
    let mut files: Vec<PathBuf> = Vec::new();
    let mut pending = vec![reference.join("argo/examples")];
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
    Some(files.into_iter().map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap())).collect())
}

fn whole_corpus(c: &mut Criterion) {
    let Some(files) = corpus() else { return };
    c.bench_function("generate rust, Argo's examples", |b| {
        b.iter(|| {
            let mut bytes = 0;
            for (name, text) in &files {
                // The one file the reader refuses (a duplicate key) is skipped, as by the tool.
                let Ok(documents) = hera::yaml::documents(text) else { continue };
                bytes += hera::generate::rust(&documents, name).map(|g| g.code.len()).unwrap_or(0);
            }
            black_box(bytes)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = whole_corpus
}
criterion_main!(benches);
