//! `hera::graph` and `hera graph`: drawings of Argo's own examples
//! (snapshots, reviewed), every example in both formats, Graphviz accepting
//! every DOT output, Mermaid's grammar, and the command's errors.

mod common;

use common::*;
use hera::graph::{Format, GraphError, render, render_all};
use hera::model::Document;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn read(path: &Path) -> Vec<Document> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    hera::yaml::documents(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs `dot -Tsvg` on `dot`; `None` when Graphviz is not installed.
fn graphviz(dot: &str) -> Option<Result<(), String>> {
    let mut child = match Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(_) => return None,
    };
    child.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    // Warnings (a compound edge that cannot be clipped, ...) count as failures too.
    Some(if output.status.success() && stderr.is_empty() { Ok(()) } else { Err(stderr) })
}

/// A structural check of Mermaid flowchart syntax: front matter, the
/// header, balanced subgraphs, safe ids, quoted labels with no raw quote,
/// and edges between declared ids only.
fn check_mermaid(text: &str) -> Result<(), String> {
    let mut lines = text.lines().peekable();
    if lines.peek() == Some(&"---") {
        lines.next();
        let title = lines.next().ok_or("front matter ends early")?;
        if !(title.starts_with("title: \"") && title.ends_with('"')) {
            return Err(format!("bad title line: {title}"));
        }
        if lines.next() != Some("---") {
            return Err("front matter not closed".into());
        }
    }
    if lines.next() != Some("flowchart TD") {
        return Err("no `flowchart TD` header".into());
    }
    let is_id = |id: &str| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let quoted = |label: &str| {
        label.len() >= 2
            && label.starts_with('"')
            && label.ends_with('"')
            && !label[1..label.len() - 1].contains('"')
    };
    let mut declared = std::collections::HashSet::new();
    let mut depth = 0usize;
    for line in lines {
        let line = line.trim();
        if line == "end" {
            depth = depth.checked_sub(1).ok_or("`end` without `subgraph`")?;
        } else if let Some(rest) = line.strip_prefix("subgraph ") {
            let (id, label) = rest.split_once('[').ok_or(format!("subgraph without label: {line}"))?;
            let label = label.strip_suffix(']').ok_or(format!("unclosed subgraph label: {line}"))?;
            if !is_id(id) || !quoted(label) {
                return Err(format!("bad subgraph: {line}"));
            }
            declared.insert(id.to_owned());
            depth += 1;
        } else if line.starts_with("classDef ") || line.starts_with("class ") {
            continue;
        } else {
            let start = line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).ok_or(line)?;
            let (id, rest) = line.split_at(start);
            if !is_id(id) {
                return Err(format!("bad id: {line}"));
            }
            if let Some(rest) = rest.strip_prefix(' ') {
                // An edge: `from ARROW[|"label"|] to`.
                let (arrow, to) = rest.rsplit_once(' ').ok_or(format!("bad edge: {line}"))?;
                let (arrow, label) = match arrow.split_once('|') {
                    Some((arrow, label)) => {
                        (arrow, Some(label.strip_suffix('|').ok_or(format!("bad label: {line}"))?))
                    }
                    None => (arrow, None),
                };
                if !matches!(arrow, "-->" | "-.->") || label.is_some_and(|l| !quoted(l)) {
                    return Err(format!("bad edge: {line}"));
                }
                for id in [id, to] {
                    if !declared.contains(id) {
                        return Err(format!("edge to an undeclared id `{id}`: {line}"));
                    }
                }
            } else {
                // A node: one of the shapes, its label quoted inside.
                let shapes = [("[[", "]]"), ("([", "])"), ("((", "))"), ("{{", "}}"), (">", "]"), ("[", "]")];
                let (open, close) =
                    shapes.iter().find(|(o, c)| rest.starts_with(o) && rest.ends_with(c)).ok_or(line)?;
                if !quoted(&rest[open.len()..rest.len() - close.len()]) {
                    return Err(format!("bad node: {line}"));
                }
                declared.insert(id.to_owned());
            }
        }
    }
    if depth != 0 {
        return Err("unclosed subgraph".into());
    }
    Ok(())
}

fn snapshot(example: &str) {
    let Some(dir) = examples() else { return };
    let documents = read(&dir.join(example));
    let name = example.trim_end_matches(".yaml");
    let dot = render_all(&documents, Format::Dot, None).unwrap();
    let mermaid = render_all(&documents, Format::Mermaid, None).unwrap();
    if let Some(result) = graphviz(&dot) {
        result.unwrap_or_else(|e| panic!("{example}: dot rejects the output: {e}"));
    }
    check_mermaid(&mermaid).unwrap_or_else(|e| panic!("{example}: {e}\n{mermaid}"));
    insta::assert_snapshot!(format!("{name}_dot"), dot);
    insta::assert_snapshot!(format!("{name}_mermaid"), mermaid);
}

#[test]
fn dag_diamond() {
    snapshot("dag-diamond.yaml");
}

#[test]
fn steps() {
    snapshot("steps.yaml");
}

#[test]
fn dag_nested() {
    snapshot("dag-nested.yaml");
}

#[test]
fn loops_param_result() {
    snapshot("loops-param-result.yaml");
}

#[test]
fn loops_maps() {
    snapshot("loops-maps.yaml");
}

#[test]
fn exit_handlers() {
    snapshot("exit-handlers.yaml");
}

#[test]
fn enhanced_depends() {
    snapshot("dag-enhanced-depends.yaml");
}

#[test]
fn every_example_renders_in_both_formats_and_graphviz_accepts_it() {
    let Some(dir) = examples() else { return };
    let mut drawn = 0;
    let mut dot_checked = false;
    for path in yaml_files(&dir) {
        let text = std::fs::read_to_string(&path).unwrap();
        // One example has a real duplicate key; reading it is yaml's test.
        let Ok(documents) = hera::yaml::documents(&text) else { continue };
        let has_graph = documents.iter().any(|d| match d {
            Document::Workflow(w) => {
                w.spec.templates.iter().flatten().any(|t| t.dag.is_some() || t.steps.is_some())
            }
            Document::WorkflowTemplate(w) => {
                w.spec.templates.iter().flatten().any(|t| t.dag.is_some() || t.steps.is_some())
            }
            _ => false,
        });
        match render_all(&documents, Format::Dot, None) {
            Ok(dot) => {
                let mermaid = render_all(&documents, Format::Mermaid, None).unwrap();
                check_mermaid(&mermaid).unwrap_or_else(|e| panic!("{}: {e}\n{mermaid}", path.display()));
                // Deterministic: the same input draws the same bytes.
                assert_eq!(render_all(&documents, Format::Dot, None).unwrap(), dot);
                if let Some(result) = graphviz(&dot) {
                    result.unwrap_or_else(|e| panic!("{}: dot rejects the output: {e}", path.display()));
                    dot_checked = true;
                }
                drawn += 1;
            }
            Err(GraphError::NoWorkflow) => assert!(!has_graph, "{}", path.display()),
            Err(error) => panic!("{}: {error}", path.display()),
        }
    }
    assert!(drawn > 150, "only {drawn} examples drawn");
    if !dot_checked {
        eprintln!("Graphviz `dot` is not installed: the DOT outputs were not checked by it");
    }
}

const HEAD: &str = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: w\nspec:\n";

fn workflow(spec: &str) -> Document {
    hera::yaml::documents(&format!("{HEAD}{spec}")).unwrap().remove(0)
}

#[test]
fn recursion_is_drawn_once_then_marked() {
    let document = workflow(
        "  entrypoint: flip\n  templates:\n  - name: flip\n    steps:\n    - - name: toss\n        template: toss\n    \
         - - name: again\n        template: flip\n        when: \"{{steps.toss.outputs.result}} == tails\"\n  \
         - name: toss\n    script: {image: python, source: print(1)}\n",
    );
    let dot = render(&document, Format::Dot, None).unwrap();
    assert!(dot.contains("↻ flip (recursive)"), "{dot}");
    assert_eq!(dot.matches("subgraph").count(), 1, "{dot}");
    let mermaid = render(&document, Format::Mermaid, None).unwrap();
    assert!(mermaid.contains("flip__again>\"<b>again</b><br>↻ flip (recursive)<br>when: {{steps.toss.outputs.result}} == tails\"]"), "{mermaid}");
    check_mermaid(&mermaid).unwrap();
}

#[test]
fn labels_are_escaped_and_ids_are_safe() {
    // Task names Argo would refuse still draw safely: quotes, markup, entities, line breaks.
    let document = workflow(
        "  entrypoint: main\n  templates:\n  - name: main\n    dag:\n      tasks:\n      \
         - name: \"a-\\\"b\\\" <c> & #1;\\nd\"\n        template: t\n        \
         when: \"'{{x}}' == \\\"y\\\" | `z`\"\n      - name: end\n        template: t\n        depends: \"a-\\\"b\\\" <c> & #1;\\nd\"\n  \
         - name: t\n    container: {image: alpine}\n",
    );
    let dot = render(&document, Format::Dot, None).unwrap();
    assert!(dot.contains("<b>a-&quot;b&quot; &lt;c&gt; &amp; #1;<br/>d</b>"), "{dot}");
    assert!(dot.contains("when: '{{x}}' == &quot;y&quot; | `z`"), "{dot}");
    if let Some(result) = graphviz(&dot) {
        result.unwrap();
    }
    let mermaid = render(&document, Format::Mermaid, None).unwrap();
    assert!(mermaid.contains("<b>a-#quot;b#quot; #lt;c#gt; #amp; #35;1;<br>d</b>"), "{mermaid}");
    assert!(mermaid.contains("when: '{{x}}' == #quot;y#quot; #124; #96;z#96;"), "{mermaid}");
    // `end` is a Mermaid keyword, but ids carry their template's name first.
    assert!(mermaid.contains("  main__end[\"<b>end</b>"), "{mermaid}");
    check_mermaid(&mermaid).unwrap();
}

#[test]
fn template_refs_hooks_and_parallel_groups() {
    let document = workflow(
        "  entrypoint: main\n  hooks:\n    running:\n      expression: workflow.status == \"Running\"\n      \
         template: t\n  templates:\n  - name: main\n    steps:\n    - - {name: a, template: t}\n      - {name: b, template: t}\n    \
         - - name: c\n        templateRef: {name: lib, template: build, clusterScope: true}\n        \
         hooks: {exit: {template: t}}\n      - {name: d, template: missing}\n    \
         - - {name: e, template: t, withSequence: {count: \"3\"}}\n  - name: t\n    suspend: {}\n",
    );
    let dot = render(&document, Format::Dot, None).unwrap();
    // Two groups of two meet at a junction; a single step needs none.
    assert!(dot.contains("\"main__before_1\" [shape=point"), "{dot}");
    assert!(!dot.contains("main__before_2"), "{dot}");
    assert!(dot.contains("lib/build (cluster)"), "{dot}");
    assert!(dot.contains("missing (no such template)"), "{dot}");
    assert!(dot.contains("t (suspend)"), "{dot}");
    assert!(dot.contains("for each of 3 numbers"), "{dot}");
    assert!(dot.contains("\"main__c\" -> \"main__c__hook_exit\" [label=<on exit>, style=dashed];"), "{dot}");
    assert!(dot.contains("[ltail=\"cluster_main\", minlen=2, label=<hook running: workflow.status == &quot;Running&quot;>, style=dashed]"), "{dot}");
    if let Some(result) = graphviz(&dot) {
        result.unwrap();
    }
    check_mermaid(&render(&document, Format::Mermaid, None).unwrap()).unwrap();
}

#[test]
fn templates_without_entrypoint_cron_workflows_and_references() {
    let library = hera::yaml::documents(
        "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: lib}\nspec:\n  templates:\n  \
         - name: one\n    dag: {tasks: [{name: x, template: leaf}]}\n  - name: two\n    steps: [[{name: y1, template: leaf}]]\n  \
         - name: leaf\n    container: {image: alpine}\n---\napiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\n\
         metadata: {name: nightly}\nspec:\n  schedules: ['0 1 * * *']\n  workflowSpec:\n    workflowTemplateRef: {name: lib}\n",
    )
    .unwrap();
    let dot = render_all(&library, Format::Dot, None).unwrap();
    // Two objects, side by side; the library shows each DAG and steps template.
    assert!(dot.contains("subgraph \"cluster_o1\""), "{dot}");
    assert!(dot.contains("\"o1_one__x\""), "{dot}");
    assert!(dot.contains("\"o1_two__y1\""), "{dot}");
    assert!(dot.contains("<b>WorkflowTemplate lib</b>"), "{dot}");
    assert!(dot.contains("<b>CronWorkflow nightly</b>"), "{dot}");
    assert!(
        dot.contains(
            "\"o2_lib\" [label=<<b>lib</b><br/><font point-size=\"9\">its entrypoint</font>>, shape=component"
        ),
        "{dot}"
    );
    // --template picks the objects that define it.
    let two = render_all(&library, Format::Mermaid, Some("two")).unwrap();
    assert!(
        two.starts_with("---\ntitle: \"WorkflowTemplate lib\"\n---\nflowchart TD\n  subgraph two["),
        "{two}"
    );
    let leaf = render_all(&library, Format::Dot, Some("leaf")).unwrap();
    assert!(leaf.contains("\"leaf\" [label=<<b>leaf</b>>];"), "{leaf}");
}

#[test]
fn errors_name_what_is_wrong() {
    let config_map = hera::yaml::documents("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n").unwrap();
    assert_eq!(render_all(&config_map, Format::Dot, None), Err(GraphError::NoWorkflow));
    assert_eq!(render_all(&[], Format::Dot, None), Err(GraphError::NoWorkflow));
    let document =
        workflow("  entrypoint: mian\n  templates:\n  - name: main\n    container: {image: alpine}\n");
    let error = render(&document, Format::Dot, None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Workflow w: the entrypoint `mian` is not one of its templates, did you mean `main`?"
    );
    let error = render(&document, Format::Dot, Some("mains")).unwrap_err();
    assert_eq!(error.to_string(), "no template named `mains`, did you mean `main`?");
    assert_eq!(
        render(&workflow("  templates: []\n"), Format::Dot, None).unwrap_err().to_string(),
        "Workflow w: nothing to draw: it has no templates"
    );
}

const DIAMOND: &str = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: d-}\nspec:\n  \
                       entrypoint: main\n  templates:\n  - name: main\n    dag:\n      tasks:\n      \
                       - {name: a, template: t}\n      - {name: b, template: t, depends: a.Failed}\n  \
                       - name: t\n    container: {image: alpine}\n";

#[test]
fn the_command_draws_stdin_and_files() {
    let run = hera(&["graph", "-"], DIAMOND);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.stdout, render_all(&hera::yaml::documents(DIAMOND).unwrap(), Format::Dot, None).unwrap());
    let run = hera(&["graph", "-o", "mermaid", "--template", "main", "-"], DIAMOND);
    assert_eq!(run.code, 0);
    assert_eq!(
        hera(&["graph", "--format", "mermaid", "--template", "main", "-"], DIAMOND).stdout,
        run.stdout
    );
    assert!(run.stdout.contains("main__a -->|\"a.Failed\"| main__b"), "{}", run.stdout);
    let help = hera(&["graph", "--help"], "");
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("dot -Tsvg"), "{}", help.stdout);
}

#[test]
fn the_command_exits_1_for_problems_and_2_for_usage() {
    let run = hera(&["graph", "-"], "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "<stdin>: no Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow to draw\n"
    );
    let run = hera(&["graph", "--template", "mian", "-"], DIAMOND);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "hera graph: --template: no template named `mian`, did you mean `main`?\n");
    let run = hera(
        &["graph", "-"],
        "kind: Workflow\napiVersion: argoproj.io/v1alpha1\nmetadata: {name: w}\nspec: {entrypont: x}\n",
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("<stdin>:4:8: spec.entrypont: unknown field, did you mean 'entrypoint'?"),
        "{}",
        run.stderr
    );
    let run = hera(&["graph", "/nonexistent/wf.yaml"], "");
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("/nonexistent/wf.yaml: cannot read:"), "{}", run.stderr);
    assert_eq!(hera(&["graph", "--format", "png", "-"], DIAMOND).code, 2);
    assert_eq!(hera(&["graph"], "").code, 2);
}
