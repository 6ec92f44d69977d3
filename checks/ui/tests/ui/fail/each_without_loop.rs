use hera::prelude::*;

#[script]
fn numbers(count: u32) -> Vec<i64> {
    (0..i64::from(count)).collect()
}

#[script]
fn square(x: i64) -> i64 {
    x * x
}

fn main() {
    let _dag = Dag::new("main", |d| {
        let list = d.task("numbers", numbers::call(5));
        // The old spelling: `{{item}}` in a task that does not loop. The
        // item now comes only from `each(..)`, whose call loops.
        d.task("square", square::call(list.result().each()));
    });
}
