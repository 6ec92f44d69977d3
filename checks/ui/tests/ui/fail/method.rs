use hera::script;

struct Counter;

impl Counter {
    #[script]
    fn count(&self, n: i64) -> i64 {
        n
    }
}

fn main() {}
