//! Templates deployed separately, called by reference.

use crate::author::wiring::call::{Call, Target};
use crate::model;

/// A template of a WorkflowTemplate (or, with [`cluster_scope`](Self::cluster_scope),
/// of a ClusterWorkflowTemplate) deployed separately.
///
/// ```
/// use hera::TemplateRef;
/// let call = TemplateRef::new("workflow-template-print-message", "print-message").call().argument("message", "hi");
/// assert_eq!(call.template_name(), "print-message");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct TemplateRef(model::TemplateRef);

impl TemplateRef {
    /// The template `template` of the WorkflowTemplate `workflow_template`.
    pub fn new(workflow_template: impl Into<String>, template: impl Into<String>) -> Self {
        TemplateRef(model::TemplateRef {
            name: Some(workflow_template.into()),
            template: Some(template.into()),
            ..Default::default()
        })
    }

    /// Refers to a ClusterWorkflowTemplate instead.
    pub fn cluster_scope(mut self) -> Self {
        self.0.cluster_scope = Some(true);
        self
    }

    /// A call of the referenced template.
    pub fn call(&self) -> Call {
        Call::new(Target::Ref(self.0.clone()))
    }
}
