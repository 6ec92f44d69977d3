//! Rust names and types for the schema's definitions.
//!
//! Every deliberate decision of the generator is a table in this file:
//! [`MODULES`] (which package goes to which file), [`HAND_WRITTEN`] (sum types
//! with hand-written serde), [`FREE_FORM`] (definitions that hold arbitrary
//! values), [`RENAMES`] (name collisions), [`FIELD_RENAMES`] and
//! [`OPTIONAL_OVERRIDES`]
//! (required in the schema, tolerated missing by Argo).

use super::schema::{Definition, Property, Schema, Shape, Ty};
use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::{BTreeMap, BTreeSet};

/// Schema package → generated file and its module doc.
pub const MODULES: [(&str, &str, &str); 4] = [
    ("io.argoproj.workflow.v1alpha1", "workflow", "Argo Workflows types (`io.argoproj.workflow.v1alpha1`)."),
    ("io.k8s.api.core.v1", "k8s_core", "Kubernetes core types embedded by Argo (`io.k8s.api.core.v1`)."),
    (
        "io.k8s.apimachinery.pkg.apis.meta.v1",
        "k8s_meta",
        "Kubernetes object metadata types (`io.k8s.apimachinery.pkg.apis.meta.v1`).",
    ),
    ("io.k8s.api.policy.v1", "k8s_policy", "Kubernetes policy types (`io.k8s.api.policy.v1`)."),
];

/// Definitions implemented by hand in `hera::model` because a value may be
/// either a number or a string and must keep whichever it was.
pub const HAND_WRITTEN: [(&str, &str); 2] = [
    ("io.k8s.apimachinery.pkg.util.intstr.IntOrString", "IntOrString"),
    ("io.k8s.apimachinery.pkg.api.resource.Quantity", "Quantity"),
];

/// Definitions whose content is free-form, generated as type aliases of
/// `hera::model::Value` (any YAML/JSON value, key order kept) or of a map of it.
pub const FREE_FORM: [(&str, RustTy); 4] = [
    // withItems entries: a string, number, bool, list or map.
    ("io.argoproj.workflow.v1alpha1.Item", RustTy::Value),
    // "an Object with exactly one key": the plugin name and its configuration.
    ("io.argoproj.workflow.v1alpha1.Plugin", RustTy::ValueMap),
    // a JSON number, integer or not, kept as written.
    ("io.argoproj.workflow.v1alpha1.Amount", RustTy::Number),
    // server-side apply field sets: opaque JSON.
    ("io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1", RustTy::Value),
];

/// Short names that two definitions share. Argo's own type keeps the name; the
/// Kubernetes one is renamed after where it is used.
pub const RENAMES: [(&str, &str); 1] = [
    // Argo's HTTPHeader (HTTP template headers, may come from a secret) keeps
    // `HttpHeader`; Kubernetes' is the plain name/value header of a probe's
    // or lifecycle handler's `httpGet`.
    ("io.k8s.api.core.v1.HTTPHeader", "HttpGetHeader"),
];

/// Fields the schema marks required that Argo accepts missing, so the model
/// makes them optional (as Python's Hera does): a script's or container's
/// `image` and a script's `source` may come from `templateDefaults`.
pub const OPTIONAL_OVERRIDES: [(&str, &str); 3] = [
    ("io.argoproj.workflow.v1alpha1.ScriptTemplate", "image"),
    ("io.argoproj.workflow.v1alpha1.ScriptTemplate", "source"),
    ("io.k8s.api.core.v1.Container", "image"),
];

/// Field names whose snake-case conversion splits an acronym in the wrong
/// place (`targetWWNs` would become `target_ww_ns`).
pub const FIELD_RENAMES: [(&str, &str); 2] =
    [("targetWWNs", "target_wwns"), ("krbCCacheSecret", "krb_ccache_secret")];

/// A group of definitions that share many fields of the same type. The
/// generator gives each group a borrowed view (`<view>` and `<view>Mut`) of
/// the fields all its types share, with `fields()`/`fields_mut()` on each
/// type, so code over those fields is written once for the whole group.
#[derive(Debug, Clone, Copy)]
pub struct SharedGroup {
    /// The view's name: `ContainerFields` gives `ContainerFields<'a>` and `ContainerFieldsMut<'a>`.
    pub view: &'static str,
    /// The generated file (without `.rs`).
    pub file: &'static str,
    /// What the types are, for docs ("a container, a script, ...").
    pub what: &'static str,
    /// Why the view exists, for docs.
    pub why: &'static str,
    /// Schema ids of the types.
    pub types: &'static [&'static str],
    /// Fewer shared fields than this means the table is wrong.
    pub min_fields: usize,
}

/// The shared-field groups.
/// - Containers: definitions that are a Kubernetes container plus a field or
///   two (a script adds `source`, a sidecar `mirrorVolumeMounts`, a
///   container-set node `dependencies`): builders set `image`, `env`, ... once.
/// - Nodes: a DAG task and a step call a template the same way (template,
///   arguments, loops, `when`, hooks): builders, lint and graph handle both once.
pub const SHARED_GROUPS: [SharedGroup; 2] = [
    SharedGroup {
        view: "ContainerFields",
        file: "container_fields",
        what: "a container, a script, a sidecar and a container-set node",
        why: "so that code reading or setting an image, environment or resources is written once for all of them",
        types: &[
            "io.k8s.api.core.v1.Container",
            "io.argoproj.workflow.v1alpha1.ScriptTemplate",
            "io.argoproj.workflow.v1alpha1.UserContainer",
            "io.argoproj.workflow.v1alpha1.ContainerNode",
        ],
        min_fields: 10,
    },
    SharedGroup {
        view: "NodeFields",
        file: "node_fields",
        what: "a DAG task and a step",
        why: "so that code reading or setting the call, its arguments, loops, condition and hooks is written once for both",
        types: &["io.argoproj.workflow.v1alpha1.DAGTask", "io.argoproj.workflow.v1alpha1.WorkflowStep"],
        min_fields: 11,
    },
];

/// Names the generated code uses for its own types; no definition may take them.
const RESERVED: [&str; 13] = [
    "Option",
    "Vec",
    "String",
    "Box",
    "Result",
    "IndexMap",
    "Value",
    "Number",
    "ValueMap",
    "ContainerFields",
    "ContainerFieldsMut",
    "NodeFields",
    "NodeFieldsMut",
];

/// A Rust type in the generated code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustTy {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i64`.
    I64,
    /// `f64`.
    F64,
    /// A generated or hand-written type of `hera::model`.
    Named(String),
    /// `Vec<T>`.
    Vec(Box<RustTy>),
    /// `IndexMap<String, T>`.
    Map(Box<RustTy>),
    /// `Value` (any value).
    Value,
    /// `IndexMap<String, Value>`.
    ValueMap,
    /// `Number` (a JSON number as written).
    Number,
}

/// A struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// JSON name.
    pub json: String,
    /// Rust identifier (`r#type` for keywords).
    pub rust: String,
    /// Type, without the `Option`/`Box` wrappers.
    pub ty: RustTy,
    /// Wrapped in `Option` (absent ≠ empty).
    pub optional: bool,
    /// Wrapped in `Box` (breaks a recursive type).
    pub boxed: bool,
    /// `const` value (apiVersion/kind of top-level kinds).
    pub constant: Option<String>,
    /// Schema description.
    pub doc: Option<String>,
}

/// What an item is.
#[derive(Debug, Clone)]
pub enum ItemBody {
    /// A struct with these fields, in emission order.
    Struct(Vec<Field>),
    /// `pub type Name = T;`
    Alias(RustTy),
}

/// One generated item.
#[derive(Debug, Clone)]
pub struct Item {
    /// Rust name.
    pub name: String,
    /// Schema id it comes from.
    pub schema_id: String,
    /// Schema description.
    pub doc: Option<String>,
    /// Struct or alias.
    pub body: ItemBody,
}

/// One generated file.
#[derive(Debug, Clone)]
pub struct Module {
    /// Module (and file) name.
    pub name: &'static str,
    /// Module doc.
    pub doc: &'static str,
    /// Items sorted by name.
    pub items: Vec<Item>,
}

/// The whole model, ready to emit.
#[derive(Debug, Clone)]
pub struct Model {
    /// Modules in [`MODULES`] order.
    pub modules: Vec<Module>,
    /// Each of [`SHARED_GROUPS`] with its types' Rust names and the fields
    /// all of them share with the same type.
    pub shared: Vec<(SharedGroup, Vec<String>, Vec<Field>)>,
}

/// Names every reachable definition and resolves its types.
pub fn name_all(schema: &Schema) -> Result<Model, String> {
    let names = type_names(schema)?;
    let mut modules: Vec<Module> =
        MODULES.iter().map(|&(_, name, doc)| Module { name, doc, items: Vec::new() }).collect();
    for def in schema.definitions.values() {
        if HAND_WRITTEN.iter().any(|(id, _)| *id == def.id) {
            continue;
        }
        let index = MODULES
            .iter()
            .position(|(package, _, _)| *package == def.package())
            .ok_or_else(|| format!("{}: no module for package {}", def.id, def.package()))?;
        modules[index].items.push(item(def, &names)?);
    }
    box_recursive_fields(&mut modules);
    for module in &mut modules {
        module.items.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let shared = SHARED_GROUPS
        .iter()
        .map(|group| shared_fields(group, &modules, &names).map(|(types, fields)| (*group, types, fields)))
        .collect::<Result<_, _>>()?;
    Ok(Model { modules, shared })
}

/// The fields every type of `group` has with the same type.
fn shared_fields(
    group: &SharedGroup,
    modules: &[Module],
    names: &BTreeMap<String, String>,
) -> Result<(Vec<String>, Vec<Field>), String> {
    let types: Vec<String> = group.types.iter().map(|id| names[*id].clone()).collect();
    let fields_of = |name: &str| -> Result<&Vec<Field>, String> {
        modules
            .iter()
            .flat_map(|m| &m.items)
            .find_map(|item| match &item.body {
                ItemBody::Struct(fields) if item.name == name => Some(fields),
                _ => None,
            })
            .ok_or_else(|| format!("{} type {name} is not a generated struct", group.view))
    };
    let same = |a: &Field, b: &Field| a.ty == b.ty && a.optional == b.optional && a.boxed == b.boxed;
    let mut shared = Vec::new();
    for field in fields_of(&types[0])? {
        let mut everywhere = true;
        for other in &types[1..] {
            everywhere &= fields_of(other)?.iter().any(|f| f.json == field.json && same(f, field));
        }
        if everywhere {
            shared.push(field.clone());
        }
    }
    if shared.len() < group.min_fields {
        return Err(format!("{} types share only {} fields; check SHARED_GROUPS", group.view, shared.len()));
    }
    Ok((types, shared))
}

/// Rust name of every definition, with collisions refused.
fn type_names(schema: &Schema) -> Result<BTreeMap<String, String>, String> {
    let mut names = BTreeMap::new();
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    for def in schema.definitions.values() {
        let name = HAND_WRITTEN
            .iter()
            .chain(RENAMES.iter())
            .find(|(id, _)| *id == def.id)
            .map(|(_, name)| (*name).to_owned())
            .unwrap_or_else(|| def.short_name().to_upper_camel_case());
        if RESERVED.contains(&name.as_str()) {
            return Err(format!(
                "{} would be named {name}, which the generated code reserves; add it to RENAMES",
                def.id
            ));
        }
        if let Some(other) = taken.insert(name.clone(), def.id.clone()) {
            return Err(format!("{other} and {} are both named {name}; add one of them to RENAMES", def.id));
        }
        names.insert(def.id.clone(), name);
    }
    Ok(names)
}

fn item(def: &Definition, names: &BTreeMap<String, String>) -> Result<Item, String> {
    let name = names[&def.id].clone();
    let body = if let Some((_, ty)) = FREE_FORM.iter().find(|(id, _)| *id == def.id) {
        ItemBody::Alias(ty.clone())
    } else {
        match &def.shape {
            Shape::Object(props) => ItemBody::Struct(fields(def, props, names)?),
            Shape::Other(Ty::Any) => {
                return Err(format!("{}: untyped definition; add it to FREE_FORM", def.id));
            }
            Shape::Other(ty) => ItemBody::Alias(rust_ty(ty, names)?),
        }
    };
    Ok(Item { name, schema_id: def.id.clone(), doc: def.description.clone(), body })
}

fn fields(
    def: &Definition,
    props: &[Property],
    names: &BTreeMap<String, String>,
) -> Result<Vec<Field>, String> {
    let mut out = Vec::new();
    let mut idents = BTreeSet::new();
    for prop in props {
        let rust = field_ident(&prop.name);
        if !idents.insert(rust.clone()) {
            return Err(format!("{}: two properties map to the field name {rust}", def.id));
        }
        let overridden = OPTIONAL_OVERRIDES.iter().any(|&(id, f)| id == def.id && f == prop.name);
        out.push(Field {
            json: prop.name.clone(),
            rust,
            ty: rust_ty(&prop.ty, names).map_err(|e| format!("{}.{}: {e}", def.id, prop.name))?,
            // A `const` (apiVersion/kind) is always written, so never optional.
            optional: (overridden || !prop.required) && prop.constant.is_none(),
            boxed: false,
            constant: prop.constant.clone(),
            doc: prop.description.clone(),
        });
    }
    super::order::sort_fields(&mut out);
    Ok(out)
}

fn rust_ty(ty: &Ty, names: &BTreeMap<String, String>) -> Result<RustTy, String> {
    Ok(match ty {
        Ty::String => RustTy::String,
        Ty::Bool => RustTy::Bool,
        Ty::Integer => RustTy::I64,
        Ty::Number => RustTy::F64,
        Ty::Any => RustTy::Value,
        Ty::Ref(id) => RustTy::Named(names.get(id).ok_or_else(|| format!("unknown $ref {id}"))?.clone()),
        Ty::Array(inner) => RustTy::Vec(Box::new(rust_ty(inner, names)?)),
        Ty::Map(inner) => RustTy::Map(Box::new(rust_ty(inner, names)?)),
    })
}

/// `activeDeadlineSeconds` → `active_deadline_seconds`, `type` → `r#type`.
pub fn field_ident(json: &str) -> String {
    let snake = match FIELD_RENAMES.iter().find(|(j, _)| *j == json) {
        Some((_, rust)) => (*rust).to_owned(),
        None => json.to_snake_case(),
    };
    if syn::parse_str::<syn::Ident>(&snake).is_ok() { snake } else { format!("r#{snake}") }
}

/// Boxes every field that holds a struct directly (not through a `Vec` or a
/// map) when that struct can reach back to the field's owner: such a cycle
/// would otherwise give a type of infinite size, and boxing keeps the large
/// recursive types (`Template` inside a task) off the stack.
fn box_recursive_fields(modules: &mut [Module]) {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in modules.iter().flat_map(|m| &m.items) {
        let targets = edges.entry(item.name.clone()).or_default();
        let mut add = |ty: &RustTy| named_in(ty, targets);
        match &item.body {
            ItemBody::Struct(fields) => fields.iter().for_each(|f| add(&f.ty)),
            ItemBody::Alias(ty) => add(ty),
        }
    }
    let reaches = |from: &str, to: &str| {
        let mut stack = vec![from.to_owned()];
        let mut seen = BTreeSet::new();
        while let Some(node) = stack.pop() {
            if node == to {
                return true;
            }
            if seen.insert(node.clone()) {
                stack.extend(edges.get(&node).into_iter().flatten().cloned());
            }
        }
        false
    };
    for item in modules.iter_mut().flat_map(|m| &mut m.items) {
        if let ItemBody::Struct(fields) = &mut item.body {
            for field in fields {
                if let RustTy::Named(target) = &field.ty {
                    field.boxed = reaches(target, &item.name);
                }
            }
        }
    }
}

fn named_in(ty: &RustTy, out: &mut BTreeSet<String>) {
    match ty {
        RustTy::Named(name) => {
            out.insert(name.clone());
        }
        RustTy::Vec(inner) | RustTy::Map(inner) => named_in(inner, out),
        _ => {}
    }
}
