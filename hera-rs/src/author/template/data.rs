//! `Data`: a template that lists and filters artifacts without a pod of its own.

use super::{TemplateDef, named, template_builder, template_mut};
use crate::model;
use std::sync::Arc;

/// A template that reads the file names of an artifact and transforms the
/// list with expressions; the result is the list.
///
/// ```
/// use hera::prelude::*;
/// let list = Data::new("list-log-files").artifact_paths("test-bucket", S3::bucket("my-bucket"))
///     .transformation("filter(data, {# endsWith \"main.log\"})");
/// assert_eq!(list.to_model().data.unwrap().transformation.len(), 1);
/// ```
#[derive(Clone, Debug)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Data {
    def: Arc<TemplateDef>,
}

impl Data {
    /// A data template called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        let mut def = named(name);
        Arc::make_mut(&mut def).template.data = Some(model::Data::default());
        Data { def }
    }

    fn data(&mut self) -> &mut model::Data {
        template_mut(self).data.get_or_insert_with(Default::default)
    }

    /// Lists the files of the S3 location `s3` (an artifact called `name`).
    pub fn artifact_paths(mut self, name: impl Into<String>, s3: impl Into<model::S3Artifact>) -> Self {
        self.data().source.artifact_paths =
            Some(model::ArtifactPaths { name: name.into(), s3: Some(s3.into()), ..Default::default() });
        self
    }

    /// Adds a transformation step (an expr-lang expression over `data`).
    pub fn transformation(mut self, expression: impl Into<String>) -> Self {
        self.data().transformation.push(model::TransformationStep { expression: expression.into() });
        self
    }
}

template_builder!(Data);
