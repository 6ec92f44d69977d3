//! `daemon: true` templates: the node runs in the background, is Running
//! and `daemoned` once its pod is ready, its dependants go on and read
//! `{{tasks.NAME.ip}}`, and it is killed when its scope ends, its node then
//! Succeeded (operator.go `assessNodeStatus`, exec_control.go
//! `killDaemonedChildren`, dag.go's `Daemoned` task result).

use super::{Recorder, alive, run, shared_dir};
use hera::run::{Outcome, Phase};

#[test]
fn a_host_daemon_serves_its_dependants_and_is_killed_when_the_dag_ends() {
    let dir = shared_dir();
    let pid = dir.path().join("pid");
    let yaml = format!(
        r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {{name: wf}}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {{name: server, template: server}}
      - name: client
        depends: server
        template: client
        arguments: {{parameters: [{{name: ip, value: "{{{{tasks.server.ip}}}}"}}]}}
  - name: server
    daemon: true
    container: {{image: alpine, command: [sh, -c, "echo $$ > {pid}; exec sleep 300"]}}
  - name: client
    inputs: {{parameters: [{{name: ip}}]}}
    container:
      image: alpine
      # The daemon still runs while its dependant does.
      command: [sh, -c, "until test -s {pid}; do sleep 0.05; done; kill -0 $(cat {pid}) && echo {{{{inputs.parameters.ip}}}}"]
"#,
        pid = pid.display()
    );
    let recorder = Recorder::default();
    let seen = recorder.clone();
    let report = run(&yaml, |r| r.trace(recorder));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    let client = report.node("client").unwrap();
    assert_eq!((client.phase, client.log.as_str()), (Phase::Succeeded, "127.0.0.1\n"));
    let server = report.node("server").unwrap();
    assert_eq!(server.phase, Phase::Succeeded, "killed at the DAG's end, its node Succeeded");
    assert!(!server.daemoned, "no longer daemoned once killed");
    // While it ran it was Running and daemoned, with this machine's IP.
    let daemoned = seen.0.lock().unwrap().iter().any(|n| {
        n.display_name == "server"
            && n.phase == Phase::Running
            && n.daemoned
            && n.pod_ip.as_deref() == Some("127.0.0.1")
    });
    assert!(daemoned, "the server was never seen daemoned");
    let pid = std::fs::read_to_string(&pid).unwrap();
    let pid = pid.trim();
    // SIGKILL is delivered at once, but the process may take a moment to go.
    let mut gone = false;
    for _ in 0..100 {
        if !alive(pid) {
            gone = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(gone, "the daemon {pid} outlived its scope");
    // The JSON Argo writes: the node is no longer daemoned at the end.
    let json = serde_json::to_value(report.workflow()).unwrap();
    let nodes = json["status"]["nodes"].as_object().unwrap();
    let server = nodes.values().find(|n| n["displayName"] == "server").unwrap();
    assert_eq!(server["phase"], "Succeeded");
    assert!(server.get("daemoned").is_none());
    assert_eq!(server["podIP"], "127.0.0.1");
}

#[test]
fn a_steps_daemon_is_ready_when_its_readiness_probe_passes() {
    // The probe runs inside the daemon's private view (its /tmp): the next
    // group starts only once it passes, by which time the daemon has
    // written the shared file.
    let dir = shared_dir();
    let ready = dir.path().join("ready");
    let yaml = format!(
        r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {{name: wf}}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {{name: server, template: server}}
    - - name: client
        template: client
        arguments: {{parameters: [{{name: ip, value: "{{{{steps.server.ip}}}}"}}]}}
  - name: server
    daemon: true
    container:
      image: alpine
      command: [sh, -c, "sleep 0.3; echo yes > {ready}; touch /tmp/ready; exec sleep 300"]
      readinessProbe:
        exec: {{command: [test, -f, /tmp/ready]}}
  - name: client
    inputs: {{parameters: [{{name: ip}}]}}
    container: {{image: alpine, command: [sh, -c, "cat {ready}; echo {{{{inputs.parameters.ip}}}}"]}}
"#,
        ready = ready.display()
    );
    let report = run(&yaml, |r| r);
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.node("client").unwrap().log, "yes\n127.0.0.1\n");
    assert_eq!(report.node("server").unwrap().phase, Phase::Succeeded);
}

const MOCKED: &str = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: server, template: server}
      - {name: client, depends: server.Daemoned, template: work}
      - {name: after, depends: server.Succeeded, template: work}
  - name: server
    daemon: true
    container: {image: influxdb, command: [influxd]}
  - name: work
    container: {image: alpine, command: [sh, -c, "true"]}
"#;

#[test]
fn a_mocked_daemon_is_daemoned_at_once() {
    // dag.go evaluateDependsLogic: a daemoned task is fulfilled with
    // `Daemoned` true and `Succeeded` false while it runs.
    let report = run(MOCKED, |r| r.mock("server", Outcome::succeeded()).mock("work", Outcome::succeeded()));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.node("client").unwrap().phase, Phase::Succeeded);
    assert_eq!(report.node("after").unwrap().phase, Phase::Omitted);
    assert_eq!(report.node("server").unwrap().phase, Phase::Succeeded);
}

#[test]
fn a_daemon_that_ends_by_itself_fails() {
    // assessNodeStatus: a daemon's pod that succeeds is marked Failed, as
    // daemons should run until they are killed.
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: server, template: server}
  - name: server
    daemon: true
    container:
      image: alpine
      command: [sh, -c, "exit 0"]
      readinessProbe: {exec: {command: ["false"]}}
"#;
    let report = run(yaml, |r| r);
    assert_eq!(report.node("server").unwrap().phase, Phase::Failed, "{}", report.summary());
    assert_eq!(report.phase(), Phase::Failed);
}

#[test]
fn argos_daemon_examples_succeed_with_their_pods_mocked() {
    let Some(dir) = std::env::var_os("HERA_REFERENCE_DIR").map(std::path::PathBuf::from) else {
        eprintln!("HERA_REFERENCE_DIR not set: Argo's daemon examples not run");
        return;
    };
    let cases = [
        ("daemon-step.yaml", "influx"),
        ("dag-daemon-task.yaml", "influx"),
        ("steps-daemon-retry-strategy.yaml", "server"),
        ("dag-daemon-retry-strategy.yaml", "server"),
    ];
    for (file, daemon) in cases {
        let text = std::fs::read_to_string(dir.join("argo/examples").join(file)).unwrap();
        let documents = hera::yaml::documents(&text).unwrap();
        let mut run = hera::run::Run::documents(documents);
        for template in ["influxdb", "influxdb-client", "server", "client"] {
            run = run.mock(template, Outcome::succeeded());
        }
        let report = run.run().unwrap();
        assert_eq!(report.phase(), Phase::Succeeded, "{file}\n{}", report.summary());
        assert_eq!(report.node(daemon).unwrap().phase, Phase::Succeeded, "{file}");
        // The daemon's IP reached its clients.
        let ips: Vec<String> = report
            .nodes()
            .iter()
            .flat_map(|n| n.inputs.iter().flat_map(|i| i.parameters.iter().flatten()))
            .filter_map(|p| p.value.clone())
            .filter(|v| v.contains("127.0.0.1"))
            .collect();
        assert!(!ips.is_empty(), "{file}: no client read the daemon's IP\n{}", report.summary());
    }
}

#[test]
fn a_grpc_probe_waits_for_its_port_and_success_threshold_counts_passes_in_a_row() {
    let dir = shared_dir();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (ready, count) = (dir.path().join("ready"), dir.path().join("count"));
    let yaml = format!(
        r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {{name: wf}}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {{name: grpc, template: grpc}}
      - {{name: counted, template: counted}}
    - - {{name: client, template: client}}
  - name: grpc
    daemon: true
    container:
      image: python:3
      command: [python3, -c, "import socket, time\ntime.sleep(0.3)\nopen('{ready}', 'w').write('listening')\ns = socket.socket()\ns.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\ns.bind(('127.0.0.1', {port}))\ns.listen()\ntime.sleep(300)"]
      readinessProbe:
        grpc: {{port: {port}}}
  - name: counted
    daemon: true
    container:
      image: alpine
      command: [sleep, '300']
      readinessProbe:
        successThreshold: 3
        exec: {{command: [sh, -c, 'echo x >> {count}']}}
  - name: client
    container: {{image: alpine, command: [sh, -c, "cat {ready}; echo; wc -l < {count}"]}}
"#,
        ready = ready.display(),
        count = count.display()
    );
    let report = run(&yaml, |r| r);
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    // The client ran once the port listened and after three passes in a
    // row (probing stops once the daemon is ready).
    let log = report.node("client").unwrap().log.replace(' ', "");
    assert_eq!(log, "listening\n3\n");
}
