//! Host pods' private views entered the way other users' are: root's pod
//! thread enters a mount namespace itself, any other user's child enters a
//! user namespace too. The engine's other tests (and `checks/tests/run`)
//! run as whoever runs the tests; when that is root, this runs the `hera`
//! command as an unprivileged user through `setpriv`, so both ways are
//! tested.

use std::os::unix::fs::PermissionsExt;

/// Two pods at once that write the same `/tmp` file, each reading back its own.
const SAME_FILE: &str = r#"
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: views}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: one, template: write, arguments: {parameters: [{name: v, value: "1"}]}}
      - {name: two, template: write, arguments: {parameters: [{name: v, value: "2"}]}}
  - name: write
    inputs: {parameters: [{name: v}]}
    outputs: {parameters: [{name: out, valueFrom: {path: /tmp/hera-views-test.txt}}]}
    container:
      image: alpine
      command: [sh, -c, "echo {{inputs.parameters.v}} > /tmp/hera-views-test.txt; sleep 0.2; cat /tmp/hera-views-test.txt"]
"#;

#[test]
fn each_pod_sees_its_own_tmp_as_an_unprivileged_user() {
    let root = std::fs::read_to_string("/proc/self/status")
        .is_ok_and(|s| s.lines().any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(2) == Some("0")));
    let setpriv =
        std::process::Command::new("setpriv").arg("--version").output().is_ok_and(|o| o.status.success());
    if !root || !setpriv {
        eprintln!("not root, or no setpriv: the user's own run above is the unprivileged case");
        return;
    }
    let as_nobody = |program: &str| {
        let mut command = std::process::Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--", program]);
        command
    };
    // The engine's own probe: where it fails, pods share the host's /tmp.
    let views = as_nobody("unshare").args(["--mount", "--map-root-user", "--fork", "true"]).status();
    if !views.is_ok_and(|s| s.success()) {
        eprintln!("no user namespaces for an unprivileged user here: not checked");
        return;
    }
    let dir = super::shared_dir();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let file = dir.path().join("views.yaml");
    std::fs::write(&file, SAME_FILE).unwrap();
    let output = as_nobody(env!("CARGO_BIN_EXE_hera"))
        .arg("run")
        .arg(&file)
        .args(["--executor", "host", "-o", "json", "--artifacts"])
        .arg(dir.path().join("run"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let workflow: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let nodes = workflow["status"]["nodes"].as_object().unwrap();
    for (name, value) in [("one", "1"), ("two", "2")] {
        let node = nodes.values().find(|n| n["displayName"] == name).unwrap();
        assert_eq!(node["outputs"]["parameters"][0]["value"], value, "{name}: {stderr}");
    }
}
