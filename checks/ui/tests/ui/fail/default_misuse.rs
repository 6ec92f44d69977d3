use hera::{InputArtifact, script};

#[script]
fn read(#[default("x")] file: InputArtifact, #[default] times: i64, #[allow(unused)] extra: i64) -> i64 {
    let _ = (file, extra);
    times
}

fn main() {}
