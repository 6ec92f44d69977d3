use hera::prelude::*;

#[script]
fn names(count: u32) -> Vec<String> {
    (0..count).map(|n| format!("n{n}")).collect()
}

#[script]
fn square(x: i64) -> i64 {
    x * x
}

fn main() {
    let _dag = Dag::new("main", |d| {
        let list = d.task("names", names::call(3));
        // The item of a `Vec<String>` is a `String`, not an `i64`.
        d.task("square", list.result().each(|name| square::call(name)));
    });
}
