//! `Manifest`: any Kubernetes object, untyped, printed as it was given.

use super::spec::SpecState;
use super::{BuildOptions, ObjectBuilder};
use crate::lint::Finding;
use crate::model::{self, Document};
use serde_json::Value;

/// Any Kubernetes manifest (a ConfigMap, a PersistentVolumeClaim, a
/// WorkflowEventBinding, ...) that a program prints beside its workflows,
/// as it was written. The metadata methods of [`ObjectBuilder`] change it.
///
/// ```
/// use hera::prelude::*;
/// let config = Manifest::from_yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  retries: \"3\"\n");
/// let yaml = config.namespace("argo").to_yaml().unwrap();
/// assert!(yaml.contains("kind: ConfigMap") && yaml.contains("namespace: argo") && yaml.contains("retries: \"3\""));
/// ```
#[derive(Clone, Debug)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Manifest {
    document: Result<Document, String>,
    /// What the metadata methods set, applied over the manifest's own.
    metadata: model::ObjectMeta,
    pub(crate) state: SpecState,
}

impl Manifest {
    /// The one object of a YAML (or JSON) document. A text that is not one
    /// object is an error of the manifest, reported when it is built.
    pub fn from_yaml(text: &str) -> Self {
        let document = match crate::yaml::documents(text) {
            Ok(mut documents) if documents.len() == 1 => Ok(documents.remove(0)),
            Ok(documents) => Err(format!("a manifest is one YAML document, not {}", documents.len())),
            Err(error) => Err(error.to_string()),
        };
        Manifest { document, metadata: model::ObjectMeta::default(), state: SpecState::default() }
    }

    /// A manifest from a model document.
    pub fn from_document(document: Document) -> Self {
        Manifest {
            document: Ok(document),
            metadata: model::ObjectMeta::default(),
            state: SpecState::default(),
        }
    }
}

impl super::sealed::HasMetadata for Manifest {
    fn metadata_mut(&mut self) -> &mut model::ObjectMeta {
        &mut self.metadata
    }
}

impl super::sealed::Assemble for Manifest {
    fn assemble(&self, _options: &BuildOptions) -> (Document, Vec<Finding>) {
        match &self.document {
            Ok(document) => {
                let mut document = document.clone();
                apply_metadata(&mut document, &self.metadata);
                (document, Vec::new())
            }
            Err(message) => (
                Document::Other(Value::Null),
                vec![Finding::builder(
                    &crate::lint::rules::builder::SERIALISE,
                    "",
                    format!("the manifest cannot be read: {message}"),
                )],
            ),
        }
    }
}

/// The namespace, labels and annotations set by the builder, over the
/// document's own.
fn apply_metadata(document: &mut Document, set: &model::ObjectMeta) {
    if *set == model::ObjectMeta::default() {
        return;
    }
    if let Some(meta) = document.metadata_mut() {
        if set.namespace.is_some() {
            meta.namespace.clone_from(&set.namespace);
        }
        for (mine, theirs) in [(&mut meta.labels, &set.labels), (&mut meta.annotations, &set.annotations)] {
            if let Some(theirs) = theirs {
                mine.get_or_insert_with(Default::default).extend(theirs.clone());
            }
        }
        return;
    }
    let Document::Other(Value::Object(object)) = document else { return };
    let meta = object.entry("metadata").or_insert_with(|| Value::Object(Default::default()));
    let Value::Object(meta) = meta else { return };
    if let Some(namespace) = &set.namespace {
        meta.insert("namespace".into(), Value::String(namespace.clone()));
    }
    for (key, theirs) in [("labels", &set.labels), ("annotations", &set.annotations)] {
        if let Some(theirs) = theirs {
            let entry = meta.entry(key).or_insert_with(|| Value::Object(Default::default()));
            if let Value::Object(entry) = entry {
                entry.extend(theirs.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))));
            }
        }
    }
}

impl ObjectBuilder for Manifest {}

/// The metadata and the output (also reachable through [`ObjectBuilder`]).
impl Manifest {
    super::object_builder_methods!(pub);
}
