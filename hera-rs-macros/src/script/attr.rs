//! `#[script(...)]` options.

use crate::errors::Errors;
use crate::naming::unknown;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Token};

/// A key of a `key = "value"` list: an identifier or a string (`"a.b/c"`).
pub struct Key {
    pub text: String,
    pub span: proc_macro2::Span,
}

/// One `key = value` entry; the value is a literal (string or number).
pub struct Entry {
    pub key: Key,
    pub value: syn::Lit,
}

impl Parse for Entry {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let key = if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            Key { text: lit.value(), span: lit.span() }
        } else {
            let ident: Ident = input.parse()?;
            Key { text: ident.to_string(), span: ident.span() }
        };
        input.parse::<Token![=]>()?;
        Ok(Entry { key, value: input.parse()? })
    }
}

/// Every option, as written.
#[derive(Default)]
pub struct Options {
    pub name: Option<LitStr>,
    pub image: Option<LitStr>,
    pub image_pull_policy: Option<LitStr>,
    pub command: Option<LitStr>,
    pub timeout: Option<LitStr>,
    pub service_account: Option<LitStr>,
    pub resources: Vec<Entry>,
    pub retry: Vec<Entry>,
    pub env: Vec<Entry>,
    pub labels: Vec<Entry>,
    pub annotations: Vec<Entry>,
    pub node_selector: Vec<Entry>,
}

const KEYS: [&str; 12] = [
    "name",
    "image",
    "image_pull_policy",
    "command",
    "timeout",
    "service_account",
    "resources",
    "retry",
    "env",
    "labels",
    "annotations",
    "node_selector",
];

/// Keys of `resources(...)`.
pub const RESOURCE_KEYS: [&str; 4] = ["cpu", "memory", "cpu_limit", "memory_limit"];

/// Keys of `retry(...)`.
pub const RETRY_KEYS: [&str; 2] = ["limit", "policy"];

impl Options {
    /// Parses the attribute's arguments, recording every problem.
    pub fn parse(attr: proc_macro2::TokenStream, errors: &mut Errors) -> Options {
        let mut options = Options::default();
        let mut unknown_keys = Vec::new();
        let parser = syn::meta::parser(|meta| {
            let Some(ident) = meta.path.get_ident().map(Ident::to_string) else {
                return Err(meta.error("expected an option name such as `image`"));
            };
            let list = |meta: &syn::meta::ParseNestedMeta<'_>| -> syn::Result<Vec<Entry>> {
                let content;
                syn::parenthesized!(content in meta.input);
                Ok(Punctuated::<Entry, Token![,]>::parse_terminated(&content)?.into_iter().collect())
            };
            let string = |meta: &syn::meta::ParseNestedMeta<'_>| -> syn::Result<Option<LitStr>> {
                Ok(Some(meta.value()?.parse()?))
            };
            match ident.as_str() {
                "name" => options.name = string(&meta)?,
                "image" => options.image = string(&meta)?,
                "image_pull_policy" => options.image_pull_policy = string(&meta)?,
                "command" => options.command = string(&meta)?,
                "timeout" => options.timeout = string(&meta)?,
                "service_account" => options.service_account = string(&meta)?,
                "resources" => options.resources = list(&meta)?,
                "retry" => options.retry = list(&meta)?,
                "env" => options.env = list(&meta)?,
                "labels" => options.labels = list(&meta)?,
                "annotations" => options.annotations = list(&meta)?,
                "node_selector" => options.node_selector = list(&meta)?,
                other => {
                    // Report it, skip its value, and go on: every mistake in one pass.
                    unknown_keys.push(meta.error(unknown("#[script] option", other, &KEYS)));
                    if meta.input.peek(Token![=]) {
                        meta.value()?.parse::<syn::Expr>()?;
                    } else if meta.input.peek(syn::token::Paren) {
                        let _content;
                        syn::parenthesized!(_content in meta.input);
                    }
                }
            }
            Ok(())
        });
        if let Err(error) = syn::parse::Parser::parse2(parser, attr) {
            errors.push(error);
        }
        unknown_keys.into_iter().for_each(|error| errors.push(error));
        check_keys(&options.resources, "resources", &RESOURCE_KEYS, errors);
        check_keys(&options.retry, "retry", &RETRY_KEYS, errors);
        options
    }
}

fn check_keys(entries: &[Entry], option: &str, known: &[&str], errors: &mut Errors) {
    for entry in entries {
        if !known.contains(&entry.key.text.as_str()) {
            errors.push(syn::Error::new(
                entry.key.span,
                unknown(&format!("`{option}` key"), &entry.key.text, known),
            ));
        }
    }
}
