//! The strings of a model value, scanned in place: a [`serde::Serializer`]
//! that serialises nothing, but visits every string and map key containing
//! `{{`, knowing where it is. Paths are built only for what the visitor
//! reports, and list items are named by their `name` field (as lint paths
//! are) even when the name comes after the reported field.

use crate::path::Segment;
use serde::ser::{self, Serialize};
use std::fmt;
use std::ops::Range;

/// What the visitor reports about one string.
pub struct Problem {
    /// A warning rather than an error.
    pub warning: bool,
    /// `{{item}}` outside a loop (rule `loop-item`, not `variable`).
    pub outside_loop: bool,
    /// What is wrong.
    pub message: String,
}

/// Visits each string and map key of `value` that contains `{{` (in the
/// order `serde_json` would write them), leaving out the top-level field
/// `skip`. Returns what `visit` reported, each with its path below `value`.
pub fn scan<T: Serialize + ?Sized>(
    value: &T,
    skip: Option<&'static str>,
    visit: &mut dyn FnMut(&str, &mut Vec<Problem>),
) -> Vec<(Vec<Segment>, Problem)> {
    let mut scanner = Scanner {
        frames: Vec::new(),
        text: String::new(),
        names: String::new(),
        name_of: None,
        in_key: false,
        skip,
        visit,
        reported: Vec::new(),
        found: Vec::new(),
    };
    // A value whose Serialize fails is scanned as far as it got.
    let _ = value.serialize(&mut scanner);
    scanner.found
}

/// Whether `text` has a `{{` (cheaper than `str::contains` for the short
/// strings of a workflow).
fn has_tag(text: &str) -> bool {
    text.as_bytes().windows(2).any(|pair| pair == b"{{")
}

/// One step down from the value scanned.
enum Frame {
    /// A struct field.
    Field(&'static str),
    /// A map key: its text in [`Scanner::text`].
    Key(Range<usize>),
    /// A list item: its index, its `name` (in [`Scanner::names`]) once
    /// seen, and the number of findings when it began.
    Item { index: usize, name: Option<Range<usize>>, since: usize },
}

struct Scanner<'v> {
    frames: Vec<Frame>,
    /// The map keys of the frames, as a stack.
    text: String,
    /// The names of the list items of the frames, as a stack.
    names: String,
    /// The frame of the list item whose `name` is being serialised.
    name_of: Option<usize>,
    /// A map key is being serialised (into `text`).
    in_key: bool,
    skip: Option<&'static str>,
    visit: &'v mut dyn FnMut(&str, &mut Vec<Problem>),
    reported: Vec<Problem>,
    found: Vec<(Vec<Segment>, Problem)>,
}

impl Scanner<'_> {
    fn string(&mut self, text: &str) {
        if self.in_key {
            self.text.push_str(text);
            return;
        }
        if let Some(frame) = self.name_of.take()
            && let Frame::Item { name: name @ None, .. } = &mut self.frames[frame]
        {
            let start = self.names.len();
            self.names.push_str(text);
            *name = Some(start..self.names.len());
        }
        if has_tag(text) {
            self.check(text);
        }
    }

    fn check(&mut self, text: &str) {
        (self.visit)(text, &mut self.reported);
        for problem in std::mem::take(&mut self.reported) {
            let path = self.frames.iter().map(|frame| self.segment(frame)).collect();
            self.found.push((path, problem));
        }
    }

    fn segment(&self, frame: &Frame) -> Segment {
        match frame {
            Frame::Field(key) => Segment::Key((*key).to_owned()),
            Frame::Key(range) => Segment::Key(self.text[range.clone()].to_owned()),
            Frame::Item { index, name, .. } => {
                Segment::Item { index: *index, name: name.clone().map(|r| self.names[r].to_owned()) }
            }
        }
    }

    /// Enters a field or key; `name` when it is the `name` of a list item.
    fn enter(&mut self, frame: Frame, name: bool) {
        let item = self.frames.len().checked_sub(1);
        self.frames.push(frame);
        self.name_of =
            if name { item.filter(|&i| matches!(self.frames[i], Frame::Item { .. })) } else { None };
    }

    fn leave(&mut self) {
        self.name_of = None;
        let depth = self.frames.len() - 1;
        match self.frames.pop() {
            Some(Frame::Key(range)) => self.text.truncate(range.start),
            Some(Frame::Item { name: Some(range), since, .. }) => {
                // Findings inside the item that came before its name.
                let name = &self.names[range.clone()];
                for (path, _) in &mut self.found[since..] {
                    if let Some(Segment::Item { name: slot @ None, .. }) = path.get_mut(depth) {
                        *slot = Some(name.to_owned());
                    }
                }
                self.names.truncate(range.start);
            }
            _ => {}
        }
    }

    fn item(&mut self, index: usize, value: &(impl Serialize + ?Sized)) -> Result<(), Error> {
        let since = self.found.len();
        self.enter(Frame::Item { index, name: None, since }, false);
        let result = value.serialize(&mut *self);
        self.leave();
        result
    }

    fn field(&mut self, key: &'static str, value: &(impl Serialize + ?Sized)) -> Result<(), Error> {
        if self.frames.is_empty() && self.skip == Some(key) {
            return Ok(());
        }
        self.enter(Frame::Field(key), key == "name");
        let result = value.serialize(&mut *self);
        self.leave();
        result
    }
}

/// Serialisation errors (from the values' own `Serialize`).
#[derive(Debug)]
pub struct Error;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("value could not be scanned")
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Error
    }
}

/// A list, tuple or variant's fields being scanned.
pub struct Seq<'s, 'v> {
    scanner: &'s mut Scanner<'v>,
    index: usize,
    /// A variant's name, entered as a key (left when done).
    variant: bool,
}

impl Seq<'_, '_> {
    fn element(&mut self, value: &(impl Serialize + ?Sized)) -> Result<(), Error> {
        let index = self.index;
        self.index += 1;
        self.scanner.item(index, value)
    }

    fn done(self) -> Result<(), Error> {
        if self.variant {
            self.scanner.leave();
        }
        Ok(())
    }
}

/// A map or struct being scanned.
pub struct Map<'s, 'v> {
    scanner: &'s mut Scanner<'v>,
    variant: bool,
    /// The value of the skipped key comes next.
    skip_value: bool,
}

/// The `serialize_<scalar>` methods: numbers and booleans hold no `{{`.
macro_rules! scalars {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, _: $ty) -> Result<(), Error> {
            self.name_of = None;
            Ok(())
        }
    )*};
}

impl<'s, 'v> ser::Serializer for &'s mut Scanner<'v> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Seq<'s, 'v>;
    type SerializeTuple = Seq<'s, 'v>;
    type SerializeTupleStruct = Seq<'s, 'v>;
    type SerializeTupleVariant = Seq<'s, 'v>;
    type SerializeMap = Map<'s, 'v>;
    type SerializeStruct = Map<'s, 'v>;
    type SerializeStructVariant = Map<'s, 'v>;

    scalars!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_f32: f32,
        serialize_f64: f64);
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        self.name_of = None;
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.name_of = None;
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.name_of = None;
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.name_of = None;
        self.enter(Frame::Field(variant), false);
        let result = value.serialize(&mut *self);
        self.leave();
        result
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'s, 'v>, Error> {
        self.name_of = None;
        Ok(Seq { scanner: self, index: 0, variant: false })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'s, 'v>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'s, 'v>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Seq<'s, 'v>, Error> {
        self.name_of = None;
        self.enter(Frame::Field(variant), false);
        Ok(Seq { scanner: self, index: 0, variant: true })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map<'s, 'v>, Error> {
        self.name_of = None;
        Ok(Map { scanner: self, variant: false, skip_value: false })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Map<'s, 'v>, Error> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Map<'s, 'v>, Error> {
        self.name_of = None;
        self.enter(Frame::Field(variant), false);
        Ok(Map { scanner: self, variant: true, skip_value: false })
    }
}

macro_rules! seq_impls {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Seq<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                self.done()
            }
        }
    )*};
}

seq_impls!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Map<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        let scanner = &mut *self.scanner;
        let start = scanner.text.len();
        // The model's maps have string keys: the key's text goes to `text`.
        scanner.in_key = true;
        let result = key.serialize(&mut *scanner);
        scanner.in_key = false;
        result?;
        if scanner.frames.is_empty() && scanner.skip == Some(&scanner.text[start..]) {
            // The skipped top-level field, as a map key: left out with its value.
            scanner.text.truncate(start);
            self.skip_value = true;
            return Ok(());
        }
        let is_name = &scanner.text[start..] == "name";
        scanner.enter(Frame::Key(start..scanner.text.len()), is_name);
        let end = scanner.text.len();
        if has_tag(&scanner.text[start..end]) {
            let name_of = scanner.name_of.take();
            let key = scanner.text[start..end].to_owned();
            scanner.check(&key);
            scanner.name_of = name_of;
        }
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        if std::mem::take(&mut self.skip_value) {
            return Ok(());
        }
        let result = value.serialize(&mut *self.scanner);
        self.scanner.leave();
        result
    }
    fn end(self) -> Result<(), Error> {
        if self.variant {
            self.scanner.leave();
        }
        Ok(())
    }
}

macro_rules! struct_impls {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Map<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
                self.scanner.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                ser::SerializeMap::end(self)
            }
        }
    )*};
}

struct_impls!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn report(value: &serde_json::Value, skip: Option<&'static str>) -> Vec<String> {
        let found = scan(value, skip, &mut |text, out| {
            out.push(Problem { warning: false, outside_loop: false, message: text.to_owned() });
        });
        found
            .into_iter()
            .map(|(path, p)| format!("{}: {}", crate::path::FieldPath::root().join(&path), p.message))
            .collect()
    }

    #[test]
    fn visits_strings_and_keys_with_tags_naming_items_even_by_a_later_name() {
        let value = json!({
            "inline": {"x": "{{skipped}}"},
            "args": ["a", "{{one}}"],
            "env": [{"value": "{{two}}", "name": "late"}, {"name": "early", "value": "{{three}}"}],
            "labels": {"{{key}}": "v", "plain": "{{four}}"},
            "n": 3,
        });
        assert_eq!(
            report(&value, Some("inline")),
            [
                "args[1]: {{one}}",
                "env[late].value: {{two}}",
                "env[early].value: {{three}}",
                "labels[\"{{key}}\"]: {{key}}",
                "labels.plain: {{four}}",
            ]
        );
        assert_eq!(report(&value, None)[0], "inline.x: {{skipped}}");
    }
}
