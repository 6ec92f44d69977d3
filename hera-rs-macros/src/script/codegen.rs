//! The function unchanged, and beside it the module with its template,
//! typed call and runner entry.

use super::attr::Entry;
use super::model::{Kind, ScriptFn};
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

/// A literal as the text Argo receives (for labels, selectors).
fn literal_text(lit: &syn::Lit) -> String {
    match lit {
        syn::Lit::Str(s) => s.value(),
        syn::Lit::Int(i) => i.base10_digits().to_owned(),
        syn::Lit::Float(f) => f.base10_digits().to_owned(),
        syn::Lit::Bool(b) => b.value.to_string(),
        other => other.to_token_stream().to_string(),
    }
}

fn key_values(entries: &[Entry], method: &str) -> TokenStream {
    let method = format_ident!("{}", method);
    entries
        .iter()
        .map(|e| {
            let (key, value) = (&e.key.text, literal_text(&e.value));
            quote!(.#method(#key, #value))
        })
        .collect()
}

/// The builder calls the attribute's options stand for.
fn options(script: &ScriptFn) -> TokenStream {
    let o = &script.options;
    let mut out = TokenStream::new();
    let strings = [
        (&o.image, "image"),
        (&o.image_pull_policy, "image_pull_policy"),
        (&o.timeout, "timeout"),
        (&o.service_account, "service_account_name"),
    ];
    for (value, method) in strings {
        if let Some(value) = value {
            let method = format_ident!("{}", method);
            out.extend(quote!(.#method(#value)));
        }
    }
    for entry in &o.resources {
        let value = &entry.value;
        let method = match entry.key.text.as_str() {
            "cpu" => "cpu_request",
            "memory" => "memory_request",
            "cpu_limit" => "cpu_limit",
            _ => "memory_limit",
        };
        let method = format_ident!("{}", method);
        out.extend(quote!(.#method(#value)));
    }
    if !o.retry.is_empty() {
        let limit = o.retry.iter().find(|e| e.key.text == "limit").map(|e| &e.value);
        let mut retry = match limit {
            Some(limit) => quote!(::hera::Retry::limit(#limit)),
            None => quote!(::hera::Retry::from(::hera::model::RetryStrategy::default())),
        };
        for policy in o.retry.iter().filter(|e| e.key.text == "policy") {
            let value = &policy.value;
            retry = quote!(#retry.policy(#value));
        }
        // Argo's `retryStrategy.backoff`: each key sets its field.
        let backoff: Vec<TokenStream> = o
            .retry
            .iter()
            .filter_map(|e| {
                let value = &e.value;
                match e.key.text.as_str() {
                    "backoff" => Some(quote!(backoff.duration = Some(::std::string::String::from(#value));)),
                    "factor" => {
                        Some(quote!(backoff.factor = Some(::hera::model::IntOrString::from(#value));))
                    }
                    "max_duration" => {
                        Some(quote!(backoff.max_duration = Some(::std::string::String::from(#value));))
                    }
                    "cap" => Some(quote!(backoff.cap = Some(::std::string::String::from(#value));)),
                    _ => None,
                }
            })
            .collect();
        if !backoff.is_empty() {
            retry = quote! {
                #retry.with_model(|retry| {
                    let backoff = retry.backoff.get_or_insert_with(::std::default::Default::default);
                    #(#backoff)*
                })
            };
        }
        out.extend(quote!(.retry(#retry)));
    }
    for entry in &o.env {
        let (key, value) = (&entry.key.text, &entry.value);
        out.extend(quote!(.env(#key, #value)));
    }
    for entry in &o.env_from_secret {
        // Checked when parsed: an invalid value is an error there.
        if let Some((secret, key)) = super::attr::secret_key(&entry.value) {
            let name = &entry.key.text;
            out.extend(quote!(.env_from_secret(#name, #secret, #key)));
        }
    }
    for entry in &o.volume_mounts {
        let (name, path) = (&entry.key.text, &entry.value);
        out.extend(quote!(.volume_mount(#name, #path)));
    }
    out.extend(key_values(&o.labels, "label"));
    out.extend(key_values(&o.annotations, "annotation"));
    out.extend(key_values(&o.node_selector, "node_selector"));
    out
}

/// Everything `#[script]` emits.
pub fn generate(script: &ScriptFn) -> TokenStream {
    let item = &script.item;
    let vis = &item.vis;
    let function = &item.sig.ident;
    let template = &script.template;
    let (returns, ok) = (&script.returns, &script.ok);
    let module_doc = format!(
        " The Argo script template of [`{function}()`](fn@{function}), its typed `call` and its runner."
    );

    let parameter_names: Vec<&str> =
        script.params.iter().filter(|p| matches!(p.kind, Kind::Parameter)).map(|p| p.name.as_str()).collect();
    let idents: Vec<&syn::Ident> = script.params.iter().map(|p| &p.ident).collect();

    let reads = script.params.iter().map(|p| {
        let (ident, ty, name) = (&p.ident, &p.ty, &p.name);
        match p.kind {
            Kind::Parameter => {
                // Spanned at the type: a type that is no `ScriptInput` is reported there.
                let type_name = ty.to_token_stream().to_string().replace(' ', "");
                quote_spanned! {ty.span()=>
                    let #ident: #ty = inputs.decode(#name, #type_name, <#ty as ::hera::ScriptInput>::from_parameter)?;
                }
            }
            Kind::Artifact => quote!(let #ident: #ty = inputs.artifact(#name);),
        }
    });

    let specs = script.params.iter().map(|p| {
        let (name, ty) = (&p.name, &p.ty);
        let artifact = matches!(p.kind, Kind::Artifact);
        let default = match (&p.default, p.optional) {
            (Some(expr), _) => {
                // At the default: a value of another type is a mismatch there,
                // and a type serde cannot write is reported there too.
                quote_spanned! {expr.span()=>
                    ::std::option::Option::Some({
                        let value: #ty = #expr;
                        ::hera::__private_0_1::default_value(<#ty as ::hera::__private_0_1::serde::Serialize>::serialize(
                            &value,
                            ::hera::__private_0_1::ValueSerializer,
                        ))
                    })
                }
            }
            (None, true) => quote!(::std::option::Option::Some(::std::string::String::from("null"))),
            (None, false) => quote!(::std::option::Option::None),
        };
        quote!(::hera::__private_0_1::InputSpec { name: #name, artifact: #artifact, default: #default })
    });

    let call_params = script.params.iter().map(|p| {
        let (ident, ty) = (&p.ident, &p.ty);
        match p.kind {
            Kind::Parameter => quote!(#ident: impl ::hera::IntoArg<#ty>),
            Kind::Artifact => quote!(#ident: impl ::std::convert::Into<::hera::ArtifactArg>),
        }
    });
    let call_args = script.params.iter().map(|p| {
        let (ident, ty, name) = (&p.ident, &p.ty, &p.name);
        match p.kind {
            Kind::Parameter => quote_spanned! {ident.span()=>
                .argument(#name, ::hera::IntoArg::<#ty>::into_arg(#ident).untyped())
            },
            Kind::Artifact => quote!(.argument_artifact(#name, #ident)),
        }
    });

    // Spanned at the return type: a type that is none of the kinds a script
    // may return fails `ScriptReturn` there, with that trait's message.
    let outcome = quote_spanned! {returns.span()=>
        ::hera::ScriptReturn::into_outcome((&&&&::hera::__private_0_1::Returned::new(value)).hera_outcome())
    };
    let options = options(script);
    let command = match &script.options.command {
        Some(command) => quote!(::std::string::String::from(#command)),
        None => quote! {
            ::hera::__private_0_1::default_command(::std::option_env!("CARGO_BIN_NAME"), ::std::env!("CARGO_PKG_NAME"))
        },
    };
    // A library has no binary of its own: the program using it names the command.
    let in_library = match &script.options.command {
        Some(_) => quote!(false),
        None => quote!(::std::option_env!("CARGO_BIN_NAME").is_none()),
    };

    quote! {
        #item

        #[doc = #module_doc]
        #[allow(clippy::all)]
        #vis mod #function {
            #[allow(unused_imports)]
            use super::*;

            /// The template's name.
            pub const NAME: &str = #template;

            /// The runner entry `hera::cli` dispatches `exec` to.
            #[doc(hidden)]
            pub static RUNNER: ::hera::__private_0_1::RunnerEntry = ::hera::__private_0_1::RunnerEntry {
                template: NAME,
                parameters: &[#(#parameter_names),*],
                outputs: outputs,
                run: run,
                in_library: #in_library,
            };

            fn outputs() -> ::std::vec::Vec<::hera::__private_0_1::OutputDecl> {
                #[allow(unused_imports)]
                use ::hera::__private_0_1::{DeclaresFallibleOutputs as _, DeclaresNothing as _, DeclaresOutputs as _};
                (&&&::hera::__private_0_1::Declare::<#returns>::new()).hera_outputs()
            }

            fn run(
                inputs: &::hera::__private_0_1::Inputs,
            ) -> ::std::result::Result<::hera::__private_0_1::Outcome, ::hera::__private_0_1::RunError> {
                #[allow(unused_imports)]
                use ::hera::__private_0_1::{
                    ReturnsFallibleOutputs as _, ReturnsFallibleValue as _, ReturnsOutputs as _, ReturnsValue as _,
                };
                #(#reads)*
                let value: #returns = super::#function(#(#idents),*);
                #outcome
            }

            /// The script template (built once; cheap to clone).
            pub fn template() -> ::hera::Script {
                #[allow(unused_imports)]
                use ::hera::{ContainerBuilder as _, TemplateBuilder as _};
                static TEMPLATE: ::std::sync::OnceLock<::hera::Script> = ::std::sync::OnceLock::new();
                TEMPLATE
                    .get_or_init(|| {
                        ::hera::__private_0_1::script_template(&RUNNER, &#command, ::std::vec![#(#specs),*]) #options
                    })
                    .clone()
            }

            /// A call of the template: each argument is a value of the
            /// parameter's type, an output of that type, or an untyped
            /// reference (`hera::item()`, a workflow parameter).
            #[allow(clippy::too_many_arguments)]
            pub fn call(#(#call_params),*) -> ::hera::Call<#ok> {
                #[allow(unused_imports)]
                use ::hera::TemplateBuilder as _;
                template().call() #(#call_args)* .typed()
            }

        }
    }
}

/// What `#[script]` emits beside its errors: the module with the same items
/// and permissive signatures (every parameter `impl Sized`, bodies that never
/// run), so a use elsewhere in the crate (`add::call(1, 2)`) adds no error
/// of its own and the user sees only the real ones.
pub fn stub(script: &ScriptFn) -> TokenStream {
    let item = &script.item;
    let (vis, function, template) = (&item.vis, &item.sig.ident, &script.template);
    let params = item.sig.inputs.iter().map(|_| quote!(_: impl ::std::marker::Sized));
    // The result type, where it can be named outside the function.
    let usable = item.sig.generics.params.is_empty() && !matches!(script.ok, syn::Type::ImplTrait(_));
    let call = if usable {
        let ok = &script.ok;
        quote!(::hera::Call<#ok>)
    } else {
        quote!(::hera::Call)
    };
    // Never runs: the crate that holds it does not compile.
    let unusable = "#[script] reported an error for this function";
    quote! {
        /// A stand-in: `#[script]` reported an error for this function.
        #[allow(dead_code, unused_imports, clippy::all)]
        #vis mod #function {
            use super::*;

            /// The template's name.
            pub const NAME: &str = #template;

            /// The script template (a stand-in).
            pub fn template() -> ::hera::Script {
                ::std::unreachable!(#unusable)
            }

            /// A call of the template (a stand-in).
            pub fn call(#(#params),*) -> #call {
                ::std::unreachable!(#unusable)
            }
        }
    }
}
