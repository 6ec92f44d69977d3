//! Argo's `coinflip-recursive` example: flip until it lands on heads; the
//! template calls itself.
//!
//! ```text
//! cargo run --example coinflip_recursive
//! ```

use hera::prelude::*;

/// A steps template that recurses on tails.
pub fn objects() -> Vec<Object> {
    let flip_coin = Script::new("flip-coin").image("python:alpine3.23").command(["python"]).source(
        "import random\nresult = \"heads\" if random.randint(0,1) == 0 else \"tails\"\nprint(result)\n",
    );
    let heads =
        Container::new("heads").image("busybox").command(["sh", "-c"]).args(["echo \"it was heads\""]);

    let coinflip = Steps::new("coinflip", |s| {
        let flip = s.step("flip-coin", flip_coin.call());
        s.parallel(|p| {
            p.step("heads", heads.call()).when(flip.result().equals("heads"));
            p.step("tails", s.call_self()).when(flip.result().equals("tails"));
        });
    });

    vec![Workflow::generate_name("coinflip-recursive-").entrypoint(coinflip).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
