//! The thin commands' options and the errors no other test reaches.

use super::fake::{Behaviour, Fake};
use super::{WORKFLOW, file, hera};

#[test]
fn logs_pass_pod_container_grep_and_follow_and_suspend_resume_act() {
    let fake = Fake::start(Behaviour::default());
    let dir = tempfile::tempdir().unwrap();
    let wf = file(dir.path(), "wf.yaml", &WORKFLOW.replace("generateName: hello-", "name: one"));
    assert_eq!(hera(Some(&fake.url()), &[], &["submit", &wf]).code, 0);
    let run = hera(
        Some(&fake.url()),
        &[],
        &["logs", "one", "--node", "one-main-1", "-c", "init", "--grep", "from", "--follow"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("one-main-1: from the fake"), "{}", run.stdout);
    let run = hera(Some(&fake.url()), &[], &["logs", "one"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let queries = fake.state.lock().unwrap().log_queries.clone();
    let get = |i: usize, key: &str| queries[i].get(key).cloned();
    assert_eq!(get(0, "podName").as_deref(), Some("one-main-1"));
    assert_eq!(get(0, "logOptions.container").as_deref(), Some("init"));
    assert_eq!(get(0, "grep").as_deref(), Some("from"));
    assert_eq!(get(0, "logOptions.follow").as_deref(), Some("true"));
    // Without a container: main, as the argo CLI asks.
    assert_eq!(get(1, "logOptions.container").as_deref(), Some("main"));
    assert_eq!(get(1, "logOptions.follow"), None);
    for action in ["suspend", "resume"] {
        let run = hera(Some(&fake.url()), &[], &[action, "one"]);
        assert_eq!(run.code, 0, "{action}: {}", run.stderr);
        assert!(run.stderr.contains(&format!("hera {action}: Workflow argo/one")), "{}", run.stderr);
        assert!(fake.requests().contains(&format!("PUT /api/v1/workflows/argo/one/{action}")));
    }
    assert_eq!(hera(Some(&fake.url()), &[], &["suspend", "nope"]).code, 1);
    assert!(fake.state.lock().unwrap().invalid.is_empty(), "{:?}", fake.state.lock().unwrap().invalid);
}

#[test]
fn an_answer_that_is_not_json_is_a_malformed_response() {
    let fake = Fake::start(Behaviour { garbage: true, ..Default::default() });
    let run = hera(Some(&fake.url()), &[], &["get", "one"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("hera get: malformed response from the Argo Server for Workflow argo/one: not JSON"),
        "{}",
        run.stderr
    );
}

#[test]
fn argo_base_href_prefixes_every_path_streams_included() {
    let fake = Fake::start(Behaviour { base_href: Some("/argo".into()), ..Default::default() });
    let dir = tempfile::tempdir().unwrap();
    let wf = file(dir.path(), "wf.yaml", WORKFLOW);
    let run = hera(Some(&fake.url()), &[("ARGO_BASE_HREF", "/argo/")], &["submit", &wf, "--wait", "--log"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let requests = fake.requests();
    assert!(
        requests.iter().all(|r| r.split(' ').nth(1).unwrap().starts_with("/argo/api/v1/")),
        "{requests:?}"
    );
    assert!(requests.iter().any(|r| r.contains("/argo/api/v1/workflow-events/argo")), "{requests:?}");
    // Without it, the paths miss the prefix: 404.
    let run = hera(Some(&fake.url()), &[], &["workflows"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
}
