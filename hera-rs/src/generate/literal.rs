//! Model values written as Rust: `model::RetryStrategy { limit: Some(..),
//! ..Default::default() }`, for the fields the builders have no method for.

use super::shape::{Shape, model};
use super::{GenerateError, Where};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use serde_json::Value;

/// A Rust identifier (raw where the name is a keyword).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A string literal.
pub(crate) fn string(text: &str) -> TokenStream {
    let literal = Literal::string(text);
    quote!(#literal)
}

/// `value` (JSON, as the model serialises) as an expression of type `shape`.
pub(crate) fn literal(value: &Value, shape: &Shape, at: &Where) -> Result<TokenStream, GenerateError> {
    let model = model();
    let mismatch = || at.error(format!("cannot write {value} as {shape:?}"));
    Ok(match (model.resolve(shape), value) {
        (Shape::Option(inner), value) => {
            let inner = literal(value, inner, at)?;
            quote!(Some(#inner))
        }
        (Shape::Boxed(inner), value) => {
            let inner = literal(value, inner, at)?;
            quote!(Box::new(#inner))
        }
        (Shape::Str, Value::String(text)) => {
            let text = string(text);
            quote!(#text.into())
        }
        (Shape::Bool, Value::Bool(b)) => quote!(#b),
        (Shape::Int, Value::Number(n)) => {
            let n = Literal::i64_unsuffixed(n.as_i64().ok_or_else(mismatch)?);
            quote!(#n)
        }
        (Shape::Number, Value::Number(n)) => number(n),
        (Shape::IntOrString, Value::Number(n)) => {
            let n = Literal::i64_unsuffixed(n.as_i64().ok_or_else(mismatch)?);
            quote!(model::IntOrString::Int(#n))
        }
        (Shape::IntOrString, Value::String(text)) => {
            let text = string(text);
            quote!(model::IntOrString::String(#text.into()))
        }
        (Shape::Quantity, Value::Number(n)) => {
            let n = number(n);
            quote!(model::Quantity::Number(#n))
        }
        (Shape::Quantity, Value::String(text)) => {
            let text = string(text);
            quote!(model::Quantity::String(#text.into()))
        }
        (Shape::Value, value) => {
            let json = json(value);
            quote!(hera::json!(#json))
        }
        (Shape::Vec(inner), Value::Array(items)) => {
            let items = items
                .iter()
                .enumerate()
                .map(|(i, item)| literal(item, inner, &at.index(i)))
                .collect::<Result<Vec<_>, _>>()?;
            quote!(vec![#(#items),*])
        }
        (Shape::Map(inner), Value::Object(entries)) => {
            if entries.is_empty() {
                quote!(Default::default())
            } else {
                let entries = entries
                    .iter()
                    .map(|(k, v)| {
                        let value = literal(v, inner, &at.key(k))?;
                        let key = string(k);
                        Ok(quote!((#key.into(), #value)))
                    })
                    .collect::<Result<Vec<_>, GenerateError>>()?;
                quote!(model::IndexMap::from([#(#entries),*]))
            }
        }
        (Shape::Struct(name), Value::Object(entries)) => structure(name, entries, at)?,
        _ => return Err(mismatch()),
    })
}

/// A struct literal with the fields `entries` gives.
pub(crate) fn structure(
    name: &str,
    entries: &serde_json::Map<String, Value>,
    at: &Where,
) -> Result<TokenStream, GenerateError> {
    let fields = model().fields(name).ok_or_else(|| at.error(format!("unknown model type {name}")))?;
    let mut set = Vec::new();
    for (key, value) in entries {
        let field = fields
            .iter()
            .find(|f| f.json == *key)
            .ok_or_else(|| at.error(format!("{name} has no field {key}")))?;
        let rust = ident(&field.rust);
        let value = literal(value, &field.shape, &at.key(key))?;
        set.push(quote!(#rust: #value));
    }
    let ty = ident(name);
    Ok(if set.len() == fields.len() {
        quote!(model::#ty { #(#set),* })
    } else {
        quote!(model::#ty { #(#set,)* ..Default::default() })
    })
}

/// Assignments `target.field = value;` for each of `entries`, fields of the
/// struct `name` (the body of a `with_model` closure); a null clears the field.
pub(crate) fn assignments(
    target: &TokenStream,
    name: &str,
    entries: &serde_json::Map<String, Value>,
    at: &Where,
) -> Result<Vec<TokenStream>, GenerateError> {
    let fields = model().fields(name).ok_or_else(|| at.error(format!("unknown model type {name}")))?;
    entries
        .iter()
        .map(|(key, value)| {
            let field = fields
                .iter()
                .find(|f| f.json == *key)
                .ok_or_else(|| at.error(format!("{name} has no field {key}")))?;
            let rust = ident(&field.rust);
            // Null clears what a builder set (a name, a body of another kind).
            if value.is_null() {
                return Ok(quote!(#target.#rust = None;));
            }
            let value = literal(value, &field.shape, &at.key(key))?;
            Ok(quote!(#target.#rust = #value;))
        })
        .collect()
}

fn number(n: &serde_json::Number) -> TokenStream {
    if let Some(i) = n.as_i64() {
        let i = Literal::i64_unsuffixed(i);
        quote!(model::Number::from(#i))
    } else if let Some(u) = n.as_u64() {
        let u = Literal::u64_unsuffixed(u);
        quote!(model::Number::from(#u))
    } else {
        let f = Literal::f64_unsuffixed(n.as_f64().unwrap_or_default());
        quote!(model::Number::from_f64(#f).unwrap_or_else(|| model::Number::from(0)))
    }
}

/// JSON as the tokens of a `json!` invocation.
pub(crate) fn json(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote!(null),
        Value::Bool(b) => quote!(#b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                let i = Literal::i64_unsuffixed(i);
                quote!(#i)
            } else if let Some(u) = n.as_u64() {
                let u = Literal::u64_unsuffixed(u);
                quote!(#u)
            } else {
                let f = Literal::f64_unsuffixed(n.as_f64().unwrap_or_default());
                quote!(#f)
            }
        }
        Value::String(s) => string(s),
        Value::Array(items) => {
            let items = items.iter().map(json);
            quote!([#(#items),*])
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let k = string(k);
                let v = json(v);
                quote!(#k: #v)
            });
            quote!({ #(#entries),* })
        }
    }
}
