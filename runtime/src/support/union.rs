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
use super::wire::{FieldMap, JsonFields, write_raw_json, writes_compact_json};
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
    fn write_fields<M: FieldMap>(&self, map: &mut M) -> Result<(), M::Error>;

    /// Builds the variant for tag value `tag` from the other entries of the object.
    fn read_variant<'de, A: MapAccess<'de>>(tag: String, rest: Rest<A>) -> Result<Self, A::Error>;
}

/// Serializes `value` as a JSON object (directly into compact JSON text, as
/// [`object::serialize`](super::object::serialize) does).
pub fn serialize<T: Union, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    if writes_compact_json::<S>() {
        let mut out = Vec::with_capacity(super::wire::JSON_BUFFER);
        write_json(value, &mut out).map_err(serde::ser::Error::custom)?;
        let text = std::str::from_utf8(&out).map_err(serde::ser::Error::custom)?;
        return write_raw_json(text, serializer);
    }
    let mut map = serializer.serialize_map(None)?;
    value.write_fields(&mut map)?;
    map.end()
}

/// Writes `value` as a compact JSON object into `out`.
pub fn write_json<T: Union>(value: &T, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
    let mut fields = JsonFields::begin(out, false);
    value.write_fields(&mut fields)?;
    fields.end();
    Ok(())
}

/// Deserializes a `T` from a JSON object; a missing tag is a `missing field` error naming it.
pub fn deserialize<'de, T: Union, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(UnionVisitor(PhantomData))
}

struct UnionVisitor<T>(PhantomData<T>);

impl<'de, T: Union> Visitor<'de> for UnionVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "an object of type `{}` (tagged by `{}`)",
            T::NAME,
            T::TAG
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        read_map(map)
    }
}

/// Reads a union from the entries of a JSON object.
pub fn read_map<'de, T: Union, A: MapAccess<'de>>(mut map: A) -> Result<T, A::Error> {
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
        // Entries before the tag are buffered as a tree (the tag usually comes first).
        let value: serde_json::Value = map.next_value()?;
        before.push((key, value));
    }
}

/// The entries of a union's object other than the tag: the ones read before the tag, then the
/// rest of the object.
pub struct Rest<A> {
    before: std::vec::IntoIter<(String, serde_json::Value)>,
    pending: Option<serde_json::Value>,
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
    object.insert(tag_key.to_owned(), Json::string(&tag));
    while let Some(key) = rest.next_key::<String>()? {
        let value: Json = rest.next_value()?;
        object.insert(key, value);
    }
    Ok(object)
}

/// Writes the tag, then the payload's fields (known, then unknown).
pub fn write_variant<M: FieldMap, P: Object>(
    map: &mut M,
    tag_key: &'static str,
    tag: &'static str,
    payload: &P,
) -> Result<(), M::Error> {
    map.tag(tag_key, tag)?;
    payload.write_fields(map)
}

/// Writes the object of a variant the spec does not list, as it was read.
pub fn write_unknown<M: FieldMap>(map: &mut M, object: &Extra) -> Result<(), M::Error> {
    for (key, value) in object {
        map.entry(key, value)?;
    }
    Ok(())
}

/// The tag value of a variant the spec does not list (empty when it is missing, not a string,
/// or written with escapes).
pub fn unknown_tag<'a>(tag_key: &str, object: &'a Extra) -> &'a str {
    object
        .get(tag_key)
        .map(Json::as_str)
        .and_then(|text| text.trim().strip_prefix('"')?.strip_suffix('"'))
        .filter(|inner| !inner.contains('\\'))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::*;
    use crate::support::WireForms;
    use crate::support::object::{self, Key, Keys};
    use crate::support::wire::Fields;

    /// A payload with one required field, written the way the generator writes objects.
    #[derive(Debug, PartialEq)]
    struct Send {
        by: String,
        unknown_fields: Extra,
        wire_forms: WireForms,
    }

    impl Object for Send {
        const NAME: &'static str = "Send";
        const FIELDS: &'static [&'static str] = &["By"];

        fn write_fields<M: FieldMap>(&self, map: &mut M) -> Result<(), M::Error> {
            let mut w = Fields::new(map, Self::FIELDS, &self.wire_forms);
            w.required(0, &self.by)?;
            w.extra(&self.unknown_fields)
        }

        fn read_fields<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut by = None;
            let mut unknown_fields = Extra::new();
            let mut wire_forms = WireForms::new();
            let mut keys = Keys::new(Self::FIELDS);
            while let Some(key) = keys.next(&mut map)? {
                match key {
                    Key::Known(0) => by = Some(keys.value(&mut map, &mut wire_forms, 0)?),
                    key => keys.keep(&mut map, &mut unknown_fields, key)?,
                }
            }
            Ok(Send {
                by: object::required(by, "By")?,
                unknown_fields,
                wire_forms,
            })
        }
    }

    #[derive(Debug, PartialEq)]
    enum Action {
        Send(Send),
        Unknown(Extra),
    }

    impl Union for Action {
        const NAME: &'static str = "Action";
        const TAG: &'static str = "action";

        fn write_fields<M: FieldMap>(&self, map: &mut M) -> Result<(), M::Error> {
            match self {
                Action::Send(p) => write_variant(map, Self::TAG, "send", p),
                Action::Unknown(o) => write_unknown(map, o),
            }
        }

        fn read_variant<'de, A: MapAccess<'de>>(
            tag: String,
            rest: Rest<A>,
        ) -> Result<Self, A::Error> {
            match tag.as_str() {
                "send" => read_payload(rest).map(Action::Send),
                _ => read_unknown(Self::TAG, tag, rest).map(Action::Unknown),
            }
        }
    }

    impl Serialize for Action {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            serialize(self, s)
        }
    }

    impl<'de> Deserialize<'de> for Action {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize(d)
        }
    }

    fn round_trip(json: &str) -> (Action, String) {
        let action: Action = serde_json::from_str(json).expect("decodes");
        let out = serde_json::to_string(&action).expect("encodes");
        (action, out)
    }

    #[test]
    fn tag_first_or_later_gives_the_same_value() {
        let (first, out) = round_trip(r#"{"action":"send","By":"me","X":1}"#);
        assert_eq!(out, r#"{"action":"send","By":"me","X":1}"#);
        let (later, out) = round_trip(r#"{"X":1,"By":"me","action":"send"}"#);
        assert_eq!(first, later);
        assert_eq!(out, r#"{"action":"send","By":"me","X":1}"#);
    }

    #[test]
    fn unknown_tags_keep_the_whole_object() {
        let (action, out) = round_trip(r#"{"Reason":"old","action":"archive"}"#);
        let Action::Unknown(object) = &action else {
            panic!("{action:?}")
        };
        assert_eq!(unknown_tag("action", object), "archive");
        assert_eq!(out, r#"{"Reason":"old","action":"archive"}"#);
    }

    #[test]
    fn errors_name_the_missing_key_or_the_bad_value() {
        let missing_tag = serde_json::from_str::<Action>(r#"{"By":"me"}"#).unwrap_err();
        assert!(
            missing_tag.to_string().contains("missing field `action`"),
            "{missing_tag}"
        );
        let missing_field = serde_json::from_str::<Action>(r#"{"action":"send"}"#).unwrap_err();
        assert!(
            missing_field.to_string().contains("missing field `By`"),
            "{missing_field}"
        );
        let bad_buffered = serde_json::from_str::<Action>(r#"{"By":{},"action":"send"}"#);
        assert!(
            bad_buffered
                .unwrap_err()
                .to_string()
                .contains("invalid type")
        );
        let bad_tag = serde_json::from_str::<Action>(r#"{"action":1}"#).unwrap_err();
        assert!(bad_tag.to_string().contains("invalid type"), "{bad_tag}");
        let not_object = serde_json::from_str::<Action>("[]").unwrap_err();
        assert!(
            not_object
                .to_string()
                .contains("an object of type `Action` (tagged by `action`)"),
            "{not_object}"
        );
    }
}
