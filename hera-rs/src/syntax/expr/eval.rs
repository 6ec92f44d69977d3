//! The evaluator: Go semantics of expr v1.17's `vm/runtime/runtime.go`
//! (`Equal`, `Less`, `Add`, `Divide`, `Modulo`, `Exponent`, `Fetch`,
//! `Slice`, `In`) and the VM's predicate loops, walking the tree.

use super::ast::{Expr, Node};
use super::{Env, EvalError, Value, builtins};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Largest array a range `a..b` may build.
const MAX_RANGE: i64 = 1 << 20;

/// One predicate's frame: `#`, `#index`, `#acc`.
struct Frame {
    item: Value,
    index: i64,
    acc: Value,
}

pub(crate) struct Scope<'a> {
    env: &'a Env,
    lets: Vec<(String, Value)>,
    frames: Vec<Frame>,
}

type R = Result<Value, EvalError>;

fn fail(at: usize, message: impl Into<String>) -> EvalError {
    EvalError { message: message.into(), at }
}

/// `runtime.Equal`: numbers equal across int and float, otherwise deep equality.
pub(crate) fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x)) => (*x as f64) == *y,
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| equal(a, b)),
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
}

/// An order for sorting (numbers, then strings; others equal).
pub(crate) fn order(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x.cmp(y),
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            _ => Ordering::Equal,
        },
    }
}

/// `runtime.ToInt` for a range's bounds: floats truncate.
fn to_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Float(f) => Some(*f as i64),
        _ => None,
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

fn mismatched(op: &str, a: &Value, b: &Value, at: usize) -> EvalError {
    fail(at, format!("invalid operation: {op} (mismatched types {} and {})", a.type_name(), b.type_name()))
}

fn truth(v: &Value, op: &str, at: usize) -> Result<bool, EvalError> {
    match v {
        Value::Bool(b) => Ok(*b),
        other => Err(fail(
            at,
            format!("invalid operation: {op} (mismatched types {} and bool)", other.type_name()),
        )),
    }
}

impl<'a> Scope<'a> {
    pub(crate) fn new(env: &'a Env) -> Scope<'a> {
        Scope { env, lets: Vec::new(), frames: Vec::new() }
    }

    pub(crate) fn eval(&mut self, e: &Expr) -> R {
        crate::support::stack::grown(64 * 1024, 1024 * 1024, || self.eval_node(e))
    }

    fn frame(&self, at: usize) -> Result<&Frame, EvalError> {
        self.frames.last().ok_or_else(|| fail(at, "cannot use pointer accessor outside predicate"))
    }

    fn eval_node(&mut self, e: &Expr) -> R {
        let at = e.at;
        Ok(match &e.node {
            Node::Nil => Value::Nil,
            Node::Bool(b) => Value::Bool(*b),
            Node::Int(i) => Value::Int(*i),
            Node::Float(f) => Value::Float(*f),
            Node::Str(s) => Value::String(s.clone()),
            Node::Ident(name) => {
                if let Some((_, v)) = self.lets.iter().rev().find(|(n, _)| n == name) {
                    return Ok(v.clone());
                }
                match self.env.vars.get(name) {
                    Some(v) => v.clone(),
                    None if builtins::BUILTINS.contains(&name.as_str()) => Value::Function(name.clone()),
                    None => return Err(fail(at, format!("unknown name {name}"))),
                }
            }
            Node::Pointer(name) => {
                let frame = self.frame(at)?;
                match name.as_str() {
                    "" => frame.item.clone(),
                    "index" => Value::Int(frame.index),
                    "acc" => frame.acc.clone(),
                    other => return Err(fail(at, format!("unknown pointer #{other}"))),
                }
            }
            Node::Unary(op, operand) => {
                let v = self.eval(operand)?;
                match (*op, &v) {
                    ("not", Value::Bool(b)) => Value::Bool(!b),
                    ("-", Value::Int(i)) => Value::Int(i.wrapping_neg()),
                    ("-", Value::Float(f)) => Value::Float(-f),
                    ("+", Value::Int(_) | Value::Float(_)) => v,
                    _ => return Err(fail(at, format!("invalid operation: {op} ({})", v.type_name()))),
                }
            }
            Node::Binary(op, left, right) => self.binary(op, left, right, at)?,
            Node::Logic(first, rest) => self.logic(first, rest)?,
            Node::Conditional(c, yes, no) => {
                if truth(&self.eval(c)?, "?", c.at)? {
                    self.eval(yes)?
                } else {
                    self.eval(no)?
                }
            }
            Node::Array(items) => Value::Array(items.iter().map(|i| self.eval(i)).collect::<Result<_, _>>()?),
            Node::Map(pairs) => {
                let mut m = BTreeMap::new();
                for (k, v) in pairs {
                    let key = match self.eval(k)? {
                        Value::String(s) => s,
                        other => other.go_string(),
                    };
                    let value = self.eval(v)?;
                    m.insert(key, value);
                }
                Value::Map(m)
            }
            Node::Let(name, value, body) => {
                let v = self.eval(value)?;
                self.lets.push((name.clone(), v));
                let out = self.eval(body);
                self.lets.pop();
                out?
            }
            Node::Member { .. } => self.member(e)?.unwrap_or(Value::Nil),
            Node::Slice { object, from, to } => {
                let v = self.eval(object)?;
                let mut bound = |b: &Option<Box<Expr>>, default: i64| -> Result<i64, EvalError> {
                    match b {
                        None => Ok(default),
                        Some(b) => match self.eval(b)? {
                            Value::Int(i) => Ok(i),
                            other => {
                                Err(fail(b.at, format!("non-integer slice index {}", other.type_name())))
                            }
                        },
                    }
                };
                let len = match &v {
                    Value::Array(a) => a.len() as i64,
                    Value::String(s) => s.len() as i64,
                    other => return Err(fail(at, format!("cannot slice {}", other.type_name()))),
                };
                // runtime.Slice: negative bounds count from the end, then clamp.
                let (mut a, mut b) = (bound(from, 0)?, bound(to, len)?);
                if a < 0 {
                    a = (len + a).max(0);
                }
                if b < 0 {
                    b = (len + b).max(0);
                }
                b = b.min(len);
                a = a.min(b);
                match v {
                    Value::Array(arr) => Value::Array(arr[a as usize..b as usize].to_vec()),
                    Value::String(s) => Value::String(
                        String::from_utf8_lossy(&s.as_bytes()[a as usize..b as usize]).into_owned(),
                    ),
                    _ => Value::Nil,
                }
            }
            Node::Builtin(name, args) => self.builtin(name, args, at)?,
            Node::Call(callee, args) => {
                let f = self.eval(callee)?;
                let values = args.iter().map(|a| self.eval(a)).collect::<Result<Vec<_>, _>>()?;
                match f {
                    Value::Function(name) => builtins::call(&name, &values).map_err(|m| fail(at, m))?,
                    Value::Nil => {
                        if let Node::Member { object, property, .. } = &callee.node
                            && matches!(&object.node, Node::Ident(n) if n == "sprig")
                            && let Node::Str(name) = &property.node
                        {
                            return Err(fail(at, format!("sprig function {name} is not supported by hera")));
                        }
                        return Err(fail(at, "invalid operation: cannot call nil"));
                    }
                    other => return Err(fail(at, format!("{} is not callable", other.type_name()))),
                }
            }
            Node::Closure(body) => self.eval(body)?,
        })
    }

    /// A member access, `None` when an optional `?.` met nil on the way
    /// (the rest of the chain is skipped, as expr's `OpJumpIfNil` does).
    fn member(&mut self, e: &Expr) -> Result<Option<Value>, EvalError> {
        let Node::Member { object, property, optional } = &e.node else { return self.eval(e).map(Some) };
        let Some(v) = (match &object.node {
            Node::Member { .. } => self.member(object)?,
            _ => Some(self.eval(object)?),
        }) else {
            return Ok(None);
        };
        if *optional && v == Value::Nil {
            return Ok(None);
        }
        let key = self.eval(property)?;
        fetch(&v, &key, e.at).map(Some)
    }

    /// A run `first op1 e1 op2 e2 …`, folded left to right as the nested
    /// `((first op1 e1) op2 e2)` would be: each link looks at the value so
    /// far, stops there when it decides (`false` for `&&`, `true` for `||`;
    /// every later link of the run then decides the same way), and
    /// otherwise takes its right operand, unchecked, as the new value.
    fn logic(&mut self, first: &Expr, rest: &[(&'static str, usize, Expr)]) -> R {
        let mut value = self.eval(first)?;
        for (op, at, right) in rest {
            let is_or = matches!(*op, "||" | "or");
            match value {
                Value::Bool(b) if b == is_or => return Ok(Value::Bool(b)),
                Value::Bool(_) => value = self.eval(right)?,
                ref other => {
                    return Err(fail(
                        *at,
                        format!("invalid operation: {op} (mismatched types {} and bool)", other.type_name()),
                    ));
                }
            }
        }
        Ok(value)
    }

    fn binary(&mut self, op: &str, left: &Expr, right: &Expr, at: usize) -> R {
        match op {
            "||" | "or" | "&&" | "and" => {
                let l = self.eval(left)?;
                let is_or = op == "||" || op == "or";
                if let Value::Bool(b) = l
                    && b == is_or
                {
                    return Ok(Value::Bool(b));
                }
                // The VM jumps on the left operand and leaves the right one
                // as the result, unchecked (`OpJumpIfFalse`, `OpJumpIfTrue`).
                if !matches!(l, Value::Bool(_)) {
                    return Err(fail(
                        at,
                        format!("invalid operation: {op} (mismatched types {} and bool)", l.type_name()),
                    ));
                }
                return self.eval(right);
            }
            "??" => {
                let l = match &left.node {
                    Node::Member { .. } => self.member(left)?.unwrap_or(Value::Nil),
                    _ => self.eval(left)?,
                };
                return if l == Value::Nil { self.eval(right) } else { Ok(l) };
            }
            _ => {}
        }
        let l = self.eval(left)?;
        let r = self.eval(right)?;
        operate(op, &l, &r, at)
    }

    fn builtin(&mut self, name: &str, args: &[Expr], at: usize) -> R {
        if !builtins::PREDICATES.contains(&name) {
            let values = args.iter().map(|a| self.eval(a)).collect::<Result<Vec<_>, _>>()?;
            return builtins::call(name, &values).map_err(|m| fail(at, m));
        }
        let Some(first) = args.first() else {
            return Err(fail(at, format!("not enough arguments to call {name}")));
        };
        let collection = self.eval(first)?;
        let items = match collection {
            Value::Array(a) => a,
            Value::Map(m) if matches!(name, "all" | "none" | "any" | "one" | "count" | "filter" | "map") => {
                m.into_values().collect()
            }
            Value::Nil => Vec::new(),
            other => return Err(fail(at, format!("cannot iterate {}", other.type_name()))),
        };
        let closure = args.get(1);
        if closure.is_none() && !matches!(name, "sum" | "count") {
            return Err(fail(at, format!("not enough arguments to call {name}")));
        }
        if args.len() > 3 || (args.len() > 2 && !matches!(name, "reduce" | "sortBy")) {
            return Err(fail(at, format!("too many arguments to call {name}")));
        }
        let mut results = Vec::with_capacity(items.len());
        let mut acc = match (name, args.get(2)) {
            ("reduce", Some(init)) => Some(self.eval(init)?),
            _ => None,
        };
        for (index, item) in items.iter().enumerate() {
            if name == "reduce" && acc.is_none() {
                acc = Some(item.clone());
                continue;
            }
            let frame =
                Frame { item: item.clone(), index: index as i64, acc: acc.clone().unwrap_or(Value::Nil) };
            let value = match closure {
                Some(c) => {
                    self.frames.push(frame);
                    let v = self.eval(c);
                    self.frames.pop();
                    v?
                }
                None => item.clone(),
            };
            if name == "reduce" {
                acc = Some(value);
            } else {
                results.push(value);
            }
        }
        let bools = |results: &[Value]| -> Result<Vec<bool>, EvalError> {
            results
                .iter()
                .map(|v| match v {
                    Value::Bool(b) => Ok(*b),
                    other => {
                        Err(fail(at, format!("predicate should return boolean, got {}", other.type_name())))
                    }
                })
                .collect()
        };
        let pick = |bs: &[bool], rev: bool| -> Option<usize> {
            if rev { bs.iter().rposition(|b| *b) } else { bs.iter().position(|b| *b) }
        };
        Ok(match name {
            "all" => Value::Bool(bools(&results)?.iter().all(|b| *b)),
            "none" => Value::Bool(!bools(&results)?.iter().any(|b| *b)),
            "any" => Value::Bool(bools(&results)?.iter().any(|b| *b)),
            "one" => Value::Bool(bools(&results)?.iter().filter(|b| **b).count() == 1),
            "count" if closure.is_none() => {
                Value::Int(bools(&results)?.iter().filter(|b| **b).count() as i64)
            }
            "count" => Value::Int(bools(&results)?.iter().filter(|b| **b).count() as i64),
            "filter" => {
                let bs = bools(&results)?;
                Value::Array(items.into_iter().zip(bs).filter(|(_, b)| *b).map(|(v, _)| v).collect())
            }
            "map" => Value::Array(results),
            "find" | "findLast" => {
                pick(&bools(&results)?, name == "findLast").map_or(Value::Nil, |i| items[i].clone())
            }
            "findIndex" | "findLastIndex" => {
                Value::Int(pick(&bools(&results)?, name == "findLastIndex").map_or(-1, |i| i as i64))
            }
            "sum" => {
                let mut total = Value::Int(0);
                for v in &results {
                    total = operate("+", &total, v, at)?;
                }
                total
            }
            "groupBy" => {
                let mut groups: BTreeMap<String, Value> = BTreeMap::new();
                for (item, key) in items.into_iter().zip(results) {
                    let key = match key {
                        Value::String(s) => s,
                        other => other.go_string(),
                    };
                    if let Value::Array(group) = groups.entry(key).or_insert_with(|| Value::Array(Vec::new()))
                    {
                        group.push(item);
                    }
                }
                Value::Map(groups)
            }
            "sortBy" => {
                let descending = match args.get(2) {
                    Some(o) => match self.eval(o)? {
                        Value::String(s) if s == "asc" => false,
                        Value::String(s) if s == "desc" => true,
                        other => return Err(fail(at, format!("unknown order {}", other.go_string()))),
                    },
                    None => false,
                };
                let mut pairs: Vec<(Value, Value)> = items.into_iter().zip(results).collect();
                pairs.sort_by(|a, b| order(&a.1, &b.1));
                if descending {
                    pairs.reverse();
                }
                Value::Array(pairs.into_iter().map(|(v, _)| v).collect())
            }
            _ => acc.unwrap_or(Value::Nil),
        })
    }
}

/// `runtime.Fetch`.
fn fetch(v: &Value, key: &Value, at: usize) -> R {
    match (v, key) {
        (Value::Map(m), Value::String(k)) => Ok(m.get(k).cloned().unwrap_or(Value::Nil)),
        (Value::Array(a), k) if number(k).is_some() => {
            let i = match k {
                Value::Int(i) => *i,
                Value::Float(f) => *f as i64,
                _ => 0,
            };
            let j = if i < 0 { i + a.len() as i64 } else { i };
            usize::try_from(j)
                .ok()
                .and_then(|j| a.get(j))
                .cloned()
                .ok_or_else(|| fail(at, format!("index out of range: {i} (array length is {})", a.len())))
        }
        (Value::String(s), Value::Int(i)) => {
            let j = if *i < 0 { i + s.len() as i64 } else { *i };
            usize::try_from(j)
                .ok()
                .and_then(|j| s.as_bytes().get(j))
                .map(|b| Value::String(char::from(*b).to_string()))
                .ok_or_else(|| fail(at, format!("index out of range: {i} (array length is {})", s.len())))
        }
        _ => Err(fail(at, format!("cannot fetch {} from {}", key.go_string(), v.type_name()))),
    }
}

/// The operators taking two evaluated operands.
fn operate(op: &str, l: &Value, r: &Value, at: usize) -> R {
    use Value::{Array, Bool, Float, Int, Map, Nil, String as Str};
    let float = |f: fn(f64, f64) -> f64| match (number(l), number(r)) {
        (Some(a), Some(b)) => Ok(Float(f(a, b))),
        _ => Err(mismatched(op, l, r, at)),
    };
    Ok(match op {
        "==" => Bool(equal(l, r)),
        "!=" => Bool(!equal(l, r)),
        "<" | ">" | "<=" | ">=" => {
            let ordering = match (l, r) {
                (Str(a), Str(b)) => a.partial_cmp(b),
                _ => match (number(l), number(r)) {
                    (Some(a), Some(b)) => a.partial_cmp(&b),
                    _ => return Err(mismatched(op, l, r, at)),
                },
            };
            Bool(ordering.is_some_and(|o| match op {
                "<" => o == Ordering::Less,
                ">" => o == Ordering::Greater,
                "<=" => o != Ordering::Greater,
                _ => o != Ordering::Less,
            }))
        }
        "+" => match (l, r) {
            (Int(a), Int(b)) => Int(a.wrapping_add(*b)),
            (Str(a), Str(b)) => Str(format!("{a}{b}")),
            _ => float(|a, b| a + b)?,
        },
        "-" => match (l, r) {
            (Int(a), Int(b)) => Int(a.wrapping_sub(*b)),
            _ => float(|a, b| a - b)?,
        },
        "*" => match (l, r) {
            (Int(a), Int(b)) => Int(a.wrapping_mul(*b)),
            _ => float(|a, b| a * b)?,
        },
        "/" => float(|a, b| a / b)?,
        "%" => match (l, r) {
            (Int(_), Int(0)) => return Err(fail(at, "integer divide by zero")),
            (Int(a), Int(b)) => Int(a.wrapping_rem(*b)),
            _ => return Err(mismatched(op, l, r, at)),
        },
        "**" | "^" => float(f64::powf)?,
        ".." => match (to_int(l), to_int(r)) {
            (Some(a), Some(b)) => {
                let (a, b) = (&a, &b);
                if b.saturating_sub(*a) >= MAX_RANGE {
                    return Err(fail(at, format!("range {a}..{b} too large")));
                }
                Array((*a..=*b).map(Int).collect())
            }
            _ => return Err(mismatched(op, l, r, at)),
        },
        "in" => match r {
            Array(a) => Bool(a.iter().any(|x| equal(x, l))),
            Map(m) => match l {
                Str(k) => Bool(m.contains_key(k)),
                Nil => Bool(false),
                other => {
                    return Err(fail(
                        at,
                        format!(
                            "reflect.Value.MapIndex: value of type {} is not assignable to type string",
                            other.type_name()
                        ),
                    ));
                }
            },
            Nil => Bool(false),
            _ => return Err(mismatched(op, l, r, at)),
        },
        "matches" | "contains" | "startsWith" | "endsWith" => {
            let (Str(a), Str(b)) = (l, r) else { return Err(mismatched(op, l, r, at)) };
            Bool(match op {
                "contains" => a.contains(b.as_str()),
                "startsWith" => a.starts_with(b.as_str()),
                "endsWith" => a.ends_with(b.as_str()),
                _ => regex::Regex::new(b)
                    .map_err(|e| fail(at, format!("error parsing regexp: {e}")))?
                    .is_match(a),
            })
        }
        _ => return Err(fail(at, format!("unknown operator {op}"))),
    })
}
