use hera::script;

struct Opaque;

#[script]
fn parse(text: String) -> Result<Opaque, String> {
    let _ = text;
    Ok(Opaque)
}

fn main() {}
