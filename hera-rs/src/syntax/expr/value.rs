//! Values as expr sees them: Go's dynamic `interface{}` values.

use std::collections::BTreeMap;

/// A value of the expression language, shaped like the Go values expr
/// works on (`nil`, `bool`, `int`, `float64`, `string`, `[]any`,
/// `map[string]any`, and functions of the environment).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Go's `nil`.
    Nil,
    /// `bool`.
    Bool(bool),
    /// `int` (64-bit).
    Int(i64),
    /// `float64`.
    Float(f64),
    /// `string`.
    String(String),
    /// `[]any`.
    Array(Vec<Value>),
    /// `map[string]any`; Go prints and marshals its keys sorted.
    Map(BTreeMap<String, Value>),
    /// A function of the environment or a builtin, by name (`sprig.upper`).
    Function(String),
}

impl Value {
    /// The Go type name expr's messages use (`int`, `float64`, `string`, ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Nil => "<nil>",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float64",
            Value::String(_) => "string",
            Value::Array(_) => "[]interface {}",
            Value::Map(_) => "map[string]interface {}",
            Value::Function(_) => "func",
        }
    }

    /// The value as a JSON value (functions become `null`; non-finite floats too).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Nil | Value::Function(_) => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::String(s) => J::String(s.clone()),
            Value::Array(a) => J::Array(a.iter().map(Value::to_json).collect()),
            Value::Map(m) => J::Object(m.iter().map(|(k, v)| (k.clone(), v.to_json())).collect()),
        }
    }

    /// A JSON value as expr sees it after Go's `json.Unmarshal`: every number a `float64`.
    pub fn from_json(json: &serde_json::Value) -> Value {
        use serde_json::Value as J;
        match json {
            J::Null => Value::Nil,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            J::String(s) => Value::String(s.clone()),
            J::Array(a) => Value::Array(a.iter().map(Value::from_json).collect()),
            J::Object(o) => Value::Map(o.iter().map(|(k, v)| (k.clone(), Value::from_json(v))).collect()),
        }
    }

    /// Go's `fmt.Sprint` of the value (`[1 2]`, `map[a:1]`, `<nil>`).
    pub fn go_string(&self) -> String {
        match self {
            Value::Nil => "<nil>".into(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => crate::syntax::when::go_float(*f),
            Value::String(s) => s.clone(),
            Value::Array(a) => format!("[{}]", a.iter().map(Value::go_string).collect::<Vec<_>>().join(" ")),
            Value::Map(m) => {
                let items: Vec<String> = m.iter().map(|(k, v)| format!("{k}:{}", v.go_string())).collect();
                format!("map[{}]", items.join(" "))
            }
            Value::Function(name) => format!("func {name}"),
        }
    }

    /// Go's `json.Marshal` of the value (floats as Go writes them).
    pub fn go_json(&self) -> String {
        match self {
            Value::Float(f) if f.is_finite() => {
                let abs = f.abs();
                if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
                    crate::syntax::when::go_float(*f).replace("e-0", "e-").replace("e+0", "e+")
                } else {
                    serde_json::to_string(&self.to_json())
                        .unwrap_or_default()
                        .trim_end_matches(".0")
                        .to_owned()
                }
            }
            Value::Array(a) => format!("[{}]", a.iter().map(Value::go_json).collect::<Vec<_>>().join(",")),
            Value::Map(m) => {
                let items: Vec<String> = m
                    .iter()
                    .map(|(k, v)| format!("{}:{}", serde_json::Value::String(k.clone()), v.go_json()))
                    .collect();
                format!("{{{}}}", items.join(","))
            }
            other => other.to_json().to_string(),
        }
    }
}

impl From<&serde_json::Value> for Value {
    fn from(json: &serde_json::Value) -> Value {
        Value::from_json(json)
    }
}

impl From<&Value> for serde_json::Value {
    fn from(value: &Value) -> serde_json::Value {
        value.to_json()
    }
}
