//! Argo's `daemon-step` example: a daemon step keeps a database running
//! while later steps talk to it by IP.
//!
//! ```text
//! cargo run --example daemon_step
//! ```

use hera::model::{HttpGetAction, IntOrString, Probe};
use hera::prelude::*;

/// InfluxDB as a daemon, then a client creating, filling and reading a database.
pub fn objects() -> Vec<Object> {
    let probe = Probe {
        http_get: Some(HttpGetAction {
            path: Some("/ping".into()),
            port: IntOrString::Int(8086),
            ..Default::default()
        }),
        initial_delay_seconds: Some(5),
        timeout_seconds: Some(1),
        ..Default::default()
    };
    let influxdb = Container::new("influxdb").daemon(true).image("influxdb:1.2").readiness_probe(probe);
    let client = Container::new("influxdb-client")
        .input("cmd")
        .image("curlimages/curl:latest")
        .command(["sh", "-c"])
        .arg(hera::input("cmd"));

    let main = Steps::new("daemon-example", |s| {
        let influx = s.step("influx", influxdb.call());
        let ip = &influx.ip();
        let run = |cmd: Text| client.call().argument("cmd", cmd);
        s.step(
            "init-database",
            run(text!("curl -XPOST 'http://{}:8086/query' --data-urlencode \"q=CREATE DATABASE mydb\"", ip)),
        );
        s.parallel(|p| {
            p.step("producer-1", run(text!("for i in $(seq 1 10); do curl -XPOST 'http://{}:8086/write?db=mydb' -d \"cpu,host=server01,region=uswest load=$i\" ; sleep .5 ; done", ip)));
            p.step("producer-2", run(text!("for i in $(seq 1 10); do curl -XPOST 'http://{}:8086/write?db=mydb' -d \"cpu,host=server02,region=uswest load=$((RANDOM % 100))\" ; sleep .5 ; done", ip)));
            p.step("producer-3", run(text!("curl -XPOST 'http://{}:8086/write?db=mydb' -d 'cpu,host=server03,region=useast load=15.4'", ip)));
        });
        s.step("consumer", run(text!("curl --silent -G http://{}:8086/query?pretty=true --data-urlencode \"db=mydb\" --data-urlencode \"q=SELECT * FROM cpu\"", ip)));
    });
    vec![Workflow::generate_name("daemon-step-").entrypoint(main).into()]
}

fn main() -> std::process::ExitCode {
    hera::cli::main(objects())
}
