//! Encoding and decoding of generated objects, field by field.
//!
//! Generated structs keep the fields the spec does not know in `unknown_fields`. serde's
//! `#[serde(flatten)]` would do that, but it buffers the whole object into an intermediate tree
//! first, which makes a typed decode no faster than decoding to `serde_json::Value`. Instead each
//! generated struct implements [`Object`]: it writes its known fields then its unknown ones, and
//! reads keys one by one, matching them against its known keys without allocating.
//!
//! Keeping these helpers here keeps each generated impl small, so the generated crate compiles
//! quickly.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::lenient::{Canonical, Lenient};
use super::{Extra, Json, Maybe};

/// A JSON object with known fields (in spec order) plus any unknown ones.
///
/// Implemented by every generated struct; their `Serialize` and `Deserialize` impls call
/// [`serialize`] and [`deserialize`].
pub trait Object: Sized {
    /// The type's name, for error messages
    /// (``invalid type: string, expected an object of type `Reseller` ``).
    const NAME: &'static str;
    /// Wire keys of the known fields, in spec order.
    const FIELDS: &'static [&'static str];

    /// Writes the known fields in spec order, then the unknown ones.
    fn write_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;

    /// Reads the remaining entries of `map` into a value.
    ///
    /// Unknown keys are kept; a missing required key is a `missing field` error naming the wire
    /// key. When a key appears twice the last value wins, as with `serde_json::Value`.
    fn read_fields<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Serializes `value` as a JSON object.
pub fn serialize<T: Object, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    value.write_fields(&mut map)?;
    map.end()
}

/// Deserializes a `T` from a JSON object.
pub fn deserialize<'de, T: Object, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object of type `{}`", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read_fields(map)
    }
}

/// Writes one entry (required fields, and nullable ones: `None` becomes `null`).
pub fn write<M: SerializeMap, T: Serialize + ?Sized>(
    map: &mut M,
    key: &'static str,
    value: &T,
) -> Result<(), M::Error> {
    map.serialize_entry(key, value)
}

/// Writes an optional entry: `None` is omitted.
pub fn write_optional<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(key, value),
        None => Ok(()),
    }
}

/// Writes a [`Maybe`] entry: `Absent` is omitted, `Null` written as `null`.
pub fn write_maybe<M: SerializeMap, T: Serialize>(
    map: &mut M,
    key: &'static str,
    value: &Maybe<T>,
) -> Result<(), M::Error> {
    match value {
        Maybe::Absent => Ok(()),
        Maybe::Null => map.serialize_entry(key, &()),
        Maybe::Value(value) => map.serialize_entry(key, value),
    }
}

/// Writes one lenient entry in canonical form (see [`lenient`](super::lenient)).
pub fn write_lenient<M: SerializeMap, T: Lenient>(
    map: &mut M,
    key: &'static str,
    value: &T,
) -> Result<(), M::Error> {
    map.serialize_entry(key, &Canonical(value))
}

/// Writes an optional lenient entry in canonical form: `None` is omitted.
pub fn write_optional_lenient<M: SerializeMap, T: Lenient>(
    map: &mut M,
    key: &'static str,
    value: &Option<T>,
) -> Result<(), M::Error> {
    write_optional(map, key, &value.as_ref().map(Canonical))
}

/// Writes a lenient [`Maybe`] entry in canonical form: `Absent` is omitted, `Null` written as `null`.
pub fn write_maybe_lenient<M: SerializeMap, T: Lenient>(
    map: &mut M,
    key: &'static str,
    value: &Maybe<T>,
) -> Result<(), M::Error> {
    write_maybe(map, key, &value.as_ref().map(Canonical))
}

/// Writes the unknown fields, except keys the object's own fields already wrote (a JSON object
/// must not repeat a key; the typed field is the one that counts).
pub fn write_extra<M: SerializeMap>(
    map: &mut M,
    extra: &Extra,
    known: &[&str],
) -> Result<(), M::Error> {
    for (key, value) in extra {
        if !known.contains(&key.as_str()) {
            map.serialize_entry(key, value)?;
        }
    }
    Ok(())
}

/// A key read from an object: the index of a known field, or an unknown key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// The index of the key in [`Object::FIELDS`].
    Known(usize),
    /// A key the spec does not list.
    Unknown(String),
}

/// Reads the keys of an object and matches them against its known keys.
///
/// Objects usually arrive with their fields in the documented order, so the key after the last
/// match is tried first; the others are scanned only when that guess fails. Known keys are never
/// copied.
#[derive(Debug, Clone)]
pub struct Keys {
    fields: &'static [&'static str],
    next: usize,
}

impl Keys {
    /// Reads keys of an object whose known keys are `fields`.
    pub fn new(fields: &'static [&'static str]) -> Self {
        Keys { fields, next: 0 }
    }

    /// The next key of `map`, or `None` at the end of the object.
    pub fn next<'de, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<Option<Key>, A::Error> {
        map.next_key_seed(KeySeed(self))
    }

    /// Reads the value of an unknown key into `extra`.
    ///
    /// Also accepts [`Key::Known`] (generated code matches every index it knows, so only an index
    /// out of range could reach here): it is kept under its wire name rather than dropped.
    pub fn keep<'de, A: MapAccess<'de>>(
        &self,
        map: &mut A,
        extra: &mut Extra,
        key: Key,
    ) -> Result<(), A::Error> {
        let name = match key {
            Key::Unknown(name) => name,
            Key::Known(i) => self.fields.get(i).copied().unwrap_or_default().to_owned(),
        };
        let value: Json = map.next_value()?;
        extra.insert(name, value);
        Ok(())
    }

    fn find(&mut self, key: &str) -> Option<usize> {
        // Scan forward from the guess, then wrap around: a payload that skips a few optional
        // fields finds each key a few steps ahead.
        let start = self.next.min(self.fields.len());
        let (before, after) = self.fields.split_at(start);
        let index = match after.iter().position(|f| *f == key) {
            Some(i) => Some(start + i),
            None => before.iter().position(|f| *f == key),
        };
        if let Some(i) = index {
            self.next = i + 1;
        }
        index
    }
}

struct KeySeed<'k>(&'k mut Keys);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(match self.0.find(key) {
            Some(i) => Key::Known(i),
            None => Key::Unknown(key.to_owned()),
        })
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key, E> {
        Ok(match self.0.find(&key) {
            Some(i) => Key::Known(i),
            None => Key::Unknown(key),
        })
    }
}

/// The value of a required key, or a `missing field` error naming the wire key.
pub fn required<T, E: de::Error>(value: Option<T>, key: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(key))
}

/// Reads a value that may be `null` or in another scalar form than declared: used for fields
/// marked `#[lenient]`. See [`lenient`](super::lenient).
pub fn lenient<'de, A: MapAccess<'de>, T: super::lenient::Lenient>(
    map: &mut A,
) -> Result<T, A::Error> {
    map.next_value::<super::lenient::De<T>>().map(|v| v.0)
}

/// Reads the value of a key into a [`Maybe`]: `null` becomes [`Maybe::Null`].
pub fn maybe<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
) -> Result<Maybe<T>, A::Error> {
    map.next_value()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written object with one required, one nullable, one optional and one `Maybe` field,
    /// written the way the generator writes them.
    #[derive(Debug, Clone, PartialEq)]
    struct Sample {
        code: String,
        fax: Option<String>,
        count: Option<i64>,
        phone: Maybe<String>,
        unknown_fields: Extra,
    }

    impl Object for Sample {
        const NAME: &'static str = "Sample";
        const FIELDS: &'static [&'static str] = &["Code", "Fax", "Count", "Phone"];

        fn write_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
            write(map, "Code", &self.code)?;
            write(map, "Fax", &self.fax)?;
            write_optional(map, "Count", &self.count)?;
            write_maybe(map, "Phone", &self.phone)?;
            write_extra(map, &self.unknown_fields, Self::FIELDS)
        }

        fn read_fields<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut code = None;
            let mut fax = None;
            let mut count = None;
            let mut phone = Maybe::Absent;
            let mut unknown_fields = Extra::new();
            let mut keys = Keys::new(Self::FIELDS);
            while let Some(key) = keys.next(&mut map)? {
                match key {
                    Key::Known(0) => code = Some(map.next_value()?),
                    Key::Known(1) => fax = Some(map.next_value()?),
                    Key::Known(2) => count = lenient(&mut map)?,
                    Key::Known(3) => phone = maybe(&mut map)?,
                    key => keys.keep(&mut map, &mut unknown_fields, key)?,
                }
            }
            Ok(Sample {
                code: required(code, "Code")?,
                fax: required(fax, "Fax")?,
                count,
                phone,
                unknown_fields,
            })
        }
    }

    impl Serialize for Sample {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            serialize(self, s)
        }
    }

    impl<'de> Deserialize<'de> for Sample {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize(d)
        }
    }

    fn round_trip(json: &str) -> String {
        let value: Sample = serde_json::from_str(json).unwrap();
        serde_json::to_string(&value).unwrap()
    }

    #[test]
    fn keeps_unknown_fields_and_the_form_values_arrived_in() {
        assert_eq!(
            round_trip(r#"{"Code":"a","Fax":null,"Zeta":[1],"Phone":null,"Alpha":{"x":1}}"#),
            r#"{"Code":"a","Fax":null,"Phone":null,"Alpha":{"x":1},"Zeta":[1]}"#
        );
        assert_eq!(
            round_trip(r#"{"Fax":"f","Code":"a"}"#),
            r#"{"Code":"a","Fax":"f"}"#
        );
    }

    #[test]
    fn lenient_fields_accept_strings_and_write_canonical() {
        assert_eq!(
            round_trip(r#"{"Code":"a","Fax":null,"Count":"5"}"#),
            r#"{"Code":"a","Fax":null,"Count":5}"#
        );
    }

    #[test]
    fn missing_required_key_is_named() {
        let err = serde_json::from_str::<Sample>(r#"{"Fax":null}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `Code`"), "{err}");
        let err = serde_json::from_str::<Sample>(r#"{"Code":"a"}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `Fax`"), "{err}");
    }

    #[test]
    fn wrong_shape_names_the_type() {
        let err = serde_json::from_str::<Sample>("[1]").unwrap_err();
        assert!(
            err.to_string().contains("an object of type `Sample`"),
            "{err}"
        );
    }

    #[test]
    fn unknown_fields_never_repeat_a_known_key() {
        let mut value: Sample = serde_json::from_str(r#"{"Code":"a","Fax":null}"#).unwrap();
        value
            .unknown_fields
            .insert("Code".into(), Json::from("shadow"));
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"Code":"a","Fax":null}"#
        );
    }

    #[test]
    fn keys_guess_the_next_field_and_fall_back_to_a_scan() {
        let mut keys = Keys::new(&["A", "B", "C"]);
        assert_eq!(keys.find("A"), Some(0));
        assert_eq!(keys.find("B"), Some(1));
        assert_eq!(keys.find("A"), Some(0));
        assert_eq!(keys.find("C"), Some(2));
        assert_eq!(keys.find("D"), None);
        assert_eq!(keys.find("B"), Some(1));
    }
}
