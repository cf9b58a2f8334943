//! Writing generated objects: the field sink [`FieldMap`], and the direct JSON writer behind
//! `serde_json::to_vec` / `to_string` of a generated object.
//!
//! Through serde, every key of every object goes through the serializer's string escaping, one
//! call per key: for a response like getOrder's (219 keys, 71 strings) that is most of the
//! encoding. The keys of generated objects are static spec names that need no escaping (checked
//! when compiling: [`Object::PLAIN_KEYS`](crate::support::object::Object::PLAIN_KEYS); other keys
//! are escaped), so when the output is known to be compact JSON text, objects are written straight
//! into the bytes:
//! `{`, then `"Key":` copied as is, the value (scalars still through serde_json, so strings are
//! escaped exactly as before), `,`, … `}`. The text is then handed to serde_json as one raw
//! fragment, through the same protocol [`RawValue`](serde_json::value::RawValue) uses (see
//! [`write_raw_json`](super::write_raw_json)).
//!
//! Any other serializer (`serde_json::to_value`, a pretty printer, another format) gets the same
//! entries through its own `SerializeMap`: [`FieldMap`] is implemented for every `SerializeMap`.

use serde::Serialize;
use serde::ser::SerializeMap;

use super::{Canonical, Wire};
use crate::support::Json;

/// Where an object's fields are written: any serde [`SerializeMap`], or [`JsonFields`] (compact
/// JSON bytes).
///
/// Generated `write_fields` take one; they write through [`Fields`](super::Fields).
pub trait FieldMap {
    /// The error of a failed write.
    type Error: serde::ser::Error;

    /// A known field (a static spec key) with its value in canonical form.
    fn field<T: Wire>(&mut self, key: &'static str, value: &T) -> Result<(), Self::Error>;

    /// A known field with the JSON it arrived as.
    fn form(&mut self, key: &'static str, form: &Json) -> Result<(), Self::Error>;

    /// A known field sent as `null`.
    fn null(&mut self, key: &'static str) -> Result<(), Self::Error>;

    /// A union's tag: a static key with a static string value.
    fn tag(&mut self, key: &'static str, value: &'static str) -> Result<(), Self::Error>;

    /// Any other entry (an unknown field, kept as its JSON text).
    fn entry(&mut self, key: &str, value: &Json) -> Result<(), Self::Error>;
}

impl<M: SerializeMap> FieldMap for M {
    type Error = M::Error;

    #[inline]
    fn field<T: Wire>(&mut self, key: &'static str, value: &T) -> Result<(), M::Error> {
        self.serialize_entry(key, &Canonical(value))
    }

    #[inline]
    fn form(&mut self, key: &'static str, form: &Json) -> Result<(), M::Error> {
        self.serialize_entry(key, form)
    }

    #[inline]
    fn null(&mut self, key: &'static str) -> Result<(), M::Error> {
        self.serialize_entry(key, &())
    }

    #[inline]
    fn tag(&mut self, key: &'static str, value: &'static str) -> Result<(), M::Error> {
        self.serialize_entry(key, value)
    }

    #[inline]
    fn entry(&mut self, key: &str, value: &Json) -> Result<(), M::Error> {
        self.serialize_entry(key, value)
    }
}

/// The fields of one object written as compact JSON into a byte buffer.
pub struct JsonFields<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
    /// Whether the static keys are known to need no escaping ([`plain_keys`]).
    plain: bool,
}

impl<'a> JsonFields<'a> {
    /// Writes `{` into `out`; [`JsonFields::end`] writes the `}`. `plain` tells that every
    /// static key written is plain ([`plain_keys`] of the object's keys, checked when compiling);
    /// otherwise each is checked when written.
    pub fn begin(out: &'a mut Vec<u8>, plain: bool) -> Self {
        out.push(b'{');
        JsonFields {
            out,
            first: true,
            plain,
        }
    }

    /// Closes the object.
    pub fn end(self) {
        self.out.push(b'}');
    }

    /// The separator and `"key":` for a static key.
    #[inline]
    fn static_key(&mut self, key: &'static str) -> Result<(), serde_json::Error> {
        if self.plain {
            self.plain_key(key.as_bytes());
            Ok(())
        } else {
            self.key(key)
        }
    }

    /// The separator and `"key":`, escaping the key where it needs it.
    fn key(&mut self, key: &str) -> Result<(), serde_json::Error> {
        if is_plain(key.as_bytes()) {
            self.plain_key(key.as_bytes());
            return Ok(());
        }
        self.separator();
        key.serialize(&mut serde_json::Serializer::new(&mut *self.out))?;
        self.out.push(b':');
        Ok(())
    }

    #[inline]
    fn plain_key(&mut self, key: &[u8]) {
        self.out.reserve(key.len() + 4);
        self.separator();
        self.out.push(b'"');
        self.out.extend_from_slice(key);
        self.out.push(b'"');
        self.out.push(b':');
    }

    #[inline]
    fn separator(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.out.push(b',');
        }
    }
}

/// Whether `bytes` go into a JSON string as they are: no quote, backslash or control character.
const fn is_plain(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x20 || b == b'"' || b == b'\\' {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether every key of `keys` goes into JSON without escaping (evaluated when compiling, as
/// [`Object::PLAIN_KEYS`](crate::support::object::Object::PLAIN_KEYS)).
pub const fn plain_keys(keys: &[&str]) -> bool {
    let mut i = 0;
    while i < keys.len() {
        if !is_plain(keys[i].as_bytes()) {
            return false;
        }
        i += 1;
    }
    true
}

impl FieldMap for JsonFields<'_> {
    type Error = serde_json::Error;

    #[inline]
    fn field<T: Wire>(&mut self, key: &'static str, value: &T) -> Result<(), Self::Error> {
        self.static_key(key)?;
        value.write_json(self.out)
    }

    #[inline]
    fn form(&mut self, key: &'static str, form: &Json) -> Result<(), Self::Error> {
        self.static_key(key)?;
        self.out.extend_from_slice(form.as_str().as_bytes());
        Ok(())
    }

    #[inline]
    fn null(&mut self, key: &'static str) -> Result<(), Self::Error> {
        self.static_key(key)?;
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn tag(&mut self, key: &'static str, value: &'static str) -> Result<(), Self::Error> {
        self.key(key)?;
        value.serialize(&mut serde_json::Serializer::new(&mut *self.out))
    }

    fn entry(&mut self, key: &str, value: &Json) -> Result<(), Self::Error> {
        self.key(key)?;
        self.out.extend_from_slice(value.as_str().as_bytes());
        Ok(())
    }
}

/// The first capacity of the buffer an object is written into: a usual request or response fits
/// (a full getOrder answer is 4.5 KiB), so it is not grown and copied several times.
pub const JSON_BUFFER: usize = 8 * 1024;

/// Whether serializer `S` writes compact JSON text into a `Vec<u8>`: the serializer behind
/// `serde_json::to_vec`, `to_string` and `to_writer(&mut Vec<u8>, …)`. Only then is an object
/// written directly (see the module docs).
///
/// Told by the type's name: serde types are not `'static`, so `TypeId` cannot tell. A name that
/// did not match would only mean the serde path, which writes the same text.
pub fn writes_compact_json<S>() -> bool {
    std::any::type_name::<S>() == std::any::type_name::<&mut serde_json::Serializer<&mut Vec<u8>>>()
}

/// Writes a [`Wire`] value as compact JSON into `out` through serde_json (the default of
/// [`Wire::write_json`]).
pub fn write_json_with_serde<T: Wire>(
    value: &T,
    out: &mut Vec<u8>,
) -> Result<(), serde_json::Error> {
    value.write(&mut serde_json::Serializer::new(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_keys_are_told_from_ones_that_need_escapes() {
        assert!(plain_keys(&["", "RefNo", "é ü"]));
        for key in ["a\"b", "\\", "tab\there", "x\u{1}"] {
            assert!(!is_plain(key.as_bytes()), "{key:?}");
            assert!(!plain_keys(&["RefNo", key]), "{key:?}");
        }
    }

    #[test]
    fn keys_that_need_escapes_are_escaped() {
        for plain in [false, true] {
            let mut out = Vec::new();
            let mut fields = JsonFields::begin(&mut out, plain);
            fields.form("Plain", &Json::string("x")).unwrap();
            fields.entry("a\"b", &Json::null()).unwrap();
            fields.end();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                r#"{"Plain":"x","a\"b":null}"#
            );
        }
        let mut out = Vec::new();
        let mut fields = JsonFields::begin(&mut out, false);
        fields.null("a\"b").unwrap();
        fields.tag("T", "x\"y").unwrap();
        fields.end();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"a\"b":null,"T":"x\"y"}"#
        );
    }
}
