//! `#[derive(Outputs)]`: a struct's fields as a script's named outputs.

use crate::errors::Errors;
use crate::naming::check_io_name;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Expands the derive.
pub fn expand(input: TokenStream) -> TokenStream {
    let input: syn::DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::default();
    if !input.generics.params.is_empty() {
        errors.at(
            &input.generics,
            "#[derive(Outputs)] structs cannot be generic: each field is a declared output",
        );
    }
    let fields = match &input.data {
        syn::Data::Struct(syn::DataStruct { fields: syn::Fields::Named(named), .. }) => {
            named.named.iter().collect()
        }
        _ => {
            errors.at(
                &input.ident,
                "#[derive(Outputs)] needs a struct with named fields: each field is one output",
            );
            Vec::new()
        }
    };
    for field in &fields {
        let name = field.ident.as_ref().map(|i| i.to_string()).unwrap_or_default();
        if let Err(problem) = check_io_name("output", name.trim_start_matches("r#")) {
            errors.at(&field.ident, problem);
        }
    }
    if !errors.is_empty() {
        return errors.into_compile_errors();
    }
    let (vis, ident) = (&input.vis, &input.ident);
    let refs = format_ident!("{}Refs", ident);
    let refs_doc = format!(" Typed references to the outputs of a task or step returning [`{ident}`].");
    let is_artifact = |field: &&syn::Field| match &field.ty {
        syn::Type::Path(path) => path.path.segments.last().is_some_and(|s| s.ident == "OutputArtifact"),
        _ => false,
    };
    let mut ref_fields = Vec::new();
    let mut declares = Vec::new();
    let mut refs_init = Vec::new();
    let mut values = Vec::new();
    for field in &fields {
        let field_ident = field.ident.as_ref().expect("named fields");
        let name = field_ident.to_string().trim_start_matches("r#").to_owned();
        let ty = &field.ty;
        let doc = format!(" `{name}`");
        if is_artifact(field) {
            ref_fields.push(quote!(#[doc = #doc] pub #field_ident: ::hera::Expr));
            declares.push(quote!(::hera::__private_0_1::OutputDecl { name: #name, artifact: true }));
            refs_init.push(quote!(#field_ident: node.artifact(#name)));
            values.push(quote!(::hera::__private_0_1::output_artifact(&self.#field_ident)?));
        } else {
            ref_fields.push(quote!(#[doc = #doc] pub #field_ident: ::hera::Expr<#ty>));
            declares.push(quote!(::hera::__private_0_1::OutputDecl { name: #name, artifact: false }));
            refs_init.push(quote!(#field_ident: node.parameter(#name)));
            values.push(quote!(::hera::__private_0_1::output_parameter(&self.#field_ident)?));
        }
    }
    quote! {
        #[doc = #refs_doc]
        #[derive(Clone, Debug)]
        #vis struct #refs { #(#ref_fields,)* }

        impl ::hera::Outputs for #ident {
            type Refs = #refs;

            fn declare() -> ::std::vec::Vec<::hera::__private_0_1::OutputDecl> {
                ::std::vec![#(#declares),*]
            }

            fn refs(node: &::hera::NodeOutputs) -> #refs {
                #refs { #(#refs_init,)* }
            }

            fn values(&self) -> ::std::result::Result<::std::vec::Vec<::hera::__private_0_1::OutputValue>, ::std::string::String> {
                ::std::result::Result::Ok(::std::vec![#(#values),*])
            }
        }
    }
}
