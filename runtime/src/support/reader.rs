//! The reader of generated objects: the shared loop behind every `Object::read_fields`.
//!
//! A generated reader is a `match` from field index to one call per field; everything else
//! (matching keys, keeping unknown ones, remembering wire forms) lives here, compiled once per
//! deserializer instead of once per type. Fields that may be absent are read straight into the
//! value being built; fields that must be present are read into an `Option` and checked at the
//! end with [`Reader::required`].

use serde::de::MapAccess;

use super::Extra;
use super::object::{Key, Keys};
use super::wire::{Wire, WireForms};

/// Reads the entries of one object: known keys by index, unknown ones into [`Reader::extra`].
#[derive(Debug, Clone)]
pub struct Reader {
    keys: Keys,
    index: usize,
    /// The unknown fields read so far.
    pub extra: Extra,
    /// The wire forms of the fields read so far.
    pub forms: WireForms,
}

impl Reader {
    /// A reader of an object whose known keys are `fields`, with its key lookup `table` (see
    /// [`Keys::hashed`]).
    pub fn new(fields: &'static [&'static str], table: &'static [u16]) -> Self {
        Reader {
            keys: Keys::hashed(fields, table),
            index: 0,
            extra: Extra::new(),
            forms: WireForms::new(),
        }
    }

    /// The index of the next known key, or `None` at the end of the object. Unknown keys met on
    /// the way are kept with their values.
    #[inline]
    pub fn next<'de, A: MapAccess<'de>>(&mut self, map: &mut A) -> Result<Option<usize>, A::Error> {
        loop {
            match self.keys.next(map)? {
                None => return Ok(None),
                Some(Key::Known(index)) => {
                    self.index = index;
                    return Ok(Some(index));
                }
                Some(key) => self.keys.keep(map, &mut self.extra, key)?,
            }
        }
    }

    /// Reads the current key's value into `slot`, which `build` checks with [`Reader::required`]
    /// (a field that must be present; `T` is an `Option` when it may be `null`).
    #[inline]
    pub fn value<'de, A: MapAccess<'de>, T: Wire>(
        &mut self,
        map: &mut A,
        slot: &mut Option<T>,
    ) -> Result<(), A::Error> {
        *slot = Some(self.keys.value(map, &mut self.forms, self.index)?);
        Ok(())
    }

    /// Reads the current key's value into an optional field (`None` omitted when written); a
    /// `null` is remembered so it goes back as `null`.
    #[inline]
    pub fn optional<'de, A: MapAccess<'de>, T: Wire>(
        &mut self,
        map: &mut A,
        slot: &mut Option<T>,
    ) -> Result<(), A::Error> {
        self.keys
            .optional_into(map, &mut self.forms, self.index, slot)
    }

    /// Reads the current key's value into a field of any other kind (a `Maybe`).
    #[inline]
    pub fn set<'de, A: MapAccess<'de>, T: Wire>(
        &mut self,
        map: &mut A,
        slot: &mut T,
    ) -> Result<(), A::Error> {
        self.keys.value_into(map, &mut self.forms, self.index, slot)
    }

    /// The value of a field that must be present, or a `missing field` error naming key `index`.
    #[inline]
    pub fn required<T, E: serde::de::Error>(&self, slot: Option<T>, index: usize) -> Result<T, E> {
        slot.ok_or_else(|| E::missing_field(self.keys.field(index)))
    }

    /// The unknown fields and the wire forms, to move into the value read.
    #[inline]
    pub fn finish(self) -> (Extra, WireForms) {
        (self.extra, self.forms)
    }
}
