//! Reads the part of Argo's `schema.json` that the model covers.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The top-level kinds whose definitions, and everything they reach, are generated.
pub const ROOT_KINDS: [&str; 5] =
    ["Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow", "WorkflowEventBinding"];

/// Package prefix of Argo's own definitions.
pub const ARGO_PREFIX: &str = "io.argoproj.workflow.v1alpha1.";

/// A property or item type as the schema states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// `"type": "string"` (any format).
    String,
    /// `"type": "boolean"`.
    Bool,
    /// `"type": "integer"`.
    Integer,
    /// `"type": "number"`.
    Number,
    /// `$ref` to another definition, by its full id.
    Ref(String),
    /// `"type": "array"` with this item type.
    Array(Box<Ty>),
    /// `"type": "object"` with `additionalProperties` of this type.
    Map(Box<Ty>),
    /// No type at all: any JSON value.
    Any,
}

/// One property of an object definition.
#[derive(Debug, Clone)]
pub struct Property {
    /// JSON name, e.g. `activeDeadlineSeconds`.
    pub name: String,
    /// The schema's description, if any.
    pub description: Option<String>,
    /// Its type.
    pub ty: Ty,
    /// `const` value, for `apiVersion` and `kind` of the top-level kinds.
    pub constant: Option<String>,
    /// Listed in the definition's `required`.
    pub required: bool,
}

/// What a definition is.
#[derive(Debug, Clone)]
pub enum Shape {
    /// An object with named properties (possibly none).
    Object(Vec<Property>),
    /// Anything that is not an object with properties: a scalar, an array, or
    /// an untyped value. Carries the type the definition stands for.
    Other(Ty),
}

/// One definition of `schema.json`.
#[derive(Debug, Clone)]
pub struct Definition {
    /// Full id, e.g. `io.argoproj.workflow.v1alpha1.Template`.
    pub id: String,
    /// The schema's description, if any.
    pub description: Option<String>,
    /// Its shape.
    pub shape: Shape,
}

impl Definition {
    /// The last dot-separated part of the id (`Template`).
    pub fn short_name(&self) -> &str {
        self.id.rsplit('.').next().unwrap_or(&self.id)
    }

    /// The package part of the id (`io.argoproj.workflow.v1alpha1`).
    pub fn package(&self) -> &str {
        self.id.rsplit_once('.').map_or("", |(p, _)| p)
    }
}

/// The reachable definitions, by id.
#[derive(Debug, Clone)]
pub struct Schema {
    /// Every definition reachable from [`ROOT_KINDS`], sorted by id.
    pub definitions: BTreeMap<String, Definition>,
}

impl Schema {
    /// Parses `schema.json` and keeps what the root kinds reach.
    pub fn load(json: &Value) -> Result<Schema, String> {
        let all = json
            .get("definitions")
            .and_then(Value::as_object)
            .ok_or("schema.json has no `definitions` object")?;
        let mut definitions = BTreeMap::new();
        let mut pending: Vec<String> = ROOT_KINDS.iter().map(|k| format!("{ARGO_PREFIX}{k}")).collect();
        let mut seen = BTreeSet::new();
        while let Some(id) = pending.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            let raw = all.get(&id).ok_or_else(|| format!("definition {id} is referenced but missing"))?;
            let def = parse_definition(&id, raw)?;
            collect_refs(&def, &mut pending);
            definitions.insert(id, def);
        }
        Ok(Schema { definitions })
    }
}

fn collect_refs(def: &Definition, out: &mut Vec<String>) {
    fn walk(ty: &Ty, out: &mut Vec<String>) {
        match ty {
            Ty::Ref(id) => out.push(id.clone()),
            Ty::Array(inner) | Ty::Map(inner) => walk(inner, out),
            _ => {}
        }
    }
    match &def.shape {
        Shape::Object(props) => props.iter().for_each(|p| walk(&p.ty, out)),
        Shape::Other(ty) => walk(ty, out),
    }
}

fn parse_definition(id: &str, raw: &Value) -> Result<Definition, String> {
    let description = raw.get("description").and_then(Value::as_str).map(str::to_owned);
    let shape = match raw.get("properties").and_then(Value::as_object) {
        Some(props) => {
            let required: BTreeSet<&str> = raw
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let mut out = Vec::new();
            for (name, prop) in props {
                out.push(Property {
                    name: name.clone(),
                    description: prop.get("description").and_then(Value::as_str).map(str::to_owned),
                    ty: parse_type(prop).map_err(|e| format!("{id}.{name}: {e}"))?,
                    constant: prop.get("const").and_then(Value::as_str).map(str::to_owned),
                    required: required.contains(name.as_str()),
                });
            }
            Shape::Object(out)
        }
        None if raw.get("type").and_then(Value::as_str) == Some("object")
            && raw.get("additionalProperties").is_none() =>
        {
            Shape::Object(Vec::new())
        }
        None => Shape::Other(parse_type(raw).map_err(|e| format!("{id}: {e}"))?),
    };
    Ok(Definition { id: id.to_owned(), description, shape })
}

fn parse_type(raw: &Value) -> Result<Ty, String> {
    if let Some(target) = raw.get("$ref").and_then(Value::as_str) {
        let id = target.strip_prefix("#/definitions/").ok_or_else(|| format!("unsupported $ref {target}"))?;
        return Ok(Ty::Ref(id.to_owned()));
    }
    match raw.get("type").and_then(Value::as_str) {
        None => Ok(Ty::Any),
        Some("string") => Ok(Ty::String),
        Some("boolean") => Ok(Ty::Bool),
        Some("integer") => Ok(Ty::Integer),
        Some("number") => Ok(Ty::Number),
        Some("array") => {
            let items = raw.get("items").ok_or("array without items")?;
            Ok(Ty::Array(Box::new(parse_type(items)?)))
        }
        Some("object") => match raw.get("additionalProperties") {
            Some(values) => Ok(Ty::Map(Box::new(parse_type(values)?))),
            None => Err("object without properties or additionalProperties".into()),
        },
        Some(other) => Err(format!("unsupported type {other}")),
    }
}
