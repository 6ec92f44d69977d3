use hera::prelude::*;

#[script]
fn square(x: i64) -> i64 {
    x * x
}

#[script]
fn total(values: Vec<i64>) -> i64 {
    values.iter().sum()
}

fn main() {
    let _dag = Dag::new("main", |d| {
        // Runs once: it has `result()`, not the results of a loop.
        let once = d.task("square", square::call(3));
        d.task("total", total::call(once.results()));
    });
}
