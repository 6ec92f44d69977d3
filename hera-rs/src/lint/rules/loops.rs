//! Loops of steps and tasks: one kind at a time, sequences with either
//! `count` or `end`, items Argo can iterate.

use crate::lint::at::At;
use crate::lint::context::{ObjectCx, Sink, TemplateCx};
use crate::lint::rule::declare_rule;
use crate::model::{Item, Sequence};

declare_rule! {
    /// `loop`: at most one of withItems, withParam, withSequence; withSequence has count or end, not both; no null items.
    pub static LOOP = {
        id: "loop",
        severity: Error,
        summary: "at most one of withItems, withParam, withSequence; withSequence has count or end, not both; no null items",
        remediation: "keep one of withItems, withParam, withSequence; give withSequence count or end; drop null items",
    };
}

/// The loop fields of each step and task.
pub fn loops(_: &ObjectCx<'_>, t: &TemplateCx<'_>, sink: &mut Sink) {
    for node in t.nodes() {
        let fields = node.fields;
        check(
            fields.with_items.as_deref(),
            fields.with_param.as_deref(),
            fields.with_sequence.as_ref(),
            &node.at,
            sink,
        );
    }
}

fn check(
    items: Option<&[Item]>,
    param: Option<&str>,
    sequence: Option<&Sequence>,
    path: &At<'_>,
    sink: &mut Sink,
) {
    let items = items.filter(|i| !i.is_empty());
    let param = param.filter(|p| !p.is_empty());
    if [items.is_some(), param.is_some(), sequence.is_some()].iter().filter(|set| **set).count() > 1 {
        sink.error(&LOOP, path, "only one of withItems, withParam, withSequence can be specified");
    }
    for (index, item) in items.into_iter().flatten().enumerate() {
        if item.is_null() {
            sink.error(&LOOP, &path.key("withItems").index(index), "unsupported withItems type: null");
        }
    }
    if let Some(sequence) = sequence {
        let path = path.key("withSequence");
        match (&sequence.count, &sequence.end) {
            (Some(_), Some(_)) => {
                sink.error(&LOOP, &path, "only one of count or end can be defined in withSequence")
            }
            (None, None) => sink.error(&LOOP, &path, "withSequence needs count or end"),
            _ => {}
        }
    }
}
