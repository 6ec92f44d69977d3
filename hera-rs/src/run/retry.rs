//! `processNodeRetries`: whether a retried node tries again, waits, or ends.

use super::engine::Engine;
use super::node::Phase;
use crate::model;

impl Engine<'_> {
    /// Decides the retry node `id`'s next move: `Ok(true)` to start or
    /// continue an attempt, `Ok(false)` to wait (a backoff).
    pub(crate) fn process_retries(
        &mut self,
        id: &str,
        strategy: &model::RetryStrategy,
    ) -> Result<bool, String> {
        let node = self.nodes[id].clone();
        if node.phase.fulfilled() {
            return Ok(true);
        }
        let Some(last_id) = node.children.last() else { return Ok(true) };
        let last = self.nodes[last_id].clone();
        if last.daemoned {
            self.nodes.get_mut(id).expect("exists").daemoned = true;
            self.tree_version += 1;
        }
        if !last.phase.fulfilled() {
            // A daemoned attempt: the retry node takes its phase (processNodeRetries).
            if last.daemoned {
                self.mark_phase(&node.name, last.phase, None);
            }
            return Ok(true);
        }
        if !last.phase.failed_or_error() {
            let outputs = last.outputs.clone();
            self.nodes.get_mut(id).expect("exists").outputs = outputs;
            self.mark_phase(&node.name, Phase::Succeeded, None);
            return Ok(true);
        }
        // processNodeRetries: no attempt starts past the workflow's deadline.
        if self.past_workflow_deadline() {
            let message = format!("retry exceeded workflow deadline {}", self.workflow_deadline_text());
            self.mark_phase(&node.name, last.phase, Some(message));
            return Ok(true);
        }
        let attempts = node.children.len();
        let limit = match &strategy.limit {
            Some(limit) => {
                Some(int_or_string(limit).map_err(|e| format!("invalid retryStrategy.limit: {e}"))?)
            }
            None => None,
        };
        if let Some(backoff) = &strategy.backoff {
            let mut max_deadline = None;
            if let Some(max) = backoff.max_duration.as_deref().filter(|m| !m.is_empty()) {
                let first = &self.nodes[&node.children[0]];
                let deadline = first.started_at + crate::syntax::duration::seconds(max)?;
                if self.clock.now() > deadline {
                    self.mark_phase(&node.name, last.phase, Some("Max duration limit exceeded".into()));
                    return Ok(true);
                }
                max_deadline = Some(deadline);
            }
            let Some(base) = backoff.duration.as_deref().filter(|d| !d.is_empty()) else {
                return Err("no base duration specified for retryStrategy".into());
            };
            let base = crate::syntax::duration::seconds(base)?;
            let mut wait = base;
            if let Some(factor) = &backoff.factor {
                let factor = int_or_string(factor)
                    .map_err(|e| format!("invalid retryStrategy.backoff.factor: {e}"))?;
                if factor > 0 {
                    wait = base * (factor as f64).powi(attempts as i32 - 1);
                }
            }
            if let Some(cap) = backoff.cap.as_deref().filter(|c| !c.is_empty()) {
                wait = wait.min(crate::syntax::duration::seconds(cap)?);
            }
            let waiting_deadline = last.finished_at.unwrap_or(last.started_at) + wait;
            if max_deadline.is_some_and(|max| waiting_deadline > max) {
                self.mark_phase(
                    &node.name,
                    last.phase,
                    Some("Backoff would exceed max duration limit".into()),
                );
                return Ok(true);
            }
            if self.clock.now() < waiting_deadline && limit.is_some_and(|l| attempts as i64 <= l) {
                self.wake_at(waiting_deadline);
                self.mark_phase(&node.name, node.phase, Some(format!("Backoff for {}", humanize(wait))));
                return Ok(false);
            }
            self.mark_phase(&node.name, node.phase, Some(String::new()));
        }
        let (on_failed, on_error) = match strategy.retry_policy.as_deref().unwrap_or("") {
            "Always" => (true, true),
            "OnError" => (false, true),
            // Locally no error is transient.
            "OnTransientError" => (false, false),
            "OnFailure" | "" => (true, false),
            other => return Err(format!("{other} is not a valid RetryPolicy")),
        };
        if (last.phase == Phase::Failed && !on_failed) || (last.phase == Phase::Error && !on_error) {
            self.mark_phase(&node.name, last.phase, Some(last.message.clone()));
            return Ok(true);
        }
        if limit.is_some_and(|l| attempts as i64 > l) {
            self.mark_phase(&node.name, last.phase, Some("No more retries left".into()));
            return Ok(true);
        }
        if let Some(expression) = strategy.expression.as_deref().filter(|e| !e.is_empty()) {
            let mut vars = super::substitute::Variables::default();
            let code = last.outputs.as_ref().and_then(|o| o.exit_code.clone()).unwrap_or_else(|| "-1".into());
            vars.insert("lastRetry.exitCode".into(), Some(code));
            vars.insert("lastRetry.status".into(), Some(last.phase.as_str().into()));
            vars.insert("lastRetry.duration".into(), Some(format!("{}", last.whole_seconds())));
            vars.insert("retries".into(), Some((attempts - 1).to_string()));
            vars.insert("lastRetry.message".into(), Some(last.message.clone()));
            if !self.eval_bool(expression, &vars)? {
                self.mark_phase(
                    &node.name,
                    last.phase,
                    Some("retryStrategy.expression evaluated to false".into()),
                );
                return Ok(true);
            }
        }
        Ok(true)
    }
}

/// An `IntOrString` as Argo's `intstr.Int32` reads it.
pub(crate) fn int_or_string(value: &crate::model::IntOrString) -> Result<i64, String> {
    let text = serde_json::to_value(value).map_err(|e| e.to_string())?;
    match text {
        serde_json::Value::Number(n) => n.as_i64().ok_or_else(|| format!("{n} is not an integer")),
        serde_json::Value::String(s) => s.trim().parse().map_err(|_| format!("'{s}' is not an integer")),
        other => Err(format!("{other} is not an integer")),
    }
}

/// `humanize.Duration`-like wording of a wait ("10 seconds", "2 minutes").
fn humanize(seconds: f64) -> String {
    let s = seconds.round() as i64;
    let (n, unit) = if s < 60 {
        (s, "second")
    } else if s < 3600 {
        (s / 60, "minute")
    } else {
        (s / 3600, "hour")
    };
    if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") }
}
