//! Strings with `{{…}}` references as Rust: `{{tasks.a.outputs.result}}`
//! becomes `a.result()`, a string mixing text and references `text!(..)`,
//! so the builder records which task a value comes from.

use super::literal::{ident, string};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::HashMap;

/// The nodes of the template being written that may be referred to by
/// handle: node name → the variable holding its handle.
#[derive(Debug, Default)]
pub(crate) struct Handles {
    /// `tasks` in a DAG, `steps` in a steps template.
    pub prefix: &'static str,
    pub vars: HashMap<String, String>,
}

/// What a `{{tag}}` reads, when the builders have a function for it.
pub(crate) enum Reference<'a> {
    /// An output of the node `node`: `(node, method, argument)`.
    Node(&'a str, &'static str, Option<&'a str>),
    /// A free function (`input`, `item`, ...) with an optional argument.
    Function(&'static str, Option<&'a str>),
}

/// The reference `path` (a tag without braces) makes, if any.
pub(crate) fn reference<'a>(path: &'a str, node_prefix: &str) -> Option<Reference<'a>> {
    let simple =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b));
    if path == "item" {
        return Some(Reference::Function("item", None));
    }
    if let Some(key) = path.strip_prefix("item.") {
        return simple(key).then_some(Reference::Function("item_field", Some(key)));
    }
    for (prefix, function) in [
        ("inputs.parameters.", "input"),
        ("inputs.artifacts.", "input_artifact"),
        ("workflow.parameters.", "workflow_parameter"),
    ] {
        if let Some(name) = path.strip_prefix(prefix) {
            return simple(name).then_some(Reference::Function(function, Some(name)));
        }
    }
    let rest = path.strip_prefix(node_prefix)?.strip_prefix('.')?;
    let (node, what) = rest.split_once('.')?;
    if !simple(node) {
        return None;
    }
    let (method, argument) = match what {
        "outputs.result" => ("result", None),
        "outputs.parameters" => ("outputs_parameters", None),
        "status" => ("status", None),
        "exitCode" => ("exit_code", None),
        "ip" => ("ip", None),
        "id" => ("id", None),
        _ => {
            if let Some(p) = what.strip_prefix("outputs.parameters.") {
                ("output", Some(p))
            } else if let Some(a) = what.strip_prefix("outputs.artifacts.") {
                ("output_artifact", Some(a))
            } else {
                return None;
            }
        }
    };
    if argument.is_some_and(|a| !simple(a)) {
        return None;
    }
    Some(Reference::Node(node, method, argument))
}

/// One piece of a string: text, or an exact `{{path}}` tag.
enum Piece<'a> {
    Text(&'a str),
    Tag(&'a str),
}

fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else { break };
        let path = &rest[start + 2..start + 2 + len];
        let exact = !path.is_empty() && path.trim() == path && !path.starts_with('=');
        if exact {
            if start > 0 {
                out.push(Piece::Text(&rest[..start]));
            }
            out.push(Piece::Tag(path));
        } else {
            out.push(Piece::Text(&rest[..start + 4 + len]));
        }
        rest = &rest[start + 4 + len..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The expression for the reference, when `handles` has its node.
fn expression(reference: &Reference<'_>, handles: &Handles, used: &mut Vec<String>) -> Option<TokenStream> {
    match reference {
        Reference::Node(node, method, argument) => {
            let var = ident(handles.vars.get(*node)?);
            let method = ident(method);
            if !used.iter().any(|u| u == node) {
                used.push((*node).to_owned());
            }
            Some(match argument {
                Some(a) => {
                    let a = string(a);
                    quote!(#var.#method(#a))
                }
                None => quote!(#var.#method()),
            })
        }
        Reference::Function(function, argument) => {
            let function = ident(function);
            Some(match argument {
                Some(a) => {
                    let a = string(a);
                    quote!(hera::#function(#a))
                }
                None => quote!(hera::#function()),
            })
        }
    }
}

/// How a value is written: as the builder takes it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    /// An argument, a `with_param`: a string, an `Expr` or a `Text`.
    Arg,
    /// A `when`: a string or a `Text`.
    Condition,
}

/// `text` as an expression, and the nodes it refers to by handle (in the
/// order met). References to other nodes stay in the string.
pub(crate) fn value(text: &str, handles: &Handles, context: Context) -> (TokenStream, Vec<String>) {
    let pieces = pieces(text);
    let mut used = Vec::new();
    let converted: Vec<Option<TokenStream>> = pieces
        .iter()
        .map(|piece| match piece {
            Piece::Tag(path) => {
                reference(path, handles.prefix).and_then(|r| expression(&r, handles, &mut used))
            }
            Piece::Text(_) => None,
        })
        .collect();
    let any_node = !used.is_empty();
    if let ([Piece::Tag(_)], [Some(expression)]) = (pieces.as_slice(), converted.as_slice())
        && context == Context::Arg
    {
        return (expression.clone(), used);
    }
    if !any_node {
        return (string(text), Vec::new());
    }
    let mut format = String::new();
    let mut args = Vec::new();
    for (piece, converted) in pieces.iter().zip(converted) {
        match (piece, converted) {
            (_, Some(expression)) => {
                format.push_str("{}");
                args.push(expression);
            }
            (Piece::Text(t), None) => format.push_str(&t.replace('{', "{{").replace('}', "}}")),
            (Piece::Tag(path), None) => {
                format.push_str("{{{{");
                format.push_str(path);
                format.push_str("}}}}");
            }
        }
    }
    let format = string(&format);
    (quote!(hera::text!(#format, #(#args),*)), used)
}

/// A `when` as a comparison of a handle's output (`flip.result().equals("heads")`)
/// when it is one, else as [`value`] writes it.
pub(crate) fn condition(text: &str, handles: &Handles) -> (TokenStream, Vec<String>) {
    for (op, method) in [(" == ", "equals"), (" != ", "not_equals")] {
        let Some((left, right)) = text.split_once(op) else { continue };
        let simple_right =
            !right.is_empty() && !right.contains("{{") && !right.contains("&&") && !right.contains("||");
        if let Some(path) = left.strip_prefix("{{").and_then(|l| l.strip_suffix("}}"))
            && simple_right
            && let Some(node @ Reference::Node(..)) = reference(path, handles.prefix)
        {
            let mut used = Vec::new();
            if let Some(expression) = expression(&node, handles, &mut used) {
                let (method, right) = (ident(method), string(right));
                return (quote!(#expression.#method(#right)), used);
            }
        }
    }
    value(text, handles, Context::Condition)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handles() -> Handles {
        Handles { prefix: "tasks", vars: [("a".to_owned(), "a".to_owned())].into() }
    }

    #[test]
    fn references_become_handles() {
        let (tokens, used) = value("{{tasks.a.outputs.result}}", &handles(), Context::Arg);
        assert_eq!(tokens.to_string(), "a . result ()");
        assert_eq!(used, ["a"]);
        let (tokens, _) =
            value("x {{tasks.a.outputs.parameters.p}} {{inputs.parameters.q}} {y}", &handles(), Context::Arg);
        assert_eq!(
            tokens.to_string(),
            r#"hera :: text ! ("x {} {} {{y}}" , a . output ("p") , hera :: input ("q"))"#
        );
        let (tokens, used) = value("{{tasks.b.outputs.result}}", &handles(), Context::Arg);
        assert_eq!(tokens.to_string(), r#""{{tasks.b.outputs.result}}""#);
        assert!(used.is_empty());
        let (tokens, _) = value("{{inputs.parameters.q}}", &handles(), Context::Arg);
        assert_eq!(tokens.to_string(), r#"hera :: input ("q")"#);
        let (tokens, used) = condition("{{tasks.a.outputs.result}} == heads", &handles());
        assert_eq!(tokens.to_string(), r#"a . result () . equals ("heads")"#);
        assert_eq!(used, ["a"]);
        let (tokens, _) = condition("{{tasks.a.outputs.result}} == heads && x", &handles());
        assert!(tokens.to_string().starts_with("hera :: text !"));
    }
}
