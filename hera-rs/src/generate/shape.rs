//! The shape of every model type, read from the model's own generated
//! source: which Rust field holds which Argo field, and of what type. One
//! source of truth (the generated model), so the literals the generator
//! writes always name real fields.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The type of a field, as far as writing a literal of it needs.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Shape {
    Str,
    Bool,
    Int,
    /// `serde_json::Number` (Argo's `Amount`).
    Number,
    /// Free-form JSON (`Item`, `Plugin` values, `FieldsV1`).
    Value,
    IntOrString,
    Quantity,
    Option(Box<Shape>),
    Vec(Box<Shape>),
    /// `IndexMap<String, _>`.
    Map(Box<Shape>),
    Boxed(Box<Shape>),
    /// A model struct, by its Rust name.
    Struct(String),
}

/// One field of a model struct.
#[derive(Clone, Debug)]
pub(crate) struct Field {
    /// The Rust name (`retry_strategy`).
    pub rust: String,
    /// Argo's name (`retryStrategy`).
    pub json: String,
    pub shape: Shape,
}

/// Every model struct with its fields, and the names of the fields that
/// `ContainerFieldsMut` reaches.
#[derive(Debug, Default)]
pub(crate) struct Model {
    structs: HashMap<String, Vec<Field>>,
    aliases: HashMap<String, Shape>,
    pub container_fields: Vec<String>,
}

const SOURCES: [&str; 5] = [
    include_str!("../model/generated/workflow.rs"),
    include_str!("../model/generated/k8s_core.rs"),
    include_str!("../model/generated/k8s_meta.rs"),
    include_str!("../model/generated/k8s_policy.rs"),
    include_str!("../model/generated/container_fields.rs"),
];

/// The model, read once.
pub(crate) fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let mut model = Model::default();
        for source in SOURCES {
            // The generated model always parses; a failure would be a broken build.
            let Ok(file) = syn::parse_file(source) else { continue };
            for item in file.items {
                match item {
                    syn::Item::Struct(item) if item.ident == "ContainerFieldsMut" => {
                        model.container_fields = item
                            .fields
                            .iter()
                            .filter_map(|f| f.ident.as_ref().map(ToString::to_string))
                            .collect();
                    }
                    syn::Item::Struct(item) if item.generics.params.is_empty() => {
                        let fields = item.fields.iter().filter_map(field).collect();
                        model.structs.insert(item.ident.to_string(), fields);
                    }
                    syn::Item::Type(item) => {
                        model.aliases.insert(item.ident.to_string(), shape(&item.ty));
                    }
                    _ => {}
                }
            }
        }
        model
    })
}

impl Model {
    /// The fields of the struct `name`.
    pub fn fields(&self, name: &str) -> Option<&[Field]> {
        self.structs.get(name).map(Vec::as_slice)
    }

    /// `shape` with aliases replaced by what they stand for.
    pub fn resolve<'a>(&'a self, shape: &'a Shape) -> &'a Shape {
        match shape {
            Shape::Struct(name) => match self.aliases.get(name) {
                Some(alias) => self.resolve(alias),
                None => shape,
            },
            _ => shape,
        }
    }
}

fn field(field: &syn::Field) -> Option<Field> {
    let rust = field.ident.as_ref()?.to_string();
    let mut json = rust.trim_start_matches("r#").to_owned();
    for attr in &field.attrs {
        if !attr.path().is_ident("serde") {
            continue;
        }
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let name: syn::LitStr = meta.value()?.parse()?;
                json = name.value();
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    Some(Field { rust, json, shape: shape(&field.ty) })
}

fn shape(ty: &syn::Type) -> Shape {
    let syn::Type::Path(path) = ty else { return Shape::Value };
    let Some(last) = path.path.segments.last() else { return Shape::Value };
    let arguments: Vec<Shape> = match &last.arguments {
        syn::PathArguments::AngleBracketed(args) => args
            .args
            .iter()
            .filter_map(|a| match a {
                syn::GenericArgument::Type(t) => Some(shape(t)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let inner = || Box::new(arguments.last().cloned().unwrap_or(Shape::Value));
    match last.ident.to_string().as_str() {
        "String" => Shape::Str,
        "bool" => Shape::Bool,
        "i64" | "i32" => Shape::Int,
        "Number" => Shape::Number,
        "Value" => Shape::Value,
        "IntOrString" => Shape::IntOrString,
        "Quantity" => Shape::Quantity,
        "Option" => Shape::Option(inner()),
        "Vec" => Shape::Vec(inner()),
        "IndexMap" => Shape::Map(inner()),
        "Box" => Shape::Boxed(inner()),
        name => Shape::Struct(name.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_model() {
        let model = model();
        let template = model.fields("Template").expect("Template");
        let retry = template.iter().find(|f| f.json == "retryStrategy").expect("retryStrategy");
        assert_eq!(retry.rust, "retry_strategy");
        assert_eq!(retry.shape, Shape::Option(Box::new(Shape::Struct("RetryStrategy".into()))));
        assert!(model.container_fields.iter().any(|f| f == "volume_mounts"));
        assert_eq!(model.resolve(&Shape::Struct("Item".into())), &Shape::Value);
    }
}
