use hera::script;

struct Opaque;

#[script]
fn make(n: i64) -> Opaque {
    let _ = n;
    Opaque
}

fn main() {}
