//! `Http`: a template that makes an HTTP request.

use super::{TemplateDef, named, template_builder, template_mut};
use crate::model;
use std::sync::Arc;

/// A template that sends an HTTP request from the Argo agent (no pod of its
/// own); the response body is its result.
///
/// ```
/// use hera::prelude::*;
/// let get = Http::new("get-status", "https://example.com/status").method("GET");
/// assert_eq!(get.to_model().http.unwrap().url, "https://example.com/status");
/// ```
#[derive(Clone, Debug)]
#[must_use = "builders do nothing until used; a method returns the changed builder"]
pub struct Http {
    def: Arc<TemplateDef>,
}

impl Http {
    /// An HTTP template called `name` requesting `url`.
    pub fn new(name: impl Into<String>, url: impl Into<String>) -> Self {
        let mut def = named(name);
        Arc::make_mut(&mut def).template.http = Some(model::Http { url: url.into(), ..Default::default() });
        Http { def }
    }

    fn http(&mut self) -> &mut model::Http {
        template_mut(self).http.get_or_insert_with(Default::default)
    }

    /// The method (`GET` by default).
    pub fn method(mut self, method: impl Into<String>) -> Self {
        self.http().method = Some(method.into());
        self
    }

    /// A request header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let header = model::HttpHeader { name: name.into(), value: Some(value.into()), ..Default::default() };
        self.http().headers.get_or_insert_with(Vec::new).push(header);
        self
    }

    /// The request body.
    pub fn body(mut self, body: impl Into<String>) -> Self {
        self.http().body = Some(body.into());
        self
    }

    /// When the response counts as success (`response.statusCode == 200`).
    pub fn success_condition(mut self, condition: impl Into<String>) -> Self {
        self.http().success_condition = Some(condition.into());
        self
    }

    /// Gives up after this many seconds.
    pub fn timeout_seconds(mut self, seconds: i64) -> Self {
        self.http().timeout_seconds = Some(seconds);
        self
    }
}

template_builder!(Http);
