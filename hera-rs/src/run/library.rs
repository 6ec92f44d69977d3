//! The templates a run can reach: the workflow's own, and those of the
//! WorkflowTemplates and ClusterWorkflowTemplates given beside it
//! (`templateRef`), as Argo's `templateresolution` finds them.

use crate::model::{self, Document};
use std::cell::RefCell;
use std::collections::HashMap;

/// Which object's templates a name is looked up among.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The running workflow's own.
    Workflow,
    /// A WorkflowTemplate's.
    Template(String),
    /// A ClusterWorkflowTemplate's.
    Cluster(String),
}

/// Every template of the run, by scope.
#[derive(Debug, Default)]
pub struct Library {
    templates: HashMap<Scope, Vec<model::Template>>,
    /// ConfigMaps given beside the workflow: name → data.
    pub config_maps: HashMap<String, HashMap<String, String>>,
    /// Whether each template (by its address: the library never changes
    /// once made) holds a `{{` anywhere, found out the first time it is asked.
    tagged: RefCell<HashMap<usize, bool>>,
}

impl Library {
    /// The templates of `own` (the running spec) and of `documents`.
    pub fn new(own: &[model::Template], documents: &[Document]) -> Self {
        let mut library = Library::default();
        library.templates.insert(Scope::Workflow, own.to_vec());
        for document in documents {
            match document {
                Document::WorkflowTemplate(t) => {
                    let name = t.metadata.name.clone().unwrap_or_default();
                    library
                        .templates
                        .insert(Scope::Template(name), t.spec.templates.clone().unwrap_or_default());
                }
                Document::ClusterWorkflowTemplate(t) => {
                    let name = t.metadata.name.clone().unwrap_or_default();
                    library
                        .templates
                        .insert(Scope::Cluster(name), t.spec.templates.clone().unwrap_or_default());
                }
                Document::Other(value) if value.get("kind").and_then(|k| k.as_str()) == Some("ConfigMap") => {
                    let name = value.pointer("/metadata/name").and_then(|n| n.as_str()).unwrap_or_default();
                    let data = value
                        .get("data")
                        .and_then(|d| d.as_object())
                        .map(|d| {
                            d.iter()
                                .map(|(k, v)| {
                                    (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    library.config_maps.insert(name.to_owned(), data);
                }
                _ => {}
            }
        }
        library
    }

    /// Whether `template`, one of the library's own (found by name, not a
    /// step's inline template), holds a tag (`{{`) in any field: each pass
    /// looks at every step of a steps template again, and serialising a
    /// large template to look for tags cost more than the rest of the pass.
    pub fn has_tags(&self, template: &model::Template) -> bool {
        debug_assert!(
            self.templates.values().any(|all| all.iter().any(|t| std::ptr::eq(t, template))),
            "has_tags of a template the library does not own"
        );
        let address = std::ptr::from_ref(template) as usize;
        if let Some(known) = self.tagged.borrow().get(&address) {
            return *known;
        }
        let tagged = super::substitute::json_of(template).map_or(true, |json| json.contains("{{"));
        self.tagged.borrow_mut().insert(address, tagged);
        tagged
    }

    /// The template `name` in `scope`.
    pub fn get(&self, scope: &Scope, name: &str) -> Option<&model::Template> {
        self.templates.get(scope)?.iter().find(|t| t.name.as_deref() == Some(name))
    }

    /// Resolves what a step or task calls: `(scope the template runs in, template)`.
    /// A reference, never a copy: a template is 15 KB, and so is every
    /// move of a value that holds one (a `Cow`, a `Result`).
    /// Mirrors `TemplateContext.ResolveTemplate` and its messages.
    pub fn resolve<'a>(
        &'a self,
        scope: &Scope,
        step: &'a model::WorkflowStep,
    ) -> Result<(Scope, &'a model::Template), String> {
        match &step.inline {
            Some(inline) => Ok((scope.clone(), &**inline)),
            None => self.resolve_named(scope, step.template.as_deref(), step.template_ref.as_ref()),
        }
    }

    /// [`Library::resolve`] of a `template` name or a `templateRef`.
    pub fn resolve_named(
        &self,
        scope: &Scope,
        template: Option<&str>,
        template_ref: Option<&model::TemplateRef>,
    ) -> Result<(Scope, &model::Template), String> {
        if let Some(reference) = template_ref {
            let target = if reference.cluster_scope == Some(true) {
                Scope::Cluster(reference.name.clone().unwrap_or_default())
            } else {
                Scope::Template(reference.name.clone().unwrap_or_default())
            };
            let kind = if matches!(target, Scope::Cluster(_)) {
                "clusterworkflowtemplate"
            } else {
                "workflowtemplate"
            };
            let ref_name = reference.name.clone().unwrap_or_default();
            let Some(templates) = self.templates.get(&target) else {
                return Err(format!(
                    "{kind}.argoproj.io \"{ref_name}\" not found (give the file that defines it to hera run)"
                ));
            };
            let template_name = reference.template.clone().unwrap_or_default();
            return match templates.iter().find(|t| t.name.as_deref() == Some(template_name.as_str())) {
                Some(t) => Ok((target, t)),
                None => Err(format!("template {template_name} not found in workflow template {ref_name}")),
            };
        }
        let name = template.unwrap_or_default();
        match self.get(scope, name) {
            Some(t) => Ok((scope.clone(), t)),
            None => Err(format!("template {name} not found")),
        }
    }
}
