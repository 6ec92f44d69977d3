//! `{{…}}` substitution as Argo does it (`util/template`): over the JSON text
//! of a template or step, each simple tag replaced by its value JSON-escaped,
//! each `{{= expression}}` tag by the expression's value.

use std::collections::HashMap;

/// The variables in scope: a value, or `None` for an absent optional (the
/// output of a skipped node, which must not be used).
pub type Variables = HashMap<String, Option<String>, Fast>;

/// The engine's hasher for its maps of names and ids (see Cargo.toml).
pub type Fast = foldhash::fast::RandomState;

/// `common.AbsentOptionalArgumentValue`: the value an argument gets when
/// it was a pure reference to an absent optional (see
/// [`mark_absent_optional_args`]).
pub const ABSENT_OPTIONAL_ARGUMENT: &str = "__argo-internal.absent-optional-output__";

/// `markAbsentOptionalArgs`, before substitution: an argument that is one
/// pure reference (`{{tasks.x.outputs.parameters.y}}`, nothing around it)
/// to an absent optional becomes [`ABSENT_OPTIONAL_ARGUMENT`], which
/// substitution leaves alone and the consumed template reads as "not
/// given", so its input's default applies (`common.ProcessArgs`).
pub fn mark_absent_optional_args(arguments: &mut Option<crate::model::Arguments>, vars: &Variables) {
    let Some(parameters) = arguments.as_mut().and_then(|a| a.parameters.as_mut()) else { return };
    for parameter in parameters {
        let Some(key) = parameter.value.as_deref().and_then(|v| v.strip_prefix("{{")?.strip_suffix("}}"))
        else {
            continue;
        };
        if !key.contains("{{") && !key.contains("}}") && matches!(vars.get(key.trim()), Some(None)) {
            parameter.value = Some(ABSENT_OPTIONAL_ARGUMENT.to_owned());
        }
    }
}

/// Which unresolved tags are errors.
#[derive(Clone, Copy, Debug)]
pub enum Strict<'a> {
    /// Every unresolved tag is an error (`Replace(…, allowUnresolved=false)`).
    All,
    /// None is: unresolved tags stay as they are.
    None,
    /// Tags under these prefixes are (`ReplaceStrict(…, ["steps", "tasks"])`).
    Prefixes(&'a [&'a str]),
}

impl Strict<'_> {
    /// Whether an unresolved `tag` (a variable name) is an error.
    pub fn applies(&self, tag: &str) -> bool {
        match self {
            Strict::All => true,
            Strict::None => false,
            Strict::Prefixes(prefixes) => prefixes
                .iter()
                .any(|p| tag.strip_prefix(p).is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))),
        }
    }
}

/// Evaluates `{{= … }}` tags: `Ok(None)` leaves the tag unresolved.
pub type Expressions<'a> = &'a dyn Fn(&str, &Variables, Strict<'_>) -> Result<Option<String>, String>;

/// Replaces the tags of `text` (the JSON of an object).
pub fn replace(
    text: &str,
    variables: &Variables,
    strict: Strict<'_>,
    expressions: Expressions<'_>,
) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        // fasttemplate: a tag ends at the first `}}`; an unclosed tag is an error.
        let Some(end) = after.find("}}") else {
            return Err(format!(
                "Cannot find end tag=\"}}}}\" in the template={text:?} starting from {after:?}"
            ));
        };
        let tag = &after[..end];
        rest = &after[end + 2..];
        if let Some(expression) = tag.strip_prefix('=') {
            // The tag sits inside a JSON string: undo its escapes first (jsonutil.Fix).
            let source: String =
                serde_json::from_str(&format!("\"{expression}\"")).unwrap_or_else(|_| expression.to_owned());
            match expressions(&source, variables, strict)? {
                Some(value) => out.push_str(&json_escape(&value)),
                None => {
                    out.push_str("{{");
                    out.push_str(tag);
                    out.push_str("}}");
                }
            }
            continue;
        }
        simple(tag, variables, strict, &mut out)?;
    }
    out.push_str(rest);
    Ok(out)
}

/// `simpleReplaceStrict`.
fn simple(tag: &str, variables: &Variables, strict: Strict<'_>, out: &mut String) -> Result<(), String> {
    let trimmed = tag.trim();
    match variables.get(trimmed) {
        Some(Some(value)) => {
            out.push_str(&json_escape(value));
            Ok(())
        }
        Some(None) => Err(format!(
            "unable to substitute {{{{{tag}}}}}: output is an absent optional (skipped/omitted node with no default)"
        )),
        None => {
            // A tag whose name is itself built from a variable: `{{a.{{b}}`
            // resolves the inner one and leaves the outer for later.
            if let Some(index) = tag.rfind("{{").filter(|&i| i > 0) {
                let (prefix, nested) = (&tag[..index], &tag[index + 2..]);
                if let Some(value) = variables.get(nested) {
                    let Some(value) = value else {
                        return Err(format!(
                            "unable to substitute nested tag {{{{{tag}}}}}: {nested:?} is an absent optional"
                        ));
                    };
                    out.push_str("{{");
                    out.push_str(prefix);
                    out.push_str(&json_escape(value));
                    return Ok(());
                }
            }
            if strict.applies(trimmed) {
                return Err(format!("failed to resolve {{{{{tag}}}}}"));
            }
            out.push_str("{{");
            out.push_str(tag);
            out.push_str("}}");
            Ok(())
        }
    }
}

/// A value as it goes inside a JSON string (Go's `strconv.Quote` without the quotes).
fn json_escape(value: &str) -> String {
    let quoted = serde_json::to_string(value).unwrap_or_default();
    quoted[1..quoted.len() - 1].to_owned()
}

/// Substitutes into a serialisable object through its JSON, as Argo does.
/// When no tag changes, the object is cloned rather than read back.
pub fn object<T>(
    value: &T,
    variables: &Variables,
    strict: Strict<'_>,
    expressions: Expressions<'_>,
) -> Result<T, String>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Clone,
{
    Ok(replaced(value, variables, strict, expressions)?.unwrap_or_else(|| value.clone()))
}

/// [`object`] of a boxed value, taken and given back as it is when it
/// has no tags (a template is 15 KB: no copy of it is made or moved).
pub fn object_boxed<T>(
    value: Box<T>,
    variables: &Variables,
    strict: Strict<'_>,
    expressions: Expressions<'_>,
) -> Result<Box<T>, String>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let json = json_of(&*value)?;
    object_boxed_json(value, &json, variables, strict, expressions)
}

/// [`object_boxed`] of a value whose JSON ([`json_of`]) the caller has
/// already written.
pub fn object_boxed_json<T>(
    value: Box<T>,
    json: &str,
    variables: &Variables,
    strict: Strict<'_>,
    expressions: Expressions<'_>,
) -> Result<Box<T>, String>
where
    T: serde::de::DeserializeOwned,
{
    match replaced_json(json, variables, strict, expressions)? {
        None => Ok(value),
        Some(text) => read_back(&text),
    }
}

/// `value` as the compact JSON text tags are replaced in.
pub fn json_of<T: serde::Serialize>(value: &T) -> Result<String, String> {
    crate::json::to_compact(value).map_err(|e| e.to_string())
}

/// `value` with its tags replaced, read back from its JSON; `None` when no
/// tag changed anything.
fn replaced<T>(
    value: &T,
    variables: &Variables,
    strict: Strict<'_>,
    expressions: Expressions<'_>,
) -> Result<Option<T>, String>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    replaced_json(&json_of(value)?, variables, strict, expressions)?.map(|text| read_back(&text)).transpose()
}

/// The JSON `text` with its tags replaced; `None` when no tag changed
/// anything. Not generic, so a model type that goes through it is never
/// built (or moved, for a 15 KB template) when nothing changes.
fn replaced_json(
    text: &str,
    variables: &Variables,
    strict: Strict<'_>,
    expressions: Expressions<'_>,
) -> Result<Option<String>, String> {
    if !text.contains("{{") {
        return Ok(None);
    }
    let replaced = replace(text, variables, strict, expressions)?;
    Ok((replaced != text).then_some(replaced))
}

/// A replaced object's JSON read back into its type.
fn read_back<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let invalid = || "cannot finish template replacement because the result was invalid JSON".to_owned();
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| invalid())?;
    crate::json::from_value(value).map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &str, _: &Variables, _: Strict<'_>) -> Result<Option<String>, String> {
        Ok(None)
    }

    fn vars(pairs: &[(&str, Option<&str>)]) -> Variables {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), v.map(str::to_owned))).collect()
    }

    #[test]
    fn simple_tags_are_trimmed_and_escaped() {
        let v = vars(&[("inputs.parameters.x", Some("a \"b\"\n"))]);
        assert_eq!(
            replace(r#"{"v":"{{ inputs.parameters.x }}"}"#, &v, Strict::All, &none).unwrap(),
            r#"{"v":"a \"b\"\n"}"#
        );
    }

    #[test]
    fn strictness_decides_unresolved_tags() {
        let v = vars(&[]);
        assert_eq!(replace("{{workflow.x}}", &v, Strict::None, &none).unwrap(), "{{workflow.x}}");
        assert_eq!(
            replace("{{steps.a.outputs.result}}", &v, Strict::All, &none).unwrap_err(),
            "failed to resolve {{steps.a.outputs.result}}"
        );
        let prefixes = Strict::Prefixes(&["steps", "tasks"]);
        assert!(replace("{{steps.a.outputs.result}}", &v, prefixes, &none).is_err());
        assert_eq!(replace("{{stepsx}} {{item}}", &v, prefixes, &none).unwrap(), "{{stepsx}} {{item}}");
    }

    #[test]
    fn absent_optionals_and_nested_tags() {
        let v = vars(&[("tasks.a.outputs.result", None), ("b", Some("x"))]);
        assert!(
            replace("{{tasks.a.outputs.result}}", &v, Strict::None, &none)
                .unwrap_err()
                .contains("absent optional")
        );
        assert_eq!(replace("{{a.{{b}}", &v, Strict::None, &none).unwrap(), "{{a.x");
        assert!(replace("{{a", &v, Strict::None, &none).unwrap_err().starts_with("Cannot find end tag"));
    }
}
