//! `#[script(...)]` options, parsed from one table ([`OPTIONS`]) that also
//! gives the did-you-mean hints: an option is added in one place.

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
    pub env_from_secret: Vec<Entry>,
    pub volume_mounts: Vec<Entry>,
    pub labels: Vec<Entry>,
    pub annotations: Vec<Entry>,
    pub node_selector: Vec<Entry>,
}

/// Where an option's value goes.
enum Slot<'a> {
    /// `option = "value"`, given at most once.
    Scalar(&'a mut Option<LitStr>),
    /// `option(key = value, ...)`, which may be repeated: the entries add up.
    List(&'a mut Vec<Entry>),
}

/// One option of `#[script(...)]`.
struct OptionDef {
    name: &'static str,
    /// The keys a list option accepts (`None`: any key, e.g. `env`).
    keys: Option<&'static [&'static str]>,
    slot: fn(&mut Options) -> Slot<'_>,
}

/// Every option `#[script]` accepts, in the order the docs list them.
const OPTIONS: &[OptionDef] = &[
    OptionDef { name: "name", keys: None, slot: |o| Slot::Scalar(&mut o.name) },
    OptionDef { name: "image", keys: None, slot: |o| Slot::Scalar(&mut o.image) },
    OptionDef { name: "image_pull_policy", keys: None, slot: |o| Slot::Scalar(&mut o.image_pull_policy) },
    OptionDef { name: "command", keys: None, slot: |o| Slot::Scalar(&mut o.command) },
    OptionDef {
        name: "resources",
        keys: Some(&["cpu", "memory", "cpu_limit", "memory_limit"]),
        slot: |o| Slot::List(&mut o.resources),
    },
    OptionDef {
        name: "retry",
        keys: Some(&["limit", "policy", "backoff", "factor", "max_duration", "cap"]),
        slot: |o| Slot::List(&mut o.retry),
    },
    OptionDef { name: "timeout", keys: None, slot: |o| Slot::Scalar(&mut o.timeout) },
    OptionDef { name: "env", keys: None, slot: |o| Slot::List(&mut o.env) },
    OptionDef { name: "env_from_secret", keys: None, slot: |o| Slot::List(&mut o.env_from_secret) },
    OptionDef { name: "volume_mounts", keys: None, slot: |o| Slot::List(&mut o.volume_mounts) },
    OptionDef { name: "labels", keys: None, slot: |o| Slot::List(&mut o.labels) },
    OptionDef { name: "annotations", keys: None, slot: |o| Slot::List(&mut o.annotations) },
    OptionDef { name: "service_account", keys: None, slot: |o| Slot::Scalar(&mut o.service_account) },
    OptionDef { name: "node_selector", keys: None, slot: |o| Slot::List(&mut o.node_selector) },
];

impl Options {
    /// Parses the attribute's arguments, recording every problem.
    pub fn parse(attr: proc_macro2::TokenStream, errors: &mut Errors) -> Options {
        let mut options = Options::default();
        let names: Vec<&str> = OPTIONS.iter().map(|o| o.name).collect();
        let parser = syn::meta::parser(|meta| {
            let Some(ident) = meta.path.get_ident() else {
                return Err(meta.error("expected an option name such as `image`"));
            };
            let written = ident.to_string();
            let Some(option) = OPTIONS.iter().find(|o| o.name == written) else {
                // Report it, skip its value, and go on: every mistake in one pass.
                errors.push(meta.error(unknown("#[script] option", &written, &names)));
                if meta.input.peek(Token![=]) {
                    meta.value()?.parse::<syn::Expr>()?;
                } else if meta.input.peek(syn::token::Paren) {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    content.parse::<proc_macro2::TokenStream>()?;
                }
                return Ok(());
            };
            match (option.slot)(&mut options) {
                Slot::Scalar(slot) => {
                    let value: LitStr = meta.value()?.parse()?;
                    if slot.is_some() {
                        errors.at(ident, format!("`{written}` specified more than once"));
                    } else {
                        *slot = Some(value);
                    }
                }
                Slot::List(slot) => {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    let entries = Punctuated::<Entry, Token![,]>::parse_terminated(&content)?;
                    for entry in entries {
                        if let Some(known) = option.keys
                            && !known.contains(&entry.key.text.as_str())
                        {
                            let message = unknown(&format!("`{written}` key"), &entry.key.text, known);
                            errors.push(syn::Error::new(entry.key.span, message));
                        } else if slot.iter().any(|e| e.key.text == entry.key.text) {
                            let message =
                                format!("`{written}` key `{}` specified more than once", entry.key.text);
                            errors.push(syn::Error::new(entry.key.span, message));
                        } else {
                            slot.push(entry);
                        }
                    }
                }
            }
            Ok(())
        });
        if let Err(error) = syn::parse::Parser::parse2(parser, attr) {
            errors.push(error);
        }
        for entry in &options.env_from_secret {
            if secret_key(&entry.value).is_none() {
                let message = format!(
                    "`env_from_secret` value of `{}` must be \"SECRET/KEY\" (the Secret's name and one of its keys)",
                    entry.key.text
                );
                errors.push(syn::Error::new(entry.value.span(), message));
            }
        }
        // Literal values are checked with lint's own rules, so a typo fails
        // the build instead of the workflow (placeholders are left to lint).
        if let Some(timeout) = &options.timeout
            && !timeout.value().contains("{{")
            && let Err(problem) = hera_rs_names::duration::parse(&timeout.value())
        {
            errors.push(syn::Error::new(timeout.span(), format!("`timeout`: {problem}")));
        }
        for entry in &options.resources {
            let text = match &entry.value {
                syn::Lit::Str(text) => text.value(),
                syn::Lit::Int(number) => number.base10_digits().to_owned(),
                syn::Lit::Float(number) => number.base10_digits().to_owned(),
                _ => {
                    let message = format!(
                        "`resources` value of `{}` must be a quantity (\"500m\", \"1Gi\", 2)",
                        entry.key.text
                    );
                    errors.push(syn::Error::new(entry.value.span(), message));
                    continue;
                }
            };
            if !text.contains("{{")
                && let Err(problem) = hera_rs_names::quantity::parse(&text)
            {
                let message = format!("`resources` value of `{}`: {problem}", entry.key.text);
                errors.push(syn::Error::new(entry.value.span(), message));
            }
        }
        for entry in &options.volume_mounts {
            if !matches!(&entry.value, syn::Lit::Str(path) if path.value().starts_with('/')) {
                let message = format!(
                    "`volume_mounts` value of `{}` must be an absolute path (\"/data\")",
                    entry.key.text
                );
                errors.push(syn::Error::new(entry.value.span(), message));
            }
        }
        options
    }
}

/// `"SECRET/KEY"` split in two: neither a Secret's name nor a key has a `/`.
pub fn secret_key(value: &syn::Lit) -> Option<(String, String)> {
    let syn::Lit::Str(text) = value else { return None };
    let (secret, key) = text.value().split_once('/').map(|(s, k)| (s.to_owned(), k.to_owned()))?;
    (!secret.is_empty() && !key.is_empty() && !key.contains('/')).then_some((secret, key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn parse(attr: proc_macro2::TokenStream) -> (Options, Vec<String>) {
        let mut errors = Errors::default();
        let options = Options::parse(attr, &mut errors);
        (options, errors.messages())
    }

    #[test]
    fn list_options_add_up_and_keep_their_order() {
        let (options, errors) =
            parse(quote!(env(A = "1"), labels(x = "1"), env(B = "2"), labels("a.b/c" = "2", y = 3)));
        assert!(errors.is_empty(), "{errors:?}");
        let keys = |entries: &[Entry]| entries.iter().map(|e| e.key.text.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&options.env), ["A", "B"]);
        assert_eq!(keys(&options.labels), ["x", "a.b/c", "y"]);
    }

    #[test]
    fn a_repeated_scalar_or_key_is_an_error_and_the_first_value_stays() {
        let (options, errors) = parse(quote!(name = "a", name = "b", env(A = "1"), env(A = "2")));
        assert_eq!(errors, ["`name` specified more than once", "`env` key `A` specified more than once"]);
        assert_eq!(options.name.map(|n| n.value()).as_deref(), Some("a"));
        assert_eq!(options.env.len(), 1);
    }

    #[test]
    fn retry_takes_the_backoff_keys() {
        let (options, errors) =
            parse(quote!(retry(limit = 3, backoff = "10s", factor = 2, max_duration = "5m", cap = "1m")));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(options.retry.len(), 5);
        let (_, errors) = parse(quote!(retry(max_durration = "5m")));
        assert_eq!(errors, ["unknown `retry` key `max_durration`, did you mean `max_duration`?"]);
    }

    #[test]
    fn secrets_and_mounts_are_checked_when_parsed() {
        let (options, errors) = parse(quote!(
            env_from_secret(TOKEN = "api-credentials/token"),
            volume_mounts(data = "/data", "my-cache" = "/cache")
        ));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            secret_key(&options.env_from_secret[0].value),
            Some(("api-credentials".into(), "token".into()))
        );
        assert_eq!(options.volume_mounts.len(), 2);
        let (_, errors) =
            parse(quote!(env_from_secret(A = "no-key", B = "a/b/c", C = 3), volume_mounts(d = "data")));
        assert_eq!(
            errors,
            [
                "`env_from_secret` value of `A` must be \"SECRET/KEY\" (the Secret's name and one of its keys)",
                "`env_from_secret` value of `B` must be \"SECRET/KEY\" (the Secret's name and one of its keys)",
                "`env_from_secret` value of `C` must be \"SECRET/KEY\" (the Secret's name and one of its keys)",
                "`volume_mounts` value of `d` must be an absolute path (\"/data\")",
            ]
        );
    }

    #[test]
    fn unknown_options_and_keys_get_a_hint_from_the_table() {
        let (_, errors) = parse(quote!(imgae = "x", Labels(a = "b"), resources(cpus = "1"), zzz = "1"));
        assert_eq!(
            errors,
            [
                "unknown #[script] option `imgae`, did you mean `image`?",
                "unknown #[script] option `Labels`, did you mean `labels`?",
                "unknown `resources` key `cpus`, did you mean `cpu`?",
                "unknown #[script] option `zzz`; expected one of: name, image, image_pull_policy, command, \
                 resources, retry, timeout, env, env_from_secret, volume_mounts, labels, annotations, \
                 service_account, node_selector",
            ]
        );
    }
}
