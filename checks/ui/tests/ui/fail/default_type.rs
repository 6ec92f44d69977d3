use hera::script;

#[script]
fn repeat(text: String, #[default("2")] times: usize) -> String {
    text.repeat(times)
}

fn main() {}
