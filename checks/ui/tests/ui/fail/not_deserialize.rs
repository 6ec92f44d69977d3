use hera::script;

struct Point {
    x: i64,
}

#[script]
fn norm(point: Point) -> i64 {
    point.x.abs()
}

fn main() {}
