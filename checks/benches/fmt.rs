//! Reading and writing speed over Argo's example corpus (217 files), the work
//! `hera fmt` does per file. Run with `cargo bench -p hera-rs-checks --bench fmt`; needs the reference data
//! (`HERA_REFERENCE_DIR` or `../shared/reference`).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn corpus() -> Option<Vec<String>> {
    let Ok(xtask::ReferenceDir::Found(reference)) = xtask::reference_dir() else {
        eprintln!("reference data not found; set HERA_REFERENCE_DIR to benchmark over Argo's examples");
        return None;
    };
    let mut files = Vec::new();
    let mut pending = vec![reference.join("argo/examples")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                files.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    Some(files)
}

fn argo_examples(c: &mut Criterion) {
    let Some(files) = corpus() else { return };
    let bytes: usize = files.iter().map(String::len).sum();
    let parsed: Vec<_> = files.iter().filter_map(|f| hera::yaml::documents(f).ok()).collect();
    let mut group = c.benchmark_group("argo_examples");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("read", |b| {
        b.iter(|| {
            files
                .iter()
                .filter_map(|f| hera::yaml::documents(black_box(f)).ok())
                .map(|d| d.len())
                .sum::<usize>()
        })
    });
    group.bench_function("write", |b| {
        b.iter(|| {
            parsed.iter().map(|d| hera::yaml::to_string_all(black_box(d)).unwrap().len()).sum::<usize>()
        })
    });
    group.bench_function("read_and_write", |b| {
        b.iter(|| {
            files
                .iter()
                .filter_map(|f| hera::yaml::documents(black_box(f)).ok())
                .map(|d| hera::yaml::to_string_all(&d).unwrap().len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, argo_examples);
criterion_main!(benches);
