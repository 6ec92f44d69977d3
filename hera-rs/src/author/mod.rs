//! Layer 2 of DESIGN.md: the builders a workflow program is written with.
//!
//! * [`template`] — one builder per Argo template kind, and [`TemplateRef`](template::TemplateRef).
//! * [`object`] — `Workflow`, `WorkflowTemplate`, `ClusterWorkflowTemplate`,
//!   `CronWorkflow` and the spec fields they share.
//! * [`wiring`] — calls, DAG tasks, steps, `depends`, references and conditions:
//!   how templates are connected, with dependencies inferred from the data.
//!
//! Everything public here is re-exported at the crate root (`hera::Dag`, ...);
//! the sub-modules are the layout, not extra paths to learn.

pub(crate) mod object;
pub(crate) mod setters;
pub(crate) mod template;
pub(crate) mod wiring;
