//! The function as the macro understands it, with every unsupported form
//! reported at its token.

use super::attr::Options;
use crate::errors::Errors;
use crate::naming::{check_io_name, check_template_name, template_name};
use syn::{FnArg, GenericArgument, Ident, ItemFn, Pat, PathArguments, ReturnType, Type};

/// How a parameter is passed.
pub enum Kind {
    /// An input parameter (a value).
    Parameter,
    /// An input artifact (`hera::InputArtifact`).
    Artifact,
}

/// One parameter of the function.
pub struct Param {
    pub ident: Ident,
    pub name: String,
    pub ty: Type,
    pub kind: Kind,
    pub optional: bool,
    pub default: Option<syn::Expr>,
}

/// The function and everything derived from it.
pub struct ScriptFn {
    /// The function as it will be emitted (parameter attributes removed).
    pub item: ItemFn,
    pub template: String,
    pub params: Vec<Param>,
    /// The return type as written (`()` when there is none).
    pub returns: Type,
    /// The type of a successful result (`T` of `Result<T, E>`).
    pub ok: Type,
    pub options: Options,
}

/// The last path segment of a type, if it is a path.
fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(path) if path.qself.is_none() => path.path.segments.last(),
        _ => None,
    }
}

/// The generic type arguments of a path type's last segment.
fn type_arguments(ty: &Type) -> Vec<&Type> {
    match last_segment(ty).map(|s| &s.arguments) {
        Some(PathArguments::AngleBracketed(args)) => args
            .args
            .iter()
            .filter_map(|a| match a {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn is_named(ty: &Type, name: &str) -> bool {
    last_segment(ty).is_some_and(|s| s.ident == name)
}

impl ScriptFn {
    /// Builds the model, recording every problem in `errors`.
    pub fn new(mut item: ItemFn, options: Options, errors: &mut Errors) -> ScriptFn {
        let sig = &item.sig;
        if let Some(asyncness) = &sig.asyncness {
            errors.at(
                asyncness,
                "#[script] does not support `async fn`: make the function synchronous and run async code inside \
                 it with a runtime (e.g. tokio's `Runtime::new()?.block_on(...)`)",
            );
        }
        if !sig.generics.params.is_empty() {
            errors
                .at(&sig.generics, "#[script] functions cannot be generic: Argo runs one concrete function");
        }
        if let Some(where_clause) = &sig.generics.where_clause {
            errors.at(where_clause, "#[script] functions cannot have a where clause");
        }
        if let Some(variadic) = &sig.variadic {
            errors.at(variadic, "#[script] functions cannot be variadic");
        }
        if sig.abi.is_some() {
            errors.at(&sig.abi, "#[script] functions must use the Rust ABI");
        }
        if let syn::Safety::Unsafe(token) = &sig.safety {
            errors.at(
                token,
                "#[script] functions cannot be `unsafe`: the runner calls them with input from Argo",
            );
        }
        // The name Argo sees, checked with lint's rules at the token it comes from.
        let template = match &options.name {
            Some(name) => {
                let template = name.value();
                if let Err(problem) = check_template_name(&template) {
                    errors.at(name, problem);
                }
                template
            }
            None => {
                let template = template_name(&sig.ident.to_string());
                if let Err(problem) = check_template_name(&template) {
                    errors.at(
                        &sig.ident,
                        format!("{problem}; rename the function or set `#[script(name = \"...\")]`"),
                    );
                }
                template
            }
        };
        let mut params = Vec::new();
        for arg in item.sig.inputs.iter_mut() {
            match arg {
                FnArg::Receiver(receiver) => {
                    errors.at(&*receiver, "#[script] works on free functions, not methods: remove `self`");
                }
                FnArg::Typed(typed) => {
                    let default = take_default(&mut typed.attrs, errors);
                    if let Some(param) = param(typed, default, errors) {
                        params.push(param);
                    }
                }
            }
        }
        let returns = match &item.sig.output {
            ReturnType::Default => syn::parse_quote!(()),
            ReturnType::Type(_, ty) => (**ty).clone(),
        };
        if let Type::ImplTrait(_) = returns {
            errors.at(&returns, "#[script] functions must return a concrete type, not `impl Trait`");
        }
        let ok = match type_arguments(&returns).first() {
            Some(inner) if is_named(&returns, "Result") => (*inner).clone(),
            _ => returns.clone(),
        };
        ScriptFn { item, template, params, returns, ok, options }
    }
}

/// Removes `#[default(expr)]` from a parameter and returns the expression.
fn take_default(attrs: &mut Vec<syn::Attribute>, errors: &mut Errors) -> Option<syn::Expr> {
    let mut default = None;
    attrs.retain(|attr| {
        if !attr.path().is_ident("default") {
            return true;
        }
        match attr.parse_args::<syn::Expr>() {
            Ok(expr) => default = Some(expr),
            Err(_) => errors.at(attr, "expected `#[default(value)]`, e.g. `#[default(2)] b: i64`"),
        }
        false
    });
    for attr in attrs.iter() {
        errors.at(attr, "the only attribute #[script] parameters take is `#[default(value)]`");
    }
    default
}

fn param(typed: &syn::PatType, default: Option<syn::Expr>, errors: &mut Errors) -> Option<Param> {
    let ident = match &*typed.pat {
        Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => pat.ident.clone(),
        other => {
            errors.at(other, "#[script] parameters must be plain names: Argo passes inputs by name");
            return None;
        }
    };
    let ty = (*typed.ty).clone();
    match &ty {
        Type::Reference(reference) => {
            let owned = match &*reference.elem {
                Type::Path(p) if p.path.is_ident("str") => "String".to_owned(),
                Type::Slice(slice) => format!("Vec<{}>", quote::ToTokens::to_token_stream(&slice.elem)),
                other => quote::ToTokens::to_token_stream(other).to_string(),
            };
            errors.at(
                &ty,
                format!(
                    "#[script] parameters are decoded from Argo's text, so they are owned: use `{owned}`"
                ),
            );
            return None;
        }
        Type::ImplTrait(_) => {
            errors.at(
                &ty,
                "#[script] parameters need a concrete type: `impl Trait` cannot be decoded from Argo",
            );
            return None;
        }
        _ => {}
    }
    let name = ident.to_string().trim_start_matches("r#").to_owned();
    let kind = if is_named(&ty, "InputArtifact") { Kind::Artifact } else { Kind::Parameter };
    let noun = if let Kind::Artifact = kind { "artifact" } else { "parameter" };
    if let Err(problem) = check_io_name(noun, &name) {
        errors.at(&ident, problem);
    }
    let optional = is_named(&ty, "Option") && type_arguments(&ty).len() == 1;
    if let (Kind::Artifact, Some(default)) = (&kind, &default) {
        errors.at(default, "an input artifact cannot have a default; choose its source at the call site");
    }
    Some(Param { ident, name, ty, kind, optional, default })
}
