//! Naming rules, with Argo's (and Kubernetes') limits.

/// Longest template, step, task or container-set container name.
pub const MAX_FIELD_NAME: usize = 128;
/// Longest Workflow, WorkflowTemplate or ClusterWorkflowTemplate name (a label value).
pub const MAX_WORKFLOW_NAME: usize = 63;
/// Longest CronWorkflow name: Argo appends `-<unix time>` to name each run.
pub const MAX_CRON_WORKFLOW_NAME: usize = 52;
/// Longest Kubernetes object name (a DNS-1123 subdomain).
pub const MAX_OBJECT_NAME: usize = 253;
/// Characters Kubernetes appends to a `generateName`.
pub const GENERATED_SUFFIX: usize = 5;

/// `text` with every `{{...}}` tag replaced by `with` (an unclosed `{{`
/// is left as it is). Argo checks step and task names this way.
pub fn replace_tags(text: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start + 2..].find("}}") else { break };
        out.push_str(&rest[..start]);
        out.push_str(with);
        rest = &rest[start + 2 + end + 2..];
    }
    out.push_str(rest);
    out
}

fn is_lower_alnum(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// A template name: Argo's `^[a-zA-Z0-9][-a-zA-Z0-9]*$`, at most 128.
pub fn template_name(name: &str) -> Result<(), String> {
    node_name("template", name)
}

/// The name of a template that runs a pod: the pod's name includes it, and
/// Kubernetes refuses upper-case pod names, so it must be lower case.
pub fn pod_template_name(name: &str) -> Result<(), String> {
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        Err(format!(
            "template name '{name}' must be lower case: the template runs a pod whose name includes it, \
             and Kubernetes refuses upper-case pod names"
        ))
    } else {
        Ok(())
    }
}

/// A step, DAG-task or container-set container name: Argo's
/// `^[a-zA-Z0-9][-a-zA-Z0-9]*$`, at most 128 (`{{...}}` counts as one character).
pub fn node_name(kind: &str, name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err(format!("{kind} name is required"));
    }
    // Argo checks step names with each `{{...}}` replaced by `x`.
    let plain = replace_tags(name, "x");
    let valid = plain.starts_with(|c: char| c.is_ascii_alphanumeric())
        && plain.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let mut problems = Vec::new();
    if !valid {
        problems.push(format!(
            "{kind} name '{name}' is invalid: name must consist of alpha-numeric characters or '-', and must start \
             with an alpha-numeric character (e.g. My-name1-2, 123-NAME)"
        ));
    }
    if plain.len() > MAX_FIELD_NAME {
        problems.push(format!("{kind} name '{name}' must be no more than {MAX_FIELD_NAME} characters"));
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("; ")) }
}

/// A parameter or artifact name: `^[-a-zA-Z0-9_]+$`.
pub fn parameter_name(kind: &str, name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err(format!("{kind} name is required"));
    }
    if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        Ok(())
    } else {
        Err(format!(
            "{kind} name '{name}' is invalid: {kind} name must consist of alpha-numeric characters, '_' or '-' \
             e.g. my_param_1, MY-PARAM-1"
        ))
    }
}

/// A Kubernetes object name: a DNS-1123 subdomain of at most `max` characters.
pub fn object_name(name: &str, max: usize) -> Result<(), String> {
    if name.is_empty() {
        return Err("name is required".into());
    }
    let mut problems = Vec::new();
    if !is_subdomain(name) {
        problems.push(format!(
            "'{name}' is not a valid Kubernetes name: a lowercase RFC 1123 subdomain must consist of lower case \
             alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
        ));
    }
    if name.len() > max {
        problems
            .push(format!("'{name}' must not be more than {max} characters long (currently {})", name.len()));
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("; ")) }
}

/// A `generateName` prefix: with the random characters Kubernetes
/// appends it must make a valid object name. A long prefix is not an error:
/// the API server cuts it to leave room for the suffix.
pub fn generate_name(prefix: &str) -> Result<(), String> {
    if prefix.is_empty() {
        return Err("generateName must not be empty".into());
    }
    let sample = format!("{prefix}{}", "a".repeat(GENERATED_SUFFIX));
    if is_subdomain(&sample) {
        Ok(())
    } else {
        Err(format!(
            "generateName '{prefix}' is invalid: it must consist of lower case alphanumeric characters, '-' or \
             '.', and start with an alphanumeric character"
        ))
    }
}

/// Longest label value.
pub const MAX_LABEL_VALUE: usize = 63;

/// A label value: empty, or at most 63 alphanumerics, `-`, `_` and `.`,
/// starting and ending with an alphanumeric.
pub fn label_value(value: &str) -> Result<(), String> {
    let valid = value.is_empty()
        || (value.len() <= MAX_LABEL_VALUE
            && value.starts_with(|c: char| c.is_ascii_alphanumeric())
            && value.ends_with(|c: char| c.is_ascii_alphanumeric())
            && value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')));
    if valid {
        Ok(())
    } else {
        Err(format!(
            "label value '{value}' is invalid: at most {MAX_LABEL_VALUE} alphanumeric characters, '-', '_' or '.', \
             starting and ending with an alphanumeric"
        ))
    }
}

/// A label key: an optional DNS-subdomain prefix and `/`, then a name of at
/// most 63 alphanumerics, `-`, `_` and `.`, starting and ending with an
/// alphanumeric.
pub fn label_key(key: &str) -> Result<(), String> {
    let (prefix, name) = key.rsplit_once('/').map_or((None, key), |(p, n)| (Some(p), n));
    let name_ok = !name.is_empty() && label_value(name).is_ok();
    let prefix_ok = prefix.is_none_or(|p| p.len() <= MAX_OBJECT_NAME && is_subdomain(p));
    if name_ok && prefix_ok {
        Ok(())
    } else {
        Err(format!(
            "label key '{key}' is invalid: an optional DNS subdomain prefix and '/', then at most \
             {MAX_LABEL_VALUE} alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric"
        ))
    }
}

fn is_subdomain(name: &str) -> bool {
    name.split('.').all(|label| {
        !label.is_empty()
            && label.chars().all(|c| is_lower_alnum(c) || c == '-')
            && label.starts_with(is_lower_alnum)
            && label.ends_with(is_lower_alnum)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_follow_argo_and_pod_templates_are_lower_case() {
        assert!(template_name("print-message").is_ok());
        assert!(template_name("A").is_ok());
        assert!(pod_template_name("Print").unwrap_err().contains("must be lower case"));
        assert!(pod_template_name("print-2").is_ok());
        assert!(template_name("-x").is_err());
        assert!(template_name("a_b").is_err());
        assert!(template_name(&"a".repeat(129)).unwrap_err().contains("no more than 128"));
        assert_eq!(template_name(""), Err("template name is required".into()));
    }

    #[test]
    fn step_and_task_names_follow_argo() {
        assert!(node_name("task", "A").is_ok());
        assert!(node_name("task", "inner-B2").is_ok());
        assert!(node_name("step", "hello-{{item}}").is_ok());
        assert!(node_name("task", "-a").is_err());
        assert!(node_name("task", "a_b").unwrap_err().contains("task name 'a_b' is invalid"));
        assert_eq!(replace_tags("name: {{x}}-{{ y }}", "v"), "name: v-v");
        assert_eq!(replace_tags("{{open", "v"), "{{open");
    }

    #[test]
    fn parameters_objects_and_generate_names() {
        assert!(parameter_name("parameter", "my_param-1").is_ok());
        assert!(parameter_name("parameter", "a.b").is_err());
        assert!(object_name("my-wt-v1.2.3", MAX_WORKFLOW_NAME).is_ok());
        assert!(object_name("My", MAX_WORKFLOW_NAME).is_err());
        assert!(object_name("a..b", MAX_WORKFLOW_NAME).is_err());
        assert!(object_name(&"a".repeat(64), MAX_WORKFLOW_NAME).unwrap_err().contains("currently 64"));
        assert!(generate_name("hello-world-").is_ok());
        assert!(generate_name("Hello-").is_err());
        assert!(generate_name(&"a".repeat(80)).is_ok(), "the API server shortens long prefixes");
        assert!(label_value("1.2.3").is_ok() && label_value("").is_ok());
        assert!(label_value("1.2.3+build").is_err() && label_value(&"a".repeat(64)).is_err());
        assert!(label_key("app.kubernetes.io/version").is_ok() && label_key("team").is_ok());
        assert!(label_key("Bad Key").is_err() && label_key("a/b/c").is_err() && label_key("x/").is_err());
    }
}
