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
        regex::Regex::new(r"([a-zA-Z0-9][-a-zA-Z0-9]*?\.[A-Z][a-zA-Z]+)|([a-zA-Z0-9][-a-zA-Z0-9]*)")
            .expect("Argo's taskNameRegex is valid")
    })
}

/// Argo's rewriting of bare task names (`GetTaskDependencies` with
/// `expandDependency`); `continue_on` gives each task's `continueOn`.
/// Like Argo, the words `and`, `or` and `not` are task names to this rule
/// too; hera leaves those three alone, since Argo cannot run them either.
pub fn expand(depends: &str, continue_on: impl Fn(&str) -> ContinueOn) -> String {
    let mut out = String::new();
    let mut last = 0;
    for caps in task_name().captures_iter(depends) {
        let Some(m) = caps.get(2) else { continue };
        if matches!(m.as_str(), "and" | "or" | "not") {
            continue;
        }
        let name = m.as_str();
        let mut results = vec!["Succeeded", "Skipped", "Daemoned"];
        let flags = continue_on(name);
        if flags.error {
            results.push("Errored");
        }
        if flags.failed {
            results.push("Failed");
        }
        out.push_str(&depends[last..m.start()]);
        let alternatives: Vec<String> = results.iter().map(|r| format!("{name}.{r}")).collect();
        out.push_str(&format!("({})", alternatives.join(" || ")));
        last = m.end();
    }
    out.push_str(&depends[last..]);
    out
}

/// The tasks a `depends` names (Argo's dependency list), in order, each once.
pub fn dependencies(depends: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for caps in task_name().captures_iter(depends) {
        let name = match (caps.get(1), caps.get(2)) {
            (Some(m), _) => m.as_str().split('.').next().unwrap_or_default(),
            (_, Some(m)) if !matches!(m.as_str(), "and" | "or" | "not") => m.as_str(),
            _ => continue,
        };
        if !out.iter().any(|n| n == name) {
            out.push(name.to_owned());
        }
    }
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
