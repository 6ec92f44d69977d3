//! Kubernetes' `Quantity`: `1`, `0.5`, `"500m"`, `"1Gi"`, kept as given.

use super::Number;
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;

/// A resource quantity such as a CPU or memory amount. Kubernetes accepts a
/// bare number (`cpu: 1`, `cpu: 0.5`) or a string with a suffix
/// (`cpu: 500m`, `memory: 1Gi`); this type keeps whichever was given, so a
/// number is written back as a number and a string as a string.
///
/// ```
/// use hera::model::Quantity;
/// assert_eq!(Quantity::from("500m").to_string(), "500m");
/// assert_eq!(Quantity::from(2).to_string(), "2");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Quantity {
    /// A bare number (integer or decimal), written without quotes.
    Number(Number),
    /// A string such as `500m` or `1Gi`.
    String(String),
}

impl From<i64> for Quantity {
    fn from(value: i64) -> Self {
        Quantity::Number(value.into())
    }
}

impl From<i32> for Quantity {
    fn from(value: i32) -> Self {
        Quantity::Number(value.into())
    }
}

impl From<&str> for Quantity {
    fn from(value: &str) -> Self {
        Quantity::String(value.to_owned())
    }
}

impl From<String> for Quantity {
    fn from(value: String) -> Self {
        Quantity::String(value)
    }
}

/// The number 0.
impl Default for Quantity {
    fn default() -> Self {
        Quantity::Number(0.into())
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quantity::Number(n) => write!(f, "{n}"),
            Quantity::String(s) => f.write_str(s),
        }
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Quantity::Number(n) => n.serialize(serializer),
            Quantity::String(s) => serializer.serialize_str(s),
        }
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(QuantityVisitor)
    }
}

struct QuantityVisitor;

impl Visitor<'_> for QuantityVisitor {
    type Value = Quantity;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or a quantity string such as 500m or 1Gi")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Quantity, E> {
        Ok(Quantity::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Quantity, E> {
        Ok(Quantity::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Quantity, E> {
        Number::from_f64(v)
            .map(Quantity::Number)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &"a finite number"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Quantity, E> {
        Ok(Quantity::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Quantity, E> {
        Ok(Quantity::String(v))
    }
}
