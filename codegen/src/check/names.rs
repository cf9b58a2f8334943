//! Rust names: derivation with `heck`, validity, reserved words, and nearest-name suggestions.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict, reserved and weak-in-practice ones that cannot name an item).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names the generated code relies on (prelude, runtime, `serde_json`, support types).
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Result",
    "Option",
    "String",
    "Vec",
    "Box",
    "Error",
    "Client",
    "Methods",
    "Maybe",
    "Extra",
    "Json",
    "Date",
    "DateTime",
    "Money",
    "WireForms",
    "Set",
    "Unset",
    "Provided",
    "Into",
    "Default",
    // The spec language's own type names (`Map<T>`, `Nullable<T>`): a struct of that name
    // could never be referred to. `BTreeMap` is what `Map` becomes in Rust.
    "Map",
    "Nullable",
    "BTreeMap",
];

/// The reserved type names that belong to the spec language itself, not to the generated code.
pub const SPEC_TYPE_NAMES: &[&str] = &["Map", "Nullable"];

/// Client method names the generated extension traits would shadow.
pub const RESERVED_METHOD_NAMES: &[&str] = &["call", "with_partner", "cart", "new", "bind", "send"];

/// Field names the generated structs use themselves: the fields the spec does not list, and the
/// builder's `build` (each field has a builder setter of its own name).
pub const RESERVED_FIELD_NAMES: &[&str] = &["unknown_fields", "wire_forms", "build"];

/// Param names the generated request types use themselves: the bound `client` field, and the
/// methods `new`, `bind`, `unbind`, `send` (each optional param has a setter of its own name).
pub const RESERVED_PARAM_NAMES: &[&str] = &["client", "new", "bind", "unbind", "send"];

/// The variant every generated enum uses for values the spec does not list.
pub const RESERVED_VARIANT_NAME: &str = "Unknown";

/// The variant every generated shape union uses for JSON of any other shape.
pub const RESERVED_SHAPE_VARIANT_NAME: &str = "Other";

/// Whether `name` is a Rust keyword.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Whether `name` is an ASCII identifier (keywords included, `_` alone excluded).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    name != "_" && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `name` is written in snake_case (no uppercase letter).
pub fn is_snake_case(name: &str) -> bool {
    !name.chars().any(|c| c.is_ascii_uppercase())
}

/// Whether `name` is written in UpperCamelCase (uppercase first letter, no underscore).
pub fn is_upper_camel_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase()) && !name.contains('_')
}

/// The derived Rust name of a field or param: snake_case, a trailing `_` after a keyword.
pub fn field_name(wire: &str) -> String {
    let snake = wire.to_snake_case();
    if is_keyword(&snake) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// The derived Rust name of a method: snake_case.
pub fn method_name(wire: &str) -> String {
    wire.to_snake_case()
}

/// The UpperCamelCase form of a name: request types, enum values, union variants.
pub fn type_name(name: &str) -> String {
    name.to_upper_camel_case()
}

/// Levenshtein distance between two strings, compared case-insensitively.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            let insertion = current[j] + 1;
            let deletion = previous[j + 1] + 1;
            current.push(substitution.min(insertion).min(deletion));
        }
        previous = current;
    }
    previous[b.len()]
}

/// The candidate closest to `name`, if it is close enough to be a plausible typo.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort();
    scored.dedup();
    match scored.as_slice() {
        // Two equally close candidates: guessing one would mislead half the time.
        [(best, _), (second, _), ..] if best == second => None,
        [(_, c), ..] => Some(c),
        [] => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_snake_case_with_keywords_escaped() {
        assert_eq!(field_name("PartnerCode"), "partner_code");
        assert_eq!(field_name("Type"), "type_");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("Visa Electron"), "visa_electron");
        assert_eq!(field_name("IdPartner"), "id_partner");
        assert_eq!(field_name("SKU"), "sku");
        assert!(!is_identifier(&field_name("2CheckoutCustomerReference")));
    }

    #[test]
    fn methods_and_values_follow_heck() {
        assert_eq!(method_name("getProductByCode"), "get_product_by_code");
        assert_eq!(type_name("get_product_by_code"), "GetProductByCode");
        assert_eq!(type_name("FIXED"), "Fixed");
        assert_eq!(type_name("in_review"), "InReview");
        assert_eq!(type_name("Visa Electron"), "VisaElectron");
        assert!(!is_identifier(&type_name("2CO")));
        assert!(!is_identifier(&type_name("")));
    }

    #[test]
    fn identifiers_and_cases() {
        assert!(is_identifier("a_1"));
        assert!(is_identifier("_a"));
        assert!(!is_identifier("_"));
        assert!(!is_identifier("1a"));
        assert!(!is_identifier("a-b"));
        assert!(!is_identifier("é"));
        assert!(is_snake_case("two_checkout"));
        assert!(!is_snake_case("twoCheckout"));
        assert!(is_upper_camel_case("SKUPricing"));
        assert!(!is_upper_camel_case("Sku_Pricing"));
        assert!(!is_upper_camel_case("sku"));
        assert!(is_keyword("type") && is_keyword("Self") && !is_keyword("kind"));
    }

    #[test]
    fn nearest_name_by_edit_distance() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(
            nearest("Prodct", ["Product", "Price", "String"]),
            Some("Product")
        );
        assert_eq!(nearest("string", ["String", "Json"]), Some("String"));
        assert_eq!(nearest("Zzzzzz", ["Product", "Price"]), None);
        assert_eq!(nearest("rpc7", ["rpc6", "rpc3", "cm21"]), None);
    }
}
