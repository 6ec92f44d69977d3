//! Argo's `volumes-pvc` example: a volume claimed for the workflow, written
//! by one step and read by the next.
//!
//! ```text
//! cargo run --example volumes_pvc
//! ```

use hera::prelude::*;

/// Two steps sharing the `workdir` volume.
pub fn objects() -> Vec<Object> {
    let write = Container::new("hello-world-to-file")
        .image("busybox")
        .command(["sh", "-c"])
        .args(["echo generating message in volume; echo hello world | tee /mnt/vol/hello_world.txt"])
        .volume_mount("workdir", "/mnt/vol");
    let read = Container::new("print-message-from-file")
        .image("alpine:3.23")
        .command(["sh", "-c"])
        .args(["echo getting message from volume; find /mnt/vol; cat /mnt/vol/hello_world.txt"])
        .volume_mount("workdir", "/mnt/vol");
    let main = Steps::new("volumes-pvc-example", |s| {
        s.step("generate", write.call());
        s.step("print", read.call());
    });
    vec![Workflow::generate_name("volumes-pvc-").volume_claim("workdir", "1Gi").entrypoint(main).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
