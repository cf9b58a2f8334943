//! Exact amounts of money.
//!
//! Prices, discounts, VAT, commissions, totals and refunds are [`Money`]: a
//! [`rust_decimal::Decimal`], so sums are exact and an amount keeps the scale it arrived with
//! (`29.90` stays `29.90`, `0` stays `0`). It is read from the JSON number's text or from a
//! numeric string — never through `f64` — and written as a JSON number with the same digits.

use serde::ser::{Error as _, Serialize, Serializer};
use serde_json::value::RawValue;

use super::wire::{Read, Wire, read_number};

/// An exact decimal amount (the spec's `Money`).
pub type Money = rust_decimal::Decimal;

/// Parses a JSON number's text (`29.90`, `-3`, `1e2`) into an exact decimal.
pub fn parse(text: &str) -> Option<Money> {
    if text.contains(['e', 'E']) {
        Money::from_scientific(text).ok()
    } else {
        text.parse().ok()
    }
}

impl Wire for Money {
    fn read<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Read<Self>, D::Error> {
        read_number(
            d,
            "an amount (a number, or a string holding one)",
            parse,
            Money::to_string,
        )
    }

    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // A decimal's text is a valid JSON number: written as is, with its scale.
        let raw = RawValue::from_string(self.to_string()).map_err(S::Error::custom)?;
        raw.serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::wire::{Canonical, De};

    fn read(json: &str) -> Read<Money> {
        Money::read(&mut serde_json::Deserializer::from_str(json)).unwrap()
    }

    fn write(value: &Money) -> String {
        serde_json::to_string(&Canonical(value)).unwrap()
    }

    #[test]
    fn keeps_scale_and_digits() {
        for text in ["29.90", "0", "0.0", "-3.5", "1234567890123.4567", "39.99"] {
            let Read::Value(value, form) = read(text) else {
                panic!("{text}")
            };
            assert_eq!(form, None, "{text} is canonical");
            assert_eq!(write(&value), text);
        }
    }

    #[test]
    fn exact_arithmetic() {
        let De(a): De<Money> = serde_json::from_str("0.1").unwrap();
        let De(b): De<Money> = serde_json::from_str("0.2").unwrap();
        assert_eq!(write(&(a + b)), "0.3");
    }

    #[test]
    fn strings_and_exponents_keep_their_form() {
        let Read::Value(value, Some(form)) = read(r#""12.50""#) else {
            panic!()
        };
        assert_eq!(value.to_string(), "12.50");
        assert_eq!(form.as_str(), r#""12.50""#);
        let Read::Value(value, Some(form)) = read("1e2") else {
            panic!()
        };
        assert_eq!(value, Money::from(100));
        assert_eq!(form.as_str(), "1e2");
    }

    #[test]
    fn empty_stand_ins_and_errors() {
        assert!(matches!(read(r#""""#), Read::Empty(_)));
        assert!(matches!(read("false"), Read::Empty(_)));
        assert!(matches!(read("[]"), Read::Empty(_)));
        let err = Money::read(&mut serde_json::Deserializer::from_str(r#""abc""#)).unwrap_err();
        assert!(err.to_string().contains("abc"), "{err}");
        let err = Money::read(&mut serde_json::Deserializer::from_str("{}")).unwrap_err();
        assert!(err.to_string().contains("amount"), "{err}");
    }

    #[test]
    fn reads_from_a_value_tree() {
        let De(value): De<Money> = serde_json::from_value(serde_json::json!(12)).unwrap();
        assert_eq!(value, Money::from(12));
    }
}
