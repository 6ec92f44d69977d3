//! The parsed document tree: every value with the place it was written.
//!
//! Reading goes YAML text → [`Node`] (scalars resolved as YAML 1.1 does,
//! aliases and merge keys expanded, duplicate keys kept so they can be
//! reported) → typed value (see `decode`). The tree is what lets every error
//! name a line, a column and a field path.

use super::problem::Location;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// A parsed value and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub value: NodeValue,
    /// Where it starts in the source; `None` when the source had no positions (JSON).
    pub location: Option<Location>,
}

/// A parsed value.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeValue {
    /// `null`, `~` or nothing.
    Null,
    /// `true`/`false` and YAML 1.1's `yes`, `no`, `on`, `off`, `y`, `n`.
    Bool(bool),
    /// A negative integer (`0755` is octal, as in YAML 1.1).
    Int(i64),
    /// A non-negative integer.
    UInt(u64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    String(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping in source order; a duplicated key appears twice.
    Map(Vec<(Key, Node)>),
}

/// A mapping key: its text (scalars other than strings are written as
/// Kubernetes' YAML-to-JSON conversion writes them) and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    /// The key as a string.
    pub name: String,
    /// Where the key starts.
    pub location: Option<Location>,
}

impl NodeValue {
    /// How the value is called in messages: "a string", "the number 3", ...
    pub fn describe(&self) -> String {
        match self {
            NodeValue::Null => "null".into(),
            NodeValue::Bool(b) => format!("the boolean {b}"),
            NodeValue::Int(n) => format!("the number {n}"),
            NodeValue::UInt(n) => format!("the number {n}"),
            NodeValue::Float(n) => format!("the number {n}"),
            NodeValue::String(s) if s.chars().count() > 40 => "a string".into(),
            NodeValue::String(s) => format!("the string {s:?}"),
            NodeValue::Seq(_) => "a list".into(),
            NodeValue::Map(_) => "a mapping".into(),
        }
    }
}

impl Node {
    /// The value of `key` when this node is a mapping that has it (the first
    /// occurrence if the key is duplicated).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            NodeValue::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string value of this node, if it is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::String(s) => Some(s),
            _ => None,
        }
    }
}

fn location(spanned: &serde_saphyr::Location) -> Option<Location> {
    let (line, column) = (spanned.line(), spanned.column());
    (line > 0).then(|| Location {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    })
}

impl From<serde_json::Value> for Node {
    /// A tree without locations, for values that did not come from YAML text.
    fn from(value: serde_json::Value) -> Self {
        use serde_json::Value as V;
        let value = match value {
            V::Null => NodeValue::Null,
            V::Bool(b) => NodeValue::Bool(b),
            V::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => NodeValue::UInt(u),
                (_, Some(i), _) => NodeValue::Int(i),
                (_, _, f) => NodeValue::Float(f.unwrap_or(f64::NAN)),
            },
            V::String(s) => NodeValue::String(s),
            V::Array(items) => NodeValue::Seq(items.into_iter().map(Node::from).collect()),
            V::Object(map) => NodeValue::Map(
                map.into_iter().map(|(name, v)| (Key { name, location: None }, Node::from(v))).collect(),
            ),
        };
        Node { value, location: None }
    }
}

/// A [`Node`] as serde-saphyr delivers it, with its location. Only the YAML
/// reader produces these: the location protocol (`Spanned`) is serde-saphyr's.
pub(super) struct Parsed(pub Node);

impl<'de> Deserialize<'de> for Parsed {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Called once per nesting level: the place to make sure the stack lasts.
        super::stack::guarded(|| {
            let spanned = Spanned::<Bare>::deserialize(deserializer)?;
            Ok(Parsed(Node { value: spanned.value.0, location: location(&spanned.referenced) }))
        })
    }
}

/// A [`NodeValue`] read without its own span (the span comes from the
/// `Spanned` wrapper around it).
struct Bare(NodeValue);

impl<'de> Deserialize<'de> for Bare {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor).map(Bare)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = NodeValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<NodeValue, E> {
        Ok(NodeValue::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<NodeValue, E> {
        Ok(NodeValue::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<NodeValue, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<NodeValue, E> {
        Ok(NodeValue::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<NodeValue, E> {
        Ok(if v >= 0 { NodeValue::UInt(v as u64) } else { NodeValue::Int(v) })
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<NodeValue, E> {
        Ok(NodeValue::UInt(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<NodeValue, E> {
        i64::try_from(v).map(|v| self.visit_i64::<E>(v)).unwrap_or(Ok(NodeValue::Float(v as f64)))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<NodeValue, E> {
        Ok(u64::try_from(v).map(NodeValue::UInt).unwrap_or(NodeValue::Float(v as f64)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<NodeValue, E> {
        Ok(NodeValue::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<NodeValue, E> {
        Ok(NodeValue::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<NodeValue, E> {
        Ok(NodeValue::String(v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<NodeValue, E> {
        String::from_utf8(v.to_vec())
            .map(NodeValue::String)
            .map_err(|_| E::custom("binary data that is not UTF-8 text"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NodeValue, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(Parsed(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(NodeValue::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NodeValue, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            let Parsed(value) = map.next_value()?;
            entries.push((Key { name: key.value.0, location: location(&key.referenced) }, value));
        }
        Ok(NodeValue::Map(entries))
    }
}

/// A mapping key as text. Kubernetes converts YAML to JSON, whose keys are
/// strings: `1: x` and `true: x` become `"1"` and `"true"`.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a scalar mapping key")
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText("null".into()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<KeyText, E> {
                Ok(KeyText(v))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}
