//! The order of fields, which serde keeps as the order of keys in emitted YAML.
//!
//! One rule for every object, so output reads the same everywhere:
//! 1. in objects that have an `apiVersion` (resources and references to
//!    them), the keys of [`ENVELOPE`]: `apiVersion`, `kind`, `metadata`,
//!    `spec`, `status`;
//! 2. the keys of [`LEAD`], in that order: what names the object
//!    (`name`, `generateName`, `namespace`, `labels`), then what says when and
//!    what it runs (`schedules`, `entrypoint`, `template`, `templateRef`, `inline`, `inputs`,
//!    `outputs`, `arguments`, `image`, `command`, `args`) and its value
//!    (`value`, `default`, `path`);
//! 3. every other key, alphabetically;
//! 4. the keys of [`TAIL`], in that order: long bodies that read best last
//!    (a script's `source`, a resource's `manifest`, a template's body such as
//!    `container`, `steps` or `dag`, a spec's `templates`, a CronWorkflow's
//!    `workflowSpec`).

use super::naming::Field;

/// Keys that come first in objects with an `apiVersion`, in this order.
pub const ENVELOPE: [&str; 5] = ["apiVersion", "kind", "metadata", "spec", "status"];

/// Keys that come first (after the envelope), in this order.
pub const LEAD: [&str; 18] = [
    "name",
    "generateName",
    "namespace",
    "labels",
    "schedules",
    "entrypoint",
    "template",
    "templateRef",
    "inline",
    "inputs",
    "outputs",
    "arguments",
    "image",
    "command",
    "args",
    "value",
    "default",
    "path",
];

/// Keys that come last, in this order.
pub const TAIL: [&str; 14] = [
    "source",
    "manifest",
    "container",
    "script",
    "resource",
    "suspend",
    "http",
    "containerSet",
    "data",
    "plugin",
    "steps",
    "dag",
    "templates",
    "workflowSpec",
];

/// Sorts fields into the documented order.
pub fn sort_fields(fields: &mut [Field]) {
    let resource = fields.iter().any(|f| f.json == "apiVersion");
    fields.sort_by(|a, b| rank(&a.json, resource).cmp(&rank(&b.json, resource)));
}

fn rank(key: &str, resource: bool) -> (u8, usize, &str) {
    if let Some(i) = ENVELOPE.iter().position(|k| resource && *k == key) {
        (0, i, "")
    } else if let Some(i) = LEAD.iter().position(|k| *k == key) {
        (1, i, "")
    } else if let Some(i) = TAIL.iter().position(|k| *k == key) {
        (3, i, "")
    } else {
        (2, 0, key)
    }
}
