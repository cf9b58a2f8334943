//! Encoding and decoding of closed value sets (generated `enum`s with an `Unknown(String)`
//! variant) as JSON strings.
//!
//! Generated enums implement [`WireEnum`]; these helpers turn that into serde impls, so each
//! generated enum stays small. Reading is lenient (see [`wire::read_enum`]): the exact spelling
//! first, then ignoring ASCII case, and values the spec does not list are kept in `Unknown`.

use serde::de::Deserializer;
use serde::ser::Serializer;

use super::wire::{self, WireEnum};

/// Writes the value's wire spelling.
pub fn write<T: WireEnum, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_str())
}

/// Reads a value from a JSON string; never fails on a string the spec does not list.
pub fn deserialize<'de, T: WireEnum, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    wire::value(wire::read_enum(deserializer)?)
}
