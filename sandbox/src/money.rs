//! Exact amounts: the sandbox prices and compares money as decimals, never as `f64`.
//!
//! Amounts arrive as JSON numbers or numeric strings; [`from_value`] reads either from its text,
//! so `29.90` is exactly 29.90. [`to_value`] writes an amount back as a JSON number from its
//! decimal text (integers as integers), which is how the API sends amounts.

use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

/// Parses an amount's text (`29.90`, `-3`, `1e2`) exactly.
pub fn parse(text: &str) -> Option<Decimal> {
    if text.contains(['e', 'E']) {
        Decimal::from_scientific(text).ok()
    } else {
        text.parse().ok()
    }
}

/// An amount sent as a JSON number or a numeric string, read from its text.
pub fn from_value(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) => parse(&n.to_string()),
        Value::String(text) => parse(text.trim()),
        _ => None,
    }
}

/// Rounds to cents (half away from zero), as prices are shown.
pub fn cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// An amount as a JSON number written from its decimal text: `495`, `29.9`, `-1.74`.
pub fn to_value(amount: Decimal) -> Value {
    let normalized = amount.normalize();
    if normalized.scale() == 0
        && let Ok(whole) = i64::try_from(normalized.mantissa())
    {
        return Value::from(whole);
    }
    // The decimal's own text is a valid JSON number; it becomes the number the JSON text says.
    serde_json::from_str(&normalized.to_string()).unwrap_or(Value::Null)
}

/// A seed price literal (`"99.00"`) as a JSON number (0 for a malformed literal, which the seed
/// tests would show as a wrong price).
pub fn literal(text: &str) -> Value {
    to_value(parse(text).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exactly() {
        assert_eq!(parse("29.90").unwrap().to_string(), "29.90");
        assert_eq!(parse("1e2").unwrap(), Decimal::from(100));
        assert!(parse("x").is_none());
    }

    #[test]
    fn reads_numbers_and_strings() {
        assert_eq!(from_value(&serde_json::json!(0.1)), parse("0.1"));
        assert_eq!(from_value(&serde_json::json!("25.39")), parse("25.39"));
        assert_eq!(from_value(&serde_json::json!(true)), None);
    }

    #[test]
    fn sums_without_binary_drift() {
        let sum = from_value(&serde_json::json!(0.1)).unwrap()
            + from_value(&serde_json::json!(0.2)).unwrap();
        assert_eq!(to_value(sum).to_string(), "0.3");
    }

    #[test]
    fn writes_integers_as_integers_and_rounds_half_away() {
        assert_eq!(to_value(parse("495.00").unwrap()), serde_json::json!(495));
        assert_eq!(cents(parse("2.345").unwrap()).to_string(), "2.35");
        assert_eq!(cents(parse("-2.345").unwrap()).to_string(), "-2.35");
    }
}
