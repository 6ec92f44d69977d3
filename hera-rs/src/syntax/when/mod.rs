//! `when` conditions, evaluated as Argo evaluates them: govaluate on the
//! string left after `{{...}}` substitution.
//!
//! Argo (`ShouldExecute`, in the controller's steps and DAG code) parses the
//! substituted condition with govaluate, turns every variable token — any
//! bare word such as `heads` — into a string, and evaluates it without
//! parameters; the result must be a boolean. So `heads == heads` is true,
//! `5 > 10` compares numbers (every number is a float64), `'2024-01-02' <
//! '2024-02-01'` compares dates (a quoted string that parses as a date is
//! its Unix time), `a =~ '^a'` matches a regular expression, and `x in (a,
//! b)` looks for `x` in a list.
//!
//! No Rust implementation of govaluate existed; this one follows govaluate's
//! lexer, planner and evaluator step by step (the file of each step names
//! the Go function it mirrors), quirks included, because Argo's behaviour is
//! what a workflow gets. Messages are Argo's. `hera-rs/tests/when_oracle.rs`
//! compares every answer with Go's govaluate, driven as Argo drives it, over
//! 20 000 conditions; two differences are known and allowed there: the
//! wording of an invalid regular expression's error (the `regex` crate's
//! description, not Go's), and the last digit of a fractional power (which
//! goes through `exp` and `ln`; whole powers are computed as Go does).
//!
//! ```
//! use hera::syntax::when::{should_execute, evaluate, Value};
//! assert_eq!(should_execute("heads == heads"), Ok(true));
//! assert_eq!(should_execute("5 > 10 || tails != heads"), Ok(true));
//! assert_eq!(evaluate("1 + 2 * 3"), Ok(Value::Number(7.0)));
//! assert_eq!(
//!     should_execute("1 + 2").unwrap_err().to_string(),
//!     "Expected boolean evaluation for '1 + 2'. Got 3"
//! );
//! ```

mod eval;
mod lex;
mod plan;
mod pow;
pub(crate) mod time;
mod value;

pub use value::{Value, go_float};

use lex::{Kind, TokenValue};

/// Why a `when` condition could not decide.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum WhenError {
    /// govaluate cannot read it (an invalid token, unbalanced parentheses,
    /// two values in a row, ...).
    #[error("Invalid 'when' expression '{expression}': {reason}{}", if reason.contains("Invalid token") {
        " (hint: try wrapping the affected expression in quotes (\"))"
    } else { "" })]
    Invalid {
        /// The condition, after substitution.
        expression: String,
        /// govaluate's message.
        reason: String,
    },
    /// It reads, but not once its words are strings (a word right of `=~`
    /// that is not a valid pattern).
    #[error("Failed to parse 'when' expression '{expression}': {reason}")]
    Unparsable {
        /// The condition, after substitution.
        expression: String,
        /// govaluate's message.
        reason: String,
    },
    /// Evaluating it failed (a type error such as `heads > 1`, an accessor
    /// such as `v1.2`, a bad pattern).
    #[error("Failed to evaluate 'when' expresion '{expression}': {reason}")]
    Evaluation {
        /// The condition, after substitution.
        expression: String,
        /// govaluate's message.
        reason: String,
    },
    /// It evaluated to something other than a boolean.
    #[error("Expected boolean evaluation for '{expression}'. Got {}", value::go_format(.value))]
    NotBoolean {
        /// The condition, after substitution.
        expression: String,
        /// What it evaluated to.
        value: Value,
    },
}

/// Whether a step or task with this (substituted) condition runs: Argo's
/// `ShouldExecute`. An empty condition runs.
pub fn should_execute(when: &str) -> Result<bool, WhenError> {
    if when.is_empty() {
        return Ok(true);
    }
    match evaluate(when)? {
        Value::Bool(run) => Ok(run),
        value => Err(WhenError::NotBoolean { expression: when.to_owned(), value }),
    }
}

/// The value of a (substituted) condition, before Argo asks for a boolean.
pub fn evaluate(when: &str) -> Result<Value, WhenError> {
    let error = |make: fn(String, String) -> WhenError| move |reason: String| make(when.to_owned(), reason);
    let invalid = error(|expression, reason| WhenError::Invalid { expression, reason });
    // First as govaluate reads it, variables and all (`NewEvaluableExpression`).
    let mut tokens = lex::tokens(when).map_err(invalid)?;
    lex::check_syntax(&tokens).map_err(invalid)?;
    lex::compile_patterns(&mut tokens).map_err(invalid)?;
    plan::plan(&tokens).map_err(invalid)?;
    // Then with every variable a string (`NewEvaluableExpressionFromTokens`).
    for token in &mut tokens {
        if let (Kind::Variable, TokenValue::Text(name)) = (token.kind, &token.value) {
            token.value = TokenValue::Literal(Value::String(name.clone()));
            token.kind = Kind::String;
        }
    }
    let unparsable = error(|expression, reason| WhenError::Unparsable { expression, reason });
    lex::check_syntax(&tokens).map_err(unparsable)?;
    lex::compile_patterns(&mut tokens).map_err(unparsable)?;
    let plan = plan::plan(&tokens).map_err(unparsable)?;
    eval::evaluate(&plan).map_err(error(|expression, reason| WhenError::Evaluation { expression, reason }))
}

/// Whether govaluate can read the condition at all (what lint can know
/// before substitution): `Ok` or the [`WhenError::Invalid`] Argo would report.
pub fn check(when: &str) -> Result<(), WhenError> {
    let invalid = |reason: String| WhenError::Invalid { expression: when.to_owned(), reason };
    let mut tokens = lex::tokens(when).map_err(invalid)?;
    lex::check_syntax(&tokens).map_err(invalid)?;
    lex::compile_patterns(&mut tokens).map_err(invalid)?;
    plan::plan(&tokens).map(drop).map_err(invalid)
}

#[cfg(test)]
mod tests;
