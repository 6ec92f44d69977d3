use hera::script;

#[script]
fn scale(größe: i64) -> i64 {
    größe * 2
}

fn main() {}
