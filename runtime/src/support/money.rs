//! Exact amounts of money.
//!
//! Prices, discounts, VAT, commissions, totals and refunds are [`Money`]: a
//! [`rust_decimal::Decimal`], so sums are exact and an amount keeps the scale it arrived with
//! (`29.90` stays `29.90`, `0` stays `0`). It is read from the JSON number's text or from a
//! numeric string — never through `f64` — and written as a JSON number with the same digits.

use serde::ser::Serializer;

use super::Json;
use super::wire::{Read, StackText, Wire, number_from_text, raw_text, write_raw_number};

/// An exact decimal amount (the spec's `Money`).
pub type Money = rust_decimal::Decimal;

/// Parses a JSON number's text (`29.90`, `-3`, `1e2`) into an exact decimal.
pub fn parse(text: &str) -> Option<Money> {
    if let Some(plain) = parse_plain(text) {
        return Some(plain.value);
    }
    if text.contains(['e', 'E']) {
        Money::from_scientific(text).ok()
    } else {
        text.parse().ok()
    }
}

/// A decimal read from plain text: `-?digits(.digits)?`, at most 18 digits.
struct Plain {
    value: Money,
    /// Whether the value's own text is the text read (not so for `-0.00` or `007`).
    canonical: bool,
}

/// Reads the common case of an amount without the general parser: at most 18 digits fit an
/// `i64` mantissa, and the number of digits after the point is the scale.
fn parse_plain(text: &str) -> Option<Plain> {
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        all => (false, all),
    };
    let mut mantissa: i64 = 0;
    let mut count = 0u32;
    let mut scale = 0u32;
    let mut point = false;
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                count += 1;
                if count > 18 {
                    return None;
                }
                mantissa = mantissa * 10 + i64::from(b - b'0');
                if point {
                    scale += 1;
                }
            }
            b'.' if !point && count > 0 => point = true,
            _ => return None,
        }
    }
    if count == 0 || (point && scale == 0) {
        return None;
    }
    let integer_digits = count - scale;
    let leading_zero = digits.first() == Some(&b'0') && integer_digits > 1;
    Some(Plain {
        value: Money::new(if negative { -mantissa } else { mantissa }, scale),
        canonical: !(leading_zero || (negative && mantissa == 0)),
    })
}

/// Whether `value` is written back as exactly `text`.
fn is_canonical(value: &Money, text: &str) -> bool {
    match parse_plain(text) {
        Some(plain) => plain.canonical,
        None => text_of(value).as_str() == text,
    }
}

/// The text a decimal is written as: its digits with `scale` of them after the point (what
/// `Display` writes, built without the formatting machinery).
fn text_of(value: &Money) -> StackText {
    let mut text = [0u8; 44];
    let len = write_text(value, &mut text);
    StackText::ascii(&text[..len])
}

/// Writes [`text_of`]'s text into `text`, returning its length.
fn write_text(value: &Money, text: &mut [u8; 44]) -> usize {
    // Digits, least significant first. Amounts fit a `u64` mantissa; the `u128` division is only
    // for the rest.
    let mut digits = [0u8; 40];
    let mut len = 0;
    let mantissa = value.mantissa().unsigned_abs();
    match u64::try_from(mantissa) {
        Ok(mut small) => loop {
            digits[len] = b'0' + (small % 10) as u8;
            len += 1;
            small /= 10;
            if small == 0 {
                break;
            }
        },
        Err(_) => {
            let mut large = mantissa;
            loop {
                digits[len] = b'0' + (large % 10) as u8;
                len += 1;
                large /= 10;
                if large == 0 {
                    break;
                }
            }
        }
    }
    let scale = value.scale() as usize;
    // Pad so there is at least one digit before the point.
    while len <= scale {
        digits[len] = b'0';
        len += 1;
    }
    let mut at = 0;
    if value.is_sign_negative() && !value.is_zero() {
        text[at] = b'-';
        at += 1;
    }
    for i in (0..len).rev() {
        text[at] = digits[i];
        at += 1;
        if i == scale && scale > 0 {
            text[at] = b'.';
            at += 1;
        }
    }
    at
}

impl Wire for Money {
    fn read<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Read<Self>, D::Error> {
        let raw = raw_text(d)?;
        let text = raw.as_str();
        // The common case in one pass: a plain number, usually written as the decimal writes it.
        if let Some(plain) = parse_plain(text) {
            let form = if plain.canonical {
                None
            } else {
                Some(Json::from_text(text.to_owned()).map_err(serde::de::Error::custom)?)
            };
            return Ok(Read::Value(plain.value, form));
        }
        number_from_text(
            text,
            "an amount (a number, or a string holding one)",
            parse,
            is_canonical,
        )
    }

    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // A decimal's text is a valid JSON number: written as is, with its scale.
        write_raw_number(text_of(self).as_str(), s)
    }

    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        let mut text = [0u8; 44];
        let len = write_text(self, &mut text);
        out.extend_from_slice(&text[..len]);
        Ok(())
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
    fn the_fast_text_is_what_display_writes() {
        for text in [
            "0",
            "0.5",
            "0.05",
            "-0.05",
            "10",
            "29.90",
            "-3",
            "123456789012345678",
            "0.000000000000000001",
            "79228162514264337593543950335",
            "1e-5",
            "-0.00",
        ] {
            let value = parse(text).unwrap();
            assert_eq!(text_of(&value).as_str(), value.to_string(), "{text}");
            assert_eq!(
                is_canonical(&value, text),
                value.to_string() == text,
                "{text}"
            );
        }
        assert!(parse_plain("1.").is_none());
        assert!(parse_plain(".5").is_none());
        assert!(parse_plain("1.2.3").is_none());
        assert!(!parse_plain("007").unwrap().canonical);
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
