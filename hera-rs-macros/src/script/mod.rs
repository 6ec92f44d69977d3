//! `#[script]`: parse (the attribute and the function) → model (what the
//! function means for Argo, with every unsupported form reported at its
//! token) → codegen (the function unchanged, plus its template module).

mod attr;
mod codegen;
mod model;

use crate::errors::Errors;
use proc_macro2::TokenStream;
use quote::quote;

/// Expands `#[script(attr)] item`.
pub fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let options = attr::Options::parse(attr, &mut errors);
    let function: syn::ItemFn = match syn::parse2(item.clone()) {
        Ok(function) => function,
        Err(_) => {
            let error = syn::Error::new(
                proc_macro2::Span::call_site(),
                "#[script] goes on a function: `#[script] fn add(a: i64, b: i64) -> i64 { a + b }`",
            );
            let error = error.to_compile_error();
            return quote! { #item #error };
        }
    };
    let script = model::ScriptFn::new(function, options, &mut errors);
    if !errors.is_empty() {
        // Keep the function, so the rest of the crate and the IDE still see
        // it, and a stand-in for its module (a method cannot have one).
        let function = &script.item;
        let errors = errors.into_compile_errors();
        let is_method = function.sig.receiver().is_some();
        let stub = if is_method { TokenStream::new() } else { codegen::stub(&script) };
        return quote! { #function #errors #stub };
    }
    codegen::generate(&script)
}

#[cfg(test)]
mod tests {
    use super::expand;
    use quote::quote;

    fn pretty(tokens: proc_macro2::TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(tokens).expect("the expansion is a Rust file"))
    }

    #[test]
    fn a_plain_function() {
        let out = expand(
            quote!(),
            quote! {
                /// Adds two numbers.
                fn add(a: i64, b: i64) -> i64 { a + b }
            },
        );
        insta::assert_snapshot!(pretty(out));
    }

    #[test]
    fn an_error_keeps_the_function_and_emits_a_stand_in_module() {
        let out = expand(
            quote!(imgae = "x", name = "sum"),
            quote!(
                fn add(a: i64, b: i64) -> i64 {
                    a + b
                }
            ),
        );
        insta::assert_snapshot!(pretty(out));
    }

    #[test]
    fn options_defaults_artifacts_and_outputs() {
        let out = expand(
            quote!(
                name = "sum-up",
                image = "rust:1.95",
                resources(cpu = "500m", memory = "1Gi"),
                retry(limit = 3),
                timeout = "5m",
                env(RUST_LOG = "info"),
                labels("app.kubernetes.io/name" = "sum")
            ),
            quote! {
                pub fn sum_up(values: Vec<i64>, #[default(1)] scale: i64, label: Option<String>, data: hera::InputArtifact)
                    -> Result<Sum, String> {
                    let _ = (label, data);
                    Ok(Sum { sum: values.iter().sum::<i64>() * scale })
                }
            },
        );
        insta::assert_snapshot!(pretty(out));
    }
}
