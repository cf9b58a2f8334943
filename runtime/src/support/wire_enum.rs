//! Encoding and decoding of closed value sets (generated `enum`s with an `Unknown(String)`
//! variant) as JSON strings.
//!
//! Generated enums convert from `&str` (values the spec does not list become `Unknown`) and
//! expose `as_str()`; these helpers turn that into serde impls, so each generated enum stays small.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;

/// Writes the value's wire spelling.
pub fn serialize<S: Serializer>(wire: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(wire)
}

/// Reads a value from a JSON string; never fails on a string the spec does not list.
///
/// `name` is the enum's name, for the error when the JSON is not a string.
pub fn deserialize<'de, T, D>(deserializer: D, name: &'static str) -> Result<T, D::Error>
where
    T: for<'a> From<&'a str>,
    D: Deserializer<'de>,
{
    deserializer.deserialize_str(WireVisitor {
        name,
        out: PhantomData,
    })
}

struct WireVisitor<T> {
    name: &'static str,
    out: PhantomData<T>,
}

impl<'de, T: for<'a> From<&'a str>> Visitor<'de> for WireVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string (a value of `{}`)", self.name)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Kind {
        Fixed,
        Unknown(String),
    }

    impl From<&str> for Kind {
        fn from(s: &str) -> Self {
            match s {
                "FIXED" => Kind::Fixed,
                other => Kind::Unknown(other.to_owned()),
            }
        }
    }

    impl<'de> serde::Deserialize<'de> for Kind {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize(d, "Kind")
        }
    }

    #[test]
    fn known_unknown_and_wrong_shape() {
        assert_eq!(
            serde_json::from_str::<Kind>(r#""FIXED""#).unwrap(),
            Kind::Fixed
        );
        assert_eq!(
            serde_json::from_str::<Kind>(r#""fixed""#).unwrap(),
            Kind::Unknown("fixed".to_owned())
        );
        let err = serde_json::from_str::<Kind>("1").unwrap_err().to_string();
        assert!(err.contains("a string (a value of `Kind`)"), "{err}");
    }

    #[test]
    fn writes_the_wire_spelling() {
        let mut out = Vec::new();
        serialize("FIXED", &mut serde_json::Serializer::new(&mut out)).unwrap();
        assert_eq!(out, br#""FIXED""#);
    }
}
