use hera::prelude::*;

// One mistake in the attribute is one error: the uses of `add`'s module
// below compile against the stand-in the macro emits beside the error.
#[script(imgae = "python:3.12")]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

fn main() {
    let _dag = Dag::new("main", |d| {
        let sum = d.task("sum", add::call(1, 2));
        d.task("again", add::call(sum.result(), 3));
    });
    let _ = (add::NAME, add::template());
}
