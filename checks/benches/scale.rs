//! Building, linting and emitting the `scale` example's WorkflowTemplate —
//! what `scale yaml` does: a DAG of N tasks, as a chain (each task uses the
//! previous one's output) and as a fan-in (N independent tasks joined by
//! one). Beyond 200 tasks lint reports the CRD's cap; the YAML is emitted
//! all the same. Run with `cargo bench -p hera-rs-checks --bench scale`.

#[allow(dead_code)]
#[path = "../../examples/scale.rs"]
mod scale;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hera::Project;
use scale::{Shape, template};

fn build_and_emit(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale");
    group.sample_size(10);
    for shape in [Shape::Chain, Shape::Fanin] {
        for tasks in [100, 1_000, 10_000] {
            group.throughput(Throughput::Elements(tasks as u64));
            let id = BenchmarkId::new(format!("{shape:?}").to_lowercase(), tasks);
            group.bench_with_input(id, &tasks, |b, &tasks| {
                b.iter(|| {
                    let built = Project::new([template(shape, tasks)]).build(None).unwrap();
                    hera::yaml::to_string_all(&built.documents).unwrap().len()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, build_and_emit);
criterion_main!(benches);
