#[derive(hera::Outputs)]
enum Answer {
    Yes,
    No,
}

fn main() {}
