//! Argo's expression language: expr-lang/expr v1.17, as Argo uses it for
//! `{{= ...}}` templates, DAG `depends`, retry and lifecycle-hook
//! `expression`s and output parameters' `valueFrom.expression`.
//!
//! [`compile`] parses (expr's lexer and precedence climber, byte positions
//! kept), [`Program::eval`] evaluates with Go's semantics (int and float
//! arithmetic, `/` always float, `%` on ints only, `**` float, `==` deep
//! and across int and float), and [`Env::argo`] builds Argo's environment
//! from its flat variables: dotted names nested (`inputs.parameters.x`),
//! and `asInt`, `asFloat`, `jsonpath`, `toJson` and [`SPRIG`]'s sprig
//! functions added. [`eval_bool`] is Argo's `argoexpr.EvalBool`;
//! [`depends`] evaluates a DAG task's `depends`.
//!
//! `hera-rs/tests/expr_oracle.rs` compares answers with Go's expr, and
//! every [`SPRIG`] function's with Go's sprig.
//!
//! ```
//! use hera::syntax::expr::{Env, Value, compile, eval_bool};
//! let env = Env::argo([("inputs.parameters.n".to_owned(), Value::String("3".into()))]);
//! let program = compile("asInt(inputs.parameters.n) * 2 + 1").unwrap();
//! assert_eq!(program.eval(&env), Ok(Value::Int(7)));
//! assert_eq!(compile("7 / 2").unwrap().eval(&Env::default()), Ok(Value::Float(3.5)));
//! assert_eq!(eval_bool("sprig.upper('a') == 'A'", &Env::argo([])), Ok(true));
//! assert_eq!(
//!     compile("1 +").unwrap_err().to_string(),
//!     "unexpected end of expression (1:4)"
//! );
//! ```

mod argo;
mod ast;
pub(crate) mod builtins;
pub mod depends;
mod eval;
mod jsonpath;
mod lex;
mod parse;
mod sprig;
mod value;

pub use argo::FUNCTIONS;
pub use sprig::NAMES as SPRIG;
pub use value::Value;

use std::collections::BTreeMap;

/// Line and column (1-based, columns in characters) of byte `at`, as expr prints them.
fn line_column(source: &str, at: usize) -> (usize, usize) {
    let before = source.get(..at.min(source.len())).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// An expression expr cannot read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message} ({line}:{column})")]
pub struct SyntaxError {
    /// What is wrong, in expr's words.
    pub message: String,
    /// Byte offset in the source.
    pub at: usize,
    /// 1-based line of `at`.
    pub line: usize,
    /// 1-based column (in characters) of `at`.
    pub column: usize,
}

impl SyntaxError {
    pub(crate) fn new(at: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError { message: message.into(), at, line: 0, column: 0 }
    }

    fn located(mut self, source: &str) -> SyntaxError {
        (self.line, self.column) = line_column(source, self.at);
        self
    }
}

/// Why an expression could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct EvalError {
    /// What went wrong, in expr's words (`unknown name x`, `invalid
    /// operation: + (mismatched types int and string)`).
    pub message: String,
    /// Byte offset of the operation in the source.
    pub at: usize,
}

/// Why [`eval_bool`] has no answer (Argo's `argoexpr.EvalBool` messages).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum BoolError {
    /// It does not parse, or names something `env` lacks.
    #[error(transparent)]
    Syntax(#[from] SyntaxError),
    /// Evaluating it failed.
    #[error("unable to evaluate expression '{expression}': {error}")]
    Eval {
        /// The expression.
        expression: String,
        /// The failure.
        error: EvalError,
    },
    /// The result was not a boolean.
    #[error("unable to cast expression result '{}' to bool", .0.go_string())]
    NotBool(Value),
}

/// The variables and functions an expression sees.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Env {
    vars: BTreeMap<String, Value>,
}

impl Env {
    /// An environment of exactly these top-level names (no Argo functions).
    pub fn new(vars: BTreeMap<String, Value>) -> Env {
        Env { vars }
    }

    /// Argo's environment (`env.GetFuncMap`): the flat variables with dotted
    /// names nested (`inputs.parameters.x` → `inputs: {parameters: {x}}`),
    /// plus `asInt`, `asFloat`, `jsonpath`, `toJson` and `sprig`.
    pub fn argo(vars: impl IntoIterator<Item = (String, Value)>) -> Env {
        let mut env = argo::expand(vars);
        env.extend(argo::functions());
        Env { vars: env }
    }

    /// Adds or replaces a top-level name.
    pub fn insert(&mut self, name: impl Into<String>, value: Value) {
        self.vars.insert(name.into(), value);
    }

    /// The value of a top-level name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.vars.get(name)
    }

    /// Whether a dotted path (`inputs.parameters.x`) is present (a nil leaf counts).
    pub fn has_path(&self, path: &str) -> bool {
        let mut parts = path.split('.');
        let Some(mut current) = parts.next().and_then(|p| self.vars.get(p)) else { return false };
        for part in parts {
            match current {
                Value::Map(m) => match m.get(part) {
                    Some(v) => current = v,
                    None => return false,
                },
                _ => return false,
            }
        }
        true
    }
}

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    tree: ast::Expr,
    source: String,
}

/// Parses `source` as expr does.
pub fn compile(source: &str) -> Result<Program, SyntaxError> {
    let tokens = lex::tokens(source).map_err(|e| e.located(source))?;
    let tree = parse::parse(tokens).map_err(|e| e.located(source))?;
    Ok(Program { tree, source: source.to_owned() })
}

/// Whether `source` parses (for lint): `Ok` or where and why not.
pub fn check(source: &str) -> Result<(), SyntaxError> {
    compile(source).map(drop)
}

impl Program {
    /// The source it was compiled from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The names it reads from its environment, in order of first use
    /// (`let` names and predicate pointers left out; builtins included only
    /// when used as values).
    pub fn identifiers(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.tree.identifiers(&mut Vec::new(), &mut out);
        out.into_iter().map(|(name, _)| name).collect()
    }

    /// What `expr.Compile(source, expr.Env(env))` checks of names: the
    /// first identifier `env` lacks is `unknown name x` at its position.
    /// (expr's checker also checks types statically; hera does not.)
    pub fn check_names(&self, env: &Env) -> Result<(), SyntaxError> {
        let mut out = Vec::new();
        self.tree.identifiers(&mut Vec::new(), &mut out);
        match out.into_iter().find(|(name, _)| env.get(name).is_none()) {
            Some((name, at)) => {
                Err(SyntaxError::new(at, format!("unknown name {name}")).located(&self.source))
            }
            None => Ok(()),
        }
    }

    /// The variables it reads as Argo's missing-variable rule sees them
    /// (`getIdentifiers`): identifiers and dotted member paths
    /// (`inputs.parameters.x`), guarded ones (`a.b ?? c`, `a.b?.c`) left
    /// out. Check each with [`Env::has_path`].
    pub fn variables(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.tree.paths(false, &mut out);
        out
    }

    /// Evaluates it in `env`.
    pub fn eval(&self, env: &Env) -> Result<Value, EvalError> {
        eval::Scope::new(env).eval(&self.tree)
    }
}

/// Argo's `argoexpr.EvalBool`: compile (names checked against `env`, as
/// `expr.Env(env)` does), run, require a boolean.
pub fn eval_bool(source: &str, env: &Env) -> Result<bool, BoolError> {
    let program = compile(source)?;
    program.check_names(env)?;
    match program.eval(env) {
        Ok(Value::Bool(b)) => Ok(b),
        Ok(other) => Err(BoolError::NotBool(other)),
        Err(error) => Err(BoolError::Eval { expression: source.to_owned(), error }),
    }
}

/// What a `{{= expression}}` is replaced with, once the template is read
/// back from JSON (`expressionReplaceCore`, strict case): a string as it
/// is, anything else as Go's `json.Marshal` writes it. `nil` and failures
/// are Argo's errors.
pub fn eval_template(expression: &str, env: &Env) -> Result<String, String> {
    let program = compile(expression).map_err(|e| format!("failed to evaluate expression: {e}"))?;
    program.check_names(env).map_err(|e| format!("failed to evaluate expression: {e}"))?;
    match program.eval(env) {
        Err(e) => Err(format!("failed to evaluate expression: {e}")),
        Ok(Value::Nil) => Err(format!("failed to evaluate expression {expression:?}")),
        Ok(Value::String(s)) => Ok(s),
        Ok(other) => Ok(other.go_json()),
    }
}

#[cfg(test)]
mod tests;
