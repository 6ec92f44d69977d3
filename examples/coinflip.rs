//! Argo's `coinflip` example: flip a coin, then run one of two steps.
//!
//! ```text
//! cargo run --example coinflip
//! ```

use hera::prelude::*;

/// The flip, and a conditional step for each side.
pub fn objects() -> Vec<Object> {
    let flip_coin = Script::new("flip-coin").image("python:alpine3.23").command(["python"]).source(
        "import random\nresult = \"heads\" if random.randint(0,1) == 0 else \"tails\"\nprint(result)\n",
    );
    let say = |side: &str| {
        Container::new(side).image("busybox").command(["sh", "-c"]).args([format!("echo \"it was {side}\"")])
    };
    let (heads, tails) = (say("heads"), say("tails"));

    let coinflip = Steps::new("coinflip", |s| {
        let flip = s.step("flip-coin", flip_coin.call());
        s.parallel(|p| {
            p.step("heads", heads.call()).when(flip.result().equals("heads"));
            p.step("tails", tails.call()).when(flip.result().equals("tails"));
        });
    });

    let workflow = Workflow::generate_name("coinflip-")
        .annotation(
            "workflows.argoproj.io/description",
            "This is an example of coin flip defined as a sequence of conditional steps.\\\n",
        )
        .entrypoint(coinflip);
    vec![workflow.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
