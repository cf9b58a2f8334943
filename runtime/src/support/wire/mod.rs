//! Reading values in every form the API really sends, and writing them back in that form.
//!
//! The documentation types a field one way; real payloads send it in others, and differently by
//! API version: references as strings (`"AvangateId": "4590126"`), quantities as `"1"` and `1` in
//! one order, `""` or `false` where nothing is set, `0` where a price is whole. The bindings
//! decide this once, here, for every field of every generated type:
//!
//! - **Reading** accepts each scalar in any form that holds it: a number or boolean where a string
//!   is declared, a numeric string where a number is, `0`/`1`/`"true"` where a boolean is. Where
//!   the declared type is not a string, boolean or array, `""`, `false` and `[]` stand for "no
//!   value" ([`Read::Empty`]): an optional or nullable field reads them as unset.
//! - **Writing** uses the canonical form of the declared type ([`Wire::write`]), except for a
//!   value that arrived in another form and has not changed since: that one goes back exactly as
//!   it came. The generated objects keep those original forms in their
//!   [`WireForms`] (one entry per such field; usually none), and compare the
//!   value with the original when writing, so changing a field is all it takes to send the new
//!   value canonically.
//!
//! Numbers that must stay exact (money, other decimals) are read from their text, never through
//! `f64`; see [`money`](super::money).

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, Serializer};
use serde_json::value::RawValue;

mod out;
mod raw;

pub use out::{
    FieldMap, JSON_BUFFER, JsonFields, plain_keys, write_json_with_serde, writes_compact_json,
};
pub use raw::{RawText, StackText, raw_text, write_raw_json, write_raw_number};

use super::json::{Json, JsonKind};
use super::{Date, DateTime, Maybe};

/// A value as read from the wire.
#[derive(Debug, Clone, PartialEq)]
pub enum Read<T> {
    /// A value, with the JSON it arrived as when that differs from its canonical form.
    Value(T, Option<Json>),
    /// `""`, `false` or `[]` standing for "no value", as it arrived.
    Empty(Json),
}

/// What [`Wire::read_into`] left in its slot: [`Read`] without the value, which is in place.
#[derive(Debug, Clone, PartialEq)]
pub enum Filled {
    /// The slot holds the value read, with the JSON it arrived as when that differs from its
    /// canonical form.
    Value(Option<Json>),
    /// `""`, `false` or `[]` standing for "no value", as it arrived; the slot is unspecified.
    Empty(Json),
}

/// A type the bindings read leniently and write back in its original form.
///
/// Implemented for the scalars, `Vec`, `BTreeMap<String, _>`, `Option`, [`Maybe`] and every
/// generated type.
pub trait Wire: Sized + PartialEq {
    /// Reads a value from any form the API sends it in.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Read<Self>, D::Error>;

    /// Reads a value as [`Wire::read`] does, into `slot` (whatever it held is replaced).
    ///
    /// Generated objects fill their fields where they lie, and containers read their elements and
    /// payloads where they will stay: a kilobyte-sized object is then not moved through every
    /// layer of the read. The default reads and assigns.
    #[inline]
    fn read_into<'de, D: Deserializer<'de>>(
        deserializer: D,
        slot: &mut Self,
    ) -> Result<Filled, D::Error> {
        Ok(match Self::read(deserializer)? {
            Read::Value(value, form) => {
                *slot = value;
                Filled::Value(form)
            }
            Read::Empty(form) => Filled::Empty(form),
        })
    }

    /// A value to [`read_into`](Wire::read_into) when a container has none yet: `Some` for
    /// types that read in place (generated objects with a `Default`), `None` (the default) for
    /// the others, which are read and moved.
    #[inline]
    fn blank() -> Option<Self> {
        None
    }

    /// Writes the value in its canonical form.
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;

    /// Writes the value in its canonical form as compact JSON into `out`: what [`Wire::write`]
    /// writes through `serde_json`. Containers and generated objects write their JSON directly
    /// (see [`JsonFields`]); the default goes through `serde_json`'s serializer.
    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        write_json_with_serde(self, out)
    }
}

/// Serializes a [`Wire`] value in its canonical form.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Canonical<'a, T>(pub &'a T);

impl<T: Wire> Serialize for Canonical<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write(serializer)
    }
}

/// Writes one param of a request in its canonical form (generated `serialize_params`).
#[inline]
pub fn param<S: serde::ser::SerializeSeq, T: Wire>(seq: &mut S, value: &T) -> Result<(), S::Error> {
    seq.serialize_element(&Canonical(value))
}

/// Deserializes a [`Wire`] value; [`Read::Empty`] is an error (nothing can hold "no value").
#[derive(Debug, Clone, PartialEq)]
pub struct De<T>(pub T);

impl<'de, T: Wire> Deserialize<'de> for De<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        value(T::read(deserializer)?).map(De)
    }
}

/// The value of a read, or an error for an "empty" stand-in where a value is required.
pub fn value<T, E: de::Error>(read: Read<T>) -> Result<T, E> {
    match read {
        Read::Value(value, _) => Ok(value),
        Read::Empty(form) => Err(E::custom(format_args!(
            "expected a value, found {}",
            form.as_str()
        ))),
    }
}

/// A [`DeserializeSeed`] producing a [`Read`].
pub struct ReadSeed<T>(PhantomData<T>);

impl<T> ReadSeed<T> {
    /// A seed reading a `T`.
    pub fn new() -> Self {
        ReadSeed(PhantomData)
    }
}

impl<T> Default for ReadSeed<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, T: Wire> DeserializeSeed<'de> for ReadSeed<T> {
    type Value = Read<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Read<T>, D::Error> {
        T::read(deserializer)
    }
}

/// A [`DeserializeSeed`] reading with [`Wire::read_into`] into the slot it holds.
pub struct IntoSeed<'a, T>(pub &'a mut T);

impl<'de, T: Wire> DeserializeSeed<'de> for IntoSeed<'_, T> {
    type Value = Filled;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Filled, D::Error> {
        T::read_into(deserializer, self.0)
    }
}

/// Whether `value` is what `form` reads as: the original form may then be written instead.
pub fn matches_form<T: Wire>(value: &T, form: &Json) -> bool {
    let mut deserializer = serde_json::Deserializer::from_str(form.as_str());
    match T::read(&mut deserializer) {
        Ok(Read::Value(original, _)) => &original == value,
        // Only `Option` / `Maybe` turn "empty" into a value; for them this arm is not reached.
        Ok(Read::Empty(_)) | Err(_) => false,
    }
}

/// The JSON of a scalar, for remembering the form it arrived in.
fn form_of<T: Serialize + ?Sized>(value: &T) -> Json {
    // Scalars always serialize.
    Json::of(value).unwrap_or_else(|_| Json::null())
}

// ---------------------------------------------------------------------------------------------
// Scalars

/// A scalar as it appeared on the wire.
enum Seen {
    Text(String),
    Int(i64),
    UInt(u64),
    Float(f64),
    Bool(bool),
    Null,
    EmptyArray,
}

impl Seen {
    fn form(&self) -> Json {
        match self {
            Seen::Text(v) => Json::string(v),
            Seen::Int(v) => form_of(v),
            Seen::UInt(v) => form_of(v),
            Seen::Float(v) => form_of(v),
            Seen::Bool(v) => form_of(v),
            Seen::Null => Json::null(),
            Seen::EmptyArray => Json::from_raw(empty_array()),
        }
    }

    fn unexpected(&self) -> de::Unexpected<'_> {
        match self {
            Seen::Text(v) => de::Unexpected::Str(v),
            Seen::Int(v) => de::Unexpected::Signed(*v),
            Seen::UInt(v) => de::Unexpected::Unsigned(*v),
            Seen::Float(v) => de::Unexpected::Float(*v),
            Seen::Bool(v) => de::Unexpected::Bool(*v),
            Seen::Null => de::Unexpected::Unit,
            Seen::EmptyArray => de::Unexpected::Seq,
        }
    }

    /// `""`, `false` or `[]`: "no value" for types that are not strings, booleans or arrays.
    fn is_empty_stand_in(&self) -> bool {
        match self {
            Seen::Text(v) => v.trim().is_empty(),
            Seen::Bool(false) | Seen::EmptyArray => true,
            _ => false,
        }
    }
}

fn empty_array() -> Box<RawValue> {
    // "[]" is valid JSON.
    RawValue::from_string("[]".to_owned()).unwrap_or_default()
}

// The "no value" stand-ins, shared by every visitor of a type that is neither a string, a boolean
// nor an array: `""` (or blank), `false` and `[]` read as `Read::Empty`; anything else of those
// kinds is the visitor's type error.

fn empty_str<T, E: de::Error>(v: &str, expected: &dyn de::Expected) -> Result<Read<T>, E> {
    if v.trim().is_empty() {
        Ok(Read::Empty(Json::string(v)))
    } else {
        Err(E::invalid_type(de::Unexpected::Str(v), expected))
    }
}

fn empty_false<T, E: de::Error>(v: bool, expected: &dyn de::Expected) -> Result<Read<T>, E> {
    if v {
        Err(E::invalid_type(de::Unexpected::Bool(v), expected))
    } else {
        Ok(Read::Empty(form_of(&v)))
    }
}

fn empty_seq<'de, T, A: SeqAccess<'de>>(
    mut seq: A,
    expected: &dyn de::Expected,
) -> Result<Read<T>, A::Error> {
    match seq.next_element::<IgnoredAny>()? {
        None => Ok(Read::Empty(Json::from_raw(empty_array()))),
        Some(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, expected)),
    }
}

/// Reads a scalar; `expected` names what was wanted.
struct SeenVisitor(&'static str);

impl<'de> Visitor<'de> for SeenVisitor {
    type Value = Seen;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Seen, E> {
        Ok(Seen::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Seen, E> {
        Ok(Seen::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Seen, E> {
        Ok(match i64::try_from(v) {
            Ok(v) => Seen::Int(v),
            Err(_) => Seen::UInt(v),
        })
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Seen, E> {
        Ok(Seen::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Seen, E> {
        Ok(Seen::Text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Seen, E> {
        Ok(Seen::Text(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Seen, E> {
        Ok(Seen::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Seen, E> {
        Ok(Seen::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Seen, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Seen, A::Error> {
        match seq.next_element::<IgnoredAny>()? {
            None => Ok(Seen::EmptyArray),
            Some(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, &self)),
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, _map: A) -> Result<Seen, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::Map, &self))
    }
}

fn seen<'de, D: Deserializer<'de>>(d: D, expected: &'static str) -> Result<Seen, D::Error> {
    d.deserialize_any(SeenVisitor(expected))
}

fn wrong<T, E: de::Error>(seen: &Seen, expected: &'static str) -> Result<Read<T>, E> {
    Err(E::invalid_type(seen.unexpected(), &expected))
}

impl Wire for String {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Read<Self>, D::Error> {
        const EXPECTED: &str = "a string (or a number or boolean holding one)";
        let seen = match seen(d, EXPECTED)? {
            Seen::Text(text) => return Ok(Read::Value(text, None)),
            seen => seen,
        };
        let text = match &seen {
            Seen::Int(v) => v.to_string(),
            Seen::UInt(v) => v.to_string(),
            Seen::Float(v) => form_of(v).as_str().to_owned(),
            Seen::Bool(v) => v.to_string(),
            Seen::EmptyArray => return Ok(Read::Empty(seen.form())),
            Seen::Null | Seen::Text(_) => return wrong(&seen, EXPECTED),
        };
        Ok(Read::Value(text, Some(seen.form())))
    }

    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl Wire for i64 {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Read<Self>, D::Error> {
        const EXPECTED: &str = "an integer (or a string holding one)";
        let seen = seen(d, EXPECTED)?;
        let value = match &seen {
            Seen::Int(v) => return Ok(Read::Value(*v, None)),
            Seen::Float(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => *v as i64,
            Seen::Text(t) if !seen.is_empty_stand_in() => match t.trim().parse() {
                Ok(v) => v,
                Err(_) => {
                    return Err(de::Error::invalid_value(seen.unexpected(), &EXPECTED));
                }
            },
            _ if seen.is_empty_stand_in() => return Ok(Read::Empty(seen.form())),
            _ => return wrong(&seen, EXPECTED),
        };
        Ok(Read::Value(value, Some(seen.form())))
    }

    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(*self)
    }
}

impl Wire for bool {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Read<Self>, D::Error> {
        const EXPECTED: &str = "a boolean (or 0, 1 or a string holding one)";
        let seen = seen(d, EXPECTED)?;
        let value = match &seen {
            Seen::Bool(v) => return Ok(Read::Value(*v, None)),
            Seen::Int(0) => false,
            Seen::Int(1) => true,
            Seen::Text(t) => match t.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" => true,
                "false" | "0" | "no" => false,
                "" => return Ok(Read::Empty(seen.form())),
                _ => return Err(de::Error::invalid_value(seen.unexpected(), &EXPECTED)),
            },
            Seen::EmptyArray => return Ok(Read::Empty(seen.form())),
            _ => return wrong(&seen, EXPECTED),
        };
        Ok(Read::Value(value, Some(seen.form())))
    }

    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(*self)
    }
}

/// Largest magnitude below which every whole `f64` is exactly an `i64` (2^53).
const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;

/// The canonical text of an `f64`: a whole value as an integer (`10`, not `10.0`), others in
/// their shortest form (as serde_json writes them).
struct F64Text(f64);

impl fmt::Display for F64Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.0;
        if value.fract() == 0.0 && value.abs() < EXACT_INTEGER_LIMIT {
            write!(f, "{}", value as i64)
        } else {
            // serde_json's `f64` text is the shortest one that reads back the same value.
            f.write_str(form_of(&value).as_str())
        }
    }
}

impl Wire for f64 {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Read<Self>, D::Error> {
        const EXPECTED: &str = "a number (or a string holding one)";
        read_number(
            d,
            EXPECTED,
            |text| text.parse::<f64>().ok(),
            |v, text| StackText::of(&F64Text(*v)).as_str() == text,
        )
    }

    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.fract() == 0.0 && self.abs() < EXACT_INTEGER_LIMIT {
            // Whole and exactly representable: the cast is lossless.
            s.serialize_i64(*self as i64)
        } else {
            s.serialize_f64(*self)
        }
    }
}

/// Reads a number from its exact text (see [`money`](super::money)): a JSON number, or a string
/// holding one. `parse` turns the text into the value, `canonical` tells whether the value is
/// written back as exactly that text; when it is not, the original is kept as the form.
pub fn read_number<'de, T, D, P, C>(
    d: D,
    expected: &'static str,
    parse: P,
    canonical: C,
) -> Result<Read<T>, D::Error>
where
    D: Deserializer<'de>,
    P: Fn(&str) -> Option<T>,
    C: Fn(&T, &str) -> bool,
{
    let raw = raw::raw_text(d)?;
    number_from_text(raw.as_str(), expected, parse, canonical)
}

/// [`read_number`] from the JSON text of the value read.
pub fn number_from_text<T, E, P, C>(
    text: &str,
    expected: &'static str,
    parse: P,
    canonical: C,
) -> Result<Read<T>, E>
where
    E: de::Error,
    P: Fn(&str) -> Option<T>,
    C: Fn(&T, &str) -> bool,
{
    let text = text.trim();
    let form = || Json::from_text(text.to_owned()).map_err(de::Error::custom);
    match JsonKind::of(text) {
        JsonKind::Number => match parse(text) {
            Some(value) => {
                let form = if canonical(&value, text) {
                    None
                } else {
                    Some(form()?)
                };
                Ok(Read::Value(value, form))
            }
            None => Err(de::Error::invalid_value(
                de::Unexpected::Other(&format!("the number {text}")),
                &expected,
            )),
        },
        JsonKind::String => {
            let inner: String = serde_json::from_str(text).map_err(de::Error::custom)?;
            if inner.trim().is_empty() {
                return Ok(Read::Empty(form()?));
            }
            match parse(inner.trim()) {
                Some(value) => Ok(Read::Value(value, Some(form()?))),
                None => Err(de::Error::invalid_value(
                    de::Unexpected::Str(&inner),
                    &expected,
                )),
            }
        }
        JsonKind::Bool if text == "false" => Ok(Read::Empty(form()?)),
        JsonKind::Array if text.trim_start_matches('[').trim_start().starts_with(']') => {
            Ok(Read::Empty(form()?))
        }
        kind => Err(de::Error::invalid_type(unexpected_kind(kind), &expected)),
    }
}

fn unexpected_kind(kind: JsonKind) -> de::Unexpected<'static> {
    match kind {
        JsonKind::Null => de::Unexpected::Unit,
        JsonKind::Bool => de::Unexpected::Other("a boolean"),
        JsonKind::Number => de::Unexpected::Other("a number"),
        JsonKind::String => de::Unexpected::Other("a string"),
        JsonKind::Array => de::Unexpected::Seq,
        JsonKind::Object => de::Unexpected::Map,
    }
}

macro_rules! text_newtype {
    ($ty:ty) => {
        impl Wire for $ty {
            fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Read<Self>, D::Error> {
                Ok(match String::read(d)? {
                    Read::Value(text, form) => Read::Value(<$ty>::from(text), form),
                    Read::Empty(form) => Read::Empty(form),
                })
            }

            fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

text_newtype!(Date);
text_newtype!(DateTime);

impl Wire for Json {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Read<Self>, D::Error> {
        Json::deserialize(d).map(|json| Read::Value(json, None))
    }

    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.serialize(s)
    }

    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        out.extend_from_slice(self.as_str().as_bytes());
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Presence

impl<T: Wire> Wire for Option<T> {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Read<Self>, D::Error> {
        struct OptionVisitor<T>(PhantomData<T>);
        impl<'de, T: Wire> Visitor<'de> for OptionVisitor<T> {
            type Value = Read<Option<T>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Read::Value(None, None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Read::Value(None, None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                Ok(match T::read(d)? {
                    Read::Value(value, form) => Read::Value(Some(value), form),
                    Read::Empty(form) => Read::Value(None, Some(form)),
                })
            }
        }
        d.deserialize_option(OptionVisitor(PhantomData))
    }

    /// As [`Wire::read`], with the payload read where it stays when `T` reads in place.
    fn read_into<'de, D: Deserializer<'de>>(d: D, slot: &mut Self) -> Result<Filled, D::Error> {
        read_null_or_into(d, slot)
    }

    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => s.serialize_some(&Canonical(value)),
            None => s.serialize_none(),
        }
    }

    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        match self {
            Some(value) => value.write_json(out),
            None => {
                out.extend_from_slice(b"null");
                Ok(())
            }
        }
    }
}

impl<T: Wire> Wire for Maybe<T> {
    /// As `Option<T>` reads, straight into a `Maybe` (no intermediate `Option` to move).
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Read<Self>, D::Error> {
        struct MaybeVisitor<T>(PhantomData<T>);
        impl<'de, T: Wire> Visitor<'de> for MaybeVisitor<T> {
            type Value = Read<Maybe<T>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Read::Value(Maybe::Null, None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Read::Value(Maybe::Null, None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                Ok(match T::read(d)? {
                    Read::Value(value, form) => Read::Value(Maybe::Value(value), form),
                    Read::Empty(form) => Read::Value(Maybe::Null, Some(form)),
                })
            }
        }
        d.deserialize_option(MaybeVisitor(PhantomData))
    }

    /// As [`Wire::read`], with the payload read where it stays when `T` reads in place.
    fn read_into<'de, D: Deserializer<'de>>(d: D, slot: &mut Self) -> Result<Filled, D::Error> {
        read_null_or_into(d, slot)
    }

    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Maybe::Value(value) => s.serialize_some(&Canonical(value)),
            Maybe::Absent | Maybe::Null => s.serialize_none(),
        }
    }

    #[inline]
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        match self {
            Maybe::Value(value) => value.write_json(out),
            Maybe::Absent | Maybe::Null => {
                out.extend_from_slice(b"null");
                Ok(())
            }
        }
    }
}

/// What `Option<T>` and [`Maybe<T>`] have in common when read in place: `null`, or a value.
trait NullOr<T>: Sized {
    fn null() -> Self;
    fn of(value: T) -> Self;
    fn value_mut(&mut self) -> Option<&mut T>;
}

impl<T> NullOr<T> for Option<T> {
    fn null() -> Self {
        None
    }
    fn of(value: T) -> Self {
        Some(value)
    }
    fn value_mut(&mut self) -> Option<&mut T> {
        self.as_mut()
    }
}

impl<T> NullOr<T> for Maybe<T> {
    fn null() -> Self {
        Maybe::Null
    }
    fn of(value: T) -> Self {
        Maybe::Value(value)
    }
    fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Maybe::Value(value) => Some(value),
            Maybe::Absent | Maybe::Null => None,
        }
    }
}

/// [`Wire::read_into`] of `Option<T>` and `Maybe<T>`: `null` → null; a value read into the one the
/// slot holds, or into `T`'s blank (read and moved when `T` has none); `""`, `false` or `[]`
/// standing for no value → null, with that form kept.
fn read_null_or_into<'de, D, T, H>(d: D, slot: &mut H) -> Result<Filled, D::Error>
where
    D: Deserializer<'de>,
    T: Wire,
    H: NullOr<T>,
{
    struct NullOrInto<'a, T, H>(&'a mut H, PhantomData<T>);
    impl<'de, T: Wire, H: NullOr<T>> Visitor<'de> for NullOrInto<'_, T, H> {
        type Value = Filled;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a value or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Filled, E> {
            *self.0 = H::null();
            Ok(Filled::Value(None))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Filled, E> {
            self.visit_none()
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Filled, D::Error> {
            if self.0.value_mut().is_none() {
                match T::blank() {
                    Some(blank) => *self.0 = H::of(blank),
                    None => {
                        return Ok(match T::read(d)? {
                            Read::Value(value, form) => {
                                *self.0 = H::of(value);
                                Filled::Value(form)
                            }
                            Read::Empty(form) => {
                                *self.0 = H::null();
                                Filled::Value(Some(form))
                            }
                        });
                    }
                }
            }
            let Some(inner) = self.0.value_mut() else {
                return Err(de::Error::custom("a value slot was not filled"));
            };
            Ok(match T::read_into(d, inner)? {
                Filled::Value(form) => Filled::Value(form),
                Filled::Empty(form) => {
                    *self.0 = H::null();
                    Filled::Value(Some(form))
                }
            })
        }
    }
    d.deserialize_option(NullOrInto(slot, PhantomData))
}

// ---------------------------------------------------------------------------------------------
// Containers

/// A JSON array whose elements are written from their original form where they have one.
struct ArrayWithForms<'a, T> {
    items: &'a [T],
    forms: &'a [(usize, Json)],
}

impl<T: Wire> Serialize for ArrayWithForms<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.items.len()))?;
        let mut forms = self.forms.iter().peekable();
        for (index, item) in self.items.iter().enumerate() {
            match forms.next_if(|(i, _)| *i == index) {
                Some((_, form)) => seq.serialize_element(form)?,
                None => seq.serialize_element(&Canonical(item))?,
            }
        }
        seq.end()
    }
}

/// Reads one array element onto the end of `items`, with its original form in `forms`: the
/// element is not moved through the `Option` serde returns elements in (a generated object is
/// kilobytes).
struct PushSeed<'a, T> {
    items: &'a mut Vec<T>,
    forms: &'a mut Vec<(usize, Json)>,
}

impl<'de, T: Wire> DeserializeSeed<'de> for PushSeed<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let index = self.items.len();
        if let Some(blank) = T::blank() {
            self.items.push(blank);
            if let Some(item) = self.items.last_mut() {
                return match T::read_into(d, item)? {
                    Filled::Value(form) => {
                        if let Some(form) = form {
                            self.forms.push((index, form));
                        }
                        Ok(())
                    }
                    Filled::Empty(form) => {
                        self.items.pop();
                        Err(de::Error::custom(format_args!(
                            "array element {index}: expected a value, found {}",
                            form.as_str()
                        )))
                    }
                };
            }
        }
        match T::read(d)? {
            Read::Value(item, form) => {
                if let Some(form) = form {
                    self.forms.push((index, form));
                }
                self.items.push(item);
                Ok(())
            }
            Read::Empty(form) => Err(de::Error::custom(format_args!(
                "array element {index}: expected a value, found {}",
                form.as_str()
            ))),
        }
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Read<Self>, D::Error> {
        struct SeqVisitor<T>(PhantomData<T>);
        impl<'de, T: Wire> Visitor<'de> for SeqVisitor<T> {
            type Value = Read<Vec<T>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                // The original forms of the elements that have one, by position.
                let mut forms: Vec<(usize, Json)> = Vec::new();
                while seq
                    .next_element_seed(PushSeed {
                        items: &mut items,
                        forms: &mut forms,
                    })?
                    .is_some()
                {}
                let form = if forms.is_empty() {
                    None
                } else {
                    Json::of(&ArrayWithForms {
                        items: &items,
                        forms: &forms,
                    })
                    .ok()
                };
                Ok(Read::Value(items, form))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                empty_str(v, &self)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                empty_false(v, &self)
            }
        }
        d.deserialize_any(SeqVisitor(PhantomData))
    }

    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(Canonical))
    }

    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        out.push(b'[');
        for (index, item) in self.iter().enumerate() {
            if index > 0 {
                out.push(b',');
            }
            item.write_json(out)?;
        }
        out.push(b']');
        Ok(())
    }
}

impl<T: Wire> Wire for BTreeMap<String, T> {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Read<Self>, D::Error> {
        struct MapVisitor<T>(PhantomData<T>);
        impl<'de, T: Wire> Visitor<'de> for MapVisitor<T> {
            type Value = Read<BTreeMap<String, T>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = BTreeMap::new();
                let mut changed = false;
                let mut forms: BTreeMap<String, Json> = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    match map.next_value_seed(ReadSeed::<T>::new())? {
                        Read::Value(value, form) => {
                            if let Some(form) = form {
                                changed = true;
                                forms.insert(key.clone(), form);
                            }
                            entries.insert(key, value);
                        }
                        Read::Empty(form) => {
                            return Err(de::Error::custom(format_args!(
                                "key `{key}`: expected a value, found {}",
                                form.as_str()
                            )));
                        }
                    }
                }
                let form = if changed {
                    let mut whole: BTreeMap<&str, Json> = BTreeMap::new();
                    for (key, value) in &entries {
                        let form = match forms.remove(key) {
                            Some(form) => form,
                            None => match Json::of(&Canonical(value)) {
                                Ok(json) => json,
                                Err(e) => return Err(de::Error::custom(e)),
                            },
                        };
                        whole.insert(key, form);
                    }
                    Json::of(&whole).ok()
                } else {
                    None
                };
                Ok(Read::Value(entries, form))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                // PHP encodes an empty associative array as `[]`.
                match seq.next_element::<IgnoredAny>()? {
                    None => Ok(Read::Value(
                        BTreeMap::new(),
                        Some(Json::from_raw(empty_array())),
                    )),
                    Some(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, &self)),
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                empty_str(v, &self)
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                empty_false(v, &self)
            }
        }
        d.deserialize_any(MapVisitor(PhantomData))
    }

    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter().map(|(k, v)| (k, Canonical(v))))
    }
}

// ---------------------------------------------------------------------------------------------
// Generated types

/// Reads a generated object: a JSON object, or `""`, `false` or `[]` for "no object".
///
/// The object is read into a slot rather than returned through serde's visitor (whose value
/// the deserializer moves several times; a generated object is kilobytes).
pub fn read_object<'de, T, D>(d: D) -> Result<Read<T>, D::Error>
where
    T: super::object::Object,
    D: Deserializer<'de>,
{
    let mut slot = None;
    match d.deserialize_any(ObjectVisitor(&mut slot, PhantomData))? {
        Some(form) => Ok(Read::Empty(form)),
        None => match slot {
            Some(value) => Ok(Read::Value(value, None)),
            None => Err(de::Error::custom(format_args!(
                "an object of type `{}`: nothing was read",
                T::NAME
            ))),
        },
    }
}

/// Reads a generated object into `slot` in place ([`Wire::read_into`] of generated objects):
/// as [`read_object`], without moving the object.
pub fn read_object_into<'de, T, D>(d: D, slot: &mut T) -> Result<Filled, D::Error>
where
    T: super::object::Object,
    D: Deserializer<'de>,
{
    Ok(match d.deserialize_any(ObjectVisitor(slot, PhantomData))? {
        Some(form) => Filled::Empty(form),
        None => Filled::Value(None),
    })
}

/// Where [`ObjectVisitor`] puts the object it reads: a new value into an `Option`, or the
/// fields into an object in place.
trait ObjectSlot<T> {
    fn fill<'de, A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error>;
}

impl<T: super::object::Object> ObjectSlot<T> for &mut Option<T> {
    fn fill<'de, A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        *self = Some(T::read_fields(map)?);
        Ok(())
    }
}

impl<T: super::object::Object> ObjectSlot<T> for &mut T {
    fn fill<'de, A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        T::read_fields_into(map, self)
    }
}

/// Reads an object into its slot; the value is the form of an empty stand-in (`""`, `false`,
/// `[]`), `None` for an object.
struct ObjectVisitor<T, S>(S, PhantomData<T>);

impl<'de, T: super::object::Object, S: ObjectSlot<T>> Visitor<'de> for ObjectVisitor<T, S> {
    type Value = Option<Json>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object of type `{}`", T::NAME)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<Json>, A::Error> {
        self.0.fill(map)?;
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<Json>, A::Error> {
        empty_seq::<(), A>(seq, &self).map(Read::empty_form)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<Json>, E> {
        empty_str::<(), E>(v, &self).map(Read::empty_form)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<Json>, E> {
        empty_false::<(), E>(v, &self).map(Read::empty_form)
    }
}

impl<T> Read<T> {
    /// The form of an [`Read::Empty`] (`None` for a value).
    fn empty_form(self) -> Option<Json> {
        match self {
            Read::Value(..) => None,
            Read::Empty(form) => Some(form),
        }
    }
}

/// A generated closed value set (an `enum` with an `Unknown(String)` variant).
pub trait WireEnum: Sized + Clone + 'static {
    /// The type's name, for error messages.
    const NAME: &'static str;
    /// Every listed value.
    const VALUES: &'static [Self];
    /// The listed value spelled exactly `text`.
    fn exact(text: &str) -> Option<Self>;
    /// The value as written on the wire.
    fn as_str(&self) -> &str;
    /// A value the spec does not list.
    fn unknown(text: String) -> Self;
}

/// Looks a value up: its exact spelling first, then ignoring ASCII case (the API compares
/// these values without regard to case: `visa` and `Visa` are one card type). The flag tells
/// whether the spelling was exact.
pub fn lookup<T: WireEnum>(text: &str) -> (T, bool) {
    if let Some(value) = T::exact(text) {
        return (value, true);
    }
    match T::VALUES
        .iter()
        .find(|value| value.as_str().eq_ignore_ascii_case(text))
    {
        Some(value) => (value.clone(), false),
        None => (T::unknown(text.to_owned()), true),
    }
}

/// Reads a closed value set from a string (or a number, kept as text).
pub fn read_enum<'de, T: WireEnum, D: Deserializer<'de>>(d: D) -> Result<Read<T>, D::Error> {
    d.deserialize_any(EnumVisitor(PhantomData))
}

/// Reads an enum value without copying a listed value's text.
struct EnumVisitor<T>(PhantomData<T>);

impl<'de, T: WireEnum> Visitor<'de> for EnumVisitor<T> {
    type Value = Read<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string (a value of `{}`)", T::NAME)
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Read<T>, E> {
        if text.trim().is_empty() {
            return Ok(Read::Empty(Json::string(text)));
        }
        let (value, exact) = lookup::<T>(text);
        Ok(Read::Value(value, (!exact).then(|| Json::string(text))))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Read<T>, E> {
        Ok(Read::Value(T::unknown(v.to_string()), Some(form_of(&v))))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Read<T>, E> {
        Ok(Read::Value(T::unknown(v.to_string()), Some(form_of(&v))))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Read<T>, E> {
        empty_false(v, &self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Read<T>, A::Error> {
        empty_seq(seq, &self)
    }
}

/// Reads a generated tagged union: a JSON object, or `""`, `false` or `[]` for "no value".
pub fn read_union<'de, T, D>(d: D) -> Result<Read<T>, D::Error>
where
    T: super::union::Union,
    D: Deserializer<'de>,
{
    struct UnionVisitor<T>(PhantomData<T>);
    impl<'de, T: super::union::Union> Visitor<'de> for UnionVisitor<T> {
        type Value = Read<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(
                f,
                "an object of type `{}` (tagged by `{}`)",
                T::NAME,
                T::TAG
            )
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Read<T>, A::Error> {
            super::union::read_map::<T, A>(map).map(|value| Read::Value(value, None))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Read<T>, A::Error> {
            empty_seq(seq, &self)
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Read<T>, E> {
            empty_false(v, &self)
        }
    }
    d.deserialize_any(UnionVisitor(PhantomData))
}

/// Reads a shape union (`#[untagged]`): the raw JSON is kept, its kind picks the variant, and
/// `pick` decodes it; anything `pick` declines or fails to decode is kept whole by `other`.
pub fn read_shape<'de, T, D, P, O>(d: D, pick: P, other: O) -> Result<Read<T>, D::Error>
where
    D: Deserializer<'de>,
    P: FnOnce(JsonKind, &str) -> Option<Read<T>>,
    O: FnOnce(Json) -> T,
{
    let raw = Json::deserialize(d)?;
    match pick(raw.kind(), raw.as_str()) {
        Some(read) => Ok(read),
        None => Ok(Read::Value(other(raw), None)),
    }
}

/// Decodes one variant of a shape union from its JSON text, with `wrap` building the variant.
/// `None` when the text does not decode as that variant (the union then keeps it whole).
pub fn shape_variant<T: Wire, U>(text: &str, wrap: impl FnOnce(T) -> U) -> Option<Read<U>> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match T::read(&mut deserializer) {
        Ok(Read::Value(value, form)) => Some(Read::Value(wrap(value), form)),
        Ok(Read::Empty(_)) | Err(_) => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Objects: field-level reading and writing

/// The original forms of an object's fields that arrived in a non-canonical form.
///
/// One entry per such field (usually none). Two objects that differ only in their wire forms are
/// equal: the forms say how the server spelled a value, not what it is. `Debug` prints which
/// fields have one, never their content (a field may hold card data).
#[derive(Clone, Default)]
pub struct WireForms(Vec<(u16, Json)>);

impl WireForms {
    /// No forms.
    pub fn new() -> Self {
        WireForms(Vec::new())
    }

    /// Whether no field has a form.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The original form of field `index`, if it arrived in a non-canonical one.
    #[inline]
    pub fn get(&self, index: usize) -> Option<&Json> {
        if self.0.is_empty() {
            return None;
        }
        self.0
            .iter()
            .find(|(i, _)| usize::from(*i) == index)
            .map(|(_, form)| form)
    }

    /// Records the original form of field `index` (a later read of the same key replaces it).
    pub fn set(&mut self, index: usize, form: Json) {
        let index = u16::try_from(index).unwrap_or(u16::MAX);
        self.0.retain(|(i, _)| *i != index);
        self.0.push((index, form));
    }

    /// Forgets the original form of field `index`: it is then written canonically.
    pub fn clear(&mut self, index: usize) {
        self.0.retain(|(i, _)| usize::from(*i) != index);
    }
}

impl PartialEq for WireForms {
    fn eq(&self, _other: &WireForms) -> bool {
        true
    }
}

impl fmt::Debug for WireForms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.0.iter().map(|(i, _)| i))
            .finish()
    }
}

/// Writes an object's fields: each from its original form when it has one and its value has not
/// changed, otherwise canonically.
pub struct Fields<'a, M> {
    map: &'a mut M,
    keys: &'static [&'static str],
    forms: &'a WireForms,
}

impl<'a, M: FieldMap> Fields<'a, M> {
    /// Writes into `map` the fields named by `keys`, with the original `forms`.
    pub fn new(map: &'a mut M, keys: &'static [&'static str], forms: &'a WireForms) -> Self {
        Fields { map, keys, forms }
    }

    #[inline]
    fn key(&self, index: usize) -> &'static str {
        self.keys.get(index).copied().unwrap_or_default()
    }

    /// The original form of field `index` when it still reads as `value`.
    #[inline]
    fn original<T: Wire>(&self, index: usize, value: &T) -> Option<&'a Json> {
        let form = self.forms.get(index)?;
        matches_form(value, form).then_some(form)
    }

    /// A field that is always present (`T`, or `Option<T>` sending `None` as `null`).
    #[inline]
    pub fn required<T: Wire>(&mut self, index: usize, value: &T) -> Result<(), M::Error> {
        let key = self.key(index);
        match self.original(index, value) {
            Some(form) => self.map.form(key, form),
            None => self.map.field(key, value),
        }
    }

    /// A field that may be absent: `None` is omitted (unless it arrived as `null` or `""`).
    #[inline]
    pub fn optional<T: Wire>(&mut self, index: usize, value: &Option<T>) -> Result<(), M::Error> {
        let key = self.key(index);
        if let Some(form) = self.original(index, value) {
            return self.map.form(key, form);
        }
        match value {
            Some(value) => self.map.field(key, value),
            None => Ok(()),
        }
    }

    /// A field that may be absent or `null`.
    #[inline]
    pub fn maybe<T: Wire>(&mut self, index: usize, value: &Maybe<T>) -> Result<(), M::Error> {
        let key = self.key(index);
        if !value.is_absent()
            && let Some(form) = self.original(index, value)
        {
            return self.map.form(key, form);
        }
        match value {
            Maybe::Absent => Ok(()),
            Maybe::Null => self.map.null(key),
            Maybe::Value(value) => self.map.field(key, value),
        }
    }

    /// The unknown fields, except keys the typed fields already wrote.
    pub fn extra(self, extra: &super::Extra) -> Result<(), M::Error> {
        for (key, value) in extra {
            if !self.keys.contains(&key.as_str()) {
                self.map.entry(key, value)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
