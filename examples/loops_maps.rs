//! Argo's `loops-maps` example: loop over maps and use their fields.
//!
//! ```text
//! cargo run --example loops_maps
//! ```

use hera::prelude::*;
use serde::Serialize;

/// One item of the loop; its fields are `{{item.image}}` and `{{item.tag}}`.
#[derive(Serialize)]
struct Os {
    image: &'static str,
    tag: &'static str,
}

/// `cat /etc/os-release` in four images.
pub fn objects() -> Vec<Object> {
    let cat_os_release = Container::new("cat-os-release")
        .input("image")
        .input("tag")
        .image("{{inputs.parameters.image}}:{{inputs.parameters.tag}}")
        .command(["cat"])
        .args(["/etc/os-release"]);
    let main = Steps::new("loop-map-example", |s| {
        s.step(
            "test-linux",
            cat_os_release.call().argument("image", item_field("image")).argument("tag", item_field("tag")),
        )
        .with_items([
            Os { image: "debian", tag: "9.1" },
            Os { image: "debian", tag: "8.9" },
            Os { image: "alpine", tag: "3.6" },
            Os { image: "ubuntu", tag: "17.10" },
        ]);
    });
    let workflow = Workflow::generate_name("loops-maps-")
        .label("workflows.argoproj.io/no-test", "environment")
        .annotation(
            "workflows.argoproj.io/no-test-resons",
            "the code that checks images allowed to run in test runs before the actual\n\
             image value is applied. In this case it checks for the template variable\n\
             and it is not an allowed image\n",
        )
        .entrypoint(main);
    vec![workflow.into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
