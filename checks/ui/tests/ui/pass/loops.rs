//! Loops in the types: `each` gives a typed item in a call that loops, and
//! every way of looping gives a handle with `results()`.
use hera::prelude::*;

#[script]
fn numbers(count: u32) -> Vec<i64> {
    (0..i64::from(count)).collect()
}

#[script]
fn square(x: i64) -> i64 {
    x * x
}

#[script]
fn total(values: Vec<i64>) -> i64 {
    values.iter().sum()
}

fn main() {
    let echo = Container::new("echo").input("message").image("busybox");
    let _dag = Dag::new("main", |d| {
        let list = d.task("numbers", numbers::call(5));
        // A function item works as the closure.
        let squares = d.task("square", list.result().each(square::call));
        let again = d.task("again", squares.results().each(|x| square::call(x))).continue_on_failed();
        d.task("total", total::call(again.results()));
        // The untyped loops give looped handles too.
        let items = d.task("items", square::call(hera::item())).with_items([1, 2]);
        let sequence = d.task("sequence", square::call(hera::item())).with_sequence(Sequence::count(3));
        let param = d.task("param", echo.call().argument("message", hera::item())).with_param(list.result());
        d.task("sums", total::call(items.results()));
        d.task("sums-2", total::call(sequence.results()));
        d.task("all", echo.call().argument("message", param.outputs_parameters()));
        // Chaining and `depends` take looped and plain tasks alike.
        list.then(items);
        d.task("after", echo.call()).depends(items & list);
    });
    let _steps = Steps::new("steps", |s| {
        let list = s.step("numbers", numbers::call(3));
        let squares = s.step("square", list.result().each(square::call));
        s.step("total", total::call(squares.results()));
    });
}
