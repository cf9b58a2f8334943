//! The key lookup table of a generated object: an open-addressing hash table of field positions.
//!
//! The runtime's `support::object::Keys::hashed` probes it with `support::object::key_hash`;
//! [`key_hash`] here is the same function (the generated crate's tests check that they agree).

/// The slot marking an empty entry.
pub const EMPTY_SLOT: u16 = u16::MAX;

/// The hash of `key`: its length and its first, middle and last bytes, mixed.
pub fn key_hash(key: &[u8]) -> u32 {
    let len = key.len();
    if len == 0 {
        return 0;
    }
    let len32 = u32::try_from(len).unwrap_or(u32::MAX);
    let mixed = len32
        ^ (u32::from(key[0]) << 8)
        ^ (u32::from(key[len / 2]) << 16)
        ^ (u32::from(key[len - 1]) << 24);
    mixed.wrapping_mul(0x9e37_79b1) >> 7
}

/// The table for `keys`, in field order: a power-of-two length at least twice the key count
/// (so probes stay short and there is always an empty slot), linear probing.
pub fn table(keys: &[&str]) -> Vec<u16> {
    let size = (keys.len() * 2).max(1).next_power_of_two();
    let mask = size - 1;
    let mut table = vec![EMPTY_SLOT; size];
    for (position, key) in keys.iter().enumerate() {
        let mut slot = key_hash(key.as_bytes()) as usize & mask;
        while table[slot] != EMPTY_SLOT {
            slot = (slot + 1) & mask;
        }
        // The checker bounds fields per object far below `u16::MAX`.
        table[slot] = u16::try_from(position).unwrap_or(EMPTY_SLOT);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_in_its_probe_chain() {
        let keys = ["RefNo", "Items", "Currency", "Country", "Language", "A", ""];
        let table = table(&keys);
        assert!(table.len().is_power_of_two() && table.len() >= 2 * keys.len());
        for (position, key) in keys.iter().enumerate() {
            let mask = table.len() - 1;
            let mut slot = key_hash(key.as_bytes()) as usize & mask;
            while usize::from(table[slot]) != position {
                assert_ne!(table[slot], EMPTY_SLOT, "{key} not found");
                slot = (slot + 1) & mask;
            }
        }
    }

    #[test]
    fn hash_vectors() {
        // Pinned: the runtime computes the same values (checked by the generated crate's tests).
        assert_eq!(key_hash(b""), 0);
        assert_eq!(
            key_hash(b"a"),
            0x9e37_79b1_u32.wrapping_mul(0x6161_6101) >> 7
        );
    }
}
