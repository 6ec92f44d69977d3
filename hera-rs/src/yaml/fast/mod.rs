//! A direct YAML writer for the shapes the model produces: block maps and
//! lists, plain or double-quoted scalars and literal `|` blocks, written in
//! one pass into the caller's buffer.
//!
//! It writes exactly the bytes serde-saphyr writes with [`super::emit`]'s
//! options, but without serde-saphyr's general machinery: no `String` per
//! key, one byte scan per scalar instead of a dozen char-by-char checks. A
//! scalar whose quoting is not obvious from that scan (a number-like or
//! non-ASCII string, a float, an unusual key) is written by serde-saphyr
//! itself, so every quoting decision stays serde-saphyr's. Anything outside
//! these shapes (enum variants with data, tuples, serde-saphyr's
//! wrapper types, non-string keys) stops the writer with [`Unsupported`],
//! and the caller writes the whole document with serde-saphyr instead. The
//! tests in [`super::emit`] compare both writers byte for byte over random
//! values and over every example corpus.

mod scalar;

use scalar::{ask, write_integer, write_key, write_scalar, write_str};
use serde::ser::{self, Serialize};
use std::fmt;

/// The writer cannot write this value (or the value's `Serialize` failed):
/// write the document with serde-saphyr instead.
#[derive(Debug)]
pub(super) struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not supported by the direct YAML writer")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Unsupported
    }
}

type Result<T = ()> = std::result::Result<T, Unsupported>;

/// Appends `value` as one YAML document to `out`. On error `out` may hold a
/// partial document: the caller truncates it.
pub(super) fn write<T: Serialize + ?Sized>(out: &mut String, value: &T) -> Result {
    value.serialize(ValueSer { out, at: At::Top })
}

/// Where a value starts.
#[derive(Clone, Copy)]
enum At {
    /// At the start of a line in column 0 (a document).
    Top,
    /// Right after `key:`, the key being in column `key`.
    MapValue { key: usize },
    /// Right after `- `, the dash being in column `dash`.
    SeqItem { dash: usize },
}

impl At {
    /// Written before a scalar.
    fn scalar_prefix(self) -> &'static str {
        match self {
            At::MapValue { .. } => " ",
            At::Top | At::SeqItem { .. } => "",
        }
    }

    /// Column of the keys of a map that starts here.
    fn map_keys(self) -> usize {
        match self {
            At::Top => 0,
            At::MapValue { key } => key + 2,
            At::SeqItem { dash } => dash + 2,
        }
    }

    /// Column of the dashes of a list that starts here (lists under a key
    /// are not indented).
    fn seq_dashes(self) -> usize {
        match self {
            At::Top => 0,
            At::MapValue { key } => key,
            At::SeqItem { dash } => dash + 2,
        }
    }

    /// Column of the body of a literal block scalar that starts here.
    fn block_body(self) -> usize {
        match self {
            At::Top => 2,
            At::MapValue { key } => key + 2,
            At::SeqItem { dash } => dash + 2,
        }
    }
}

const SPACES: &str = "                                                                ";

fn indent(out: &mut String, mut column: usize) {
    if column <= SPACES.len() {
        out.push_str(&SPACES[..column]);
        return;
    }
    while column > SPACES.len() {
        out.push_str(SPACES);
        column -= SPACES.len();
    }
    out.push_str(&SPACES[..column]);
}

/// Moves to where the next entry of a collection starting at `at` goes, its
/// entries being in `column`: the first entry stays on the line (a
/// collection under a key starts on the next one), the others are indented.
fn next_entry(out: &mut String, at: At, first: &mut bool, column: usize) {
    if std::mem::take(first) {
        if let At::MapValue { .. } = at {
            out.push('\n');
            indent(out, column);
        }
    } else {
        indent(out, column);
    }
}

/// An empty collection: `[]` or `{}` in place.
fn write_empty(out: &mut String, at: At, marker: &str) {
    out.push_str(at.scalar_prefix());
    out.push_str(marker);
    out.push('\n');
}

/// Forwards a narrow integer to the method for its wide type.
macro_rules! widen {
    ($($method:ident($narrow:ty) => $wide_method:ident($wide:ty);)*) => {$(
        fn $method(self, v: $narrow) -> Result {
            self.$wide_method(<$wide>::from(v))
        }
    )*};
}

/// `serialize_newtype_variant`, which neither serializer writes.
macro_rules! declined_newtype_variant {
    () => {
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _name: &'static str,
            _index: u32,
            _variant: &'static str,
            _value: &T,
        ) -> Result {
            Err(Unsupported)
        }
    };
}

/// Writes one value starting at `at`.
struct ValueSer<'o> {
    out: &'o mut String,
    at: At,
}

impl<'o> ser::Serializer for ValueSer<'o> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = SeqSer<'o>;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = MapSer<'o>;
    type SerializeStruct = MapSer<'o>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result {
        write_scalar(self.out, if v { "true" } else { "false" }, self.at)
    }
    widen! {
        serialize_i8(i8) => serialize_i64(i64);
        serialize_i16(i16) => serialize_i64(i64);
        serialize_i32(i32) => serialize_i64(i64);
        serialize_u8(u8) => serialize_u64(u64);
        serialize_u16(u16) => serialize_u64(u64);
        serialize_u32(u32) => serialize_u64(u64);
    }
    fn serialize_i64(self, v: i64) -> Result {
        write_integer(self.out, v < 0, v.unsigned_abs(), self.at)
    }
    fn serialize_u64(self, v: u64) -> Result {
        write_integer(self.out, false, v, self.at)
    }
    fn serialize_f32(self, v: f32) -> Result {
        ask(self.out, &v, self.at)
    }
    fn serialize_f64(self, v: f64) -> Result {
        ask(self.out, &v, self.at)
    }
    fn serialize_char(self, v: char) -> Result {
        write_str(self.out, v.encode_utf8(&mut [0; 4]), self.at)
    }
    fn serialize_str(self, v: &str) -> Result {
        write_str(self.out, v, self.at)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result {
        write_scalar(self.out, "null", self.at)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        write_scalar(self.out, "null", self.at)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result {
        write_str(self.out, variant, self.at)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Result {
        // serde-saphyr's wrapper types (`__yaml_*`) have styles of their own.
        if name.starts_with("__yaml") {
            return Err(Unsupported);
        }
        value.serialize(self)
    }
    declined_newtype_variant!();
    fn serialize_seq(self, _len: Option<usize>) -> Result<SeqSer<'o>> {
        Ok(SeqSer { dashes: self.at.seq_dashes(), out: self.out, at: self.at, first: true })
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeTupleStruct> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Unsupported)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapSer<'o>> {
        Ok(MapSer { keys: self.at.map_keys(), out: self.out, at: self.at, first: true, len })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<MapSer<'o>> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Unsupported)
    }
}

/// A block list.
struct SeqSer<'o> {
    out: &'o mut String,
    at: At,
    dashes: usize,
    first: bool,
}

impl ser::SerializeSeq for SeqSer<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        next_entry(self.out, self.at, &mut self.first, self.dashes);
        self.out.push_str("- ");
        value.serialize(ValueSer { out: self.out, at: At::SeqItem { dash: self.dashes } })
    }

    fn end(self) -> Result {
        if self.first {
            write_empty(self.out, self.at, "[]");
        }
        Ok(())
    }
}

/// A block map (or struct).
struct MapSer<'o> {
    out: &'o mut String,
    at: At,
    keys: usize,
    first: bool,
    /// The announced number of entries: serde-saphyr lays out a map
    /// announced non-empty but written empty differently.
    len: Option<usize>,
}

impl MapSer<'_> {
    fn key_position(&mut self) {
        next_entry(self.out, self.at, &mut self.first, self.keys);
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(ValueSer { out: self.out, at: At::MapValue { key: self.keys } })
    }

    fn finish(self) -> Result {
        if self.first {
            if self.len.is_some_and(|n| n > 0) {
                return Err(Unsupported);
            }
            write_empty(self.out, self.at, "{}");
        }
        Ok(())
    }
}

impl ser::SerializeMap for MapSer<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.key_position();
        key.serialize(KeySer { out: self.out })
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.value(value)
    }

    fn end(self) -> Result {
        self.finish()
    }
}

impl ser::SerializeStruct for MapSer<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.key_position();
        write_key(self.out, key)?;
        self.value(value)
    }

    fn end(self) -> Result {
        self.finish()
    }
}

/// Writes a map key followed by `:`; string keys only.
struct KeySer<'o> {
    out: &'o mut String,
}

macro_rules! no_key {
    ($($method:ident($($arg:ty),*) -> $ret:ty;)*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<$ret> {
            Err(Unsupported)
        }
    )*};
}

impl ser::Serializer for KeySer<'_> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = ser::Impossible<(), Unsupported>;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = ser::Impossible<(), Unsupported>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_str(self, v: &str) -> Result {
        write_key(self.out, v)
    }
    fn serialize_char(self, v: char) -> Result {
        write_key(self.out, v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result {
        Err(Unsupported)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, _value: &T) -> Result {
        Err(Unsupported)
    }
    declined_newtype_variant!();
    no_key! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}
