//! A value's exact JSON text without allocating, and small texts formatted on the stack.
//!
//! Exact numbers (money) must be read from their text: serde_json hands a number to a visitor as
//! an `f64`, which has already lost `29.90`'s trailing zero. serde_json's own
//! [`RawValue`](serde_json::value::RawValue) gets the text through a protocol of its
//! deserializers: a newtype struct with a reserved name, answered with a one-entry map whose value
//! is the text. `Box<RawValue>` would allocate for every amount; reading the same protocol here
//! borrows the text from the input instead (the runtime always decodes from a byte slice).
//! Deserializers that do not speak the protocol (a `serde_json::Value`, other formats) are read
//! through their scalar visitor methods instead.

use std::fmt::{self, Write as _};

use std::sync::OnceLock;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{self, Serialize, SerializeStruct, Serializer};
use serde_json::value::RawValue;

/// The name serde_json's deserializers answer with a value's raw text (see `RawValue`).
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// A value's JSON text, borrowed from the input when possible.
pub enum RawText<'de> {
    /// Borrowed from the input.
    Borrowed(&'de str),
    /// Copied (input read from a stream, or rebuilt from a scalar).
    Owned(String),
}

impl RawText<'_> {
    /// The JSON text.
    pub fn as_str(&self) -> &str {
        match self {
            RawText::Borrowed(text) => text,
            RawText::Owned(text) => text,
        }
    }
}

/// Reads the JSON text of the next value.
pub fn raw_text<'de, D: Deserializer<'de>>(d: D) -> Result<RawText<'de>, D::Error> {
    d.deserialize_newtype_struct(RAW_VALUE_TOKEN, RawTextVisitor)
}

struct RawTextVisitor;

impl<'de> Visitor<'de> for RawTextVisitor {
    type Value = RawText<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    /// serde_json: one entry, the token, then the text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawText<'de>, A::Error> {
        if map.next_key::<IgnoredAny>()?.is_none() {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        map.next_value_seed(TextSeed)
    }

    /// A deserializer without the protocol: rebuild the text from the scalar it gives.
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<RawText<'de>, D::Error> {
        d.deserialize_any(ScalarText)
    }
}

struct TextSeed;

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = RawText<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<RawText<'de>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for TextSeed {
    type Value = RawText<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("raw JSON text")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<RawText<'de>, E> {
        Ok(RawText::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawText<'de>, E> {
        Ok(RawText::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<RawText<'de>, E> {
        Ok(RawText::Owned(v))
    }
}

/// The JSON text of a scalar handed over by a deserializer without the raw-text protocol.
struct ScalarText;

impl<'de> Visitor<'de> for ScalarText {
    type Value = RawText<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, string, boolean or null")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawText<'de>, E> {
        Ok(RawText::Owned(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawText<'de>, E> {
        Ok(RawText::Owned(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawText<'de>, E> {
        Ok(RawText::Owned(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawText<'de>, E> {
        serde_json::to_string(&v)
            .map(RawText::Owned)
            .map_err(E::custom)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawText<'de>, E> {
        serde_json::to_string(v)
            .map(RawText::Owned)
            .map_err(E::custom)
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawText<'de>, E> {
        Ok(RawText::Owned("null".to_owned()))
    }
    fn visit_none<E: de::Error>(self) -> Result<RawText<'de>, E> {
        self.visit_unit()
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawText<'de>, A::Error> {
        match seq.next_element::<IgnoredAny>()? {
            None => Ok(RawText::Owned("[]".to_owned())),
            Some(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, &self)),
        }
    }
}

/// Writes `text`, which must be one valid JSON number, as is (no quotes, no reformatting).
///
/// serde_json writes a value's raw text through the same reserved name it reads it with (see the
/// module docs); that saves re-parsing every amount to build a `RawValue`.
pub fn write_raw_number<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    write_raw_json(text, serializer)
}

/// Writes `text`, which must be one valid JSON value, as is (see [`write_raw_number`]).
///
/// The protocol is checked once per process, and when it ever stopped producing the text as is,
/// the text is written through a validated `RawValue` instead.
pub fn write_raw_json<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    if raw_protocol_writes_text() {
        let mut raw = serializer.serialize_struct(RAW_VALUE_TOKEN, 1)?;
        raw.serialize_field(RAW_VALUE_TOKEN, text)?;
        raw.end()
    } else {
        let raw: &RawValue = serde_json::from_str(text).map_err(ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

/// Whether serde_json writes the raw-text protocol as the text itself.
fn raw_protocol_writes_text() -> bool {
    static CHECKED: OnceLock<bool> = OnceLock::new();
    *CHECKED.get_or_init(|| {
        struct Probe;
        impl Serialize for Probe {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut raw = serializer.serialize_struct(RAW_VALUE_TOKEN, 1)?;
                raw.serialize_field(RAW_VALUE_TOKEN, "1.50")?;
                raw.end()
            }
        }
        serde_json::to_string(&Probe).is_ok_and(|text| text == "1.50")
    })
}

/// A short text formatted on the stack (a number's canonical text); longer ones spill to the
/// heap.
pub struct StackText {
    bytes: [u8; 48],
    len: usize,
    spilled: Option<String>,
}

impl StackText {
    /// Copies ASCII text (what number formatting produces).
    pub fn ascii(bytes: &[u8]) -> StackText {
        let mut text = StackText {
            bytes: [0; 48],
            len: 0,
            spilled: None,
        };
        if bytes.len() <= text.bytes.len() && bytes.is_ascii() {
            text.bytes[..bytes.len()].copy_from_slice(bytes);
            text.len = bytes.len();
        } else {
            text.spilled = Some(String::from_utf8_lossy(bytes).into_owned());
        }
        text
    }

    /// Formats `value` with `Display`.
    pub fn of(value: &impl fmt::Display) -> StackText {
        let mut text = StackText {
            bytes: [0; 48],
            len: 0,
            spilled: None,
        };
        // Writing to a `StackText` never fails: what does not fit spills.
        let _ = write!(text, "{value}");
        text
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.spilled {
            Some(text) => text,
            // Only whole `&str`s are copied in, so the bytes are UTF-8.
            None => std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default(),
        }
    }
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if let Some(spilled) = &mut self.spilled {
            spilled.push_str(s);
            return Ok(());
        }
        let end = self.len + s.len();
        if end <= self.bytes.len() {
            self.bytes[self.len..end].copy_from_slice(s.as_bytes());
            self.len = end;
        } else {
            let mut spilled = String::with_capacity(end);
            spilled.push_str(self.as_str());
            spilled.push_str(s);
            self.spilled = Some(spilled);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_json_hands_out_the_exact_text() {
        // Pins the protocol: if serde_json changed it, amounts would lose their scale.
        let mut d = serde_json::Deserializer::from_str("29.90");
        let text = raw_text(&mut d).unwrap();
        assert!(matches!(text, RawText::Borrowed("29.90")));
        let mut d = serde_json::Deserializer::from_reader("1.50".as_bytes());
        assert_eq!(raw_text(&mut d).unwrap().as_str(), "1.50");
        let value = serde_json::json!("7");
        assert_eq!(raw_text(&value).unwrap().as_str(), "\"7\"");
    }

    #[test]
    fn raw_numbers_are_written_as_is() {
        struct Amount(&'static str);
        impl Serialize for Amount {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                write_raw_number(self.0, s)
            }
        }
        assert!(raw_protocol_writes_text());
        assert_eq!(
            serde_json::to_string(&[Amount("29.90")]).unwrap(),
            "[29.90]"
        );
        assert_eq!(
            serde_json::to_value(Amount("12")).unwrap(),
            serde_json::json!(12)
        );
    }

    #[test]
    fn stack_text_spills_long_texts() {
        assert_eq!(StackText::of(&"12.50").as_str(), "12.50");
        let long = "x".repeat(100);
        assert_eq!(StackText::of(&long).as_str(), long);
    }
}
