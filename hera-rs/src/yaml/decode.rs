//! [`Node`] → typed value, with the field path and location in every error.
//!
//! This is a serde `Deserializer` over the parsed tree. It is strict in the way
//! `argo lint --strict` and the Kubernetes API server are: a string field
//! takes only a string (YAML 1.1's `yes` is a boolean, `1.0` a number), an
//! integer field only an integer. Unknown fields and duplicate keys do not
//! stop decoding: each is recorded with its path and the rest of the document
//! is still checked, so one run reports them all.

use super::node::{Key, Node, NodeValue};
use super::problem::{Error, Location, Problem};
use super::stack::guarded;
use crate::support::suggest::closest;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

/// Explains an unknown field that an older Argo release had. Called with the
/// Rust name of the struct, the path of the field and the field's name.
pub type FieldHint = fn(struct_name: &str, path: &str, field: &str) -> Option<String>;

/// Decodes `node` into `T`, reporting every problem with its path.
pub fn from_node<T: DeserializeOwned>(node: &Node, hint: FieldHint) -> Result<T, Error> {
    decode(node, hint, false)
}

/// [`from_node`] that skips fields the model does not know instead of
/// refusing them: for what a server sends, which may be newer than the model.
#[cfg(feature = "server")]
pub(crate) fn from_node_ignoring_unknown<T: DeserializeOwned>(
    node: &Node,
    hint: FieldHint,
) -> Result<T, Error> {
    decode(node, hint, true)
}

fn decode<T: DeserializeOwned>(node: &Node, hint: FieldHint, ignore_unknown: bool) -> Result<T, Error> {
    let ctx =
        Ctx { path: RefCell::new(Vec::new()), problems: RefCell::new(Vec::new()), hint, ignore_unknown };
    let result = T::deserialize(NodeDe { node, ctx: &ctx });
    let mut problems = ctx.problems.into_inner();
    match result {
        Ok(value) if problems.is_empty() => return Ok(value),
        Ok(_) => {}
        Err(error) => problems.push(error.into_problem()),
    }
    problems.sort_by_key(|p| p.location.map_or((u32::MAX, u32::MAX), |l| (l.line, l.column)));
    Err(Error::new(problems))
}

/// State shared by the whole decode: the current path and the problems that
/// did not stop it.
struct Ctx<'n> {
    path: RefCell<Vec<Segment<'n>>>,
    problems: RefCell<Vec<Problem>>,
    hint: FieldHint,
    /// Unknown fields are skipped rather than refused.
    ignore_unknown: bool,
}

#[derive(Clone, Copy)]
enum Segment<'n> {
    Field(&'n str),
    Index(usize),
}

impl<'n> Ctx<'n> {
    fn path_string(&self) -> String {
        render_path(&self.path.borrow())
    }

    fn path_with(&self, key: &str) -> String {
        let mut path = self.path_string();
        push_field(&mut path, key);
        path
    }

    fn within<T>(&self, segment: Segment<'n>, f: impl FnOnce() -> T) -> T {
        self.path.borrow_mut().push(segment);
        let out = f();
        self.path.borrow_mut().pop();
        out
    }

    fn record(&self, problem: Problem) {
        self.problems.borrow_mut().push(problem);
    }
}

fn render_path(segments: &[Segment<'_>]) -> String {
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Field(name) => push_field(&mut out, name),
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Appends `.name`, or `["name"]` when the name is not a plain identifier
/// (label keys such as `workflows.argoproj.io/archive-strategy`).
fn push_field(path: &mut String, name: &str) {
    if crate::syntax::names::is_plain_key(name) {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(name);
    } else {
        path.push_str(&format!("[{name:?}]"));
    }
}

/// The serde error type of the decoder: a message, and once known, where.
#[derive(Debug)]
pub struct DeError {
    message: String,
    place: Option<(String, Option<Location>)>,
}

impl DeError {
    fn into_problem(self) -> Problem {
        let (path, location) = self.place.unwrap_or_default();
        Problem::new(self.message).at_path(path).at(location)
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError { message: msg.to_string(), place: None }
    }

    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self::custom(format_args!("expected {expected}, found {}", describe(unexpected)))
    }

    fn invalid_value(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self::custom(format_args!("invalid value {}, expected {expected}", describe(unexpected)))
    }

    fn missing_field(field: &'static str) -> Self {
        Self::custom(format_args!("missing required field `{field}`"))
    }
}

/// Serde's description of a value, in the words [`NodeValue::describe`] uses.
fn describe(unexpected: de::Unexpected<'_>) -> String {
    use de::Unexpected as U;
    match unexpected {
        U::Bool(b) => NodeValue::Bool(b).describe(),
        U::Signed(n) => NodeValue::Int(n).describe(),
        U::Unsigned(n) => NodeValue::UInt(n).describe(),
        U::Float(n) => NodeValue::Float(n).describe(),
        U::Str(s) => NodeValue::String(s.to_owned()).describe(),
        U::Unit => NodeValue::Null.describe(),
        U::Seq => NodeValue::Seq(Vec::new()).describe(),
        U::Map => NodeValue::Map(Vec::new()).describe(),
        other => other.to_string(),
    }
}

#[derive(Clone, Copy)]
struct NodeDe<'n, 'c> {
    node: &'n Node,
    ctx: &'c Ctx<'n>,
}

impl NodeDe<'_, '_> {
    /// Gives an error the path and location of this node, unless a deeper
    /// node already did.
    fn place(self, mut error: DeError) -> DeError {
        if error.place.is_none() {
            error.place = Some((self.ctx.path_string(), self.node.location));
        }
        error
    }

    fn mismatch(self, expected: &str) -> DeError {
        let found = self.node.value.describe();
        let advice = match (&self.node.value, expected) {
            (NodeValue::Bool(_), "a string") => {
                "; YAML 1.1 (kubectl, Argo) reads yes/no/on/off/y/n as booleans: quote the value to keep it a string"
            }
            (NodeValue::Int(_) | NodeValue::UInt(_) | NodeValue::Float(_), "a string") => {
                "; quote the value to make it a string"
            }
            (NodeValue::Null, _) => "; write the value or leave the field out",
            _ => "",
        };
        self.place(de::Error::custom(format_args!("expected {expected}, found {found}{advice}")))
    }
}

macro_rules! integer_methods {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            match &self.node.value {
                NodeValue::Int(n) => visitor.visit_i64(*n),
                NodeValue::UInt(n) => visitor.visit_u64(*n),
                _ => return Err(self.mismatch("an integer")),
            }
            .map_err(|e| self.place(e))
        }
    )*};
}

impl<'de, 'n, 'c> de::Deserializer<'de> for NodeDe<'n, 'c> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            NodeValue::Null => visitor.visit_unit(),
            NodeValue::Bool(b) => visitor.visit_bool(*b),
            NodeValue::Int(n) => visitor.visit_i64(*n),
            NodeValue::UInt(n) => visitor.visit_u64(*n),
            NodeValue::Float(n) => visitor.visit_f64(*n),
            NodeValue::String(s) => visitor.visit_str(s),
            NodeValue::Seq(items) => visitor.visit_seq(SeqDe::new(items, self.ctx)),
            NodeValue::Map(entries) => visitor.visit_map(MapDe::new(entries, None, self.ctx)),
        }
        .map_err(|e| self.place(e))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            NodeValue::Bool(b) => visitor.visit_bool(*b).map_err(|e| self.place(e)),
            _ => Err(self.mismatch("a boolean")),
        }
    }

    integer_methods!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128);

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            NodeValue::Int(n) => visitor.visit_i64(*n),
            NodeValue::UInt(n) => visitor.visit_u64(*n),
            NodeValue::Float(n) => visitor.visit_f64(*n),
            _ => return Err(self.mismatch("a number")),
        }
        .map_err(|e| self.place(e))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            NodeValue::String(s) => visitor.visit_str(s).map_err(|e| self.place(e)),
            _ => Err(self.mismatch("a string")),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            NodeValue::String(s) => visitor.visit_bytes(s.as_bytes()).map_err(|e| self.place(e)),
            NodeValue::Seq(_) => self.deserialize_seq(visitor),
            _ => Err(self.mismatch("a string")),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            NodeValue::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
        .map_err(|e| self.place(e))
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            NodeValue::Null => visitor.visit_unit().map_err(|e| self.place(e)),
            _ => Err(self.mismatch("null")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self).map_err(|e| self.place(e))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            NodeValue::Seq(items) => {
                visitor.visit_seq(SeqDe::new(items, self.ctx)).map_err(|e| self.place(e))
            }
            _ => Err(self.mismatch("a list")),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.value {
            NodeValue::Map(entries) => {
                visitor.visit_map(MapDe::new(entries, None, self.ctx)).map_err(|e| self.place(e))
            }
            _ => Err(self.mismatch("a mapping")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.value {
            NodeValue::Map(entries) => visitor
                .visit_map(MapDe::new(entries, Some((name, fields)), self.ctx))
                .map_err(|e| self.place(e)),
            _ => Err(self.mismatch("a mapping")),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.value {
            NodeValue::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            NodeValue::Map(entries) if entries.len() == 1 => {
                visitor.visit_enum(EnumDe { key: &entries[0].0, value: &entries[0].1, ctx: self.ctx })
            }
            _ => return Err(self.mismatch("a variant name or a mapping with one key")),
        }
        .map_err(|e| self.place(e))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

struct SeqDe<'n, 'c> {
    items: &'n [Node],
    next: usize,
    ctx: &'c Ctx<'n>,
}

impl<'n, 'c> SeqDe<'n, 'c> {
    fn new(items: &'n [Node], ctx: &'c Ctx<'n>) -> Self {
        SeqDe { items, next: 0, ctx }
    }
}

impl<'de> de::SeqAccess<'de> for SeqDe<'_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        let Some(node) = self.items.get(self.next) else {
            return Ok(None);
        };
        let index = self.next;
        self.next += 1;
        let de = NodeDe { node, ctx: self.ctx };
        self.ctx.within(Segment::Index(index), || guarded(|| seed.deserialize(de))).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.next)
    }
}

/// Why a map entry is not decoded.
enum Skip {
    /// A duplicate or unknown key: a problem of the input.
    Report(Problem),
    /// An unknown key, when unknown keys are allowed.
    Quietly,
}

/// Maps with more entries than this detect duplicates with a hash set.
const LINEAR_DUPLICATE_SCAN: usize = 16;

struct MapDe<'n, 'c> {
    entries: &'n [(Key, Node)],
    next: usize,
    /// The struct's name and fields when decoding a struct (unknown keys are refused).
    shape: Option<(&'static str, &'static [&'static str])>,
    seen: Option<HashSet<&'n str>>,
    value: Option<&'n (Key, Node)>,
    ctx: &'c Ctx<'n>,
}

impl<'n, 'c> MapDe<'n, 'c> {
    fn new(
        entries: &'n [(Key, Node)],
        shape: Option<(&'static str, &'static [&'static str])>,
        ctx: &'c Ctx<'n>,
    ) -> Self {
        let seen = (entries.len() > LINEAR_DUPLICATE_SCAN).then(HashSet::new);
        MapDe { entries, next: 0, shape, seen, value: None, ctx }
    }

    /// The earlier entry with the same key, if this one repeats it.
    fn earlier(&mut self, index: usize) -> Option<&'n Key> {
        let key = &self.entries[index].0;
        if let Some(seen) = &mut self.seen
            && seen.insert(&key.name)
        {
            return None;
        }
        self.entries[..index].iter().map(|(k, _)| k).find(|k| k.name == key.name)
    }

    /// Records why the entry at `index` is skipped, if it is.
    fn skip_reason(&mut self, index: usize) -> Option<Skip> {
        let key = &self.entries[index].0;
        let path = self.ctx.path_with(&key.name);
        if let Some(first) = self.earlier(index) {
            let at = first.location.map_or(String::new(), |l| format!(" (first at line {})", l.line));
            return Some(Skip::Report(
                Problem::new(format!(
                    "duplicate key `{}`{at}; Kubernetes and `argo lint` refuse duplicate keys",
                    key.name
                ))
                .at_path(path)
                .at(key.location),
            ));
        }
        let (name, fields) = self.shape?;
        if fields.contains(&key.name.as_str()) {
            return None;
        }
        if self.ctx.ignore_unknown {
            return Some(Skip::Quietly);
        }
        let message = if let Some(hint) = (self.ctx.hint)(name, &path, &key.name) {
            hint
        } else if let Some(suggestion) = closest(&key.name, fields) {
            format!("unknown field, did you mean '{suggestion}'?")
        } else {
            format!("unknown field `{}`; {name} has no such field", key.name)
        };
        Some(Skip::Report(Problem::new(message).at_path(path).at(key.location)))
    }
}

impl<'de> de::MapAccess<'de> for MapDe<'_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        while self.next < self.entries.len() {
            let index = self.next;
            self.next += 1;
            match self.skip_reason(index) {
                Some(Skip::Report(problem)) => {
                    self.ctx.record(problem);
                    continue;
                }
                Some(Skip::Quietly) => continue,
                None => {}
            }
            let entry = &self.entries[index];
            self.value = Some(entry);
            return seed.deserialize(entry.0.name.as_str().into_deserializer()).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let (key, node) = self.value.take().ok_or_else(|| de::Error::custom("value requested before key"))?;
        let de = NodeDe { node, ctx: self.ctx };
        self.ctx.within(Segment::Field(&key.name), || guarded(|| seed.deserialize(de)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len() - self.next)
    }
}

struct EnumDe<'n, 'c> {
    key: &'n Key,
    value: &'n Node,
    ctx: &'c Ctx<'n>,
}

impl<'de, 'n, 'c> de::EnumAccess<'de> for EnumDe<'n, 'c> {
    type Error = DeError;
    type Variant = NodeDe<'n, 'c>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self::Variant), DeError> {
        let variant = seed.deserialize(self.key.name.as_str().into_deserializer())?;
        Ok((variant, NodeDe { node: self.value, ctx: self.ctx }))
    }
}

impl<'de> de::VariantAccess<'de> for NodeDe<'_, '_> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_struct(self, "variant", fields, visitor)
    }
}
