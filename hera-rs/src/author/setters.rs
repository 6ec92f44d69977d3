//! What the builder methods' bodies name. The methods are written once in a
//! macro per trait and expanded both as the trait's default methods and as
//! inherent methods on every builder; their bodies import this module so
//! they read the same wherever they are expanded.

pub(crate) use crate::author::object::BuildOptions;
pub(crate) use crate::author::object::checked;
pub(crate) use crate::author::object::sealed::{Assemble, HasMetadata};
pub(crate) use crate::author::object::spec::drop_if_empty;
pub(crate) use crate::author::object::spec::sealed::HasSpec;
pub(crate) use crate::author::template::container_fields::sealed::HasContainer;
pub(crate) use crate::author::template::sealed::HasDef;
pub(crate) use crate::author::template::template_mut;
pub(crate) use crate::author::wiring::call::{Call, Target, encode};
pub(crate) use crate::author::wiring::expr::Expr;
pub(crate) use crate::author::wiring::params::{Parameter, secret_key_ref};
pub(crate) use crate::lint::Finding;
pub(crate) use crate::model;
pub(crate) use crate::path::FieldPath;
