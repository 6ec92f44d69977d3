use hera::prelude::*;

#[script]
fn numbers(count: i64) -> Vec<i64> {
    (0..count).collect()
}

#[script]
fn square(x: i64) -> i64 {
    x * x
}

fn main() {
    let _dag = Dag::new("main", |d| {
        let list = d.task("numbers", numbers::call(3));
        // The whole list where one number is expected: the message suggests `.each()`.
        d.task("square", square::call(list.result()));
    });
}
