//! Property tests of DAGs: random tasks with random `depends` expressions
//! (or `dependencies` lists) and random mocked outcomes never panic, always
//! end, and every task's phase is what a direct evaluation of its `depends`
//! over its dependencies' phases says (dag.go `evaluateDependsLogic`: a
//! bare name is `(X.Succeeded || X.Skipped || X.Daemoned)`; a false
//! expression omits the task; a true one runs it to its mocked outcome).
//! Some tasks loop over 0 to 2 items (an empty loop, `withParam: "[]"`, is
//! Skipped; `withItems: []` would be no loop at all), and only
//! looped tasks are read with `.AnySucceeded` / `.AllFailed` (Argo's
//! validation refuses them on others).
//!
//! `PROPTEST_CASES` sets the case count (default 96).

use hera::run::{Outcome, Phase, Run};
use proptest::prelude::*;

#[derive(Clone, Copy, Debug)]
enum Mocked {
    Succeeded,
    Failed,
    Errored,
}

const RESULTS: [&str; 8] =
    ["Succeeded", "Failed", "Errored", "Skipped", "Omitted", "Daemoned", "AnySucceeded", "AllFailed"];

/// A `depends` expression over earlier tasks (by index).
#[derive(Clone, Debug)]
enum Expr {
    /// `name` (bare) or `name.Result`.
    Atom(usize, Option<usize>),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    fn render(&self, names: &[String]) -> String {
        match self {
            Expr::Atom(i, None) => names[*i].clone(),
            Expr::Atom(i, Some(r)) => format!("{}.{}", names[*i], RESULTS[*r]),
            Expr::Not(e) => format!("!({})", e.render(names)),
            Expr::And(a, b) => format!("({} && {})", a.render(names), b.render(names)),
            Expr::Or(a, b) => format!("({} || {})", a.render(names), b.render(names)),
        }
    }

    /// Evaluated directly over the tasks before: their phases, and for a
    /// loop that ran items, its children's (all the same mocked outcome).
    fn eval(&self, done: &[Done]) -> bool {
        match self {
            Expr::Atom(i, None) => matches!(done[*i].phase, Phase::Succeeded | Phase::Skipped),
            Expr::Atom(i, Some(r)) => {
                let d = &done[*i];
                let p = d.phase;
                match RESULTS[*r] {
                    "Succeeded" => p == Phase::Succeeded,
                    "Failed" => p == Phase::Failed,
                    "Errored" => p == Phase::Error,
                    "Skipped" => p == Phase::Skipped,
                    "Omitted" => p == Phase::Omitted,
                    "AnySucceeded" => d.children.contains(&Phase::Succeeded),
                    "AllFailed" => !d.children.is_empty() && d.children.iter().all(|c| *c == Phase::Failed),
                    // No daemons.
                    _ => false,
                }
            }
            Expr::Not(e) => !e.eval(done),
            Expr::And(a, b) => a.eval(done) && b.eval(done),
            Expr::Or(a, b) => a.eval(done) || b.eval(done),
        }
    }

    fn uses(&self, out: &mut Vec<usize>) {
        match self {
            Expr::Atom(i, _) => {
                if !out.contains(i) {
                    out.push(*i);
                }
            }
            Expr::Not(e) => e.uses(out),
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.uses(out);
                b.uses(out);
            }
        }
    }
}

/// What a task ended as: its phase, and its loop's children's phases.
#[derive(Clone, Debug)]
struct Done {
    phase: Phase,
    children: Vec<Phase>,
}

/// How a task waits for others.
#[derive(Clone, Debug)]
enum Wait {
    Nothing,
    Depends(Expr),
    /// `dependencies: [...]`: all of them, as bare names.
    List(Vec<usize>),
}

/// An expression over the tasks before; `.AnySucceeded` and `.AllFailed`
/// only of those that loop (`looped[i]`).
fn expr(looped: Vec<bool>) -> impl Strategy<Value = Expr> {
    let before = looped.len();
    let atom = (0..before, prop::option::of(0..RESULTS.len())).prop_map(move |(i, r)| {
        let items_only = r.is_some_and(|r| RESULTS[r] == "AnySucceeded" || RESULTS[r] == "AllFailed");
        Expr::Atom(i, if items_only && !looped[i] { Some(0) } else { r })
    });
    atom.prop_recursive(3, 8, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|e| Expr::Not(Box::new(e))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Expr::And(Box::new(a), Box::new(b))),
            (inner.clone(), inner).prop_map(|(a, b)| Expr::Or(Box::new(a), Box::new(b))),
        ]
    })
}

/// How a task waits: `depends` expressions, or (`lists`: Argo refuses a
/// DAG that mixes the two) `dependencies` lists.
fn wait(looped: Vec<bool>, lists: bool) -> BoxedStrategy<Wait> {
    let before = looped.len();
    if before == 0 {
        return Just(Wait::Nothing).boxed();
    }
    if lists {
        return prop_oneof![
            1 => Just(Wait::Nothing),
            3 => prop::collection::btree_set(0..before, 1..=before.min(3))
                .prop_map(|s| Wait::List(s.into_iter().collect())),
        ]
        .boxed();
    }
    prop_oneof![1 => Just(Wait::Nothing), 4 => expr(looped).prop_map(Wait::Depends)].boxed()
}

fn mocked() -> impl Strategy<Value = Mocked> {
    prop_oneof![3 => Just(Mocked::Succeeded), 2 => Just(Mocked::Failed), 1 => Just(Mocked::Errored)]
}

/// A task: how it waits, its mocked outcome, and its loop's item count.
type Task = (Wait, Mocked, Option<usize>);

/// Up to 7 tasks, each waiting only for tasks before it (a DAG); about a
/// third loop over 0 to 2 items.
fn dag() -> impl Strategy<Value = (Vec<Task>, bool)> {
    let items = prop::collection::vec(prop_oneof![2 => Just(None), 1 => (0usize..=2).prop_map(Some)], 1..=7);
    (items, prop::bool::weighted(0.2)).prop_flat_map(|(items, lists)| {
        let looped: Vec<bool> = items.iter().map(Option::is_some).collect();
        let tasks: Vec<_> =
            (0..items.len()).map(|i| (wait(looped[..i].to_vec(), lists), mocked(), Just(items[i]))).collect();
        (tasks, any::<bool>())
    })
}

fn names(n: usize) -> Vec<String> {
    // Some names have a hyphen: Argo evaluates them with `_`.
    (0..n).map(|i| if i % 2 == 1 { format!("task-{i}") } else { format!("t{i}") }).collect()
}

fn yaml(tasks: &[Task], fail_fast: bool) -> String {
    let names = names(tasks.len());
    let mut out = format!(
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {{name: wf}}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    dag:\n      failFast: {fail_fast}\n      tasks:\n"
    );
    for (i, (wait, _, items)) in tasks.iter().enumerate() {
        out.push_str(&format!("      - name: {}\n        template: work-{i}\n", names[i]));
        match items {
            Some(0) => out.push_str("        withParam: \"[]\"\n"),
            Some(n) => {
                let list: Vec<String> = (0..*n).map(|k| k.to_string()).collect();
                out.push_str(&format!("        withItems: [{}]\n", list.join(", ")));
            }
            None => {}
        }
        match wait {
            Wait::Nothing => {}
            Wait::Depends(e) => out.push_str(&format!("        depends: \"{}\"\n", e.render(&names))),
            Wait::List(deps) => {
                let list: Vec<&str> = deps.iter().map(|d| names[*d].as_str()).collect();
                out.push_str(&format!("        dependencies: [{}]\n", list.join(", ")));
            }
        }
    }
    for i in 0..tasks.len() {
        out.push_str(&format!("  - name: work-{i}\n    container: {{image: alpine, command: [work]}}\n"));
    }
    out
}

fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 96;
    }
    config.failure_persistence = None;
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_dags_end_and_agree_with_their_depends((tasks, fail_fast) in dag()) {
        let text = yaml(&tasks, fail_fast);
        let documents = hera::yaml::documents(&text).unwrap();
        let mut run = Run::documents(documents);
        for (i, (_, outcome, _)) in tasks.iter().enumerate() {
            let outcome = match outcome {
                Mocked::Succeeded => Outcome::succeeded(),
                Mocked::Failed => Outcome::failed("Error (exit code 1)"),
                Mocked::Errored => Outcome::errored("no cluster"),
            };
            run = run.mock(format!("work-{i}"), outcome);
        }
        let report = run.run().unwrap();
        prop_assert!(
            matches!(report.phase(), Phase::Succeeded | Phase::Failed | Phase::Error),
            "the run did not end: {}\n{text}\n{}", report.message(), report.summary()
        );
        let names = names(tasks.len());
        let mut done: Vec<Done> = Vec::new();
        for (i, (wait, outcome, items)) in tasks.iter().enumerate() {
            let ran = match wait {
                Wait::Nothing => true,
                Wait::Depends(e) => e.eval(&done),
                Wait::List(deps) => deps.iter().all(|d| matches!(done[*d].phase, Phase::Succeeded | Phase::Skipped)),
            };
            let mocked = match outcome {
                Mocked::Succeeded => Phase::Succeeded,
                Mocked::Failed => Phase::Failed,
                Mocked::Errored => Phase::Error,
            };
            let (expected, children) = match (ran, items) {
                (false, _) => (Phase::Omitted, Vec::new()),
                (true, Some(0)) => (Phase::Skipped, Vec::new()),
                (true, Some(n)) => (mocked, vec![mocked; *n]),
                (true, None) => (mocked, Vec::new()),
            };
            let node = report.node(&names[i]);
            let phase = node.map(|n| n.phase);
            prop_assert_eq!(phase, Some(expected), "task {} ({:?})\n{}\n{}", names[i], wait, text, report.summary());
            if let Wait::Depends(e) = wait {
                let mut used = Vec::new();
                e.uses(&mut used);
                prop_assert!(!used.is_empty());
            }
            done.push(Done { phase: expected, children });
        }
        // Nothing failed: the DAG succeeded.
        if done.iter().all(|d| !matches!(d.phase, Phase::Failed | Phase::Error)) {
            prop_assert_eq!(report.phase(), Phase::Succeeded, "{}\n{}", text, report.summary());
        }
    }
}
