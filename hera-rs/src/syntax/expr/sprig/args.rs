//! A sprig function's arguments as Go's `reflect.Value.Call` takes them
//! from expr (expr 1.17 `vm.go`, `OpCall`): the count is checked first, a
//! `nil` becomes the parameter type's zero value, and any other value must
//! have the parameter's type exactly (an `int` is not a `string`).

use super::super::Value;
use std::collections::BTreeMap;

/// The arguments of one call of `sprig.<name>`.
pub(super) struct Args<'a> {
    pub(super) values: &'a [Value],
}

type Checked<T> = Result<T, String>;

fn mismatch(value: &Value, wanted: &str) -> String {
    format!("reflect: Call using {} as type {wanted}", value.type_name())
}

impl<'a> Args<'a> {
    /// Exactly `n` arguments (a function without variadic parameters).
    pub(super) fn exactly(&self, n: usize) -> Checked<()> {
        if self.values.len() == n {
            Ok(())
        } else {
            Err(format!("invalid number of arguments: expected {n}, got {}", self.values.len()))
        }
    }

    /// At least `n` arguments (`n` fixed parameters, then a variadic one).
    pub(super) fn at_least(&self, n: usize) -> Checked<()> {
        if self.values.len() >= n {
            Ok(())
        } else {
            Err(format!("invalid number of arguments: expected at least {n}, got {}", self.values.len()))
        }
    }

    /// The number of arguments.
    pub(super) fn len(&self) -> usize {
        self.values.len()
    }

    /// An `interface{}` parameter: any value.
    pub(super) fn any(&self, i: usize) -> &'a Value {
        &self.values[i]
    }

    /// The arguments from `i` on (a variadic `...interface{}`).
    pub(super) fn rest(&self, i: usize) -> &'a [Value] {
        &self.values[i.min(self.values.len())..]
    }

    /// A `string` parameter.
    pub(super) fn string(&self, i: usize) -> Checked<&'a str> {
        match &self.values[i] {
            Value::String(s) => Ok(s),
            Value::Nil => Ok(""),
            other => Err(mismatch(other, "string")),
        }
    }

    /// An `int` parameter.
    pub(super) fn int(&self, i: usize) -> Checked<i64> {
        match &self.values[i] {
            Value::Int(n) => Ok(*n),
            Value::Nil => Ok(0),
            other => Err(mismatch(other, "int")),
        }
    }

    /// A `float64` parameter.
    pub(super) fn float(&self, i: usize) -> Checked<f64> {
        match &self.values[i] {
            Value::Float(f) => Ok(*f),
            Value::Nil => Ok(0.0),
            other => Err(mismatch(other, "float64")),
        }
    }

    /// A `bool` parameter.
    pub(super) fn bool(&self, i: usize) -> Checked<bool> {
        match &self.values[i] {
            Value::Bool(b) => Ok(*b),
            Value::Nil => Ok(false),
            other => Err(mismatch(other, "bool")),
        }
    }

    /// A `map[string]interface{}` parameter (`nil` is the empty map).
    pub(super) fn map(&self, i: usize) -> Checked<BTreeMap<String, Value>> {
        match &self.values[i] {
            Value::Map(m) => Ok(m.clone()),
            Value::Nil => Ok(BTreeMap::new()),
            other => Err(mismatch(other, "map[string]interface {}")),
        }
    }

    /// Every argument from `i` on as a `string` (`...string`).
    pub(super) fn strings(&self, i: usize) -> Checked<Vec<&'a str>> {
        (i..self.values.len()).map(|i| self.string(i)).collect()
    }

    /// Every argument from `i` on as an `int` (`...int`).
    pub(super) fn ints(&self, i: usize) -> Checked<Vec<i64>> {
        (i..self.values.len()).map(|i| self.int(i)).collect()
    }

    /// Every argument from `i` on as a map (`...map[string]interface{}`).
    pub(super) fn maps(&self, i: usize) -> Checked<Vec<BTreeMap<String, Value>>> {
        (i..self.values.len()).map(|i| self.map(i)).collect()
    }
}
