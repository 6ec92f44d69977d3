use hera::script;

#[script(imgae = "python:3.12", resources(cpus = "1"))]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

fn main() {}
