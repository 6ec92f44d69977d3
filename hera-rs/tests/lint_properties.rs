//! Linting never panics, whatever it is given: arbitrary bytes, arbitrary
//! YAML with Argo's field names, and arbitrary (often broken) workflows
//! built as model values. Every finding names a rule of `hera::lint::RULES`,
//! says something and, read from text, points inside it; a model and its
//! YAML text lint the same.
//!
//! The default case counts keep a debug run short. `PROPTEST_CASES` sets the
//! count of every property; for a long run:
//!
//! ```text
//! PROPTEST_CASES=100000 cargo test --release -p hera-rs --test lint_properties
//! ```

use hera::lint::{Finding, RULES, lint_documents, lint_sources};
use hera::model::Document;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};

/// `default` cases, unless `PROPTEST_CASES` asks for another count.
fn config(default: u32) -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = default;
    }
    // Failures are reported with the minimised input; no files in the tree.
    config.failure_persistence = None;
    config
}

fn assert_well_formed(findings: &[Finding], text: Option<&str>) {
    for finding in findings {
        assert!(RULES.iter().any(|r| r.id == finding.rule), "unknown rule {:?} in {finding}", finding.rule);
        assert!(!finding.message.trim().is_empty(), "empty message: {finding:?}");
        // The one-line form must not panic either.
        let _ = finding.to_string();
        if let (Some(text), Some(location)) = (text, finding.location) {
            // YAML breaks lines at \n, \r\n and a lone \r.
            let lines = text.replace("\r\n", "\n").split(['\n', '\r']).count() as u32;
            assert!(
                location.line >= 1 && location.line <= lines && location.column >= 1,
                "{finding} in:\n{text}"
            );
        }
    }
}

/// Findings without file and position, sorted, to compare two lints.
fn summary(findings: &[Finding]) -> Vec<String> {
    let mut lines: Vec<String> = findings
        .iter()
        .map(|f| format!("{:?} {} {} {}: {}: {}", f.severity, f.rule, f.kind, f.name, f.path, f.message))
        .collect();
    lines.sort();
    lines
}

// ---------------------------------------------------------------- bytes

/// Pieces of YAML syntax, so that random text is often nearly YAML.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "\n", "\n  ", "\n- ", " ", "  ", "- ", ": ", ":", "[", "]", "{", "}", ",", "'", "\"", "|", ">", "#",
    "&a ", "*a", "!!str ", "!!binary ", "? ", "<<: ", "---\n", "...\n", "%YAML 1.2\n", "\t", "\\", "{{", "}}",
    "name", "kind", "apiVersion: argoproj.io/v1alpha1\n", "kind: Workflow\n", "metadata:", "spec:",
    "templates:", "dag:", "tasks:", "steps:", "depends: ", "template: ", "main", "a", "1", "-1", "0x1f",
    "1e9", "~", "null", "yes", "é", "\u{feff}", "\r\n", "\0",
];

proptest! {
    #![proptest_config(config(4000))]

    #[test]
    fn arbitrary_bytes_lint_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&bytes);
        let report = lint_sources(&[("fuzz.yaml", &text)]);
        assert_well_formed(&report.findings, Some(&text));
    }

    #[test]
    fn arbitrary_yaml_tokens_lint_without_panicking(tokens in prop::collection::vec(select(TOKENS), 0..80)) {
        let text = tokens.concat();
        let report = lint_sources(&[("fuzz.yaml", &text)]);
        assert_well_formed(&report.findings, Some(&text));
    }
}

proptest! {
    #![proptest_config(config(800))]

    #[test]
    fn arbitrary_text_after_a_workflow_header_lints_without_panicking(
        tail in prop::collection::vec(
            prop_oneof![select(TOKENS).prop_map(str::to_owned), any::<String>()],
            0..40,
        ),
    ) {
        let header = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: x}\nspec:\n  ";
        let text = format!("{header}{}", tail.concat());
        let report = lint_sources(&[("fuzz.yaml", &text)]);
        assert_well_formed(&report.findings, Some(&text));
    }
}

// ---------------------------------------------------------------- YAML

#[rustfmt::skip]
const FIELDS: &[&str] = &[
    "apiVersion", "kind", "metadata", "name", "generateName", "spec", "templates", "dag", "tasks", "steps",
    "depends", "dependencies", "template", "templateRef", "arguments", "parameters", "artifacts", "value",
    "inputs", "outputs", "withItems", "withParam", "withSequence", "when", "container", "image", "script",
    "source", "entrypoint", "onExit", "hooks", "schedules", "timezone", "workflowSpec", "valueFrom", "path",
    "expression", "exit", "resource", "action", "manifest", "suspend", "containerSet", "containers",
    "workflowTemplateRef", "templateDefaults", "count", "end", "parallelism", "timeout", "retryStrategy",
];

const KINDS: &[&str] = &["Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow"];

fn key() -> BoxedStrategy<String> {
    prop_oneof![9 => select(FIELDS).prop_map(str::to_owned), 1 => "[a-zA-Z]{1,8}", 1 => any::<String>()]
        .boxed()
}

fn scalar() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        select(NAMES).prop_map(Value::from),
        select(TEXTS).prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ]
    .boxed()
}

/// Maps, lists and scalars, keyed mostly by Argo's field names.
fn yaml_value() -> BoxedStrategy<Value> {
    scalar()
        .prop_recursive(5, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((key(), inner), 0..6)
                    .prop_map(|fields| Value::Object(fields.into_iter().collect())),
            ]
        })
        .boxed()
}

/// A document Argo's rules see: `apiVersion` and one of Argo's kinds, the
/// rest arbitrary.
fn yaml_document() -> BoxedStrategy<Value> {
    (select(KINDS), prop::option::of(yaml_value()), prop::collection::vec((key(), yaml_value()), 0..4))
        .prop_map(|(kind, metadata, spec)| {
            let mut document = json!({"apiVersion": "argoproj.io/v1alpha1", "kind": kind});
            if let Some(metadata) = metadata {
                document["metadata"] = metadata;
            }
            document["spec"] = Value::Object(spec.into_iter().collect());
            document
        })
        .boxed()
}

/// YAML text of documents, in block style (hera's writer) or flow style
/// (JSON, which is YAML too).
fn yaml_text(documents: &[Value], block: bool) -> String {
    let text = |d: &Value| match block {
        true => hera::yaml::to_string(d).unwrap(),
        false => serde_json::to_string(d).unwrap() + "\n",
    };
    documents.iter().map(text).collect::<Vec<_>>().join("---\n")
}

proptest! {
    #![proptest_config(config(800))]

    #[test]
    fn arbitrary_argo_shaped_yaml_lints_without_panicking(
        documents in prop::collection::vec(yaml_document(), 1..4),
        block in any::<bool>(),
    ) {
        let text = yaml_text(&documents, block);
        let report = lint_sources(&[("fuzz.yaml", &text)]);
        assert_well_formed(&report.findings, Some(&text));
    }
}

// ---------------------------------------------------------------- models

/// Names that collide, miss, or break Argo's patterns.
#[rustfmt::skip]
const NAMES: &[&str] = &[
    "a", "b", "c", "main", "echo", "t0", "t1", "lib", "exit", "A", "a_1", "1a", "x.y", "", "-", "a b", "é",
    "wait", "main-{{item}}", "{{inputs.parameters.p}}",
];

/// Values with `{{...}}` references, good and broken.
#[rustfmt::skip]
const TEXTS: &[&str] = &[
    "{{tasks.x.status}}", "{{item.y}}", "{{item}}", "{{inputs.parameters.p}}", "{{inputs.artifacts.a.path}}",
    "{{outputs.parameters.p.path}}", "{{steps.a.outputs.result}}", "{{steps.a.outputs.parameters.p}}",
    "{{tasks.t0.outputs.result}}", "{{tasks.a.outputs.parameters.p}}", "{{tasks.a.outputs.artifacts.x}}",
    "{{workflow.name}}", "{{workflow.parameters.p}}", "{{workflow.outputs.parameters.g}}", "{{pod.name}}",
    "{{=a+}}", "{{= tasks.a.outputs.result }}", "{{=sprig.upper(inputs.parameters.p)}}", "{{", "}}", "{{}}",
    "{{ }}", "{{tasks.}}", "{{steps.a.ids}}", "{{inputs.parameters.}}", "{{tasks.a.status}}", "{{retries}}",
    "{{lastRetry.exitCode}}", "{{tasks.a.exitCode}}", "{{steps.b.startedAt}}", "a && (", "", "x", "5", "true",
    "-1", "{{tasks.name}}", "{{=", "{{{{item}}}}",
];

#[rustfmt::skip]
const DEPENDS: &[&str] = &[
    "a", "b", "t0", "&&", "||", "!", "(", ")", " ", ".Succeeded", ".Failed", ".Errored", ".Skipped",
    ".Omitted", ".Daemoned", ".AnySucceeded", ".AllFailed", ".Bogus", ".", "and", "or", "not",
    "{{tasks.x.status}}", "main",
];

fn name() -> BoxedStrategy<String> {
    prop_oneof![
        12 => select(NAMES).prop_map(str::to_owned),
        1 => "[a-z0-9-]{0,140}",
        1 => any::<String>(),
    ]
    .boxed()
}

fn text() -> BoxedStrategy<String> {
    prop_oneof![
        6 => select(TEXTS).prop_map(str::to_owned),
        3 => prop::collection::vec(prop_oneof![select(TEXTS), select(NAMES)], 0..4).prop_map(|p| p.concat()),
        1 => any::<String>(),
    ]
    .boxed()
}

fn depends() -> BoxedStrategy<String> {
    prop_oneof![
        select(vec![
            "a",
            "a && b",
            "a && (",
            "(a || b) && !c",
            "a.Succeeded",
            "a.AnySucceeded",
            "t0.Failed || t1.Errored"
        ])
        .prop_map(str::to_owned),
        prop::collection::vec(select(DEPENDS), 0..10).prop_map(|t| t.concat()),
        any::<String>(),
    ]
    .boxed()
}

/// A JSON object of the fields that are set.
fn object(fields: Vec<(&str, Option<Value>)>) -> Value {
    Value::Object(fields.into_iter().filter_map(|(k, v)| v.map(|v| (k.to_owned(), v))).collect::<Map<_, _>>())
}

fn opt<S: Strategy>(s: S) -> impl Strategy<Value = Option<S::Value>> {
    prop::option::weighted(0.4, s)
}

fn parameter() -> BoxedStrategy<Value> {
    let value_from = (
        opt(text()),
        opt(text()),
        opt(name()),
        opt(text()),
        opt(select(vec!["{.a}", ".a", ""])),
        opt(select(vec!["x", "{{workflow.name}}"])),
    )
        .prop_map(|(path, expression, parameter, json_path, jq_filter, supplied)| {
            object(vec![
                ("path", path.map(Value::from)),
                ("expression", expression.map(Value::from)),
                ("parameter", parameter.map(Value::from)),
                ("jsonPath", json_path.map(Value::from)),
                ("jqFilter", jq_filter.map(Value::from)),
                ("default", supplied.map(Value::from)),
            ])
        });
    (name(), opt(text()), opt(text()), opt(value_from), opt(name()), opt(prop::collection::vec(text(), 0..3)))
        .prop_map(|(name, value, default, value_from, global_name, enumeration)| {
            object(vec![
                ("name", Some(name.into())),
                ("value", value.map(Value::from)),
                ("default", default.map(Value::from)),
                ("valueFrom", value_from),
                ("globalName", global_name.map(Value::from)),
                ("enum", enumeration.map(Value::from)),
            ])
        })
        .boxed()
}

fn artifact() -> BoxedStrategy<Value> {
    (name(), opt(text()), opt(text()), opt(text()), opt(text()), opt(name()))
        .prop_map(|(name, path, from, raw, repo, global_name)| {
            object(vec![
                ("name", Some(name.into())),
                ("path", path.map(Value::from)),
                ("from", from.map(Value::from)),
                ("raw", raw.map(|data| json!({"data": data}))),
                ("git", repo.map(|repo| json!({"repo": repo}))),
                ("globalName", global_name.map(Value::from)),
            ])
        })
        .boxed()
}

/// `{parameters, artifacts}`, as arguments, inputs or outputs.
fn io() -> BoxedStrategy<Value> {
    (opt(prop::collection::vec(parameter(), 0..4)), opt(prop::collection::vec(artifact(), 0..3)))
        .prop_map(|(parameters, artifacts)| {
            object(vec![
                ("parameters", parameters.map(Value::from)),
                ("artifacts", artifacts.map(Value::from)),
            ])
        })
        .boxed()
}

fn item() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<i32>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
            prop::collection::vec((select(vec!["y", "x", "name", "{{item}}"]), inner), 0..3)
                .prop_map(|f| Value::Object(f.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
    .boxed()
}

fn count() -> BoxedStrategy<Value> {
    prop_oneof![any::<i8>().prop_map(Value::from), text().prop_map(Value::from)].boxed()
}

/// withItems / withParam / withSequence, sometimes several.
fn loops() -> BoxedStrategy<Vec<(&'static str, Option<Value>)>> {
    (
        opt(prop::collection::vec(item(), 0..4)),
        opt(text()),
        opt((opt(count()), opt(count()), opt(count()), opt(text()))),
    )
        .prop_map(|(items, param, sequence)| {
            let sequence = sequence.map(|(count, start, end, format)| {
                object(vec![
                    ("count", count),
                    ("start", start),
                    ("end", end),
                    ("format", format.map(Value::from)),
                ])
            });
            vec![
                ("withItems", items.map(Value::from)),
                ("withParam", param.map(Value::from)),
                ("withSequence", sequence),
            ]
        })
        .boxed()
}

fn template_ref() -> BoxedStrategy<Value> {
    (opt(name()), opt(name()), opt(any::<bool>()))
        .prop_map(|(name, template, cluster)| {
            object(vec![
                ("name", name.map(Value::from)),
                ("template", template.map(Value::from)),
                ("clusterScope", cluster.map(Value::from)),
            ])
        })
        .boxed()
}

fn hooks() -> BoxedStrategy<Value> {
    prop::collection::vec(
        (prop_oneof![Just("exit".to_owned()), name()], opt(name()), opt(text()), opt(io())),
        0..3,
    )
    .prop_map(|hooks| {
        Value::Object(
            hooks
                .into_iter()
                .map(|(key, template, expression, arguments)| {
                    let hook = object(vec![
                        ("template", template.map(Value::from)),
                        ("expression", expression.map(Value::from)),
                        ("arguments", arguments),
                    ]);
                    (key, hook)
                })
                .collect(),
        )
    })
    .boxed()
}

/// What a DAG task and a step share: the call, its arguments, loops, hooks.
fn call(inline: BoxedStrategy<Value>) -> BoxedStrategy<Vec<(&'static str, Option<Value>)>> {
    (
        name(),
        opt(name()),
        prop::option::weighted(0.15, template_ref()),
        prop::option::weighted(0.1, inline),
        opt(io()),
        loops(),
        opt(text()),
        prop::option::weighted(0.15, hooks()),
        prop::option::weighted(0.15, name()),
        prop::option::weighted(0.15, (opt(any::<bool>()), opt(any::<bool>()))),
    )
        .prop_map(
            |(name, template, template_ref, inline, arguments, loops, when, hooks, on_exit, continue_on)| {
                let continue_on = continue_on.map(|(e, f)| {
                    object(vec![("error", e.map(Value::from)), ("failed", f.map(Value::from))])
                });
                let mut fields = vec![
                    ("name", Some(name.into())),
                    ("template", template.map(Value::from)),
                    ("templateRef", template_ref),
                    ("inline", inline),
                    ("arguments", arguments),
                    ("when", when.map(Value::from)),
                    ("hooks", hooks),
                    ("onExit", on_exit.map(Value::from)),
                    ("continueOn", continue_on),
                ];
                fields.extend(loops);
                fields
            },
        )
        .boxed()
}

fn task(inline: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    (call(inline), opt(depends()), prop::option::weighted(0.2, prop::collection::vec(name(), 0..3)))
        .prop_map(|(mut fields, depends, dependencies)| {
            fields.push(("depends", depends.map(Value::from)));
            fields.push(("dependencies", dependencies.map(Value::from)));
            object(fields)
        })
        .boxed()
}

fn quantity() -> BoxedStrategy<Value> {
    prop_oneof![
        select(vec!["500m", "1Gi", "abc", "-1", "1e3", "", "0.5", "1.5Gi", "2Ki", "1.0.0"])
            .prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
    ]
    .boxed()
}

fn container() -> BoxedStrategy<Value> {
    (
        opt(select(vec!["alpine", "", "{{inputs.parameters.image}}"])),
        opt(prop::collection::vec(text(), 0..3)),
        opt(prop::collection::vec(
            (name(), select(vec!["/tmp", "/work", "/tmp", "", "/mnt/{{item}}"])),
            0..3,
        )),
        opt((quantity(), quantity())),
    )
        .prop_map(|(image, args, mounts, resources)| {
            let mounts = mounts.map(|m| {
                Value::from(
                    m.into_iter()
                        .map(|(name, path)| json!({"name": name, "mountPath": path}))
                        .collect::<Vec<_>>(),
                )
            });
            let resources = resources.map(|(cpu, memory)| json!({"limits": {"cpu": cpu, "memory": memory}}));
            object(vec![
                ("image", image.map(Value::from)),
                ("args", args.map(Value::from)),
                ("volumeMounts", mounts),
                ("resources", resources),
            ])
        })
        .boxed()
}

fn duration() -> BoxedStrategy<String> {
    prop_oneof![
        select(vec!["10s", "1h30m", "x", "", "-1s", "1.5h", "{{inputs.parameters.d}}", "10"])
            .prop_map(str::to_owned),
        any::<String>()
    ]
    .boxed()
}

/// One of the template kinds, as its field and body.
fn body(depth: u32) -> BoxedStrategy<(&'static str, Value)> {
    let inline = if depth == 0 { Just(json!({})).boxed() } else { template(depth - 1) };
    let container_ = container().prop_map(|c| ("container", c));
    let script = (container(), text()).prop_map(|(mut c, source)| {
        c["source"] = source.into();
        ("script", c)
    });
    let dag = (prop::collection::vec(task(inline.clone()), 0..7), opt(any::<bool>()), opt(text())).prop_map(
        |(tasks, fail_fast, target)| {
            let dag = object(vec![
                ("tasks", Some(tasks.into())),
                ("failFast", fail_fast.map(Value::from)),
                ("target", target.map(Value::from)),
            ]);
            ("dag", dag)
        },
    );
    let steps = prop::collection::vec(prop::collection::vec(call(inline).prop_map(object), 0..3), 0..4)
        .prop_map(|groups| ("steps", Value::from(groups)));
    let suspend = opt(duration()).prop_map(|d| ("suspend", object(vec![("duration", d.map(Value::from))])));
    let resource = (
        select(vec!["create", "get", "delete", "apply", "patch", "bogus", ""]),
        opt(select(vec!["apiVersion: v1\nkind: ConfigMap\n", ": : :\n  - [", "", "{{inputs.parameters.m}}"])),
        opt(name()),
        opt(select(vec!["json", "merge", "strategic", "bogus"])),
    )
        .prop_map(|(action, manifest, from, merge)| {
            let resource = object(vec![
                ("action", Some(action.into())),
                ("manifest", manifest.map(Value::from)),
                ("manifestFrom", from.map(|name| json!({"artifact": {"name": name}}))),
                ("mergeStrategy", merge.map(Value::from)),
            ]);
            ("resource", resource)
        });
    let container_node = (name(), opt(select(vec!["alpine", ""])), opt(prop::collection::vec(name(), 0..3)))
        .prop_map(|(name, image, dependencies)| {
            object(vec![
                ("name", Some(name.into())),
                ("image", image.map(Value::from)),
                ("dependencies", dependencies.map(Value::from)),
            ])
        });
    let container_set = prop::collection::vec(container_node, 0..4)
        .prop_map(|containers| ("containerSet", json!({"containers": containers})));
    let data = (name(), text()).prop_map(|(name, expression)| {
        let source = json!({"artifactPaths": {"name": name}});
        ("data", json!({"source": source, "transformation": [{"expression": expression}]}))
    });
    let http = text().prop_map(|url| ("http", json!({"url": url})));
    prop_oneof![
        4 => container_,
        2 => script,
        4 => dag,
        3 => steps,
        1 => suspend,
        1 => resource,
        1 => container_set,
        1 => data,
        1 => http,
    ]
    .boxed()
}

/// A template of random kind (none, one or several), with inputs, outputs
/// and the fields some kinds may not have.
fn template(depth: u32) -> BoxedStrategy<Value> {
    let deadline = prop_oneof![any::<i16>().prop_map(Value::from), text().prop_map(Value::from)];
    let policy = select(vec!["Always", "OnFailure", "OnError", "OnTransientError", "Sometimes"]);
    let retry = (opt(count()), opt(policy))
        .prop_map(|(limit, policy)| object(vec![("limit", limit), ("retryPolicy", policy.map(Value::from))]));
    let metric =
        (name(), text(), prop::collection::vec((name(), text()), 0..2)).prop_map(|(name, help, labels)| {
            let labels: Vec<Value> = labels.into_iter().map(|(k, v)| json!({"key": k, "value": v})).collect();
            let metric = json!({"name": name, "help": help, "labels": labels, "counter": {"value": "1"}});
            json!({"prometheus": [metric]})
        });
    let sidecars = prop::collection::vec(name(), 0..3)
        .prop_map(|names| names.into_iter().map(|n| json!({"name": n, "image": "nginx"})).collect::<Value>());
    let extras = (
        opt(io()),
        opt(io()),
        prop::option::weighted(0.15, deadline),
        prop::option::weighted(0.15, any::<i8>()),
        prop::option::weighted(0.15, duration()),
        prop::option::weighted(0.15, retry),
        prop::option::weighted(0.1, metric),
        prop::option::weighted(0.1, sidecars),
    );
    (opt(name()), prop::collection::vec(body(depth), 0..3), extras)
        .prop_map(|(name, bodies, extras)| {
            let (inputs, outputs, deadline, parallelism, timeout, retry, metrics, sidecars) = extras;
            let mut fields = vec![
                ("name", name.map(Value::from)),
                ("inputs", inputs),
                ("outputs", outputs),
                ("activeDeadlineSeconds", deadline),
                ("parallelism", parallelism.map(Value::from)),
                ("timeout", timeout.map(Value::from)),
                ("retryStrategy", retry),
                ("metrics", metrics),
                ("sidecars", sidecars),
            ];
            fields.extend(bodies.into_iter().map(|(k, v)| (k, Some(v))));
            object(fields)
        })
        .boxed()
}

fn workflow_spec() -> BoxedStrategy<Value> {
    (
        opt(name()),
        prop::option::weighted(0.2, name()),
        opt(io()),
        prop::collection::vec(template(1), 0..6),
        prop::option::weighted(0.15, hooks()),
        prop::option::weighted(0.1, (opt(name()), opt(any::<bool>()))),
        prop::option::weighted(0.1, select(vec!["OnPodCompletion", "OnWorkflowSuccess", "Never"])),
        prop::option::weighted(0.1, container()),
    )
        .prop_map(|(entrypoint, on_exit, arguments, templates, hooks, template_ref, pod_gc, defaults)| {
            object(vec![
                ("entrypoint", entrypoint.map(Value::from)),
                ("onExit", on_exit.map(Value::from)),
                ("arguments", arguments),
                ("templates", Some(templates.into())),
                ("hooks", hooks),
                (
                    "workflowTemplateRef",
                    template_ref.map(|(n, c)| {
                        object(vec![("name", n.map(Value::from)), ("clusterScope", c.map(Value::from))])
                    }),
                ),
                ("podGC", pod_gc.map(|s| json!({"strategy": s}))),
                ("templateDefaults", defaults.map(|c| json!({"container": c}))),
            ])
        })
        .boxed()
}

/// A document of one of Argo's four workflow kinds, as a JSON value.
fn model_document() -> BoxedStrategy<Value> {
    let schedules = prop::collection::vec(
        prop_oneof![
            select(vec!["@daily", "* * * * *", "bad", "@every 1h", "0 0 * *", "", "*/5 * * * * *"])
                .prop_map(str::to_owned),
            any::<String>()
        ],
        0..3,
    );
    let cron = (
        schedules,
        opt(select(vec!["Europe/Paris", "Mars/Base", "", "UTC"])),
        opt(any::<i8>()),
        opt(select(vec!["Allow", "Forbid", "Replace", "Sometimes"])),
    );
    (select(KINDS), opt(name()), opt(name()), workflow_spec(), cron)
        .prop_map(|(kind, name, generate_name, spec, (schedules, timezone, deadline, concurrency))| {
            let metadata = object(vec![
                ("name", name.map(Value::from)),
                ("generateName", generate_name.map(Value::from)),
            ]);
            let spec = if kind == "CronWorkflow" {
                object(vec![
                    ("schedules", Some(schedules.into())),
                    ("timezone", timezone.map(Value::from)),
                    ("startingDeadlineSeconds", deadline.map(Value::from)),
                    ("concurrencyPolicy", concurrency.map(Value::from)),
                    ("workflowSpec", Some(spec)),
                ])
            } else {
                spec
            };
            json!({"apiVersion": "argoproj.io/v1alpha1", "kind": kind, "metadata": metadata, "spec": spec})
        })
        .boxed()
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn arbitrary_workflow_models_lint_without_panicking(
        values in prop::collection::vec(model_document(), 1..4),
    ) {
        let documents: Vec<Document> =
            values.into_iter().filter_map(|v| serde_json::from_value(v).ok()).collect();
        // Values that do not decode say nothing about the rules; too many of
        // them (generators drifting from the model) fail the property.
        prop_assume!(!documents.is_empty());
        for document in &documents {
            assert_well_formed(&hera::lint::check(document), None);
        }
        assert_well_formed(&lint_documents(&documents), None);

        // Written and read back, the same findings, now with positions.
        let text = hera::yaml::to_string_all(&documents).unwrap();
        let report = lint_sources(&[("model.yaml", &text)]);
        assert_well_formed(&report.findings, Some(&text));
        prop_assert_eq!(summary(&report.findings), summary(&lint_documents(&documents)), "{}", text);
    }
}

// ---------------------------------------------------------------- mutated models

/// The `n`th node of `value` in pre-order, if there are that many.
fn nth<'a>(value: &'a mut Value, n: &mut usize) -> Option<&'a mut Value> {
    if *n == 0 {
        return Some(value);
    }
    *n -= 1;
    match value {
        Value::Array(items) => items.iter_mut().find_map(|i| nth(i, n)),
        Value::Object(fields) => fields.values_mut().find_map(|v| nth(v, n)),
        _ => None,
    }
}

fn size(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(size).sum(),
        Value::Object(fields) => fields.values().map(size).sum(),
        _ => 0,
    }
}

/// One edit of a node: replace it, add to it, remove from it, duplicate an
/// item (duplicate names) or rename a field (unknown or misplaced fields).
#[derive(Clone, Debug)]
struct Mutation {
    op: u8,
    node: prop::sample::Index,
    child: prop::sample::Index,
    key: String,
    value: Value,
}

fn mutation() -> BoxedStrategy<Mutation> {
    (0..4u8, any::<prop::sample::Index>(), any::<prop::sample::Index>(), key(), yaml_value())
        .prop_map(|(op, node, child, key, value)| Mutation { op, node, child, key, value })
        .boxed()
}

fn mutate(document: &mut Value, mutation: Mutation) {
    let mut n = mutation.node.index(size(document));
    let Some(node) = nth(document, &mut n) else { return };
    match (mutation.op, node) {
        (0, node) => *node = mutation.value,
        (1, Value::Object(fields)) => {
            fields.insert(mutation.key, mutation.value);
        }
        (1, Value::Array(items)) => items.push(mutation.value),
        (2, Value::Object(fields)) if !fields.is_empty() => {
            let key = fields.keys().nth(mutation.child.index(fields.len())).unwrap().clone();
            fields.remove(&key);
        }
        (2, Value::Array(items)) if !items.is_empty() => {
            items.remove(mutation.child.index(items.len()));
        }
        (3, Value::Array(items)) if !items.is_empty() => {
            let item = items[mutation.child.index(items.len())].clone();
            items.push(item);
        }
        (3, Value::Object(fields)) if !fields.is_empty() => {
            let key = fields.keys().nth(mutation.child.index(fields.len())).unwrap().clone();
            let value = fields.remove(&key).unwrap();
            fields.insert(mutation.key, value);
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn mutated_workflows_lint_without_panicking(
        values in prop::collection::vec(model_document(), 1..3),
        mutations in prop::collection::vec((any::<prop::sample::Index>(), mutation()), 1..5),
        block in any::<bool>(),
    ) {
        let mut values = values;
        for (document, mutation) in mutations {
            let index = document.index(values.len());
            mutate(&mut values[index], mutation);
        }
        let text = yaml_text(&values, block);
        let report = lint_sources(&[("mutated.yaml", &text)]);
        assert_well_formed(&report.findings, Some(&text));

        let documents: Vec<Document> =
            values.into_iter().filter_map(|v| serde_json::from_value(v).ok()).collect();
        assert_well_formed(&lint_documents(&documents), None);
    }
}

/// A lone `\r` breaks a line in YAML, and positions count it (the long run
/// found this input when the check above counted only `\n`).
#[test]
fn positions_count_a_lone_carriage_return_as_a_line_break() {
    let text = "\r\r\0";
    let findings = lint_sources(&[("cr.yaml", text)]).findings;
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].rule, "yaml");
    assert_eq!(findings[0].location.map(|l| (l.line, l.column)), Some((3, 1)));
    assert_well_formed(&findings, Some(text));
}
