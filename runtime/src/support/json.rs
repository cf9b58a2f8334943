//! Any JSON value, kept as the exact text the server sent.
//!
//! `serde_json::Value` stores numbers as `f64` / `i64`, so `29.90` comes back as `29.9` and
//! `1e2` as `100.0`. Fields the spec leaves untyped and fields it does not know must go back
//! exactly as they came, so they are kept as text ([`serde_json::value::RawValue`]); that is also
//! cheaper than building a tree nobody looks at. [`Json::to_value`] and [`Json::parse`] give a
//! tree or a typed value on demand.

use std::fmt;

use serde::de::{Deserialize, DeserializeOwned, Deserializer};
use serde::ser::{Serialize, Serializer};
use serde_json::value::RawValue;

/// A JSON value held as its exact text.
#[derive(Clone)]
pub struct Json(Box<RawValue>);

/// The kind of a JSON value, from its first character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonKind {
    /// `null`
    Null,
    /// `true` or `false`
    Bool,
    /// a number
    Number,
    /// a string
    String,
    /// an array
    Array,
    /// an object
    Object,
}

impl JsonKind {
    /// The kind of the JSON text `text` (leading whitespace skipped). Text that is not JSON is
    /// reported as `Null`; a [`Json`] always holds valid JSON.
    pub fn of(text: &str) -> JsonKind {
        match text.trim_start().as_bytes().first() {
            Some(b't' | b'f') => JsonKind::Bool,
            Some(b'"') => JsonKind::String,
            Some(b'[') => JsonKind::Array,
            Some(b'{') => JsonKind::Object,
            Some(b'-' | b'0'..=b'9') => JsonKind::Number,
            _ => JsonKind::Null,
        }
    }
}

impl Json {
    /// `null`.
    pub fn null() -> Json {
        Json::from_raw(Box::<RawValue>::default())
    }

    /// Wraps JSON text, checking that it is one valid JSON value.
    pub fn from_text(text: impl Into<String>) -> Result<Json, serde_json::Error> {
        RawValue::from_string(text.into()).map(Json)
    }

    /// The JSON of any serializable value (`Json::of(&serde_json::json!({"a": 1}))`).
    pub fn of<T: Serialize + ?Sized>(value: &T) -> Result<Json, serde_json::Error> {
        serde_json::value::to_raw_value(value).map(Json)
    }

    /// A JSON string holding `text`.
    pub fn string(text: &str) -> Json {
        // Serializing a `str` cannot fail.
        Json::of(text).unwrap_or_else(|_| Json::null())
    }

    pub(crate) fn from_raw(raw: Box<RawValue>) -> Json {
        Json(raw)
    }

    /// The JSON text, exactly as received (or as built).
    pub fn as_str(&self) -> &str {
        self.0.get()
    }

    /// What kind of value this is.
    pub fn kind(&self) -> JsonKind {
        JsonKind::of(self.as_str())
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        self.kind() == JsonKind::Null
    }

    /// The value as a `serde_json::Value` tree (numbers lose their exact text there).
    pub fn to_value(&self) -> serde_json::Value {
        // The text is valid JSON by construction, so parsing only fails on nesting deeper than
        // serde_json's limit; `null` stands in then.
        serde_json::from_str(self.as_str()).unwrap_or(serde_json::Value::Null)
    }

    /// Decodes the value into `T`.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.as_str())
    }

    /// The string, when the value is a JSON string.
    pub fn as_string(&self) -> Option<String> {
        match self.kind() {
            JsonKind::String => self.parse().ok(),
            _ => None,
        }
    }
}

impl Default for Json {
    fn default() -> Json {
        Json::null()
    }
}

/// Equal when the texts are equal, or when they hold the same JSON (`{"a": 1}` and `{"a":1}`).
impl PartialEq for Json {
    fn eq(&self, other: &Json) -> bool {
        self.as_str() == other.as_str() || self.to_value() == other.to_value()
    }
}

/// Compares with a tree by content (`order.unknown_fields["X"] == json!(1)`).
impl PartialEq<serde_json::Value> for Json {
    fn eq(&self, other: &serde_json::Value) -> bool {
        &self.to_value() == other
    }
}

impl fmt::Debug for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Json({})", self.as_str())
    }
}

impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<serde_json::Value> for Json {
    fn from(value: serde_json::Value) -> Json {
        Json::from(&value)
    }
}

impl From<&serde_json::Value> for Json {
    fn from(value: &serde_json::Value) -> Json {
        // A `Value` always serializes.
        Json::of(value).unwrap_or_else(|_| Json::null())
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(Json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_exact_text_of_numbers() {
        let json: Json = serde_json::from_str(r#"{"a": 29.90, "b": 1e2, "c": 0}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&json).unwrap(),
            r#"{"a": 29.90, "b": 1e2, "c": 0}"#
        );
        assert_eq!(json.kind(), JsonKind::Object);
    }

    #[test]
    fn equality_is_by_content() {
        let a = Json::from_text(r#"{"a": 1}"#).unwrap();
        let b = Json::from_text(r#"{"a":1}"#).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, Json::from_text(r#"{"a":2}"#).unwrap());
    }

    #[test]
    fn builds_and_reads() {
        assert!(Json::null().is_null());
        assert_eq!(Json::string("x\"y").as_str(), r#""x\"y""#);
        assert_eq!(Json::string("x").as_string().as_deref(), Some("x"));
        assert_eq!(
            Json::from(serde_json::json!([1, "a"])).to_value(),
            serde_json::json!([1, "a"])
        );
        assert!(Json::from_text("{").is_err());
        assert_eq!(JsonKind::of("  -1"), JsonKind::Number);
    }

    #[test]
    fn decodes_from_a_value_tree_too() {
        let json: Json = serde_json::from_value(serde_json::json!({"k": [true]})).unwrap();
        assert_eq!(json.to_value(), serde_json::json!({"k": [true]}));
    }
}
