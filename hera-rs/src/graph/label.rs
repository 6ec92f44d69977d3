//! The words on nodes and edges, before any format's escaping.

use crate::model::{IntOrString, Item, Sequence, Template, TemplateRef};

/// Detail lines longer than this are cut: a drawing is for reading at a glance.
const MAX_DETAIL: usize = 60;

/// `name/template` for a `templateRef`, marked when cluster-scoped.
pub(crate) fn template_ref(reference: &TemplateRef) -> String {
    let name = reference.name.as_deref().unwrap_or("?");
    let template = reference.template.as_deref().unwrap_or("?");
    let scope = if reference.cluster_scope == Some(true) { " (cluster)" } else { "" };
    format!("{name}/{template}{scope}")
}

/// What kind of template this is, by the field that says what it runs.
pub(crate) fn template_kind(template: &Template) -> &'static str {
    let kinds = [
        (template.container.is_some(), "container"),
        (template.script.is_some(), "script"),
        (template.resource.is_some(), "resource"),
        (template.suspend.is_some(), "suspend"),
        (template.http.is_some(), "http"),
        (template.container_set.is_some(), "containerSet"),
        (template.data.is_some(), "data"),
        (template.plugin.is_some(), "plugin"),
        (template.dag.is_some(), "dag"),
        (template.steps.is_some(), "steps"),
    ];
    kinds.iter().find(|(present, _)| *present).map_or("template", |(_, kind)| kind)
}

/// A leaf template's name, with its kind when it is not a plain pod
/// (`approve (suspend)`): those behave differently in a run.
pub(crate) fn leaf_template(name: &str, template: &Template) -> String {
    match template_kind(template) {
        "container" | "script" => name.to_owned(),
        kind => format!("{name} ({kind})"),
    }
}

/// The loop line of a looped task or step, if it loops.
pub(crate) fn loop_detail(
    items: &Option<Vec<Item>>,
    param: &Option<String>,
    sequence: &Option<Sequence>,
) -> Option<String> {
    if let Some(items) = items {
        let json = serde_json::to_string(items).unwrap_or_default();
        return Some(if json.chars().count() <= 40 {
            format!("for each item in {json}")
        } else {
            format!("for each of {} items", items.len())
        });
    }
    if let Some(param) = param {
        return Some(format!("for each item in {}", shorten(param)));
    }
    let sequence = sequence.as_ref()?;
    let number = |n: &Option<IntOrString>| match n {
        Some(IntOrString::Int(n)) => n.to_string(),
        Some(IntOrString::String(s)) => s.clone(),
        None => "0".to_owned(),
    };
    Some(match &sequence.count {
        Some(_) => format!("for each of {} numbers", number(&sequence.count)),
        None => format!("for each number in {}..{}", number(&sequence.start), number(&sequence.end)),
    })
}

/// `text` on one line (runs of whitespace become one space), cut to a
/// readable length with `…`.
pub(crate) fn shorten(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= MAX_DETAIL {
        return line;
    }
    let mut cut: String = line.chars().take(MAX_DETAIL - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loops_say_what_they_iterate() {
        let items = Some(vec![1.into(), 2.into()]);
        assert_eq!(loop_detail(&items, &None, &None).unwrap(), "for each item in [1,2]");
        let many = Some((0..30).map(Into::into).collect());
        assert_eq!(loop_detail(&many, &None, &None).unwrap(), "for each of 30 items");
        let sequence = Sequence { start: Some(1.into()), end: Some("{{x}}".into()), ..Default::default() };
        assert_eq!(loop_detail(&None, &None, &Some(sequence)).unwrap(), "for each number in 1..{{x}}");
        let count = Sequence { count: Some(5.into()), ..Default::default() };
        assert_eq!(loop_detail(&None, &None, &Some(count)).unwrap(), "for each of 5 numbers");
        assert_eq!(loop_detail(&None, &None, &None), None);
    }

    #[test]
    fn long_and_multi_line_text_is_shortened() {
        assert_eq!(shorten("a\n  b"), "a b");
        let long = "x".repeat(100);
        assert_eq!(shorten(&long).chars().count(), MAX_DETAIL);
        assert!(shorten(&long).ends_with('…'));
    }
}
