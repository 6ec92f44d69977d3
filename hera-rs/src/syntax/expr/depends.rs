//! DAG `depends`, evaluated as Argo's controller does: the expression is
//! rewritten (`ancestry.go` `GetTaskDependencies`: a bare task `A` becomes
//! `(A.Succeeded || A.Skipped || A.Daemoned)`, plus `A.Errored` and
//! `A.Failed` under `continueOn`), `-` becomes `_` everywhere
//! (`dag.go` `evaluateDependsLogic`), and the result is
//! [`super::eval_bool`] over a scope of each dependency's
//! [`TaskResults`].
//!
//! ```
//! use hera::syntax::expr::depends::{ContinueOn, TaskResults, evaluate};
//! use std::collections::BTreeMap;
//! let mut tasks = BTreeMap::new();
//! tasks.insert("step-a".to_owned(), TaskResults { succeeded: true, ..TaskResults::default() });
//! tasks.insert("b".to_owned(), TaskResults { failed: true, ..TaskResults::default() });
//! assert_eq!(evaluate("step-a && b.Failed", &tasks, |_| ContinueOn::default()), Ok(true));
//! assert_eq!(evaluate("b", &tasks, |_| ContinueOn::default()), Ok(false));
//! ```

use super::{Env, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// How a finished dependency ended (Argo's `TaskResults`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TaskResults {
    /// Phase Succeeded.
    pub succeeded: bool,
    /// Phase Failed.
    pub failed: bool,
    /// Phase Error.
    pub errored: bool,
    /// Phase Skipped.
    pub skipped: bool,
    /// Phase Omitted.
    pub omitted: bool,
    /// A daemon that started.
    pub daemoned: bool,
    /// A task group with a succeeded child.
    pub any_succeeded: bool,
    /// A task group whose children all failed (and has some).
    pub all_failed: bool,
}

/// A dependency's `continueOn`, which widens what its bare name accepts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ContinueOn {
    /// `continueOn.error`: `Errored` also counts.
    pub error: bool,
    /// `continueOn.failed`: `Failed` also counts.
    pub failed: bool,
}

fn task_name() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"[a-zA-Z0-9][-a-zA-Z0-9]*?\.[A-Z][a-zA-Z]+|[a-zA-Z0-9][-a-zA-Z0-9]*")
            .expect("Argo's taskNameRegex is valid")
    })
}

/// A task name in a `depends`, as Argo's `taskNameRegex` finds them.
struct Mention<'a> {
    /// The name, without a `.Result` after it.
    name: &'a str,
    /// Where the name starts and ends in the expression.
    start: usize,
    end: usize,
    /// Written bare (no `.Result`): the form `expandDependency` rewrites.
    bare: bool,
}

/// The task names of `depends` in order. Argo's regex has a group for
/// `name.Result` and one for a bare name; the second cannot hold a `.`,
/// so a match with one is the first (and without groups, the regex
/// engine need not track them: a DAG of a thousand tasks reads each one).
/// `and`, `or` and `not` are left out (see [`expand`]).
fn mentions(depends: &str) -> impl Iterator<Item = Mention<'_>> {
    task_name().find_iter(depends).filter_map(|m| {
        let text = m.as_str();
        let (name, bare) = match text.find('.') {
            Some(dot) => (&text[..dot], false),
            None if matches!(text, "and" | "or" | "not") => return None,
            None => (text, true),
        };
        Some(Mention { name, start: m.start(), end: m.start() + name.len(), bare })
    })
}

/// Argo's rewriting of bare task names (`GetTaskDependencies` with
/// `expandDependency`); `continue_on` gives each task's `continueOn`.
/// Like Argo, the words `and`, `or` and `not` are task names to this rule
/// too; hera leaves those three alone, since Argo cannot run them either.
pub fn expand(depends: &str, continue_on: impl Fn(&str) -> ContinueOn) -> String {
    let mut out = String::new();
    let mut last = 0;
    for m in mentions(depends).filter(|m| m.bare) {
        let mut results = vec!["Succeeded", "Skipped", "Daemoned"];
        let flags = continue_on(m.name);
        if flags.error {
            results.push("Errored");
        }
        if flags.failed {
            results.push("Failed");
        }
        out.push_str(&depends[last..m.start]);
        let alternatives: Vec<String> = results.iter().map(|r| format!("{}.{r}", m.name)).collect();
        out.push_str(&format!("({})", alternatives.join(" || ")));
        last = m.end;
    }
    out.push_str(&depends[last..]);
    out
}

/// The tasks a `depends` names (Argo's dependency list), in order, each once.
pub fn dependencies(depends: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in mentions(depends) {
        if !out.iter().any(|n| n == m.name) {
            out.push(m.name.to_owned());
        }
    }
    out
}

/// `depends` with each task name written as its position among
/// [`dependencies`], `x0`, `x1`…: `t997` becomes `x0`, `a && b.Failed`
/// becomes `x0 && x1.Failed`. Expressions of one shape (every `depends: tN`
/// of a chain) then share one rewritten and parsed program, evaluated over
/// the results of their own tasks as `x0`, `x1`….
///
/// ```
/// use hera::syntax::expr::depends::shape;
/// assert_eq!(shape("step-a && (b.Failed || step-a.Errored)"), "x0 && (x1.Failed || x0.Errored)");
/// ```
pub fn shape(depends: &str) -> String {
    let mut names: Vec<&str> = Vec::new();
    let mut out = String::with_capacity(depends.len());
    let mut last = 0;
    for m in mentions(depends) {
        let position = names.iter().position(|n| *n == m.name).unwrap_or_else(|| {
            names.push(m.name);
            names.len() - 1
        });
        out.push_str(&depends[last..m.start]);
        out.push('x');
        out.push_str(&position.to_string());
        last = m.end;
    }
    out.push_str(&depends[last..]);
    out
}

/// Whether a task with this `depends` runs, its dependencies having
/// finished with `tasks` (keyed by task name as written, dashes and all):
/// Argo's answer or its error message.
pub fn evaluate(
    depends: &str,
    tasks: &BTreeMap<String, TaskResults>,
    continue_on: impl Fn(&str) -> ContinueOn,
) -> Result<bool, String> {
    Compiled::new(depends, continue_on).evaluate(tasks)
}

/// A `depends` rewritten and parsed once, to be evaluated over many
/// [`TaskResults`] (a long DAG evaluates the same expressions on every pass).
#[derive(Clone, Debug)]
pub struct Compiled {
    logic: String,
    program: Result<super::Program, super::SyntaxError>,
}

impl Compiled {
    /// `depends` rewritten as [`evaluate`] does, and parsed.
    pub fn new(depends: &str, continue_on: impl Fn(&str) -> ContinueOn) -> Compiled {
        let logic = expand(depends, continue_on).replace('-', "_");
        let program = super::compile(&logic);
        Compiled { logic, program }
    }

    /// What [`evaluate`] says of these results.
    pub fn evaluate(&self, tasks: &BTreeMap<String, TaskResults>) -> Result<bool, String> {
        let logic = &self.logic;
        let fail = |e: super::BoolError| format!("unable to evaluate expression '{logic}': {e}");
        let program = self.program.as_ref().map_err(|e| fail(e.clone().into()))?;
        let mut env = Env::default();
        for (name, r) in tasks {
            let flags = [
                ("Succeeded", r.succeeded),
                ("Failed", r.failed),
                ("Errored", r.errored),
                ("Skipped", r.skipped),
                ("Omitted", r.omitted),
                ("Daemoned", r.daemoned),
                ("AnySucceeded", r.any_succeeded),
                ("AllFailed", r.all_failed),
            ];
            let map = flags.into_iter().map(|(k, v)| (k.to_owned(), Value::Bool(v))).collect();
            env.insert(name.replace('-', "_"), Value::Map(map));
        }
        program.check_names(&env).map_err(|e| fail(e.into()))?;
        match program.eval(&env) {
            Ok(Value::Bool(b)) => Ok(b),
            Ok(other) => Err(fail(super::BoolError::NotBool(other))),
            Err(error) => Err(fail(super::BoolError::Eval { expression: logic.clone(), error })),
        }
    }
}
