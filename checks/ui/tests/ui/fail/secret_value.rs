use hera::prelude::*;

// `env_from_secret` takes "SECRET/KEY"; `volume_mounts` an absolute path.
#[script(env_from_secret(TOKEN = "api-credentials"), volume_mounts(data = "data"))]
fn authorised() {}

fn main() {
    let _ = authorised::template();
}
