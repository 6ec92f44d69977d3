use super::*;
use serde_json::json;

fn lines(a: &Value, b: &Value) -> Vec<String> {
    diff_values(a, b).iter().map(ToString::to_string).collect()
}

#[test]
fn a_changed_scalar_names_its_path() {
    let a = json!({"spec": {"templates": [{"name": "main", "container": {"image": "busybox"}}]}});
    let b = json!({"spec": {"templates": [{"name": "main", "container": {"image": "alpine"}}]}});
    assert_eq!(lines(&a, &b), ["spec.templates[main].container.image: busybox → alpine"]);
    assert_eq!(lines(&a, &a), Vec::<String>::new());
}

#[test]
fn added_and_removed_fields() {
    let a = json!({"spec": {"entrypoint": "main", "onExit": "cleanup"}});
    let b = json!({"spec": {"entrypoint": "main", "parallelism": 2, "arguments": {"parameters": [{"name": "x"}]}}});
    assert_eq!(
        lines(&a, &b),
        [
            "- spec.onExit: cleanup",
            "+ spec.parallelism: 2",
            "+ spec.arguments: {\"parameters\":[{\"name\":\"x\"}]}"
        ]
    );
}

#[test]
fn named_lists_match_by_name_and_a_reorder_is_no_change() {
    let a = json!({"tasks": [{"name": "a", "template": "t"}, {"name": "b", "template": "t"}]});
    let reordered = json!({"tasks": [{"name": "b", "template": "t"}, {"name": "a", "template": "t"}]});
    assert_eq!(lines(&a, &reordered), Vec::<String>::new());
    let changed = json!({"tasks": [{"name": "c", "template": "t"}, {"name": "a", "template": "u"}]});
    assert_eq!(
        lines(&a, &changed),
        [
            "+ tasks[c]: {\"name\":\"c\",\"template\":\"t\"}",
            "tasks[a].template: t → u",
            "- tasks[b]: {\"name\":\"b\",\"template\":\"t\"}"
        ]
    );
    // The paths keep each side's index, for locating the field.
    let changes = diff_values(&a, &changed);
    assert_eq!(changes[1].path, FieldPath::root().key("tasks").named(1, "a").key("template"));
}

#[test]
fn lists_without_unique_names_compare_by_index() {
    let a = json!({"args": ["a", "b"], "mounts": [{"name": "v", "path": "/x"}, {"name": "v", "path": "/y"}]});
    let b = json!({"args": ["b", "a", "c"], "mounts": [{"name": "v", "path": "/y"}, {"name": "v", "path": "/x"}]});
    assert_eq!(
        lines(&a, &b),
        [
            "args[0]: a → b",
            "args[1]: b → a",
            "+ args[2]: c",
            "mounts[0].path: /x → /y",
            "mounts[1].path: /y → /x"
        ]
    );
}

#[test]
fn order_matters_in_env_and_init_containers() {
    let a = json!({"env": [{"name": "A", "value": "1"}, {"name": "B", "value": "$(A)"}, {"name": "C"}]});
    let b = json!({"env": [{"name": "B", "value": "$(A)"}, {"name": "A", "value": "1"}, {"name": "C"}]});
    let changes = diff_values(&a, &b);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].kind, ChangeKind::Moved { from: 0, to: 1 });
    assert_eq!(changes[0].to_string(), "env[A]: moved from position 0 to 1");
}

#[test]
fn steps_match_across_groups_and_report_a_change_of_group() {
    let step = |name: &str| json!({"name": name, "template": "t"});
    let a = json!({"steps": [[step("a")], [step("b"), step("c")]]});
    // Order inside a group is parallel: no change.
    let swapped_inside = json!({"steps": [[step("a")], [step("c"), step("b")]]});
    assert_eq!(lines(&a, &swapped_inside), Vec::<String>::new());
    // Groups run in order: a step that changed group moved.
    let regrouped = json!({"steps": [[step("a"), step("c")], [step("b")]]});
    assert_eq!(lines(&a, &regrouped), ["steps[0][c]: moved from step group 1 to 0"]);
    let grown = json!({"steps": [[step("a")], [step("b"), step("c")], []]});
    assert_eq!(lines(&a, &grown), ["+ steps[2]: []"]);
    let renamed = json!({"steps": [[step("a")], [step("b"), step("d")]]});
    assert_eq!(
        lines(&a, &renamed),
        [
            "+ steps[1][d]: {\"name\":\"d\",\"template\":\"t\"}",
            "- steps[1][c]: {\"name\":\"c\",\"template\":\"t\"}"
        ]
    );
}

#[test]
fn a_changed_script_is_a_line_diff() {
    let a = json!({"source": "import sys\nprint(1)\nprint(2)\n"});
    let b = json!({"source": "import sys\nprint(1)\nprint(3)\n"});
    assert_eq!(
        lines(&a, &b),
        ["source: text changed at line 3:\n      print(1)\n    - print(2)\n    + print(3)"]
    );
    let added = json!({"other": "one\ntwo\n"});
    assert_eq!(lines(&json!({}), &added), ["+ other: one … (2 lines)"]);
}

#[test]
fn strings_and_numbers_differ_but_formatting_of_numbers_does_not() {
    assert_eq!(lines(&json!({"limit": "1"}), &json!({"limit": 1})), ["limit: \"1\" → 1"]);
    assert_eq!(lines(&json!({"on": "yes"}), &json!({"on": true})), ["on: \"yes\" → true"]);
    assert_eq!(lines(&json!({"x": 1}), &json!({"x": 1.0})), Vec::<String>::new());
    assert_eq!(lines(&json!({"x": ""}), &json!({"x": null})), ["x: \"\" → null"]);
}

#[test]
fn long_values_are_shortened_around_the_difference() {
    let long = "x".repeat(150);
    let a = json!({"args": format!("{long} --flag=a")});
    let b = json!({"args": format!("{long} --flag=b")});
    assert_eq!(lines(&a, &b), ["args: …xxxxxxxxxxxx --flag=a → …xxxxxxxxxxxx --flag=b"]);
    let added = lines(&json!({}), &json!({"big": [long]}));
    assert_eq!(added[0].chars().count(), "+ big: ".len() + 100);
}

fn documents(source: &str) -> Vec<Document> {
    crate::yaml::documents(source).unwrap()
}

#[test]
fn objects_match_by_kind_namespace_and_name() {
    let a = documents(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: argo}\ndata: {k: v}\n---\n\
         apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gone}\n",
    );
    let b = documents(
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: new-}\nspec: {entrypoint: main}\n---\n\
         apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: argo, name: c}\ndata: {k: w}\n",
    );
    let out: Vec<String> = diff(&a, &b).iter().map(ToString::to_string).collect();
    assert_eq!(
        out,
        [
            "ConfigMap argo/c: data.k: v → w\n",
            "- ConfigMap gone (only in A)\n",
            "+ Workflow new- (only in B)\n"
        ]
    );
    assert_eq!(diff(&b, &b), []);
}
