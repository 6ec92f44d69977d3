use hera::prelude::*;

#[script]
fn greeting(name: String) -> String {
    format!("hello {name}")
}

#[script]
fn double(x: i64) -> i64 {
    x * 2
}

fn main() {
    let _dag = Dag::new("main", |d| {
        let hello = d.task("hello", greeting::call("world"));
        // A String output where an i64 is expected.
        d.task("double", double::call(hello.result()));
    });
}
