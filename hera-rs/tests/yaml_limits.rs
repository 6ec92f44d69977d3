//! What reading a 50 MB workflow costs in memory, measured from the
//! process's peak resident size (the size and document limits are tested in
//! yaml.rs).

/// A line of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`: the peak).
#[cfg(target_os = "linux")]
fn status_bytes(field: &str) -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    let kb: usize = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kb * 1024
}

/// A workflow of `templates` script templates, each with parameters and a
/// 2 KB script: the shape of a large generated workflow.
fn large_workflow(templates: usize) -> String {
    let mut s = String::from(
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: large\nspec:\n  entrypoint: t0\n  templates:\n",
    );
    let body: String =
        (0..40).map(|i| format!("        echo \"line {i} of the script body\" >> /tmp/out.txt\n")).collect();
    for t in 0..templates {
        s.push_str(&format!(
            "  - name: t{t}\n    inputs:\n      parameters:\n      - name: a\n        value: \"{t}\"\n      - name: b\n    script:\n      image: alpine:3.20\n      command: [sh]\n      source: |\n{body}\n"
        ));
    }
    s
}

// The only test of this binary, so that the process's peak is this read's.
#[cfg(target_os = "linux")]
#[test]
fn a_50_mb_workflow_reads_within_a_bounded_multiple_of_its_size() {
    let source = large_workflow(22_000);
    let size = source.len();
    let before = status_bytes("VmRSS:");
    let documents = hera::yaml::documents(&source).unwrap();
    let peak = status_bytes("VmHWM:").saturating_sub(before);
    eprintln!("input {} MB, peak {} MB ({:.1}x)", size >> 20, peak >> 20, peak as f64 / size as f64);
    let hera::model::Document::Workflow(w) = &documents[0] else { panic!("not a workflow") };
    assert_eq!(w.spec.templates.as_ref().map(Vec::len), Some(22_000));
    // Measured: about 9.3 times the input (the located value tree and the
    // typed model are alive together). Twelve leaves room for allocators.
    assert!(peak < 12 * size, "reading {size} bytes peaked at {peak} bytes");
}
