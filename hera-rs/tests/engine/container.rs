//! The container executor against a fake `docker`: a shell script that
//! answers the probe, records every call, and runs a container's command on
//! the host (its bind mounts made as symlinks, Argo's script path mapped
//! to the mounted file), `docker cp` a plain copy, `docker exec` the
//! command on the host. No daemon is needed.

use super::{run, shared_dir};
use hera::run::{ContainerEngine, ContainerExecutor, Phase, Report};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A fake docker in `dir`; `answers`: whether its probe finds a daemon.
fn fake_docker(dir: &Path, answers: bool) -> PathBuf {
    let probe = if answers {
        "echo 27.3.1-fake"
    } else {
        "echo 'Client: Docker Engine - Community'; echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2; exit 1"
    };
    let script = format!(
        r#"#!/bin/sh
DIR='{dir}'
# Parallel pods call at once: a lock keeps each call's lines together.
until mkdir "$DIR/calls.lock" 2>/dev/null; do :; done
{{ for a in "$@"; do printf '%s\n' "$a"; done; echo ----; }} >> "$DIR/calls.log"
rmdir "$DIR/calls.lock"
cmd=$1; shift
case "$cmd" in
version|info) {probe} ;;
run)
  name=; wd=; ep=; script=
  while [ $# -gt 0 ]; do
    case "$1" in
      --name) name=$2; shift 2 ;;
      --network) shift 2 ;;
      --workdir) wd=$2; shift 2 ;;
      --env) export "$2"; shift 2 ;;
      # podman's form: a JSON array of one word.
      --entrypoint) ep=$(printf '%s' "$2" | sed -e 's/^\["\(.*\)"\]$/\1/'); shift 2 ;;
      --mount)
        src=$(printf '%s' "$2" | sed -e 's/.*src=\([^,]*\).*/\1/')
        dst=$(printf '%s' "$2" | sed -e 's/.*dst=\([^,]*\).*/\1/')
        if [ "$dst" = /argo/staging/script ]; then script=$src
        else mkdir -p "$(dirname "$dst")" && ln -sfn "$src" "$dst"; fi
        shift 2 ;;
      *) break ;;
    esac
  done
  image=$1; shift
  case "$image" in missing*)
    echo "Unable to find image '$image' locally" >&2
    echo "docker: Error response from daemon: pull access denied for $image, repository does not exist" >&2
    exit 125 ;;
  esac
  echo $$ > "$DIR/$name.pid"
  [ -n "$ep" ] && set -- "$ep" "$@"
  for a do shift; [ "$a" = /argo/staging/script ] && a=$script; set -- "$@" "$a"; done
  [ -n "$wd" ] && cd "$wd"
  exec "$@" ;;
cp)
  src=${{1#*:}}
  if [ -e "$src" ]; then cp -R "$src" "$2"
  else echo "Error response from daemon: Could not find the file $src in container ${{1%%:*}}" >&2; exit 1; fi ;;
kill) [ -f "$DIR/$1.pid" ] && kill -9 "$(cat "$DIR/$1.pid")" 2>/dev/null; exit 0 ;;
rm) exit 0 ;;
exec) shift; exec "$@" ;;
*) echo "fake docker: unknown command $cmd" >&2; exit 1 ;;
esac
"#,
        dir = dir.display()
    );
    let path = dir.join("docker");
    std::fs::write(&path, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

/// The calls the fake recorded, each its argv.
fn calls(dir: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(dir.join("calls.log")).unwrap_or_default();
    let mut calls = Vec::new();
    let mut call = Vec::new();
    for line in text.lines() {
        if line == "----" {
            calls.push(std::mem::take(&mut call));
        } else {
            call.push(line.to_owned());
        }
    }
    calls
}

fn executor(docker: &Path) -> ContainerExecutor {
    ContainerExecutor::probe(ContainerEngine::Docker, Some(docker), Duration::from_secs(10))
        .expect("the fake answers")
        .name_prefix("t")
}

/// The pod name of node `display` running `template` in workflow `wf`.
fn pod(report: &Report, display: &str, template: &str) -> String {
    let id = &report.node(display).unwrap().id;
    format!("wf-{template}-{}", id.strip_prefix("wf-").unwrap())
}

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

#[test]
fn the_probe_reads_the_server_version() {
    let dir = shared_dir();
    let docker = fake_docker(dir.path(), true);
    let executor = executor(&docker);
    assert_eq!(executor.version(), "27.3.1-fake");
    assert_eq!(calls(dir.path()), [strings(&["version", "--format", "{{.Server.Version}}"])]);
    let down = shared_dir();
    let docker = fake_docker(down.path(), false);
    let error = ContainerExecutor::probe(ContainerEngine::Docker, Some(&docker), Duration::from_secs(10))
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "docker: no daemon answers (Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?)"
    );
}

#[test]
fn a_script_and_a_container_run_in_their_images_with_mounts_and_outputs() {
    let dir = shared_dir();
    let docker = fake_docker(dir.path(), true);
    let work = shared_dir();
    let t = shared_dir();
    let t = t.path().display().to_string();
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
    - - {{name: make, template: make}}
    - - name: use
        template: use
        arguments: {{artifacts: [{{name: data, from: "{{{{steps.make.outputs.artifacts.report}}}}"}}]}}
  - name: make
    volumes: [{{name: scratch, emptyDir: {{}}}}]
    script:
      image: python:3.12
      command: [sh]
      workingDir: {t}
      env: [{{name: GREETING, value: hello}}]
      volumeMounts: [{{name: scratch, mountPath: {t}/scratch}}]
      source: |
        mkdir -p out
        echo "$GREETING" > out/greeting.txt
        echo "report of $ARGO_POD_NAME" > scratch/report.txt
        echo made
    outputs:
      parameters: [{{name: greeting, valueFrom: {{path: {t}/out/greeting.txt}}}}]
      artifacts: [{{name: report, path: {t}/scratch/report.txt}}]
  - name: use
    inputs: {{artifacts: [{{name: data, path: {t}/in/data.txt}}]}}
    container: {{image: 'alpine:3.19', command: [cat, '{t}/in/data.txt']}}
"#
    );
    let report = run(&yaml, |r| r.directory(work.path()).executor(executor(&docker)));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    let make = report.node("make").unwrap();
    assert_eq!(make.executor.as_deref(), Some("docker"));
    assert_eq!(report.output("make", "greeting"), Some("hello"));
    assert_eq!(report.stdout("make"), Some("made"));
    let make_pod = pod(&report, "make", "make");
    assert_eq!(report.stdout("use"), Some(format!("report of {make_pod}").as_str()));

    let node_dir = work.path().join(&make.id);
    let name = format!("t-{make_pod}");
    let calls = calls(dir.path());
    let run_make = calls.iter().find(|c| c[0] == "run" && c[2] == name).expect("make ran");
    assert_eq!(
        run_make,
        &strings(&[
            "run",
            "--name",
            &name,
            "--network",
            "host",
            "--workdir",
            &t,
            "--env",
            "GREETING=hello",
            "--env",
            &format!("ARGO_POD_NAME={make_pod}"),
            "--env",
            &format!("ARGO_NODE_ID={}", make.id),
            "--mount",
            &format!("type=bind,src={}/script,dst=/argo/staging/script,readonly", node_dir.display()),
            "--mount",
            &format!("type=bind,src={}/volumes/scratch,dst={t}/scratch", node_dir.display()),
            "--entrypoint",
            "sh",
            "python:3.12",
            "/argo/staging/script",
        ])
    );
    // The parameter is outside every mount: copied out of the container.
    // The artifact is under the emptyDir: read from its host directory.
    let cp = strings(&[
        "cp",
        &format!("{name}:{t}/out/greeting.txt"),
        &format!("{}/collected/parameters/greeting", node_dir.display()),
    ]);
    let at = calls.iter().position(|c| c == &cp).expect("docker cp of the parameter");
    assert_eq!(calls[at + 1], strings(&["rm", "-f", &name]), "removed after its outputs were read");
    assert!(!calls.iter().any(|c| c[0] == "cp" && c[1].ends_with("report.txt")), "{calls:?}");
    assert!(!calls.iter().any(|c| c[0] == "kill"), "{calls:?}");

    // The input artifact is a copy of make's output, mounted at its path.
    let use_node = report.node("use").unwrap();
    let use_name = format!("t-{}", pod(&report, "use", "use"));
    let run_use = calls.iter().find(|c| c[0] == "run" && c[2] == use_name).expect("use ran");
    let use_dir = work.path().join(&use_node.id);
    assert_eq!(
        run_use[run_use.len() - 6..],
        strings(&[
            "--mount",
            &format!("type=bind,src={}/inputs/0-data,dst={t}/in/data.txt", use_dir.display()),
            "--entrypoint",
            "cat",
            "alpine:3.19",
            &format!("{t}/in/data.txt"),
        ])[..]
    );
    assert_eq!(
        std::fs::read_to_string(use_dir.join("inputs/0-data")).unwrap(),
        format!("report of {make_pod}\n")
    );
}

#[test]
fn exit_codes_missing_outputs_and_engine_failures() {
    let dir = shared_dir();
    let docker = fake_docker(dir.path(), true);
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: fails, template: fails}
      - {name: no-output, template: no-output}
      - {name: no-image, template: no-image}
      - {name: defaulted, template: defaulted}
  - name: fails
    container: {image: alpine, command: [sh, -c, 'echo oops >&2; exit 3']}
  - name: no-output
    container: {image: alpine, command: ['true']}
    outputs: {parameters: [{name: p, valueFrom: {path: /nonexistent/hera/p.txt}}]}
  - name: defaulted
    container: {image: alpine, command: ['true']}
    outputs: {parameters: [{name: p, valueFrom: {path: /nonexistent/hera/p.txt, default: fallback}}]}
  - name: no-image
    container: {image: missing/image, command: ['true']}
"#;
    let report = run(yaml, |r| r.executor(executor(&docker)));
    assert_eq!(report.phase(), Phase::Failed);
    let fails = report.node("fails").unwrap();
    assert_eq!((fails.phase, fails.message.as_str()), (Phase::Failed, "Error (exit code 3)"));
    assert_eq!(fails.outputs.as_ref().unwrap().exit_code.as_deref(), Some("3"));
    assert_eq!(fails.log, "oops\n");
    let missing = report.node("no-output").unwrap();
    assert_eq!(
        (missing.phase, missing.message.as_str()),
        (Phase::Error, "open /nonexistent/hera/p.txt: no such file or directory")
    );
    assert_eq!(report.output("defaulted", "p"), Some("fallback"));
    let no_image = report.node("no-image").unwrap();
    assert_eq!(no_image.phase, Phase::Error);
    assert_eq!(
        no_image.message,
        "docker run: docker: Error response from daemon: pull access denied for missing/image, repository does not exist"
    );
    // Every container is removed, whatever happened.
    let calls = calls(dir.path());
    let runs: Vec<&String> = calls.iter().filter(|c| c[0] == "run").map(|c| &c[2]).collect();
    let removed: Vec<&String> = calls.iter().filter(|c| c[0] == "rm").map(|c| &c[2]).collect();
    assert_eq!(runs.len(), 4);
    for name in runs {
        assert!(calls.iter().any(|c| c[0] == "rm" && &c[2] == name), "{name} removed: {removed:?}");
    }
}

#[test]
fn a_pod_past_its_deadline_has_its_container_killed() {
    let dir = shared_dir();
    let docker = fake_docker(dir.path(), true);
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: slow
  templates:
  - name: slow
    activeDeadlineSeconds: 1
    container: {image: alpine, command: [sleep, '30']}
"#;
    let report = run(yaml, |r| r.executor(executor(&docker)));
    let node = report.node("wf").unwrap();
    assert_eq!(node.phase, Phase::Failed);
    assert_eq!(node.message, hera::run::execute::DEADLINE_EXCEEDED);
    let calls = calls(dir.path());
    let name = format!("t-{}", "wf");
    let kill = calls.iter().position(|c| c[0] == "kill").expect("docker kill");
    assert_eq!(calls[kill], strings(&["kill", &name]));
    assert_eq!(calls[kill + 1], strings(&["rm", "-f", &name]));
}

/// `hera run` with a given container binary.
fn hera(args: &[&str]) -> (i32, String) {
    let output =
        std::process::Command::new(env!("CARGO_BIN_EXE_hera")).arg("run").args(args).output().unwrap();
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
}

const HELLO: &str = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: hi}
spec:
  entrypoint: main
  templates:
  - name: main
    container: {image: alpine, command: [echo, hi]}
"#;

/// HELLO in a file beside a fake docker whose daemon answers or not:
/// the directory (kept alive), the file and the docker binary.
fn hello_with_docker(answers: bool) -> (tempfile::TempDir, String, String) {
    let dir = shared_dir();
    let docker = fake_docker(dir.path(), answers);
    let file = dir.path().join("wf.yaml");
    std::fs::write(&file, HELLO).unwrap();
    let (file, docker) = (file.display().to_string(), docker.display().to_string());
    (dir, file, docker)
}

#[test]
fn auto_falls_back_to_the_host_and_says_why() {
    let (dir, file, docker) = hello_with_docker(false);
    let (code, stderr) = hera(&[&file, "--container-binary", &docker]);
    assert_eq!(code, 0, "{stderr}");
    let first = stderr.lines().next().unwrap();
    assert_eq!(
        first,
        "executor: host (docker: no daemon answers (Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?))"
    );
    assert!(stderr.lines().any(|l| l.starts_with("[OK]      hi (Pod, host)")), "{stderr}");
    assert_eq!(calls(dir.path()).len(), 1, "only the probe");

    // Asked for by name, a docker that does not answer is a usage error.
    let (code, stderr) = hera(&[&file, "--executor", "docker", "--container-binary", &docker]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        "hera run: --executor docker: docker: no daemon answers (Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?): start it, or use --executor auto or host"
    );
}

#[test]
fn auto_asks_no_engine_when_no_template_runs_in_a_container() {
    let (dir, file, docker) = hello_with_docker(true);
    let mock = r#"main={"phase":"Succeeded"}"#;
    let (code, stderr) = hera(&[&file, "--container-binary", &docker, "--mock", mock]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr.lines().next(),
        Some("executor: host (--executor auto: no template runs in a container)")
    );
    assert!(calls(dir.path()).is_empty(), "no probe: {:?}", calls(dir.path()));
}

#[test]
fn auto_uses_an_engine_that_answers() {
    let (dir, file, docker) = hello_with_docker(true);
    let (code, stderr) = hera(&[&file, "--container-binary", &docker]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.lines().next(), Some("executor: docker 27.3.1-fake (--executor auto: it answers)"));
    assert!(stderr.lines().any(|l| l.starts_with("[OK]      hi (Pod, docker)")), "{stderr}");
    let calls = calls(dir.path());
    assert_eq!(calls[0][0], "version");
    let run = &calls[1];
    assert_eq!(run[0], "run");
    assert_eq!(run[run.len() - 4..], strings(&["--entrypoint", "echo", "alpine", "hi"])[..]);
}

#[test]
fn a_daemon_is_probed_inside_its_container_and_killed_when_its_steps_end() {
    let dir = shared_dir();
    let docker = fake_docker(dir.path(), true);
    let t = shared_dir();
    let t = t.path().display().to_string();
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
    - - {{name: client, template: client}}
  - name: server
    daemon: true
    container:
      image: nginx
      command: [sh, -c, 'touch {t}/ready; exec sleep 30']
      readinessProbe: {{exec: {{command: [test, -f, '{t}/ready']}}}}
  - name: client
    container: {{image: alpine, command: [echo, ok]}}
"#
    );
    let report = run(&yaml, |r| r.executor(executor(&docker)));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.node("server").unwrap().phase, Phase::Succeeded);
    assert_eq!(report.stdout("client"), Some("ok"));
    let name = format!("t-{}", pod(&report, "server", "server"));
    let calls = calls(dir.path());
    let probe = strings(&["exec", &name, "test", "-f", &format!("{t}/ready")]);
    let probed = calls.iter().position(|c| c == &probe).expect("an exec probe in the container");
    let client = calls.iter().position(|c| c[0] == "run" && c[2].starts_with("t-wf-client-")).unwrap();
    let killed = calls.iter().position(|c| c == &strings(&["kill", &name])).expect("the daemon killed");
    assert!(probed < client && client < killed, "{calls:?}");
}

#[test]
fn auto_with_a_podman_binary_probes_podman() {
    let dir = shared_dir();
    let fake = fake_docker(dir.path(), true);
    let podman = dir.path().join("podman");
    std::fs::rename(&fake, &podman).unwrap();
    let file = dir.path().join("wf.yaml");
    std::fs::write(&file, HELLO).unwrap();
    let (file, podman) = (file.display().to_string(), podman.display().to_string());
    let (code, stderr) = hera(&[&file, "--container-binary", &podman]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.lines().next(), Some("executor: podman 27.3.1-fake (--executor auto: it answers)"));
    assert!(stderr.lines().any(|l| l.starts_with("[OK]      hi (Pod, podman)")), "{stderr}");
    let calls = calls(dir.path());
    assert_eq!(calls[0], strings(&["info", "--format", "{{.Version.Version}}"]));
    let run = calls.iter().find(|c| c[0] == "run").expect("a run");
    assert_eq!(run[run.len() - 4..], strings(&["--entrypoint", r#"["echo"]"#, "alpine", "hi"])[..]);
}

#[test]
fn a_volume_claim_is_shared_by_the_runs_pods_and_an_empty_dir_is_not() {
    let dir = shared_dir();
    let docker = fake_docker(dir.path(), true);
    let work = shared_dir();
    let t = shared_dir();
    let t = t.path().display().to_string();
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
  templates:
  - name: main
    steps:
    - - {{name: write, template: write}}
    - - {{name: read, template: read}}
  - name: write
    volumes: [{{name: scratch, emptyDir: {{}}}}]
    container:
      image: alpine
      command: [sh, -c, 'echo shared > {t}/claim/file; echo mine > {t}/scratch/file']
      volumeMounts: [{{name: workdir, mountPath: {t}/claim}}, {{name: scratch, mountPath: {t}/scratch}}]
  - name: read
    volumes: [{{name: scratch, emptyDir: {{}}}}]
    container:
      image: alpine
      command: [sh, -c, 'cat {t}/claim/file; cat {t}/scratch/file 2>/dev/null || echo empty']
      volumeMounts: [{{name: workdir, mountPath: {t}/claim}}, {{name: scratch, mountPath: {t}/scratch}}]
"#
    );
    let report = run(&yaml, |r| r.directory(work.path()).executor(executor(&docker)));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.stdout("read"), Some("shared\nempty"));
    assert_eq!(std::fs::read_to_string(work.path().join("claims/workdir/file")).unwrap(), "shared\n");
}
