//! `CronWorkflow`: a workflow run on a schedule.

use super::spec::{SpecState, spec_builder};
use super::{BuildOptions, ObjectBuilder};
use crate::Result;
use crate::lint::Finding;
use crate::model::{self, Document};
use crate::path::FieldPath;

/// A CronWorkflow: runs its workflow spec on cron schedules.
///
/// ```
/// use hera::prelude::*;
/// let hello = Container::new("hello").image("busybox");
/// let cron = CronWorkflow::new("nightly").schedule("0 2 * * *").timezone("Europe/Oslo").entrypoint(hello);
/// assert_eq!(cron.to_model().unwrap().spec.schedules, ["0 2 * * *"]);
/// ```
#[derive(Clone, Debug)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct CronWorkflow {
    metadata: model::ObjectMeta,
    cron: Box<model::CronWorkflowSpec>,
    pub(crate) state: SpecState,
}

impl CronWorkflow {
    /// A CronWorkflow called `name` (at most 52 characters: Argo appends a
    /// timestamp to name each run).
    pub fn new(name: impl Into<String>) -> Self {
        CronWorkflow {
            metadata: model::ObjectMeta { name: Some(name.into()), ..Default::default() },
            cron: Box::default(),
            state: SpecState::default(),
        }
    }

    /// Adds a schedule in cron syntax (`"0 2 * * *"`, `"@daily"`).
    pub fn schedule(mut self, schedule: impl Into<String>) -> Self {
        self.cron.schedules.push(schedule.into());
        self
    }

    /// The time zone of the schedules (`"America/Los_Angeles"`).
    pub fn timezone(mut self, timezone: impl Into<String>) -> Self {
        self.cron.timezone = Some(timezone.into());
        self
    }

    /// What to do when the previous run is still going: `Allow`, `Forbid`, `Replace`.
    pub fn concurrency_policy(mut self, policy: impl Into<String>) -> Self {
        self.cron.concurrency_policy = Some(policy.into());
        self
    }

    /// How late a missed run may still start, in seconds.
    pub fn starting_deadline_seconds(mut self, seconds: i64) -> Self {
        self.cron.starting_deadline_seconds = Some(seconds);
        self
    }

    /// How many successful runs to keep.
    pub fn successful_jobs_history_limit(mut self, limit: i64) -> Self {
        self.cron.successful_jobs_history_limit = Some(limit);
        self
    }

    /// How many failed runs to keep.
    pub fn failed_jobs_history_limit(mut self, limit: i64) -> Self {
        self.cron.failed_jobs_history_limit = Some(limit);
        self
    }

    /// Pauses scheduling.
    pub fn suspend(mut self, suspend: bool) -> Self {
        self.cron.suspend = Some(suspend);
        self
    }

    /// Stops scheduling once this expression is true.
    pub fn stop_strategy(mut self, expression: impl Into<String>) -> Self {
        self.cron.stop_strategy = Some(model::StopStrategy { expression: expression.into() });
        self
    }

    /// Runs only when this expression is true at schedule time.
    pub fn when(mut self, expression: impl Into<String>) -> Self {
        self.cron.when = Some(expression.into());
        self
    }

    /// Changes the CronWorkflow spec directly (its `workflowSpec` is built from the rest).
    pub fn with_cron_spec(mut self, f: impl FnOnce(&mut model::CronWorkflowSpec)) -> Self {
        f(&mut self.cron);
        self
    }

    /// The model value, checked (warnings: see [`ObjectBuilder::check`]).
    pub fn to_model(&self) -> Result<model::CronWorkflow> {
        match self.check()?.0 {
            Document::CronWorkflow(object) => Ok(*object),
            _ => unreachable!("a CronWorkflow assembles to a CronWorkflow document"),
        }
    }

    fn build(&self, options: &BuildOptions) -> (model::CronWorkflow, Vec<Finding>) {
        let (workflow_spec, problems) = self.state.build(options, &FieldPath::keys("spec.workflowSpec"));
        let spec = model::CronWorkflowSpec { workflow_spec, ..(*self.cron).clone() };
        (model::CronWorkflow { metadata: self.metadata.clone(), spec, ..Default::default() }, problems)
    }
}

spec_builder!(CronWorkflow);

impl super::sealed::Assemble for CronWorkflow {
    fn assemble(&self, options: &BuildOptions) -> (Document, Vec<Finding>) {
        let (object, problems) = self.build(options);
        (object.into(), problems)
    }
}

impl ObjectBuilder for CronWorkflow {}
