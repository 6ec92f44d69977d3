//! Lax decoding of a parameter's JSON, as pydantic's lax mode (Hera's
//! runner) does it: where a number or a boolean is expected, a string that
//! holds one is taken, at any depth; an integer also takes a float without
//! a fractional part, and a boolean the integers 0 and 1. Nothing else is
//! coerced: strings are never made from numbers.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

type Error = de::value::Error;

/// A JSON value read laxly.
pub(crate) struct Lax(pub(crate) Value);

fn custom(error: serde_json::Error) -> Error {
    de::Error::custom(error)
}

/// pydantic's words for booleans.
fn boolean(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "t" | "yes" | "y" | "on" | "1" => Some(true),
        "false" | "f" | "no" | "n" | "off" | "0" => Some(false),
        _ => None,
    }
}

/// The integer a value stands for: a JSON integer, a float without a
/// fractional part, or a string holding either.
fn integer(value: &Value) -> Option<Value> {
    match value {
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(value.clone()),
        Value::Number(n) => {
            let f = n.as_f64()?;
            (f.fract() == 0.0 && f.abs() < 9.0e15).then(|| Value::from(f as i64))
        }
        Value::String(text) => {
            let text = text.trim();
            if let Ok(i) = text.parse::<i64>() {
                Some(Value::from(i))
            } else if let Ok(u) = text.parse::<u64>() {
                Some(Value::from(u))
            } else {
                integer(&Value::from(text.parse::<f64>().ok().filter(|f| f.is_finite())?))
            }
        }
        _ => None,
    }
}

/// The float a value stands for: a JSON number, or a string holding one.
fn float(value: &Value) -> Option<Value> {
    match value {
        Value::Number(_) => Some(value.clone()),
        Value::String(text) => text.trim().parse::<f64>().ok().filter(|f| f.is_finite()).map(Value::from),
        _ => None,
    }
}

macro_rules! integers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match integer(&self.0) {
                Some(value) => value.$method(visitor).map_err(custom),
                None => self.0.$method(visitor).map_err(custom),
            }
        }
    )*};
}

macro_rules! floats {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match float(&self.0) {
                Some(value) => value.$method(visitor).map_err(custom),
                None => self.0.$method(visitor).map_err(custom),
            }
        }
    )*};
}

macro_rules! plain {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.0.$method(visitor).map_err(custom)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Lax {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(items) => visitor.visit_seq(Items(items.into_iter())),
            Value::Object(map) => visitor.visit_map(Entries { entries: map.into_iter(), value: None }),
            value => value.deserialize_any(visitor).map_err(custom),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0 {
            Value::String(text) if boolean(text).is_some() => visitor.visit_bool(boolean(text) == Some(true)),
            Value::Number(n) if n.as_u64().is_some_and(|n| n <= 1) => {
                visitor.visit_bool(n.as_u64() == Some(1))
            }
            _ => self.0.deserialize_bool(visitor).map_err(custom),
        }
    }

    integers!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128);
    floats!(deserialize_f32 deserialize_f64);
    plain!(deserialize_char deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_unit deserialize_identifier deserialize_ignored_any);

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            value => visitor.visit_some(Lax(value)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.0.deserialize_unit_struct(name, visitor).map_err(custom)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(items) => visitor.visit_seq(Items(items.into_iter())),
            value => value.deserialize_seq(visitor).map_err(custom),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(Entries { entries: map.into_iter(), value: None }),
            value => value.deserialize_map(visitor).map_err(custom),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(Entries { entries: map.into_iter(), value: None }),
            value => value.deserialize_struct(name, fields, visitor).map_err(custom),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.0.deserialize_enum(name, variants, visitor).map_err(custom)
    }
}

/// The items of a JSON list, each read laxly.
struct Items(std::vec::IntoIter<Value>);

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        self.0.next().map(|value| seed.deserialize(Lax(value))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// The entries of a JSON object, each value read laxly.
struct Entries {
    entries: serde_json::map::IntoIter,
    value: Option<Value>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(key.into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(Lax(value)),
            None => Err(de::Error::custom("a map value was asked for before its key")),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ScriptInput;
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Point {
        x: i64,
        y: f64,
        label: String,
        on: bool,
        tags: Vec<u8>,
    }

    #[test]
    fn numbers_and_booleans_given_as_strings_are_taken() {
        assert_eq!(<Vec<i64>>::from_parameter(r#"["0","1","4"]"#).unwrap(), [0, 1, 4]);
        assert_eq!(<Vec<i64>>::from_parameter(r#"[0,"1",4.0]"#).unwrap(), [0, 1, 4]);
        assert_eq!(i64::from_parameter(r#""3""#).unwrap(), 3);
        assert_eq!(i64::from_parameter(" 3 ").unwrap(), 3);
        assert_eq!(u8::from_parameter(r#""7""#).unwrap(), 7);
        assert_eq!(f64::from_parameter(r#""3""#).unwrap(), 3.0);
        assert_eq!(f64::from_parameter(r#"" 0.25""#).unwrap(), 0.25);
        assert!(bool::from_parameter(r#""true""#).unwrap());
        assert!(!bool::from_parameter(r#""No""#).unwrap());
        assert!(bool::from_parameter("1").unwrap());
        assert_eq!(<Option<i64>>::from_parameter(r#""5""#).unwrap(), Some(5));
        assert_eq!(<(i64, bool)>::from_parameter(r#"["2","off"]"#).unwrap(), (2, false));
        let map = <BTreeMap<String, Vec<f64>>>::from_parameter(r#"{"a":["1.5",2]}"#).unwrap();
        assert_eq!(map["a"], [1.5, 2.0]);
        let point =
            Point::from_parameter(r#"{"x":"1","y":"2","label":"p","on":"yes","tags":["3"]}"#).unwrap();
        assert_eq!(point, Point { x: 1, y: 2.0, label: "p".into(), on: true, tags: vec![3] });
    }

    #[test]
    fn what_is_not_a_number_is_still_refused() {
        assert!(i64::from_parameter(r#""1.5""#).is_err());
        assert!(i64::from_parameter(r#""x""#).is_err());
        assert!(u8::from_parameter(r#""300""#).is_err());
        assert!(u8::from_parameter(r#""-1""#).is_err());
        assert!(f64::from_parameter(r#""NaN""#).is_err());
        assert!(bool::from_parameter(r#""maybe""#).is_err());
        assert!(bool::from_parameter("2").is_err());
        assert!(<Vec<i64>>::from_parameter(r#"["1","a"]"#).is_err());
        // Strings are never made from numbers inside a structure.
        assert!(<Vec<String>>::from_parameter("[1, 2]").is_err());
        assert_eq!(<Vec<String>>::from_parameter(r#"["1"]"#).unwrap(), ["1"]);
    }
}
