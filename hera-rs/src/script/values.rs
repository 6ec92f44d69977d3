//! What a `#[script]` function may take and return, as public traits whose
//! messages explain a refusal at the user's own type: the expansion checks
//! each parameter against [`ScriptInput`] and the return type against
//! [`ScriptReturn`].

use super::runner::{Outcome, RunError};
use crate::author::wiring::call::encode;
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};

/// A type a `#[script]` function can take as a parameter: every type serde
/// can deserialize (`String`, numbers, `bool`, `Vec<T>`, maps, `Option<T>`,
/// your own `#[derive(serde::Deserialize)]` types).
///
/// Argo passes a parameter as text; string types take it as it is, every
/// other type reads it as JSON (Hera's encoding).
///
/// Where a number or a boolean is expected, a JSON string holding one is
/// taken too, at any depth (`["0","1","4"]` for `Vec<i64>`, `"3"` for an
/// `i64` or `f64`, `"true"` for a `bool`), and so is a float without a
/// fractional part for an integer: the lax mode of pydantic, through which
/// Hera's runner decodes, because aggregated outputs of a loop arrive as
/// strings or as numbers depending on how each iteration printed them.
/// Booleans take pydantic's words (`true`/`false`, `yes`/`no`, `on`/`off`,
/// `1`/`0`, `t`/`f`, `y`/`n`, in any case). Strings are never made from
/// numbers.
///
/// ```
/// use hera::ScriptInput;
///
/// assert_eq!(String::from_parameter("\"quoted\"").unwrap(), "\"quoted\"");
/// assert_eq!(i64::from_parameter("42").unwrap(), 42);
/// assert_eq!(<Vec<i64>>::from_parameter("[1, 2]").unwrap(), [1, 2]);
/// assert_eq!(<Vec<i64>>::from_parameter(r#"["0","1","4"]"#).unwrap(), [0, 1, 4]);
/// assert_eq!(f64::from_parameter(r#""2.5""#).unwrap(), 2.5);
/// assert_eq!(bool::from_parameter(r#""true""#).unwrap(), true);
/// assert_eq!(<Option<i64>>::from_parameter("null").unwrap(), None);
/// assert!(i64::from_parameter("x").is_err());
/// assert!(i64::from_parameter(r#""1.5""#).is_err());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[script]` parameter: it does not implement `serde::Deserialize`",
    label = "Argo passes this parameter as text, which must decode to a `{Self}`",
    note = "derive it (`#[derive(serde::Deserialize)]`), or take a type that has it (`String`, `i64`, `Vec<T>`, ...)"
)]
pub trait ScriptInput: Sized {
    /// Decodes the text Argo passes for the parameter.
    fn from_parameter(text: &str) -> Result<Self, String>;
}

#[diagnostic::do_not_recommend]
impl<T: DeserializeOwned> ScriptInput for T {
    fn from_parameter(text: &str) -> Result<Self, String> {
        T::deserialize(ParameterText(text)).map_err(|e| e.to_string())
    }
}

/// A type a `#[script]` function can return as the step's result (Argo's
/// `outputs.result`): every type serde can serialize, printed as it is for
/// strings and as JSON otherwise (`()` and `None` print nothing).
///
/// A function may also return a struct deriving [`Outputs`](crate::Outputs)
/// (each field becomes a named output), or `Result<T, E>` with `E: Display`
/// where `T` is either kind (an `Err` fails the step with its message);
/// `#[script]` tells these apart itself, so they need no impl of this trait.
///
/// The trait cannot be implemented outside hera: its one method is the
/// runner's.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned by a `#[script]` function",
    label = "the step reports this value, so its type must derive `serde::Serialize` or `hera::Outputs`",
    note = "derive `serde::Serialize` (the value becomes the step's `outputs.result`) or `hera::Outputs` \
            (each field becomes a named output)",
    note = "a `Result<T, E>` needs such a `T` and an `E` that implements `Display`"
)]
pub trait ScriptReturn {
    /// What the runner reports.
    #[doc(hidden)]
    fn into_outcome(self) -> Result<Outcome, RunError>;
}

#[diagnostic::do_not_recommend]
impl<T: serde::Serialize> ScriptReturn for T {
    fn into_outcome(self) -> Result<Outcome, RunError> {
        Ok(Outcome { result: serialised(&self)?, ..Outcome::default() })
    }
}

/// A value as the text of `outputs.result`: `None` for `null`.
pub(crate) fn serialised<T: serde::Serialize + ?Sized>(value: &T) -> Result<Option<String>, RunError> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Null) => Ok(None),
        Ok(value) => Ok(Some(encode(value))),
        Err(e) => Err(RunError(format!("cannot serialise the result: {e}"))),
    }
}

/// A parameter's text as a serde deserializer: string-like targets get the
/// text as it is, every other target reads it as JSON (Hera's encoding).
struct ParameterText<'a>(&'a str);

impl ParameterText<'_> {
    fn json(&self) -> Result<serde_json::Value, de::value::Error> {
        serde_json::from_str(self.0).map_err(de::Error::custom)
    }
}

macro_rules! via_json {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, de::value::Error> {
            super::lax::Lax(self.json()?).$method(visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for ParameterText<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.json() {
            Ok(value) => value.deserialize_any(visitor).map_err(de::Error::custom),
            Err(_) => visitor.visit_str(self.0),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_str(self.0)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_str(self.0)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_str(self.0)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_str(self.0)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        if self.0 == "null" { visitor.visit_none() } else { visitor.visit_some(self) }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.json() {
            Ok(value) => value.deserialize_enum(name, variants, visitor).map_err(de::Error::custom),
            Err(_) => visitor.visit_enum(self.0.into_deserializer()),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Self::Error> {
        super::lax::Lax(self.json()?).deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        super::lax::Lax(self.json()?).deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        super::lax::Lax(self.json()?).deserialize_struct(name, fields, visitor)
    }

    via_json!(deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128 deserialize_f32
        deserialize_f64 deserialize_bytes deserialize_byte_buf deserialize_unit deserialize_seq deserialize_map
        deserialize_ignored_any);
}
