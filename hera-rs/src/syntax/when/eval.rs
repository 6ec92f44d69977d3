//! Evaluating a plan (`EvaluableExpression.evaluateStage` and the stage
//! operators of `evaluationStage.go`): left side first, short-circuits for
//! `&&`, `||`, `?`, `:` and `??`, then the type checks, then the operator.

use super::plan::{Leaf, Plan, Stage, Symbol};
use super::value::{Value, compile, go_format};

/// The value of the whole plan (`nil` for an empty expression).
pub(super) fn evaluate(plan: &Plan) -> Result<Value, String> {
    match plan.root {
        Some(root) => stage(plan, root),
        None => Ok(Value::Nil),
    }
}

fn stage(plan: &Plan, index: usize) -> Result<Value, String> {
    let stage = &plan.stages[index];
    let left = match stage.left {
        Some(left) => self::stage(plan, left)?,
        None => Value::Nil,
    };
    // `shortCircuitHolder`: the right side is not evaluated.
    let mut skip_right = false;
    match (stage.symbol, &left) {
        (Symbol::And, Value::Bool(false)) => return Ok(Value::Bool(false)),
        (Symbol::Or, Value::Bool(true)) => return Ok(Value::Bool(true)),
        (Symbol::Coalesce, left) if !matches!(left, Value::Nil) => return Ok(left.clone()),
        (Symbol::TernaryTrue, Value::Bool(false)) => skip_right = true,
        (Symbol::TernaryFalse, left) if !matches!(left, Value::Nil) => skip_right = true,
        _ => {}
    }
    let right = match stage.right {
        Some(right) if !skip_right => Some(self::stage(plan, right)?),
        Some(_) => None,
        None => Some(Value::Nil),
    };
    let right_value = right.clone().unwrap_or(Value::Nil);
    check_types(stage, &left, &right_value)?;
    operate(stage, left, right)
}

/// `findTypeChecks` and `typeCheck`.
fn check_types(stage: &Stage, left: &Value, right: &Value) -> Result<(), String> {
    use Symbol::*;
    let number = |v: &Value| matches!(v, Value::Number(_));
    let string = |v: &Value| matches!(v, Value::String(_));
    let boolean = |v: &Value| matches!(v, Value::Bool(_));
    let fail = |value: &Value| Err(type_error(stage.error_format, value, stage.symbol));
    match stage.symbol {
        Gt | Lt | Gte | Lte if !((number(left) && number(right)) || (string(left) && string(right))) => {
            return fail(left);
        }
        Plus if !((number(left) && number(right)) || string(left) || string(right)) => return fail(left),
        Req | Nreq => {
            if !string(left) {
                return fail(left);
            }
            if !(string(right) || matches!(right, Value::Pattern(_))) {
                return fail(right);
            }
        }
        And | Or => {
            if !boolean(left) {
                return fail(left);
            }
            if !boolean(right) {
                return fail(right);
            }
        }
        In if !matches!(right, Value::Array(_)) => return fail(right),
        BitAnd | BitOr | BitXor | LeftShift | RightShift | Minus | Multiply | Divide | Modulus | Exponent => {
            if !number(left) {
                return fail(left);
            }
            if !number(right) {
                return fail(right);
            }
        }
        Negate | BitNot if !number(right) => return fail(right),
        Invert if !boolean(right) => return fail(right),
        TernaryTrue if !boolean(left) => return fail(left),
        _ => {}
    }
    Ok(())
}

/// A type error as govaluate words it: its format with the value and the symbol.
fn type_error(format: &str, value: &Value, symbol: Symbol) -> String {
    format.replacen("%v", &go_format(value), 1).replacen("%v", symbol.name(), 1)
}

fn number(value: &Value) -> f64 {
    match value {
        Value::Number(n) => *n,
        _ => unreachable!("type-checked as a number"),
    }
}

/// Go's `int64(f)` on amd64 (the controller's platform): out of range,
/// and for NaN, it is the smallest int64, where Rust's `as` saturates.
fn integer(value: &Value) -> i64 {
    go_int64(number(value))
}

fn go_int64(f: f64) -> i64 {
    const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
    if f.is_nan() || !(-LIMIT..LIMIT).contains(&f) { i64::MIN } else { f as i64 }
}

/// Go's `uint64(f)` on amd64: below 2^63 through int64 (so -3 wraps to
/// 2^64 - 3), above it with the top bit set.
fn go_uint64(f: f64) -> u64 {
    const TOP: f64 = 9_223_372_036_854_775_808.0;
    if f < TOP { go_int64(f) as u64 } else { (go_int64(f - TOP) as u64) | (1 << 63) }
}

fn operate(stage: &Stage, left: Value, right: Option<Value>) -> Result<Value, String> {
    use Symbol::*;
    let right_or_nil = || right.clone().unwrap_or(Value::Nil);
    Ok(match stage.symbol {
        Literal | Variable | Access => match &stage.leaf {
            Leaf::Literal(value) => value.clone(),
            Leaf::Parameter(name) => return Err(format!("No parameter '{name}' found.")),
            Leaf::None => Value::Nil,
        },
        Noop => right_or_nil(),
        Plus => match (&left, right_or_nil()) {
            (Value::Number(a), Value::Number(b)) => Value::Number(a + b),
            (left, right) => Value::String(format!("{}{}", go_format(left), go_format(&right))),
        },
        Minus => Value::Number(number(&left) - number(&right_or_nil())),
        Multiply => Value::Number(number(&left) * number(&right_or_nil())),
        Divide => Value::Number(number(&left) / number(&right_or_nil())),
        Modulus => Value::Number(number(&left) % number(&right_or_nil())),
        Exponent => Value::Number(super::pow::pow(number(&left), number(&right_or_nil()))),
        Gt | Lt | Gte | Lte => Value::Bool(compare(stage.symbol, &left, &right_or_nil())),
        Eq => Value::Bool(left == right_or_nil()),
        Neq => Value::Bool(left != right_or_nil()),
        And => Value::Bool(matches!((left, right_or_nil()), (Value::Bool(true), Value::Bool(true)))),
        Or => Value::Bool(matches!(left, Value::Bool(true)) || matches!(right_or_nil(), Value::Bool(true))),
        Negate => Value::Number(-number(&right_or_nil())),
        Invert => Value::Bool(!matches!(right_or_nil(), Value::Bool(true))),
        BitNot => Value::Number(!integer(&right_or_nil()) as f64),
        BitAnd => Value::Number((integer(&left) & integer(&right_or_nil())) as f64),
        BitOr => Value::Number((integer(&left) | integer(&right_or_nil())) as f64),
        BitXor => Value::Number((integer(&left) ^ integer(&right_or_nil())) as f64),
        LeftShift | RightShift => {
            let (value, by) = (go_uint64(number(&left)), go_uint64(number(&right_or_nil())));
            let by = u32::try_from(by).unwrap_or(u32::MAX);
            let shifted =
                if stage.symbol == LeftShift { value.checked_shl(by) } else { value.checked_shr(by) };
            Value::Number(shifted.unwrap_or(0) as f64)
        }
        TernaryTrue => match (left, right) {
            (Value::Bool(true), Some(right)) => right,
            _ => Value::Nil,
        },
        TernaryFalse | Coalesce => match left {
            Value::Nil => right_or_nil(),
            left => left,
        },
        Req | Nreq => {
            let Value::String(text) = &left else { unreachable!("type-checked as a string") };
            let matched = match right_or_nil() {
                Value::Pattern(pattern) => pattern.is_match(text),
                Value::String(source) => compile(&source)
                    .map_err(|error| format!("Unable to compile regexp pattern '{source}': {error}"))?
                    .is_match(text),
                _ => unreachable!("type-checked as a pattern"),
            };
            Value::Bool(matched == (stage.symbol == Req))
        }
        In => {
            let Value::Array(items) = right_or_nil() else { unreachable!("type-checked as an array") };
            let mut found = false;
            for item in &items {
                // Go compares interfaces with `==`, which panics on lists.
                if matches!(item, Value::Array(_)) || matches!(left, Value::Array(_)) {
                    return Err("runtime error: comparing uncomparable type []interface {}".into());
                }
                if *item == left {
                    found = true;
                    break;
                }
            }
            Value::Bool(found)
        }
        Separate => match left {
            Value::Array(mut items) => {
                items.push(right_or_nil());
                Value::Array(items)
            }
            left => Value::Array(vec![left, right_or_nil()]),
        },
    })
}

/// Numbers by value, strings byte by byte (both sides are one or the other).
fn compare(symbol: Symbol, left: &Value, right: &Value) -> bool {
    let ordering = match (left, right) {
        (Value::String(a), Value::String(b)) => a.partial_cmp(b),
        (Value::Number(a), Value::Number(b)) => a.partial_cmp(b),
        _ => None,
    };
    let Some(ordering) = ordering else { return false }; // NaN compares false
    match symbol {
        Symbol::Gt => ordering.is_gt(),
        Symbol::Lt => ordering.is_lt(),
        Symbol::Gte => ordering.is_ge(),
        _ => ordering.is_le(),
    }
}
