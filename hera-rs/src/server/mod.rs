//! A typed, blocking client of the Argo Server REST API (v4.1.2), over
//! HTTP or HTTPS (ureq with rustls and ring). Every body is a model type.
//!
//! ```no_run
//! use hera::server::{Client, Config, Settings};
//!
//! let config = Config::resolve(&Settings::default(), |name| std::env::var(name).ok())?;
//! let client = Client::new(config)?;
//! let workflow = client.get_workflow("argo", "hello-abcde")?;
//! println!("{:?}", workflow.status.and_then(|s| s.phase));
//! # Ok::<(), hera::server::ServerError>(())
//! ```
//!
//! Endpoints: workflows (create, get, list, delete, lint, submit from a
//! template, retry, resubmit, stop, terminate, suspend, resume), watch
//! (`/api/v1/workflow-events`), logs; create, get, update, delete, list and
//! lint of WorkflowTemplate, ClusterWorkflowTemplate and CronWorkflow
//! ([`Stored`]); info and version.
//!
//! TLS as the `argo` CLI does it (`util/tls.GetClientTLSConfig`): the
//! bundled web roots, or the CAs of [`Config::ca_cert`] instead;
//! [`Config::client_certificate`] for servers that ask for one;
//! [`Config::insecure_skip_verify`] to check nothing. A certificate the
//! client does not trust is [`ServerError::UntrustedCertificate`].

mod client;
mod config;
mod error;
mod logs;
mod sse;
mod templates;
mod typed;
mod watch;
mod workflows;

pub use client::Client;
pub use config::{Config, Settings, Token, TokenSource};
pub use error::ServerError;
pub use logs::{LogEntry, LogOptions};
pub use sse::{Events, Message};
pub use templates::Stored;
pub use watch::{Watched, finished};
pub use workflows::{Action, SubmitOptions};
