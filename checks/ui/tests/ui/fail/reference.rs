use hera::script;

#[script]
fn greet(name: &str) -> String {
    format!("hello {name}")
}

fn main() {}
