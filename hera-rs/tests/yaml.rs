//! The YAML layer's promises, tested through the public API: YAML 1.1-safe
//! writing (the Norway problem), lossless reading, and one clear error, never a
//! panic, for every kind of bad input.

use hera::model::{Document, IntOrString, Quantity, Workflow};
use hera::yaml;

const HEAD: &str = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: w\nspec:\n";

fn workflow(spec: &str) -> String {
    format!("{HEAD}{spec}")
}

fn only_workflow(source: &str) -> Workflow {
    match yaml::documents(source).unwrap().pop() {
        Some(Document::Workflow(w)) => *w,
        other => panic!("expected a workflow, got {other:?}"),
    }
}

fn error(source: &str) -> String {
    yaml::documents(source).unwrap_err().to_string()
}

#[test]
fn norway_values_are_quoted_for_yaml_1_1_readers() {
    let source = workflow(
        "  arguments:\n    parameters:\n    - name: answer\n      value: \"yes\"\n  templates:\n  - name: main\n    \
         metadata:\n      annotations:\n        released: \"2024-01-01\"\n    container:\n      image: alpine\n      \
         env:\n      - name: FEATURE\n        value: \"on\"\n",
    );
    let emitted = yaml::to_string(&only_workflow(&source)).unwrap();
    assert!(emitted.contains("      value: \"yes\"\n"), "{emitted}");
    assert!(emitted.contains("        value: \"on\"\n"), "{emitted}");
    assert!(emitted.contains("        released: \"2024-01-01\"\n"), "{emitted}");
    assert_eq!(only_workflow(&emitted), only_workflow(&source));
}

#[test]
fn every_yaml_1_1_lookalike_string_is_quoted_and_reads_back_as_a_string() {
    let lookalikes = [
        "yes",
        "Yes",
        "YES",
        "no",
        "No",
        "on",
        "On",
        "OFF",
        "off",
        "y",
        "Y",
        "n",
        "N",
        "true",
        "False",
        "null",
        "Null",
        "~",
        "",
        "1",
        "-1",
        "1.0",
        "1e3",
        "0755",
        "0x1F",
        "0o17",
        "1_000",
        ".inf",
        "-.Inf",
        ".NaN",
        "2024-01-01",
        "2001-12-14t21:59:43.10-05:00",
        "12:30",
        "190:20:30",
    ];
    for text in lookalikes {
        let env = hera::model::EnvVar { name: "X".into(), value: Some(text.into()), ..Default::default() };
        let emitted = yaml::to_string(&env).unwrap();
        let line = emitted.lines().nth(1).unwrap();
        assert!(line.starts_with("value: \"") || line.starts_with("value: '"), "{text:?} unquoted: {line}");
        let back: hera::model::EnvVar = yaml::from_str(&emitted).unwrap();
        assert_eq!(back.value.as_deref(), Some(text));
    }
}

#[test]
fn scalars_resolve_as_yaml_1_1_like_kubectl() {
    let w = only_workflow(&workflow(
        "  templates:\n  - name: main\n    container:\n      image: alpine\n    volumes:\n    - name: v\n      \
         configMap:\n        name: c\n        defaultMode: 0755\n",
    ));
    let templates = w.spec.templates.unwrap();
    let mode = templates[0].volumes.as_ref().unwrap()[0].config_map.as_ref().unwrap().default_mode;
    assert_eq!(mode, Some(0o755));
    // `yes` is a boolean in YAML 1.1, so a string field refuses it and says why.
    let message = error(&workflow("  entrypoint: yes\n"));
    assert_eq!(
        message,
        "6:15: spec.entrypoint: expected a string, found the boolean true; YAML 1.1 (kubectl, Argo) reads \
         yes/no/on/off/y/n as booleans: quote the value to keep it a string"
    );
}

#[test]
fn numbers_stay_numbers_and_strings_stay_strings() {
    let source = workflow(
        "  templates:\n  - name: a\n    retryStrategy:\n      limit: 10\n    container:\n      image: alpine\n      \
         resources:\n        limits:\n          cpu: 0.5\n          memory: 1Gi\n        requests:\n          cpu: 1\n  \
         - name: b\n    retryStrategy:\n      limit: \"10\"\n    container:\n      image: alpine\n",
    );
    let w = only_workflow(&source);
    let templates = w.spec.templates.as_ref().unwrap();
    let limit = |i: usize| templates[i].retry_strategy.as_ref().unwrap().limit.clone().unwrap();
    assert_eq!(limit(0), IntOrString::Int(10));
    assert_eq!(limit(1), IntOrString::String("10".into()));
    let resources = templates[0].container.as_ref().unwrap().resources.clone().unwrap();
    let limits = resources.limits.unwrap();
    assert_eq!(limits["cpu"], Quantity::Number(serde_json::Number::from_f64(0.5).unwrap()));
    assert_eq!(limits["memory"], Quantity::String("1Gi".into()));
    let emitted = yaml::to_string(&w).unwrap();
    for line in ["      limit: 10\n", "      limit: \"10\"\n", "          cpu: 0.5\n", "          cpu: 1\n"] {
        assert!(emitted.contains(line), "{line:?} missing in\n{emitted}");
    }
}

#[test]
fn empty_and_absent_stay_apart_and_free_form_values_keep_their_shape() {
    let source = workflow(
        "  templates:\n  - name: main\n    steps:\n    - - name: s\n        template: t\n        arguments: {}\n        \
         withItems:\n        - {z: 1, a: [true, null]}\n        - plain\n    - []\n",
    );
    let emitted = yaml::to_string(&only_workflow(&source)).unwrap();
    assert!(emitted.contains("        arguments: {}\n"), "{emitted}");
    assert!(emitted.contains("    - []\n"), "{emitted}");
    assert!(
        emitted.contains("        - z: 1\n          a:\n          - true\n          - null\n"),
        "{emitted}"
    );
    assert!(!emitted.contains("when"), "absent fields stay absent");
}

#[test]
fn output_is_byte_identical_on_every_run_and_idempotent() {
    let source = workflow(
        "  entrypoint: main\n  templates:\n  - name: main\n    script:\n      image: python\n      source: |\n        print('a')  \n\n        print('b')\n",
    );
    let first = yaml::to_string(&only_workflow(&source)).unwrap();
    for _ in 0..3 {
        assert_eq!(yaml::to_string(&only_workflow(&source)).unwrap(), first);
    }
    assert_eq!(yaml::to_string(&only_workflow(&first)).unwrap(), first);
    assert!(first.contains("      source: |\n        print('a')  \n\n        print('b')\n"), "{first}");
}

#[test]
fn a_block_scalar_ending_the_input_keeps_only_line_breaks_that_are_there() {
    let script =
        |source: &str| only_workflow(source).spec.templates.unwrap()[0].script.clone().unwrap().source;
    let base = workflow(
        "  templates:\n  - name: main\n    script:\n      image: python\n      source: |\n        print(1)",
    );
    assert_eq!(
        script(&base).as_deref(),
        Some("print(1)"),
        "no final newline in the file, none in the script"
    );
    assert_eq!(script(&format!("{base}\n")).as_deref(), Some("print(1)\n"));
    assert_eq!(script(&base.replace("source: |", "source: |+")).as_deref(), Some("print(1)"));
    assert_eq!(script(&format!("{base}\n      ")).as_deref(), Some("print(1)\n"));
    let folded = base.replace("source: |\n        print(1)", "source: >\n        print(1)\n        print(2)");
    assert_eq!(script(&folded).as_deref(), Some("print(1) print(2)"));
    // Only the stream's last scalar is affected.
    let two = format!("{base}\n---\n{base}");
    let documents = yaml::documents(&two).unwrap();
    let sources: Vec<_> = documents
        .iter()
        .map(|d| match d {
            Document::Workflow(w) => {
                w.spec.templates.as_ref().unwrap()[0].script.as_ref().unwrap().source.clone()
            }
            _ => None,
        })
        .collect();
    assert_eq!(sources, [Some("print(1)\n".into()), Some("print(1)".into())]);
    let emitted = yaml::to_string(&only_workflow(&base)).unwrap();
    assert!(emitted.ends_with("      source: print(1)\n"), "{emitted}");
}

#[test]
fn long_lines_are_never_folded() {
    let long = "x".repeat(150) + " " + &"y".repeat(150);
    let env = hera::model::EnvVar { name: "LONG".into(), value: Some(long.clone()), ..Default::default() };
    assert_eq!(yaml::to_string(&env).unwrap(), format!("name: LONG\nvalue: {long}\n"));
}

#[test]
fn unknown_fields_are_refused_with_a_suggestion_and_all_reported() {
    let message = error(&workflow(
        "  templates:\n  - name: main\n    script:\n      image: alpine\n      sorce: echo\n      imagePullPolicy: Always\n      \
         commands: [sh]\n",
    ));
    assert_eq!(
        message,
        "10:7: spec.templates[0].script.sorce: unknown field, did you mean 'source'?\n\
         12:7: spec.templates[0].script.commands: unknown field, did you mean 'command'?"
    );
    assert_eq!(
        error(&workflow("  frobnicate: 1\n")),
        "6:3: spec.frobnicate: unknown field `frobnicate`; WorkflowSpec has no such field"
    );
}

#[test]
fn duplicate_keys_are_refused_with_both_places() {
    assert_eq!(
        error(&workflow("  entrypoint: a\n  entrypoint: b\n")),
        "7:3: spec.entrypoint: duplicate key `entrypoint` (first at line 6); Kubernetes and `argo lint` refuse duplicate keys"
    );
    // Also inside free-form values and labels.
    assert!(
        error(&format!("{HEAD}  templates: []\n").replace("name: w", "name: w\n  labels: {a: x, a: y}"))
            .contains("metadata.labels.a: duplicate key `a`")
    );
}

#[test]
fn wrong_types_name_the_field_and_what_was_found() {
    assert_eq!(
        error(&workflow("  parallelism: two\n")),
        "6:16: spec.parallelism: expected an integer, found the string \"two\""
    );
    // A parameter's value is Argo's AnyString: a number reads as its text
    // (lint warns, rule unquoted-string); elsewhere a string field is strict.
    let documents =
        yaml::documents(&workflow("  arguments:\n    parameters:\n    - name: count\n      value: 3\n"));
    let spec = documents.unwrap().remove(0);
    let value =
        &spec.workflow_spec().unwrap().arguments.as_ref().unwrap().parameters.as_ref().unwrap()[0].value;
    assert_eq!(value.as_deref(), Some("3"));
    assert_eq!(
        error(&workflow("  serviceAccountName: 3\n")),
        "6:23: spec.serviceAccountName: expected a string, found the number 3; quote the value to make it a string"
    );
    assert_eq!(
        error(&workflow("  templates:\n  - container: {image: a}\n    retryStrategy: {limit: 1.5}\n")),
        "8:28: spec.templates[0].retryStrategy.limit: expected an integer or a string, found the number 1.5"
    );
    assert_eq!(
        error(&workflow("  arguments:\n    parameters:\n    - value: x\n")),
        "8:7: spec.arguments.parameters[0]: missing required field `name`"
    );
}

#[test]
fn malformed_yaml_is_one_line_with_a_location() {
    assert_eq!(error("a: [1\n"), "1:4: unclosed bracket '['");
    assert_eq!(error("a: b\n c: d\n"), yaml::documents("a: b\n c: d\n").unwrap_err().to_string());
    assert_eq!(error("a: b\n c: d\n").lines().count(), 1);
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let flow = "[".repeat(10_000) + &"]".repeat(10_000);
    let block: String = (0..10_000).map(|i| format!("{}- \n", "  ".repeat(i))).collect();
    let mapping: String = (0..10_000).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    for source in [flow, block, mapping] {
        let message = error(&source);
        assert!(message.contains("nesting is deeper than 128 levels"), "{message}");
        assert_eq!(message.lines().count(), 1);
    }
}

#[test]
fn nesting_up_to_the_limit_reads_and_writes_on_a_small_test_thread() {
    // 120 levels of free-form value inside withItems: allowed, and neither
    // reading nor writing depends on the caller's (2 MiB) stack.
    let deep = "[".repeat(112) + "1" + &"]".repeat(112);
    let source = workflow(&format!(
        "  templates:\n  - name: main\n    steps:\n    - - name: s\n        template: t\n        withItems: [{deep}]\n"
    ));
    let w = only_workflow(&source);
    let emitted = yaml::to_string(&w).unwrap();
    assert_eq!(only_workflow(&emitted), w);
}

#[test]
fn an_alias_bomb_is_refused() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i", "j"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h", "i"])
    {
        bomb.push_str(&format!("{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"));
    }
    let message = error(&bomb);
    assert!(message.contains("reading limits"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
}

#[test]
fn random_text_never_panics() {
    // A fixed pseudo-random generator: the same 10 MB on every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..10 * 1024 * 1024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    let message = error(&text);
    assert_eq!(message.lines().count(), 1, "{message}");
}

#[test]
fn empty_streams_hold_no_documents() {
    for source in ["", "\n", "# only a comment\n", "---\n", "---\n...\n"] {
        assert_eq!(yaml::documents(source).unwrap(), Vec::<Document>::new(), "{source:?}");
    }
}

#[test]
fn other_kinds_pass_through_untyped_with_envelope_first() {
    let source = "data:\n  b: \"2\"\n  a: \"1\"\nkind: ConfigMap\napiVersion: v1\nmetadata:\n  name: c\n";
    let documents = yaml::documents(source).unwrap();
    assert!(matches!(documents[0], Document::Other(_)));
    assert_eq!(
        yaml::to_string_all(&documents).unwrap(),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  b: \"2\"\n  a: \"1\"\n"
    );
}

#[test]
fn argo_kinds_need_argo_api_version_and_documents_need_a_kind() {
    assert_eq!(
        error("apiVersion: v1\nkind: Workflow\nmetadata: {name: x}\nspec: {}\n"),
        "1:13: apiVersion: Workflow needs apiVersion argoproj.io/v1alpha1, found the string \"v1\""
    );
    assert_eq!(
        error("metadata: {name: x}\n"),
        "1:1: not a Kubernetes object: the document has no `kind` (hera reads Kubernetes objects: Argo's kinds typed, any other kind untyped)"
    );
    assert_eq!(error("- a\n"), "1:1: a document must be a mapping with apiVersion and kind, found a list");
}

#[test]
fn removed_argo_v3_fields_say_what_replaces_them() {
    assert_eq!(
        error(&workflow("  synchronization:\n    mutex: {name: m}\n")),
        "7:5: spec.synchronization.mutex: synchronization.mutex was removed in Argo v4; use synchronization.mutexes \
         (a list of mutexes)"
    );
}

#[test]
fn json_reads_and_writes_the_same_model() {
    let w = only_workflow(&workflow(
        "  entrypoint: main\n  templates:\n  - name: main\n    container: {image: alpine}\n",
    ));
    let json = hera::json::to_string(&w).unwrap();
    assert!(
        json.starts_with("{\n  \"apiVersion\": \"argoproj.io/v1alpha1\",\n  \"kind\": \"Workflow\",\n"),
        "{json}"
    );
    assert_eq!(hera::json::from_str::<Workflow>(&json).unwrap(), w);
    let bad = json.replace("\"entrypoint\"", "\"entrypont\"");
    assert_eq!(
        hera::json::from_str::<Workflow>(&bad).unwrap_err().to_string(),
        "8:5: spec.entrypont: unknown field, did you mean 'entrypoint'?"
    );
}

#[test]
fn documents_deserialize_from_any_serde_format_with_the_same_checks() {
    let json = r#"{"kind": "Workflow", "apiVersion": "argoproj.io/v1alpha1", "metadata": {"name": "x"}, "spec": {"entrypont": "main"}}"#;
    let error = serde_json::from_str::<Document>(json).unwrap_err().to_string();
    assert!(error.starts_with("spec.entrypont: unknown field, did you mean 'entrypoint'?"), "{error}");
    let ok = json.replace("entrypont", "entrypoint");
    assert_eq!(serde_json::from_str::<Document>(&ok).unwrap().name(), Some("x"));
}

#[test]
fn a_stream_of_more_documents_than_the_limit_is_refused() {
    let at_limit = "a: 1\n---\n".repeat(yaml::MAX_DOCUMENTS - 1) + "a: 1\n";
    assert_eq!(yaml::parse(&at_limit).unwrap().len(), yaml::MAX_DOCUMENTS);
    let over = at_limit + "---\na: 1\n";
    let message = yaml::parse(&over).unwrap_err().to_string();
    assert!(
        message.ends_with("the stream holds more than 100000 documents; refusing to read further"),
        "{message}"
    );
}

#[test]
fn an_input_larger_than_the_limit_is_refused_before_parsing() {
    // Spaces and a comment: parsing it would be cheap, so a refusal is the limit's.
    let mut over = String::with_capacity(yaml::MAX_INPUT_BYTES + 2);
    over.push('#');
    over.extend(std::iter::repeat_n(' ', yaml::MAX_INPUT_BYTES));
    let message = yaml::parse(&over).unwrap_err().to_string();
    assert_eq!(message, "the input is 128 MB; hera reads at most 128 MB in one stream");
    over.truncate(yaml::MAX_INPUT_BYTES);
    assert!(yaml::parse(&over).unwrap().is_empty());
}
