//! How templates are connected: a [`call::Call`] runs a template with
//! arguments; a DAG ([`dag`]) or a steps template ([`steps`]) holds the
//! calls; references ([`expr`]) to outputs carry their producer, so
//! dependencies follow from the data.

pub(crate) mod call;
pub(crate) mod dag;
pub(crate) mod depends;
pub(crate) mod expr;
pub(crate) mod handle;
pub(crate) mod loops;
pub(crate) mod params;
pub(crate) mod shared;
pub(crate) mod steps;
