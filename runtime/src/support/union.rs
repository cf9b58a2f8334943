//! Encoding and decoding of tagged unions: JSON objects whose fields depend on the value of one
//! of them (the tag, e.g. `action`).
//!
//! Decoding reads keys until it meets the tag, keeping the ones before it, then hands the kept
//! entries followed by the rest of the object to the variant's payload ([`Object`]). When the tag
//! comes first (the usual case) nothing is buffered. Tag values are matched exactly: the spec
//! writes the spelling the API sends.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::StringDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};

use super::object::Object;
use super::{Extra, Json};

/// A tagged union of objects.
///
/// Implemented by every generated tagged union; their `Serialize` and `Deserialize` impls call
/// [`serialize`] and [`deserialize`].
pub trait Union: Sized {
    /// The type's name, for error messages.
    const NAME: &'static str;
    /// The wire key of the tag field.
    const TAG: &'static str;

    /// Writes the tag, then the payload's fields.
    fn write_fields<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;

    /// Builds the variant for tag value `tag` from the other entries of the object.
    fn read_variant<'de, A: MapAccess<'de>>(tag: String, rest: Rest<A>) -> Result<Self, A::Error>;
}

/// Serializes `value` as a JSON object.
pub fn serialize<T: Union, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    value.write_fields(&mut map)?;
    map.end()
}

/// Deserializes a `T` from a JSON object; a missing tag is a `missing field` error naming it.
pub fn deserialize<'de, T: Union, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(UnionVisitor(PhantomData))
}

struct UnionVisitor<T>(PhantomData<T>);

impl<'de, T: Union> Visitor<'de> for UnionVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object with a `{}` field", T::NAME, T::TAG)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut before = Vec::new();
        loop {
            let Some(key) = map.next_key::<String>()? else {
                return Err(de::Error::missing_field(T::TAG));
            };
            if key == T::TAG {
                let tag: String = map.next_value()?;
                let rest = Rest {
                    before: before.into_iter(),
                    pending: None,
                    map,
                };
                return T::read_variant(tag, rest);
            }
            let value: Json = map.next_value()?;
            before.push((key, value));
        }
    }
}

/// The entries of a union's object other than the tag: the ones read before the tag, then the
/// rest of the object.
pub struct Rest<A> {
    before: std::vec::IntoIter<(String, Json)>,
    pending: Option<Json>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Rest<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.before.next() {
            Some((key, value)) => {
                self.pending = Some(value);
                let key: StringDeserializer<A::Error> = key.into_deserializer();
                seed.deserialize(key).map(Some)
            }
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            Some(value) => seed.deserialize(value).map_err(de::Error::custom),
            None => self.map.next_value_seed(seed),
        }
    }
}

/// Reads the payload of a known variant.
pub fn read_payload<'de, P: Object, A: MapAccess<'de>>(rest: Rest<A>) -> Result<P, A::Error> {
    P::read_fields(rest)
}

/// Keeps the whole object of a variant the spec does not list, tag included.
pub fn read_unknown<'de, A: MapAccess<'de>>(
    tag_key: &'static str,
    tag: String,
    mut rest: Rest<A>,
) -> Result<Extra, A::Error> {
    let mut object = Extra::new();
    object.insert(tag_key.to_owned(), Json::String(tag));
    while let Some(key) = rest.next_key::<String>()? {
        let value: Json = rest.next_value()?;
        object.insert(key, value);
    }
    Ok(object)
}

/// Writes the tag, then the payload's fields (known, then unknown).
pub fn write_variant<M: SerializeMap, P: Object>(
    map: &mut M,
    tag_key: &'static str,
    tag: &'static str,
    payload: &P,
) -> Result<(), M::Error> {
    map.serialize_entry(tag_key, tag)?;
    payload.write_fields(map)
}

/// Writes the object of a variant the spec does not list, as it was read.
pub fn write_unknown<M: SerializeMap>(map: &mut M, object: &Extra) -> Result<(), M::Error> {
    for (key, value) in object {
        map.serialize_entry(key, value)?;
    }
    Ok(())
}

/// The tag value of a variant the spec does not list (empty when it is missing or not a string).
pub fn unknown_tag<'a>(tag_key: &str, object: &'a Extra) -> &'a str {
    object
        .get(tag_key)
        .and_then(Json::as_str)
        .unwrap_or_default()
}
