use hera::script;

// A repeated scalar is an error at the repeat; repeated lists add up, but
// one key given twice is an error.
#[script(name = "add", image = "alpine", name = "sum", env(A = "1"), env(B = "2", A = "3"))]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

fn main() {}
