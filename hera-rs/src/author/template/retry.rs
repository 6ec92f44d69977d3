//! Retry strategies.

use crate::model::{self, IntOrString};

/// How a failed template is retried.
///
/// ```
/// use hera::Retry;
/// let r: hera::model::RetryStrategy = Retry::limit(10).policy("Always").backoff("1", "2", "1m").into();
/// assert_eq!(r.limit, Some(10.into()));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Retry(model::RetryStrategy);

impl Retry {
    /// At most `limit` retries (a number, or a string such as `"10"` or a
    /// `{{...}}` reference).
    pub fn limit(limit: impl Into<IntOrString>) -> Self {
        Retry(model::RetryStrategy { limit: Some(limit.into()), ..Default::default() })
    }

    /// When to retry: `Always`, `OnFailure` (the default), `OnError`, `OnTransientError`.
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.0.retry_policy = Some(policy.into());
        self
    }

    /// Waits `duration` before the first retry, multiplied by `factor` each
    /// time, for at most `max_duration` in all. Durations are strings
    /// (`"1"` is seconds, `"2m"`).
    pub fn backoff(mut self, duration: &str, factor: impl Into<IntOrString>, max_duration: &str) -> Self {
        self.0.backoff = Some(model::Backoff {
            duration: Some(duration.into()),
            factor: Some(factor.into()),
            max_duration: Some(max_duration.into()),
            ..Default::default()
        });
        self
    }

    /// The longest wait between two retries (needs [`backoff`](Self::backoff)).
    pub fn backoff_cap(mut self, cap: impl Into<String>) -> Self {
        self.0.backoff.get_or_insert_with(Default::default).cap = Some(cap.into());
        self
    }

    /// Retries only while this expression is true.
    pub fn expression(mut self, expression: impl Into<String>) -> Self {
        self.0.expression = Some(expression.into());
        self
    }

    /// Changes the model value directly.
    pub fn with_model(mut self, f: impl FnOnce(&mut model::RetryStrategy)) -> Self {
        f(&mut self.0);
        self
    }
}

impl From<i64> for Retry {
    fn from(limit: i64) -> Self {
        Retry::limit(limit)
    }
}

impl From<i32> for Retry {
    fn from(limit: i32) -> Self {
        Retry::limit(limit)
    }
}

impl From<model::RetryStrategy> for Retry {
    fn from(model: model::RetryStrategy) -> Self {
        Retry(model)
    }
}

impl From<Retry> for model::RetryStrategy {
    fn from(retry: Retry) -> Self {
        retry.0
    }
}
