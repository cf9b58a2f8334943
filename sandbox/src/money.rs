//! Exact amounts: the sandbox prices and compares money as decimals, never as `f64`.

use rust_decimal::Decimal;

/// Parses an amount's text (`29.90`, `-3`, `1e2`) exactly.
pub fn parse(text: &str) -> Option<Decimal> {
    if text.contains(['e', 'E']) {
        Decimal::from_scientific(text).ok()
    } else {
        text.parse().ok()
    }
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
}
