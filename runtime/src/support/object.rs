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

use super::wire::{FieldMap, JsonFields, Read, write_raw_json, writes_compact_json};
use super::wire::{Filled, IntoSeed, ReadSeed, Wire, WireForms};
use super::{Extra, Json};
use serde::de::Error as _;

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
    /// Whether every key of [`Object::FIELDS`] goes into JSON without escaping (computed when
    /// compiling; then the keys are written as they are).
    const PLAIN_KEYS: bool = super::wire::plain_keys(Self::FIELDS);

    /// Writes the known fields in spec order, then the unknown ones.
    fn write_fields<M: FieldMap>(&self, map: &mut M) -> Result<(), M::Error>;

    /// Reads the remaining entries of `map` into a value.
    ///
    /// Unknown keys are kept; a missing required key is a `missing field` error naming the wire
    /// key. When a key appears twice the last value wins, as with `serde_json::Value`.
    fn read_fields<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;

    /// Reads the remaining entries of `map` into `slot`, as [`Object::read_fields`] reads them
    /// (what `slot` held is replaced). Objects with a `Default` fill it in place; the default
    /// reads a value and assigns it.
    #[inline]
    fn read_fields_into<'de, A: MapAccess<'de>>(map: A, slot: &mut Self) -> Result<(), A::Error> {
        *slot = Self::read_fields(map)?;
        Ok(())
    }

    /// A value to read into in place ([`Wire::blank`]): `Some` for
    /// objects with a `Default`.
    #[inline]
    fn blank() -> Option<Self> {
        None
    }
}

/// Reads a fresh value of an object that reads in place ([`Object::blank`] is `Some`): the
/// `read_fields` of such objects.
#[inline]
pub fn read_fresh<'de, T: Object, A: MapAccess<'de>>(map: A) -> Result<T, A::Error> {
    let Some(mut value) = T::blank() else {
        return Err(A::Error::custom(format_args!(
            "an object of type `{}` has no blank value to read into",
            T::NAME
        )));
    };
    T::read_fields_into(map, &mut value)?;
    Ok(value)
}

/// Replaces `value` with a blank one ([`Object::blank`]), when the object has one.
#[inline]
pub fn reset<T: Object>(value: &mut T) {
    if let Some(blank) = T::blank() {
        *value = blank;
    }
}

/// Serializes `value` as a JSON object.
///
/// Into compact JSON text (`serde_json::to_vec` / `to_string`) the object is written directly
/// and handed over as one raw fragment (see [`JsonFields`]); any other serializer gets its
/// entries through `serialize_map`.
pub fn serialize<T: Object, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
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

/// Writes `value` as a compact JSON object into `out` (generated `Wire::write_json`).
pub fn write_json<T: Object>(value: &T, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
    let mut fields = JsonFields::begin(out, T::PLAIN_KEYS);
    value.write_fields(&mut fields)?;
    fields.end();
    Ok(())
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
    table: &'static [u16],
    next: usize,
}

/// The hash of an object key in [`Keys::hashed`] tables: its length and its first, middle and
/// last bytes, mixed. Cheap, and enough to tell apart the few dozen keys of an object (probing
/// resolves the rest).
///
/// The generator builds each object's table with the same function (`twocheckout-codegen`'s
/// `emit::keys`); a test of the generated crate checks that the two agree.
pub const fn key_hash(key: &[u8]) -> u32 {
    let len = key.len();
    if len == 0 {
        return 0;
    }
    let mixed = (len as u32)
        ^ ((key[0] as u32) << 8)
        ^ ((key[len / 2] as u32) << 16)
        ^ ((key[len - 1] as u32) << 24);
    mixed.wrapping_mul(0x9e37_79b1) >> 7
}

/// The slot marking an empty entry of a [`Keys::hashed`] table.
pub const EMPTY_SLOT: u16 = u16::MAX;

impl Keys {
    /// Reads keys of an object whose known keys are `fields`, scanning them for each key.
    pub fn new(fields: &'static [&'static str]) -> Self {
        Keys {
            fields,
            table: &[],
            next: 0,
        }
    }

    /// Reads keys of an object whose known keys are `fields`, looking keys up in `table`: an
    /// open-addressing hash table (a power-of-two length, linear probing, [`key_hash`]) of
    /// positions in `fields`, [`EMPTY_SLOT`] where there is none. Generated objects pass one, so
    /// a key out of the usual order costs one hash and usually one comparison.
    pub fn hashed(fields: &'static [&'static str], table: &'static [u16]) -> Self {
        Keys {
            fields,
            table,
            next: 0,
        }
    }

    /// The wire name of known field `index` (`""` when out of range).
    pub fn field(&self, index: usize) -> &'static str {
        self.fields.get(index).copied().unwrap_or_default()
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

    /// Reads the value of known field `index` in any of its wire forms (see
    /// [`wire`](super::wire)), remembering a non-canonical form in `forms`.
    ///
    /// For fields that are always present: `""`, `false` or `[]` standing for "no value" is an
    /// error naming the key unless the field's type is an `Option` or a [`Maybe`](super::Maybe).
    #[inline]
    pub fn value<'de, A: MapAccess<'de>, T: Wire>(
        &self,
        map: &mut A,
        forms: &mut WireForms,
        index: usize,
    ) -> Result<T, A::Error> {
        match map.next_value_seed(ReadSeed::<T>::new())? {
            Read::Value(value, form) => {
                if let Some(form) = form {
                    forms.set(index, form);
                }
                Ok(value)
            }
            Read::Empty(form) => Err(self.no_value(index, &form)),
        }
    }

    /// The error for a stand-in for "no value" (`""`, `false`, `[]`) in a field that needs one.
    #[cold]
    fn no_value<E: de::Error>(&self, index: usize, form: &Json) -> E {
        E::custom(format_args!(
            "field `{}`: expected a value, found {}",
            self.fields.get(index).copied().unwrap_or_default(),
            form.as_str()
        ))
    }

    /// Reads the value of known field `index` into `slot` in place ([`Wire::read_into`]), as
    /// [`Keys::value`] reads it.
    #[inline]
    pub fn value_into<'de, A: MapAccess<'de>, T: Wire>(
        &self,
        map: &mut A,
        forms: &mut WireForms,
        index: usize,
        slot: &mut T,
    ) -> Result<(), A::Error> {
        match map.next_value_seed(IntoSeed(slot))? {
            Filled::Value(form) => {
                if let Some(form) = form {
                    forms.set(index, form);
                }
                Ok(())
            }
            Filled::Empty(form) => Err(self.no_value(index, &form)),
        }
    }

    /// Reads an optional field into `slot` in place, as [`Keys::optional`] reads it.
    #[inline]
    pub fn optional_into<'de, A: MapAccess<'de>, T: Wire>(
        &self,
        map: &mut A,
        forms: &mut WireForms,
        index: usize,
        slot: &mut Option<T>,
    ) -> Result<(), A::Error> {
        self.value_into(map, forms, index, slot)?;
        if slot.is_none() && forms.get(index).is_none() {
            forms.set(index, Json::null());
        }
        Ok(())
    }

    /// Reads an optional field (one whose `None` is omitted when written): a `null` from the
    /// server is remembered, so that it goes back as `null` rather than as an absent key.
    #[inline]
    pub fn optional<'de, A: MapAccess<'de>, T: Wire>(
        &self,
        map: &mut A,
        forms: &mut WireForms,
        index: usize,
    ) -> Result<Option<T>, A::Error> {
        let mut value = None;
        self.optional_into(map, forms, index, &mut value)?;
        Ok(value)
    }

    /// The index of `key`. The guess (the field after the last one found) is checked inline: in
    /// payloads in the spec's order it is nearly always right, and the search behind it would
    /// make every call pay its frame.
    #[inline(always)]
    fn find(&mut self, key: &str) -> Option<usize> {
        if let Some(guess) = self.fields.get(self.next)
            && same_key(guess, key)
        {
            self.next += 1;
            return Some(self.next - 1);
        }
        self.search(key)
    }

    /// [`Keys::find`] when the guess was wrong: the hash table, or a scan for hand-made tables.
    #[inline(never)]
    fn search(&mut self, key: &str) -> Option<usize> {
        if self.table.len().is_power_of_two() {
            let mask = self.table.len() - 1;
            let mut slot = key_hash(key.as_bytes()) as usize & mask;
            // At most one round: a generated table always has empty slots, a hand-made one may
            // not.
            for _ in 0..self.table.len() {
                let entry = self.table[slot];
                if entry == EMPTY_SLOT {
                    return None;
                }
                let i = usize::from(entry);
                if self.fields.get(i).is_some_and(|f| same_key(f, key)) {
                    self.next = i + 1;
                    return Some(i);
                }
                slot = (slot + 1) & mask;
            }
            return None;
        }
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

/// Whether two keys are equal, compared inline eight bytes at a time (keys are short: a call
/// to `memcmp` costs more than the comparison).
#[inline(always)]
fn same_key(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let len = a.len();
    if len != b.len() {
        return false;
    }
    if len < 8 {
        if len >= 4 {
            // The first and the last four bytes (overlapping when shorter than eight).
            return half(a, 0) == half(b, 0) && half(a, len - 4) == half(b, len - 4);
        }
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let mut at = 0;
    while at + 8 < len {
        if word(a, at) != word(b, at) {
            return false;
        }
        at += 8;
    }
    // The last eight bytes (overlapping the previous word when the length is not a multiple).
    word(a, len - 8) == word(b, len - 8)
}

/// The four bytes of `bytes` from `at` (in range: callers check).
#[inline(always)]
fn half(bytes: &[u8], at: usize) -> u32 {
    let mut half = [0u8; 4];
    if let Some(slice) = bytes.get(at..at + 4) {
        half.copy_from_slice(slice);
    }
    u32::from_ne_bytes(half)
}

/// The eight bytes of `bytes` from `at` (in range: callers check).
#[inline(always)]
fn word(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    if let Some(slice) = bytes.get(at..at + 8) {
        word.copy_from_slice(slice);
    }
    u64::from_ne_bytes(word)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::Maybe;
    use crate::support::wire::Fields;
    use serde::{Deserialize, Serialize};

    /// A hand-written object with one required, one nullable, one optional and one `Maybe` field,
    /// written the way the generator writes them.
    #[derive(Debug, Clone, PartialEq)]
    struct Sample {
        code: String,
        fax: Option<String>,
        count: Option<i64>,
        phone: Maybe<String>,
        unknown_fields: Extra,
        wire_forms: WireForms,
    }

    impl Object for Sample {
        const NAME: &'static str = "Sample";
        const FIELDS: &'static [&'static str] = &["Code", "Fax", "Count", "Phone"];

        fn write_fields<M: FieldMap>(&self, map: &mut M) -> Result<(), M::Error> {
            let mut w = Fields::new(map, Self::FIELDS, &self.wire_forms);
            w.required(0, &self.code)?;
            w.required(1, &self.fax)?;
            w.optional(2, &self.count)?;
            w.maybe(3, &self.phone)?;
            w.extra(&self.unknown_fields)
        }

        fn read_fields<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let mut code = None;
            let mut fax = None;
            let mut count = None;
            let mut phone = Maybe::Absent;
            let mut unknown_fields = Extra::new();
            let mut wire_forms = WireForms::new();
            let mut keys = Keys::new(Self::FIELDS);
            while let Some(key) = keys.next(&mut map)? {
                match key {
                    Key::Known(0) => code = Some(keys.value(&mut map, &mut wire_forms, 0)?),
                    Key::Known(1) => fax = Some(keys.value(&mut map, &mut wire_forms, 1)?),
                    Key::Known(2) => count = keys.optional(&mut map, &mut wire_forms, 2)?,
                    Key::Known(3) => phone = keys.value(&mut map, &mut wire_forms, 3)?,
                    key => keys.keep(&mut map, &mut unknown_fields, key)?,
                }
            }
            Ok(Sample {
                code: required(code, "Code")?,
                fax: required(fax, "Fax")?,
                count,
                phone,
                unknown_fields,
                wire_forms,
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
    fn scalars_go_back_in_the_form_they_came_in() {
        assert_eq!(
            round_trip(r#"{"Code":5,"Fax":null,"Count":"5","Phone":""}"#),
            r#"{"Code":5,"Fax":null,"Count":"5","Phone":""}"#
        );
        assert_eq!(
            round_trip(r#"{"Code":"a","Fax":null,"Count":null}"#),
            r#"{"Code":"a","Fax":null,"Count":null}"#
        );
        assert_eq!(
            round_trip(r#"{"Code":"a","Fax":null,"Count":""}"#),
            r#"{"Code":"a","Fax":null,"Count":""}"#
        );
    }

    #[test]
    fn a_changed_value_is_written_canonically() {
        let mut value: Sample =
            serde_json::from_str(r#"{"Code":5,"Fax":null,"Count":"5"}"#).unwrap();
        assert_eq!(value.count, Some(5));
        assert_eq!(value.code, "5");
        value.count = Some(6);
        value.code = "b".into();
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"Code":"b","Fax":null,"Count":6}"#
        );
        value.count = None;
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"Code":"b","Fax":null}"#
        );
    }

    #[test]
    fn missing_required_key_is_named() {
        let err = serde_json::from_str::<Sample>(r#"{"Fax":null}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `Code`"), "{err}");
        let err = serde_json::from_str::<Sample>(r#"{"Code":"a"}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `Fax`"), "{err}");
        let err = serde_json::from_str::<Sample>(r#"{"Code":[],"Fax":null}"#).unwrap_err();
        assert!(err.to_string().contains("field `Code`"), "{err}");
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
            .insert("Code".into(), Json::string("shadow"));
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"Code":"a","Fax":null}"#
        );
    }

    /// A table for `fields` built the way the generator builds it.
    fn table(fields: &[&str]) -> &'static [u16] {
        let size = (fields.len() * 2).next_power_of_two();
        let mut table = vec![EMPTY_SLOT; size];
        for (i, field) in fields.iter().enumerate() {
            let mut slot = key_hash(field.as_bytes()) as usize & (size - 1);
            while table[slot] != EMPTY_SLOT {
                slot = (slot + 1) & (size - 1);
            }
            table[slot] = i as u16;
        }
        Vec::leak(table)
    }

    #[test]
    fn keys_compare_by_every_byte() {
        assert!(same_key("", ""));
        assert!(same_key(
            "UnitGrossDiscountedPrice",
            "UnitGrossDiscountedPrice"
        ));
        assert!(!same_key(
            "UnitGrossDiscountedPrice",
            "UnitGrossDiscountedPricE"
        ));
        assert!(!same_key(
            "UnitGrossDiscountedPrice",
            "UnitGrossDiscountedPric"
        ));
        assert!(!same_key("AbcdefgHij", "AbcdefgHiJ"));
        assert!(!same_key("XbcdefgHij", "AbcdefgHij"));
        assert!(!same_key("Abc", "Abd"));
        assert!(same_key("Abc", "Abc"));
        assert!(same_key("VAT", "VAT"));
        assert!(same_key("Code", "Code"));
        assert!(!same_key("Code", "Coda"));
        assert!(!same_key("Codes", "Todes"));
        assert!(!same_key("Codes", "Codez"));
        assert!(same_key("Currenc", "Currenc"));
        assert!(!same_key("Currenc", "CurrEnc"));
    }

    #[test]
    fn hashed_keys_are_found_in_any_order() {
        const FIELDS: &[&str] = &["Bb", "A", "Ccc"];
        let mut keys = Keys::hashed(FIELDS, table(FIELDS));
        assert_eq!(keys.find("Ccc"), Some(2));
        assert_eq!(keys.find("A"), Some(1));
        assert_eq!(keys.find("Bb"), Some(0));
        assert_eq!(keys.find("A"), Some(1));
        assert_eq!(keys.find("D"), None);
        assert_eq!(keys.find("Ccc"), Some(2));
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
