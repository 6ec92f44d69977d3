//! The rules, one small module per concern. Each check is a function over
//! an object ([`ObjectCheck`]) or one of its templates ([`TemplateCheck`]);
//! the tables below are the whole list, and [`RULES`] documents every
//! identifier a finding can carry.

mod arguments;
mod artifacts;
pub(crate) mod builder;
mod containers;
mod cron;
pub(crate) mod dag;
mod field_names;
mod loops;
pub(crate) mod metadata;
mod outputs;
mod references;
mod resource;
mod spec_fields;
mod template_body;
mod variables;

use super::Rule;
use super::context::{ObjectCx, Sink, TemplateCx};
use crate::model::Document;
pub(crate) use references::references_are_external;

/// A check of a whole object.
pub type ObjectCheck = fn(&ObjectCx<'_>, &mut Sink);
/// A check of one template of an object.
pub type TemplateCheck = fn(&ObjectCx<'_>, &TemplateCx<'_>, &mut Sink);

/// Checks of documents of any kind (names).
pub const DOCUMENT_CHECKS: &[fn(&Document, &mut Sink)] = &[metadata::object_name, metadata::labels];

/// Checks of whole objects.
pub const OBJECT_CHECKS: &[ObjectCheck] = &[
    field_names::templates,
    field_names::workflow_arguments,
    references::entrypoint,
    references::workflow_template_ref,
    references::workflow_hooks,
    arguments::workflow_arguments,
    artifacts::workflow_artifacts,
    arguments::entrypoint_inputs,
    template_body::workflow_level,
    spec_fields::spec_fields,
    cron::cron_workflow,
    variables::variables,
];

/// Checks of each template.
pub const TEMPLATE_CHECKS: &[TemplateCheck] = &[
    field_names::template,
    template_body::kind,
    template_body::image,
    template_body::leaf_fields,
    template_body::retry,
    template_body::pod_resources,
    template_body::metrics,
    template_body::crd_limits,
    containers::mounts,
    containers::container_names,
    containers::container_set,
    containers::quantities,
    resource::resource,
    arguments::inputs,
    outputs::outputs,
    references::calls,
    arguments::calls,
    loops::loops,
    artifacts::artifacts,
    dag::dag,
];

/// Every rule, in the order of the docs: the checks' rules, then those the
/// builders report.
pub static RULES: &[&Rule] = &[
    &super::read::YAML,
    &super::read::UNQUOTED_STRING,
    &metadata::OBJECT_NAME,
    &metadata::LABEL,
    &artifacts::ARTIFACT,
    &field_names::TEMPLATE_NAME,
    &field_names::STEP_NAME,
    &field_names::TASK_NAME,
    &field_names::CONTAINER_NAME,
    &field_names::PARAMETER_NAME,
    &references::ENTRYPOINT,
    &references::TEMPLATE_UNDEFINED,
    &references::TEMPLATE_REF,
    &references::WORKFLOW_TEMPLATE_REF,
    &references::TEMPLATE_REF_NOT_FOUND,
    &references::HOOK,
    &template_body::TEMPLATE_TYPE,
    &template_body::IMAGE,
    &template_body::LEAF_FIELD,
    &template_body::DURATION,
    &template_body::RETRY_POLICY,
    &template_body::POD_RESOURCES,
    &template_body::METRIC,
    &template_body::CRD_LIMIT,
    &template_body::ENUM,
    &spec_fields::LABEL_SELECTOR,
    &spec_fields::EXECUTOR_PLUGIN,
    &containers::MOUNT,
    &containers::CONTAINER_SET,
    &containers::QUANTITY,
    &resource::RESOURCE,
    &arguments::INPUT,
    &arguments::ARGUMENT,
    &arguments::INPUT_SUPPLIED,
    &arguments::ARGUMENT_UNKNOWN,
    &outputs::OUTPUT,
    &loops::LOOP,
    &dag::DAG,
    &dag::DEPENDS,
    &dag::DAG_ANCESTOR,
    &variables::VARIABLE,
    &variables::LOOP_ITEM,
    &cron::CRON,
    &builder::DUPLICATE_TEMPLATE,
    &builder::FOREIGN_REFERENCE,
    &builder::ON_EXIT_ARGUMENTS,
    &builder::VERSION,
    &builder::SERIALISE,
    &builder::ENVIRONMENT,
    &builder::UNVERSIONED,
];
