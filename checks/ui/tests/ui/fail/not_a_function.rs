use hera::script;

#[script]
struct Add {
    a: i64,
}

fn main() {}
