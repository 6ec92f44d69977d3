//! The local artifact repository: every store's key maps into
//! `DIR/artifacts/`, for input and output artifacts; `http` sources are
//! fetched; sources that cannot be reached are errors naming the artifact.

use super::{run, shared_dir};
use hera::run::Phase;

const WRITE_AND_READ: &str = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: write, template: write}
    - - {name: read, template: read}
  - name: write
    container:
      image: alpine
      command: [sh, -c, 'mkdir -p /tmp/o/dir && echo v1 > /tmp/o/file.txt && echo a > /tmp/o/dir/a']
    outputs:
      artifacts:
      - {name: file, path: /tmp/o/file.txt, s3: {bucket: my-bucket, key: "results/{{workflow.name}}/file.txt"}}
      - {name: dir, path: /tmp/o/dir, gcs: {bucket: b, key: results/dir}}
      - {name: kept, path: /tmp/o/file.txt}
  - name: read
    inputs:
      artifacts:
      - {name: f, path: /tmp/in/f, s3: {key: results/wf/file.txt}}
      - {name: d, path: /tmp/in/d, azure: {endpoint: 'https://x.blob.core.windows.net', container: c, blob: results/dir}}
    container: {image: alpine, command: [sh, -c, 'cat /tmp/in/f /tmp/in/d/a']}
"#;

#[test]
fn output_artifacts_with_a_key_are_saved_where_later_steps_and_runs_read_them() {
    let work = shared_dir();
    let report = run(WRITE_AND_READ, |r| r.directory(work.path()));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.stdout("read"), Some("v1\na"));
    let repository = work.path().join("artifacts");
    assert_eq!(std::fs::read_to_string(repository.join("results/wf/file.txt")).unwrap(), "v1\n");
    assert_eq!(std::fs::read_to_string(repository.join("results/dir/a")).unwrap(), "a\n");
    // An artifact without a key stays with its node.
    let entries: Vec<String> = std::fs::read_dir(&repository)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries, ["results"]);

    // Another workflow run in the same directory reads the key (hdfs's path this time).
    let later = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: later}
spec:
  entrypoint: read
  templates:
  - name: read
    inputs: {artifacts: [{name: f, path: /tmp/in/f, hdfs: {path: /results/wf/file.txt}}]}
    container: {image: alpine, command: [cat, /tmp/in/f]}
"#;
    let report = run(later, |r| r.directory(work.path()));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.stdout("later"), Some("v1"));
}

fn one_pod(inputs: &str) -> String {
    format!(
        r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {{name: wf}}
spec:
  entrypoint: main
  templates:
  - name: main
    inputs: {{artifacts: [{inputs}]}}
    container: {{image: alpine, command: [sh, -c, 'cat /tmp/in/a 2>/dev/null || echo none']}}
"#
    )
}

#[test]
fn a_key_not_in_the_repository_is_an_error_unless_optional() {
    let work = shared_dir();
    let report = run(&one_pod("{name: a, path: /tmp/in/a, oss: {bucket: b, key: not/there}}"), |r| {
        r.directory(work.path())
    });
    let node = report.node("wf").unwrap();
    assert_eq!(node.phase, Phase::Error);
    assert_eq!(
        node.message,
        format!(
            "input artifact 'a': key 'not/there' is not in the local artifact repository ({}): put the file there, give the artifact as raw or from, or mock the template",
            work.path().join("artifacts/not/there").display()
        )
    );
    let optional = run(&one_pod("{name: a, path: /tmp/in/a, optional: true, s3: {key: not/there}}"), |r| r);
    assert_eq!(optional.phase(), Phase::Succeeded, "{}", optional.summary());
    assert_eq!(optional.stdout("wf"), Some("none"));
    let escaping = run(&one_pod("{name: a, path: /tmp/in/a, s3: {key: ../../etc/passwd}}"), |r| r);
    assert_eq!(
        escaping.node("wf").unwrap().message,
        "artifact 'a': key '../../etc/passwd' leaves the local artifact repository (no '..' parts)"
    );
}

#[test]
fn a_git_source_is_an_error_naming_the_artifact() {
    let report = run(
        &one_pod(
            "{name: src, path: /tmp/in/a, git: {repo: 'https://github.com/argoproj/argo-workflows.git'}}",
        ),
        |r| r,
    );
    let node = report.node("wf").unwrap();
    assert_eq!(node.phase, Phase::Error);
    assert_eq!(
        node.message,
        "input artifact 'src' comes from a git source, which hera run cannot reach: mock the template or give the artifact as a local file (raw, or a key in the local artifact repository)"
    );
}

#[cfg(feature = "server")]
#[test]
fn an_http_source_is_fetched() {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tell, requests) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { break };
            let mut request = Vec::new();
            let mut chunk = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut chunk) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&chunk[..n]),
                }
            }
            let request = String::from_utf8_lossy(&request).into_owned();
            let (status, body) = if request.starts_with("GET /data.txt ") {
                ("200 OK", "fetched\n")
            } else {
                ("404 Not Found", "")
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = tell.send(request);
        }
    });
    let source = format!(
        "{{name: a, path: /tmp/in/a, http: {{url: 'http://127.0.0.1:{port}/data.txt', headers: [{{name: X-Token, value: abc}}]}}}}"
    );
    let report = run(&one_pod(&source), |r| r);
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.stdout("wf"), Some("fetched"));
    let request = requests.recv().unwrap().to_ascii_lowercase();
    assert!(request.contains("x-token: abc"), "{request}");

    let missing = format!("{{name: a, path: /tmp/in/a, http: {{url: 'http://127.0.0.1:{port}/gone'}}}}");
    let report = run(&one_pod(&missing), |r| r);
    assert_eq!(
        report.node("wf").unwrap().message,
        format!("input artifact 'a': GET http://127.0.0.1:{port}/gone returned status 404")
    );
}

#[test]
fn an_input_artifacts_mode_is_its_files() {
    let yaml = r##"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  templates:
  - name: main
    inputs:
      artifacts:
      - {name: tool, path: /tmp/in/tool.sh, mode: 493, raw: {data: "#!/bin/sh\necho ran\n"}}
    container: {image: alpine, command: [/tmp/in/tool.sh]}
"##;
    let report = run(yaml, |r| r);
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.stdout("wf"), Some("ran"));
}

#[test]
fn a_tarball_at_a_key_is_unpacked_as_argo_unpacks_it() {
    let work = shared_dir();
    let repository = work.path().join("artifacts");
    let staging = shared_dir();
    std::fs::write(staging.path().join("data.txt"), "from a tarball\n").unwrap();
    std::fs::create_dir_all(repository.join("in")).unwrap();
    let tar = |args: &[&str]| {
        let status =
            std::process::Command::new("tar").args(args).current_dir(staging.path()).status().unwrap();
        assert!(status.success());
    };
    tar(&["-czf", &repository.join("in/one.tgz").display().to_string(), "data.txt"]);
    let report =
        run(&one_pod("{name: a, path: /tmp/in/a, s3: {key: in/one.tgz}}"), |r| r.directory(work.path()));
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.stdout("wf"), Some("from a tarball"));
    // `archive: none` takes the object as it is.
    let raw = run(&one_pod("{name: a, path: /tmp/in/a, archive: {none: {}}, s3: {key: in/one.tgz}}"), |r| {
        r.directory(work.path())
    });
    assert_eq!(raw.phase(), Phase::Succeeded, "{}", raw.summary());
    assert!(raw.stdout("wf").unwrap().starts_with('\u{1f}'), "gzip's magic: {:?}", raw.stdout("wf"));
}

#[test]
fn a_steps_or_dag_template_passes_its_own_input_artifact_on_with_from() {
    // `{{inputs.artifacts.NAME}}` is the artifact itself in a template that
    // runs no pod (wfScope.resolveVar): steps and DAGs pass it on; two pods'
    // raw artifacts of one name stay apart.
    let yaml = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: wf}
spec:
  entrypoint: main
  arguments:
    artifacts:
    - {name: seed, raw: {data: from-the-workflow}}
  templates:
  - name: main
    inputs: {artifacts: [{name: seed}]}
    steps:
    - - name: show
        template: show
        arguments: {artifacts: [{name: a, from: "{{inputs.artifacts.seed}}"}]}
      - name: other
        template: show
        arguments: {artifacts: [{name: a, raw: {data: other}}]}
    - - name: dag
        template: dag
        arguments: {artifacts: [{name: inner, from: "{{inputs.artifacts.seed}}"}]}
  - name: dag
    inputs: {artifacts: [{name: inner}]}
    dag:
      tasks:
      - name: show-inner
        template: show
        arguments: {artifacts: [{name: a, from: "{{inputs.artifacts.inner}}"}]}
  - name: show
    inputs: {artifacts: [{name: a, path: /tmp/a.txt}]}
    container: {image: alpine, command: [sh, -c, 'sleep 0.2; cat /tmp/a.txt']}
"#;
    let report = run(yaml, |r| r);
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.stdout("show"), Some("from-the-workflow"));
    assert_eq!(report.stdout("other"), Some("other"));
    assert_eq!(report.stdout("show-inner"), Some("from-the-workflow"));

    // Nothing to pass on: the validator refuses it before anything runs.
    let missing = yaml.replace(
        "{{inputs.artifacts.seed}}\"}]}\n      - name: other",
        "{{inputs.artifacts.nope}}\"}]}\n      - name: other",
    );
    let report = run(&missing, |r| r);
    assert_eq!(report.phase(), Phase::Failed, "{}", report.summary());
    assert!(
        report.summary().contains(
            "failed to resolve {{inputs.artifacts.nope}}: template 'main' has no input artifact 'nope'"
        ),
        "{}",
        report.summary()
    );
}

#[test]
fn a_dags_output_artifact_from_a_task_reaches_the_pods_after_it() {
    // A template that runs no pod outputs its children's artifacts with
    // `from` (getTemplateOutputsFromScope), two levels deep here; the
    // artifact is then an input of a steps template, which passes it on
    // to its pod (Hera's artifacts-in-dags example has the shape).
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
      - {name: gen, template: outer}
      - name: use
        depends: gen
        template: consume
        arguments: {artifacts: [{name: in, from: "{{tasks.gen.outputs.artifacts.art}}"}]}
  - name: outer
    dag:
      tasks:
      - {name: inner, template: inner}
    outputs: {artifacts: [{name: art, from: "{{tasks.inner.outputs.artifacts.art}}"}]}
  - name: inner
    dag:
      tasks:
      - {name: write, template: write}
    outputs: {artifacts: [{name: art, from: "{{tasks.write.outputs.artifacts.out}}"}]}
  - name: write
    container: {image: alpine, command: [sh, -c, 'echo made-by-write > /tmp/o.txt']}
    outputs: {artifacts: [{name: out, path: /tmp/o.txt}]}
  - name: consume
    inputs: {artifacts: [{name: in}]}
    steps:
    - - name: show
        template: show
        arguments: {artifacts: [{name: a, from: "{{inputs.artifacts.in}}"}]}
  - name: show
    inputs: {artifacts: [{name: a, path: /tmp/a.txt}]}
    container: {image: alpine, command: [cat, /tmp/a.txt]}
"#;
    let report = run(yaml, |r| r);
    assert_eq!(report.phase(), Phase::Succeeded, "{}", report.summary());
    assert_eq!(report.stdout("show"), Some("made-by-write"));
    // The DAG's output is the pod's artifact under the DAG's name, as in
    // Argo's status: a location, not a reference.
    let outputs = report.node("gen").unwrap().outputs.as_ref().expect("outputs");
    let art = &outputs.artifacts.as_ref().expect("artifacts")[0];
    assert_eq!(
        (art.name.as_str(), art.path.as_deref(), art.from.as_deref()),
        ("art", Some("/tmp/o.txt"), None)
    );
}
