//! Names: template names from function names, Argo's name rules and "did
//! you mean" hints. The rules and the hints are `hera-rs-names`, the ones
//! hera's lint applies, so a name the macro accepts lints clean.

use heck::ToKebabCase;
use hera_rs_names::closest;

/// `add_numbers` → `add-numbers` (a raw identifier loses its `r#`).
pub fn template_name(function: &str) -> String {
    function.trim_start_matches("r#").to_kebab_case()
}

/// Whether Argo accepts `name` for a script template: a valid template name
/// in lower case (the template runs a pod whose name includes it).
pub fn check_template_name(name: &str) -> Result<(), String> {
    hera_rs_names::template_name(name)?;
    hera_rs_names::pod_template_name(name)
}

/// Whether Argo accepts `name` for an input or output (`kind`: "parameter",
/// "artifact", "output"); the message says what to do in Rust.
pub fn check_io_name(kind: &str, name: &str) -> Result<(), String> {
    hera_rs_names::parameter_name(kind, name)
        .map_err(|problem| format!("{problem}; Argo uses the Rust name, so rename `{name}`"))
}

/// "unknown key" message with a hint.
pub fn unknown(what: &str, word: &str, known: &[&str]) -> String {
    match closest(word, known) {
        Some(hint) => format!("unknown {what} `{word}`, did you mean `{hint}`?"),
        None => format!("unknown {what} `{word}`; expected one of: {}", known.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_hints() {
        assert_eq!(template_name("add_numbers"), "add-numbers");
        assert_eq!(template_name("r#type"), "type");
        assert!(check_template_name("sum-up").is_ok());
        assert!(check_template_name("Sum-Up").unwrap_err().contains("must be lower case"));
        assert!(check_template_name("sum_up").unwrap_err().contains("template name 'sum_up' is invalid"));
        assert!(check_io_name("parameter", "max_retries").is_ok());
        assert!(check_io_name("parameter", "größe").unwrap_err().ends_with("rename `größe`"));
        assert_eq!(
            unknown("option", "imgae", &["image", "name"]),
            "unknown option `imgae`, did you mean `image`?"
        );
        assert_eq!(
            unknown("option", "zzz", &["image", "name"]),
            "unknown option `zzz`; expected one of: image, name"
        );
    }
}
