//! The container executor against a REAL podman (no fake): containers of a
//! local image, run, copied from, exec'd into, killed and removed by podman
//! itself.
//!
//! These tests need podman and an image without a registry, which CI may
//! not have, so they run only when `HERA_PODMAN_IMAGE` names a local image
//! with busybox's applets (`sh`, `cat`, `wget`, `httpd`, ...) under `/bin`.
//! Without it each test prints a notice to stderr and returns at once: it
//! passes without having checked anything. With it set, a podman that does
//! not answer is a failure, not a skip.
//!
//! ```sh
//! eval "$(scripts/podman_image.sh)"   # builds localhost/busybox:test from
//!                                     # Debian's busybox-static; exports
//!                                     # HERA_PODMAN_IMAGE (and CONTAINERS_CONF
//!                                     # where podman's defaults cannot run here)
//! cargo test -p hera-rs --test engine podman::
//! ```
//!
//! `HERA_PODMAN_BINARY` is the podman to call (default: `podman` on PATH).
//! Containers are named `hera-test-PID-...`; every test checks that none of
//! its containers is left behind.

use super::{run, shared_dir};
use hera::run::{ContainerEngine, ContainerExecutor, Phase};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The image and the podman binary, or `None` (after a notice) when
/// `HERA_PODMAN_IMAGE` is not set.
fn setup(test: &str) -> Option<(String, PathBuf)> {
    let Some(image) = std::env::var("HERA_PODMAN_IMAGE").ok().filter(|i| !i.is_empty()) else {
        eprintln!("podman::{test}: skipped, HERA_PODMAN_IMAGE is not set (see scripts/podman_image.sh)");
        return None;
    };
    let binary = std::env::var("HERA_PODMAN_BINARY").unwrap_or_else(|_| "podman".into());
    Some((image, PathBuf::from(binary)))
}

/// A probed podman executor naming its containers `hera-test-PID-TEST-POD`.
fn executor(binary: &Path, test: &str) -> ContainerExecutor {
    ContainerExecutor::probe(ContainerEngine::Podman, Some(binary), Duration::from_secs(60))
        .expect("HERA_PODMAN_IMAGE is set, so podman must answer")
        .name_prefix(prefix(test))
}

fn prefix(test: &str) -> String {
    format!("hera-test-{}-{test}", std::process::id())
}

/// The containers (any state) whose names start with `prefix`.
fn containers(binary: &Path, prefix: &str) -> Vec<String> {
    let output = std::process::Command::new(binary)
        .args(["ps", "--all", "--format", "{{.Names}}"])
        .output()
        .expect("podman ps");
    assert!(output.status.success(), "podman ps: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|n| n.starts_with(prefix))
        .map(str::to_owned)
        .collect()
}

/// A port nothing listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn a_dag_of_a_container_and_a_script_passes_parameters_and_artifacts() {
    let Some((image, podman)) = setup("dag") else { return };
    let work = shared_dir();
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
      - {{name: make, template: make}}
      - name: use
        template: use
        dependencies: [make]
        arguments:
          parameters: [{{name: msg, value: "{{{{tasks.make.outputs.parameters.greeting}}}}"}}]
          artifacts:
          - {{name: report, from: "{{{{tasks.make.outputs.artifacts.report}}}}"}}
          - {{name: tree, from: "{{{{tasks.make.outputs.artifacts.tree}}}}"}}
      - name: script
        template: script
        dependencies: [use]
        arguments: {{parameters: [{{name: count, value: "{{{{tasks.use.outputs.result}}}}"}}]}}
  - name: make
    volumes: [{{name: scratch, emptyDir: {{}}}}]
    container:
      image: {image}
      command: [sh, -c]
      args:
      - |
        echo "$GREETING" > /tmp/greeting.txt
        echo "report of $ARGO_POD_NAME" > /scratch/report.txt
        mkdir -p /tmp/tree/sub && echo leaf > /tmp/tree/sub/leaf.txt
      env: [{{name: GREETING, value: hello}}]
      volumeMounts: [{{name: scratch, mountPath: /scratch}}]
    outputs:
      parameters: [{{name: greeting, valueFrom: {{path: /tmp/greeting.txt}}}}]
      artifacts:
      - {{name: report, path: /scratch/report.txt}}
      - {{name: tree, path: /tmp/tree}}
  - name: use
    inputs:
      parameters: [{{name: msg}}]
      artifacts: [{{name: report, path: /in/report.txt}}, {{name: tree, path: /in/tree}}]
    outputs: {{parameters: [{{name: seen, valueFrom: {{path: /tmp/seen.txt}}}}]}}
    script:
      image: {image}
      command: [sh]
      source: |
        cat /in/report.txt > /tmp/seen.txt
        echo "{{{{inputs.parameters.msg}}}} $(cat /in/tree/sub/leaf.txt)" | wc -c
  - name: script
    inputs: {{parameters: [{{name: count}}]}}
    script:
      image: {image}
      command: [sh]
      workingDir: /made/by/hera
      source: |
        echo "$(pwd) {{{{inputs.parameters.count}}}}"
        ls -ld /made | cut -c1-10
"#
    );
    let report = run(&yaml, |r| r.directory(work.path()).executor(executor(&podman, "dag")));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    let make = report.node("make").unwrap();
    assert_eq!(make.executor.as_deref(), Some("podman"));
    // Out of the stopped container with `podman cp`: the parameter and the
    // directory artifact; from the emptyDir's host side: the report.
    assert_eq!(report.output("make", "greeting"), Some("hello"));
    let kept = work.path().join(&make.id).join("outputs");
    assert_eq!(std::fs::read_to_string(kept.join("tree/sub/leaf.txt")).unwrap(), "leaf\n");
    let pod = format!("wf-make-{}", make.id.strip_prefix("wf-").unwrap());
    assert_eq!(std::fs::read_to_string(kept.join("report")).unwrap(), format!("report of {pod}\n"));
    // The input artifacts were mounted where `use` asked.
    assert_eq!(report.stdout("use"), Some("11"), "'hello leaf\\n' is 11 bytes");
    assert_eq!(report.output("use", "seen"), Some(format!("report of {pod}").as_str()));
    // podman does not make a --workdir the image lacks; the executor does,
    // as docker and Kubernetes' runtimes do (mode 0755, like `mkdir -p`).
    assert_eq!(report.stdout("script"), Some("/made/by/hera 11\ndrwxr-xr-x"));
    assert_eq!(containers(&podman, &prefix("dag")), Vec::<String>::new(), "every container removed");
}

#[test]
fn exit_codes_missing_images_commands_and_outputs() {
    let Some((image, podman)) = setup("exits") else { return };
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
      - {{name: fails, template: fails}}
      - {{name: shell-127, template: shell-127}}
      - {{name: no-image, template: no-image}}
      - {{name: no-command, template: no-command}}
      - {{name: no-output, template: no-output}}
      - {{name: defaulted, template: defaulted}}
      - {{name: optional, template: optional}}
  - name: fails
    container: {{image: {image}, command: [sh, -c, 'echo out; echo oops >&2; exit 3']}}
  - name: shell-127
    container: {{image: {image}, command: [sh, -c, 'no-such-command']}}
  - name: no-image
    container: {{image: localhost/hera-no-such-image:1, imagePullPolicy: Never, command: ['true']}}
  - name: no-command
    container: {{image: {image}, command: [/no/such/command]}}
  - name: no-output
    container: {{image: {image}, command: ['true']}}
    outputs: {{parameters: [{{name: p, valueFrom: {{path: /nonexistent/p.txt}}}}]}}
  - name: defaulted
    container: {{image: {image}, command: ['true']}}
    outputs: {{parameters: [{{name: p, valueFrom: {{path: /nonexistent/p.txt, default: fallback}}}}]}}
  - name: optional
    container: {{image: {image}, command: ['true']}}
    outputs: {{artifacts: [{{name: a, path: /nonexistent/a, optional: true}}]}}
"#
    );
    let report = run(&yaml, |r| r.executor(executor(&podman, "exits")));
    assert_eq!(report.phase(), Phase::Failed, "{}", report.summary());
    let fails = report.node("fails").unwrap();
    assert_eq!((fails.phase, fails.message.as_str()), (Phase::Failed, "Error (exit code 3)"));
    assert_eq!(fails.outputs.as_ref().unwrap().exit_code.as_deref(), Some("3"));
    assert_eq!(fails.log, "out\noops\n");
    // The container's own 127 is an exit code like any other...
    let shell = report.node("shell-127").unwrap();
    assert_eq!((shell.phase, shell.message.as_str()), (Phase::Failed, "Error (exit code 127)"));
    // ...the runtime's, for a command that is not there, is an Error.
    let no_command = report.node("no-command").unwrap();
    assert_eq!(no_command.phase, Phase::Error);
    assert!(
        no_command.message.starts_with("podman run: Error: ")
            && no_command.message.contains("/no/such/command")
            && no_command.message.contains("OCI runtime"),
        "{}",
        no_command.message
    );
    let no_image = report.node("no-image").unwrap();
    assert_eq!(
        (no_image.phase, no_image.message.as_str()),
        (Phase::Error, "podman run: Error: localhost/hera-no-such-image:1: image not known")
    );
    let no_output = report.node("no-output").unwrap();
    assert_eq!(
        (no_output.phase, no_output.message.as_str()),
        (Phase::Error, "open /nonexistent/p.txt: no such file or directory")
    );
    assert_eq!(report.output("defaulted", "p"), Some("fallback"));
    assert_eq!(report.node("optional").unwrap().phase, Phase::Succeeded);
    assert_eq!(containers(&podman, &prefix("exits")), Vec::<String>::new(), "every container removed");
}

#[test]
fn a_pod_past_its_deadline_is_killed_and_removed() {
    let Some((image, podman)) = setup("deadline") else { return };
    let yaml = format!(
        r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {{name: wf}}
spec:
  entrypoint: slow
  templates:
  - name: slow
    activeDeadlineSeconds: 2
    container: {{image: {image}, command: [sh, -c, 'echo started; exec sleep 300']}}
"#
    );
    let report = run(&yaml, |r| r.executor(executor(&podman, "deadline")));
    let node = report.node("wf").unwrap();
    assert_eq!((node.phase, node.message.as_str()), (Phase::Failed, hera::run::execute::DEADLINE_EXCEEDED));
    assert!(node.log.starts_with("started\n"), "{}", node.log);
    assert_eq!(containers(&podman, &prefix("deadline")), Vec::<String>::new(), "the container removed");
}

#[test]
fn daemons_are_ready_by_http_and_exec_probes_and_killed_when_their_steps_end() {
    let Some((image, podman)) = setup("daemon") else { return };
    let port = free_port();
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
    - - {{name: web, template: web}}
      - {{name: flag, template: flag}}
    - - name: client
        template: client
        arguments: {{parameters: [{{name: ip, value: "{{{{steps.web.ip}}}}"}}]}}
  - name: web
    daemon: true
    container:
      image: {image}
      command: [sh, -c, 'mkdir -p /www && echo served > /www/index.html && exec httpd -f -p 127.0.0.1:{port} -h /www']
      ports: [{{name: http, containerPort: {port}}}]
      readinessProbe: {{httpGet: {{path: /index.html, port: http}}}}
  - name: flag
    daemon: true
    container:
      image: {image}
      command: [sh, -c, 'sleep 1; touch /tmp/ready; exec sleep 300']
      readinessProbe: {{exec: {{command: [test, -f, /tmp/ready]}}}}
  - name: client
    inputs: {{parameters: [{{name: ip}}]}}
    container:
      image: {image}
      command: [sh, -c, 'wget -q -O- http://{{{{inputs.parameters.ip}}}}:{port}/index.html']
"#
    );
    let report = run(&yaml, |r| r.executor(executor(&podman, "daemon")));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.stdout("client"), Some("served"));
    for daemon in ["web", "flag"] {
        let node = report.node(daemon).unwrap();
        assert_eq!((node.phase, node.executor.as_deref()), (Phase::Succeeded, Some("podman")), "{daemon}");
    }
    assert_eq!(
        containers(&podman, &prefix("daemon")),
        Vec::<String>::new(),
        "the daemons killed and removed"
    );
    // Nothing listens once the daemon is gone.
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err());
}

#[test]
fn volumes_a_claim_is_shared_an_empty_dir_is_not_a_host_path_is_read_only() {
    let Some((image, podman)) = setup("volumes") else { return };
    let work = shared_dir();
    let host = shared_dir();
    std::fs::write(host.path().join("conf.txt"), "from the host\n").unwrap();
    let yaml = format!(
        r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {{name: wf}}
spec:
  entrypoint: main
  volumeClaimTemplates:
  - metadata: {{name: workdir}}
    spec: {{accessModes: [ReadWriteOnce], resources: {{requests: {{storage: 1Mi}}}}}}
  volumes: [{{name: conf, hostPath: {{path: {host}}}}}]
  templates:
  - name: main
    steps:
    - - {{name: write, template: write}}
    - - {{name: read, template: read}}
  - name: write
    volumes: [{{name: scratch, emptyDir: {{}}}}]
    container:
      image: {image}
      command: [sh, -c, 'echo shared > /claim/file; echo mine > /scratch/file; pwd']
      workingDir: /scratch/sub
      volumeMounts: [{{name: workdir, mountPath: /claim}}, {{name: scratch, mountPath: /scratch}}]
  - name: read
    volumes: [{{name: scratch, emptyDir: {{}}}}]
    container:
      image: {image}
      command: [sh, -c]
      args:
      - |
        cat /claim/file
        cat /scratch/file 2>/dev/null || echo empty
        cat /conf/conf.txt
        {{ echo no > /conf/conf.txt; }} 2>/dev/null || echo read-only
        stat -c %a /tmp
      workingDir: /tmp
      volumeMounts:
      - {{name: workdir, mountPath: /claim}}
      - {{name: scratch, mountPath: /scratch}}
      - {{name: conf, mountPath: /conf, readOnly: true}}
"#,
        host = host.path().display()
    );
    let report = run(&yaml, |r| r.directory(work.path()).executor(executor(&podman, "volumes")));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    // A working directory under a mount is the runtime's to make.
    assert_eq!(report.stdout("write"), Some("/scratch/sub"));
    // An existing working directory keeps its mode (/tmp: 1777).
    assert_eq!(report.stdout("read"), Some("shared\nempty\nfrom the host\nread-only\n1777"));
    assert_eq!(std::fs::read_to_string(work.path().join("claims/workdir/file")).unwrap(), "shared\n");
    assert_eq!(std::fs::read_to_string(host.path().join("conf.txt")).unwrap(), "from the host\n");
    assert_eq!(containers(&podman, &prefix("volumes")), Vec::<String>::new(), "every container removed");
}

#[test]
fn hera_run_probes_podman_by_name_and_with_auto() {
    let Some((image, podman)) = setup("cli") else { return };
    let dir = shared_dir();
    let file = dir.path().join("wf.yaml");
    std::fs::write(
        &file,
        format!(
            r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {{name: hi}}
spec:
  entrypoint: main
  templates:
  - name: main
    container: {{image: {image}, command: [echo, hi]}}
"#
        ),
    )
    .unwrap();
    let version = executor(&podman, "cli").version().to_owned();
    assert!(!version.is_empty());
    let podman = podman.display().to_string();
    for (args, why) in [
        (vec!["--container-binary", podman.as_str()], "--executor auto: it answers"),
        (vec!["--executor", "podman", "--container-binary", podman.as_str()], "--executor podman"),
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_hera"))
            .arg("run")
            .arg(&file)
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().next(), Some(format!("executor: podman {version} ({why})").as_str()));
        assert!(stderr.lines().any(|l| l.starts_with("[OK]      hi (Pod, podman)")), "{stderr}");
    }
}
