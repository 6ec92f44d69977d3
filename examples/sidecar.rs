//! Argo's `sidecar` example: a database beside the main container.
//!
//! ```text
//! cargo run --example sidecar
//! ```

use hera::prelude::*;

/// Write points to an InfluxDB sidecar.
pub fn objects() -> Vec<Object> {
    let script = concat!(
        " apk update && apk add curl && until curl -XPOST 'http://127.0.0.1:8086/query' --data-urlencode ",
        "'q=CREATE DATABASE mydb' ; do sleep .5; done && for i in $(seq 1 20); do curl -XPOST ",
        "'http://127.0.0.1:8086/write?db=mydb' -d \"cpu,host=server01,region=uswest load=$i\" ; sleep .5 ; done ",
    );
    let main = Container::new("sidecar-example")
        .image("alpine:3.23")
        .command(["sh", "-c"])
        .args([script])
        .sidecar(UserContainer::new("influxdb").image("influxdb:1.2").command(["influxd"]));
    vec![Workflow::generate_name("sidecar-").entrypoint(main).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
