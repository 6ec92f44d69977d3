//! CronWorkflows: schedules, time zone, concurrency policy, deadline.

use super::template_body::ENUM;
use crate::lint::context::{ObjectCx, Sink};
use crate::lint::rule::declare_rule;
use crate::syntax::schedule;

declare_rule! {
    /// `cron`: CronWorkflow: at least one schedule, each valid (five fields, @daily, @every 1h, ...); the time zone is an IANA name; startingDeadlineSeconds not negative.
    pub static CRON = {
        id: "cron",
        severity: Error,
        summary: "CronWorkflow: at least one schedule, each valid (five fields, @daily, @every 1h, ...); the time zone is an IANA name; startingDeadlineSeconds not negative",
        remediation: "give at least one schedule of five fields or a macro (@daily, @every 1h), an IANA time zone and a startingDeadlineSeconds of zero or more",
    };
}

const CONCURRENCY_POLICIES: [&str; 3] = ["Allow", "Forbid", "Replace"];

/// The CronWorkflow part of a CronWorkflow.
pub fn cron_workflow(object: &ObjectCx<'_>, sink: &mut Sink) {
    let Some(cron) = object.cron else { return };
    let spec = crate::path::FieldPath::root().key("spec");
    if cron.schedules.is_empty() {
        sink.error(&CRON, &spec.key("schedules"), "a CronWorkflow needs at least one schedule");
    }
    for (index, text) in cron.schedules.iter().enumerate() {
        let path = spec.key("schedules").index(index);
        match schedule::parse(text) {
            Ok(Some(zone)) => time_zone(zone, &path, sink),
            Ok(None) => {}
            Err(message) => {
                sink.error(&CRON, &path, format!("cron schedule '{text}' is malformed: {message}"))
            }
        }
    }
    if let Some(zone) = cron.timezone.as_deref() {
        time_zone(zone, &spec.key("timezone"), sink);
    }
    if let Some(policy) = cron.concurrency_policy.as_deref()
        && !policy.is_empty()
        && !CONCURRENCY_POLICIES.contains(&policy)
    {
        sink.error(
            &ENUM,
            &spec.key("concurrencyPolicy"),
            format!(
                "'{policy}' is not a valid concurrencyPolicy: use one of {}",
                CONCURRENCY_POLICIES.join(", ")
            ),
        );
    }
    if let Some(seconds) = cron.starting_deadline_seconds
        && seconds < 0
    {
        sink.error(
            &CRON,
            &spec.key("startingDeadlineSeconds"),
            format!("startingDeadlineSeconds must be positive, not {seconds}"),
        );
    }
}

/// A time zone as Go's `time.LoadLocation` takes it: an IANA name, `UTC`,
/// `Local` or empty (UTC).
fn time_zone(zone: &str, path: &crate::path::FieldPath, sink: &mut Sink) {
    if zone.is_empty() || zone == "Local" || crate::support::time_zone::is_known(zone) {
        return;
    }
    let suggestion = crate::support::suggest::did_you_mean(zone, crate::support::time_zone::names());
    sink.error(&CRON, path, format!("unknown time zone '{zone}': use an IANA name such as Europe/Paris or America/New_York{suggestion}"));
}
