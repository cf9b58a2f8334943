//! Parameter and object table rows: recognising a row, reading its type and requiredness, and
//! mapping documented types to the spec language.
//!
//! Every layout is first turned into a stream of lines (see [`super::layout`]); a row is a name
//! followed by a type marker, on the same line or the next one. Markers come in the two orders
//! the pages use: `Required (string)` / `Optional (Object)` and `String (required)` /
//! `Object (Optional)` / `String Required` (three-column tables), or a bare type (`Int`).

use std::sync::LazyLock;

use heck::ToUpperCamelCase;
use regex::Regex;

use crate::model::TypeRef;

/// A type marker: the documented type and, when stated, whether the value is required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The type as written (`string`, `Array of objects`), trimmed.
    pub doc_type: String,
    /// `Some(true)` for "Required", `Some(false)` for "Optional", `None` when not stated.
    pub required: Option<bool>,
    /// Text after the marker on the same line (a description, in flattened tables).
    pub rest: String,
}

/// One row of a parameter or object table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line of the row's name in the page.
    pub line: usize,
    /// Indentation of the name (nesting in flattened tables), in columns.
    pub indent: usize,
    /// The name as documented.
    pub name: String,
    /// Its marker.
    pub marker: Marker,
    /// The description lines that follow, joined with spaces.
    pub description: String,
}

const TYPES: &str = r"array of [a-z]+(?: [a-z]+)?|complet object|string ?array|string|integer|int|boolean|bool|object|array|double|float|decimal|number|date ?time|datetime|date|long|json";

static REQUIRED_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(required|optional|mandatory)(?: on [a-z ]+ only)?\s*\(\s*({TYPES})\s*\)\s*(?:[—–:-]\s*)?(.*)$"
    ))
    .expect("valid regex")
});

static TYPE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^({TYPES})\b(?:\s*\(\s*(required|optional)\s*\))?(?:\s+(required|optional)\b)?\s*(?:[—–:-]\s*)?(.*)$"
    ))
    .expect("valid regex")
});

static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z0-9_][A-Za-z0-9_\[\]]*(?:\.[A-Za-z_][A-Za-z0-9_\[\]]*)*$")
        .expect("valid regex")
});

/// Reads a type marker at the start of `text`.
pub fn marker(text: &str) -> Option<Marker> {
    let text = text.trim();
    if let Some(c) = REQUIRED_FIRST.captures(text) {
        return Some(Marker {
            doc_type: c[2].trim().to_owned(),
            required: Some(is_required(&c[1])),
            rest: c[3].trim().to_owned(),
        });
    }
    let c = TYPE_FIRST.captures(text)?;
    let required = c.get(2).or(c.get(3)).map(|m| is_required(m.as_str()));
    Some(Marker {
        doc_type: c[1].trim().to_owned(),
        required,
        rest: c[4].trim().to_owned(),
    })
}

fn is_required(word: &str) -> bool {
    !word.eq_ignore_ascii_case("optional")
}

/// Whether `text` can be a parameter or field name: one word, not a type or a heading word.
pub fn is_name(text: &str) -> bool {
    is_word_name(text) && marker(text).is_none()
}

/// Whether `text` can be a name when a marker follows it: type words too (`Number` / `Int`).
pub fn is_word_name(text: &str) -> bool {
    NAME.is_match(text)
        && !text.chars().all(|c| c.is_ascii_digit())
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "parameters"
                | "parameter"
                | "response"
                | "request"
                | "errors"
                | "error"
                | "overview"
                | "structure"
                | "attributes"
                | "properties"
                | "true"
                | "false"
                | "null"
        )
}

/// Words that start sentences, never field names, in a nested row without a type marker.
const SENTENCE_WORDS: &[&str] = &[
    "a", "an", "the", "this", "these", "that", "use", "see", "details", "if", "only", "for", "set",
    "can", "possible", "array", "object", "when", "you", "it", "in", "of", "to", "and", "or",
    "default", "defaults", "example", "e.g", "note", "must", "is", "are", "with",
];

/// Reads a nested row that has no type marker: a name, then its description on the same
/// line (`Code The 2Checkout unique pricing code.`) or in the next piece. The description,
/// when there is one, must start like a sentence (capital letter, digit or bracket) so that
/// ordinary sentences ("Details below.") are not read as rows.
pub fn untyped_row(text: &str) -> Option<(String, String)> {
    let text = text.trim();
    let (name, rest) = match text.find(char::is_whitespace) {
        Some(at) => (&text[..at], text[at..].trim()),
        None => (text, ""),
    };
    let lower = name.to_ascii_lowercase();
    let starts_upper_or_mixed = name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        || name.chars().skip(1).any(|c| c.is_ascii_uppercase());
    let sentence_like = rest.is_empty()
        || rest
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '(');
    (is_name(name)
        && starts_upper_or_mixed
        && sentence_like
        && !SENTENCE_WORDS.contains(&lower.as_str()))
    .then(|| (name.to_owned(), rest.to_owned()))
}

static DASH_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Za-z_][A-Za-z0-9_]*)\s+[-–—:]\s+(\S.*)$").expect("valid regex")
});

/// A field written inside an object row's description as `Name - description`
/// (`Code - Integer identifying the error.`).
pub fn dash_row(text: &str) -> Option<(String, String)> {
    let c = DASH_ROW.captures(text.trim())?;
    let name = c[1].to_owned();
    let lower = name.to_ascii_lowercase();
    (is_name(&name)
        && name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && !SENTENCE_WORDS.contains(&lower.as_str()))
    .then(|| (name, c[2].trim().to_owned()))
}

static PAREN_TYPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\(\s*({TYPES})\s*\)")).expect("valid regex"));

/// The type a description of a row without a marker states: at its start
/// (`Integer identifying the error.`) or in brackets (`Error description (string).`).
pub fn described_type(description: &str) -> Option<String> {
    if let Some(m) = marker(description)
        && m.required.is_none()
    {
        return Some(m.doc_type);
    }
    PAREN_TYPE
        .captures(description)
        .map(|c| c[1].trim().to_owned())
}

/// Reads a row written on one line: `name marker`, e.g. `sessionID Required (string)` or
/// `proposalId String Required Unique id.`.
pub fn inline_row(text: &str) -> Option<(String, Marker)> {
    let text = text.trim();
    let split = text.find(char::is_whitespace)?;
    let (name, rest) = text.split_at(split);
    if !is_name(name) {
        return None;
    }
    // "Start date, format YYYY-MM-DD." is a sentence, not the row `Start` of type date: a
    // bare type must stand alone or be followed by something that starts a description.
    marker(rest)
        .filter(|m| {
            m.required.is_some()
                || m.rest.is_empty()
                || m.rest
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_ascii_lowercase() && c != ',')
        })
        .map(|m| (name.to_owned(), m))
}

/// What a documented type means in the spec language, given the name and description that
/// decide between money and other numbers, and between an object name and `Json`.
pub fn spec_type(doc_type: &str, name: &str, description: &str) -> (TypeRef, Option<String>) {
    let lower = doc_type.to_ascii_lowercase();
    let lower = lower.trim();
    let guess = |ty: TypeRef, why: String| (ty, Some(why));
    match lower {
        "string" => (TypeRef::String, None),
        "int" | "integer" | "long" => (TypeRef::Integer, None),
        "boolean" | "bool" => (TypeRef::Bool, None),
        "double" | "float" | "decimal" | "number" => (number_type(name, description), None),
        "date" if mentions_time(description) => (TypeRef::DateTime, None),
        "date" => (TypeRef::Date, None),
        "datetime" | "date time" => (TypeRef::DateTime, None),
        "json" => (TypeRef::Json, None),
        "stringarray" | "string array" | "string[]" | "array of strings" => {
            (TypeRef::Array(Box::new(TypeRef::String)), None)
        }
        "array of integers" | "array of ints" => (TypeRef::Array(Box::new(TypeRef::Integer)), None),
        "object" | "complet object" => (TypeRef::Named(type_name_for(name)), None),
        "array" => guess(
            TypeRef::Array(Box::new(TypeRef::Json)),
            format!("`{name}` is documented as an array without an element type: `Vec<Json>`."),
        ),
        other if other.starts_with("array of") => (
            TypeRef::Array(Box::new(TypeRef::Named(type_name_for(name)))),
            None,
        ),
        other => guess(
            TypeRef::Json,
            format!("`{name}` has the undocumented type `{other}`: `Json`."),
        ),
    }
}

fn mentions_time(description: &str) -> bool {
    let lower = description.to_ascii_lowercase();
    lower.contains("time") || lower.contains("8601")
}

/// The money type, for amounts (prices, discounts, taxes, commissions, totals).
pub fn money() -> TypeRef {
    TypeRef::Money
}

/// `Money` for amounts, `f64` for other non-integers: decided by the name, then the description.
pub fn number_type(name: &str, description: &str) -> TypeRef {
    if reads_like_amount(name) || reads_like_amount(description) {
        money()
    } else {
        TypeRef::Number
    }
}

/// Whether a name or description reads like a price, an amount, a discount, a tax, a
/// commission, a total, a fee or a margin.
pub fn reads_like_amount(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "price",
        "amount",
        "discount",
        "vat",
        "tax",
        "commission",
        "total",
        "fee",
        "margin",
        "cost",
        "value",
    ];
    let lower = text.to_ascii_lowercase();
    WORDS.iter().any(|w| {
        lower.match_indices(w).any(|(i, _)| {
            // "vat" inside "private" or "derivative" is no tax: require a word start for it.
            *w != "vat" || i == 0 || !lower.as_bytes()[i - 1].is_ascii_alphabetic()
        })
    })
}

/// The spec type name for an object documented under `name` (`searchBy` → `SearchBy`).
pub fn type_name_for(name: &str) -> String {
    let camel = name.to_upper_camel_case();
    match camel.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => camel,
        _ => format!("T{camel}"),
    }
}

/// Whether the description says the value may be `NULL`.
pub fn can_be_null(description: &str) -> bool {
    description.to_ascii_lowercase().contains("can be null")
}

static POSSIBLE_VALUES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)possible values(?: are)?\s*:\s*([^.]+)").expect("valid regex")
});

/// The closed value list of a description ("Possible values: FIXED or PERCENT"), if any.
pub fn possible_values(description: &str) -> Option<Vec<String>> {
    let list = POSSIBLE_VALUES.captures(description)?.get(1)?.as_str();
    let mut values: Vec<String> = Vec::new();
    let parts = list
        .split([',', '/'])
        .flat_map(|part| part.split(" or "))
        .flat_map(|part| part.split(" and "))
        .map(|v| v.trim().trim_matches(['"', '\'', '`']));
    for value in parts {
        // A value listed twice is one value (a value set cannot hold it twice).
        if !value.is_empty() && !values.iter().any(|v| v == value) {
            values.push(value.to_owned());
        }
    }
    let all_codes = values
        .iter()
        .all(|v| v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    (values.len() >= 2 && all_codes).then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possible_values_listed_twice_are_one() {
        assert_eq!(
            possible_values("Possible values: A, B, A or B."),
            Some(vec!["A".to_owned(), "B".to_owned()])
        );
    }

    #[test]
    fn markers_in_both_orders() {
        let m = marker("Required (string)").unwrap();
        assert_eq!((m.doc_type.as_str(), m.required), ("string", Some(true)));
        let m = marker("Object (Optional)").unwrap();
        assert_eq!((m.doc_type.as_str(), m.required), ("Object", Some(false)));
        let m = marker("String Required Unique id.").unwrap();
        assert_eq!(m.required, Some(true));
        assert_eq!(m.rest, "Unique id.");
        let m = marker("Array of objects").unwrap();
        assert_eq!(
            (m.doc_type.as_str(), m.required),
            ("Array of objects", None)
        );
        let m = marker("Required (int) — the id").unwrap();
        assert_eq!(m.rest, "the id");
        assert!(marker("Strings of text").is_none());
        assert!(marker("Session identifier").is_none());
    }

    #[test]
    fn rows_on_one_line() {
        let (name, m) = inline_row("sessionID Required (string)").unwrap();
        assert_eq!(name, "sessionID");
        assert_eq!(m.required, Some(true));
        assert!(inline_row("Control the pagination of results").is_none());
        // A sentence that happens to start with a name and a type word is no row.
        assert!(inline_row("Start date, format YYYY-MM-DD.").is_none());
        assert!(inline_row("Reseller Array of reseller objects.").is_some());
        assert_eq!(
            inline_row("2CheckoutCustomerReference Optional (int)")
                .unwrap()
                .0,
            "2CheckoutCustomerReference"
        );
    }

    #[test]
    fn types_map_to_the_spec_language() {
        assert_eq!(spec_type("Double", "Amount", "").0, money());
        assert_eq!(
            spec_type("Float", "Rate", "conversion rate").0,
            TypeRef::Number
        );
        assert_eq!(
            spec_type("Double", "Net", "Value added tax included").0,
            money()
        );
        assert_eq!(
            spec_type("StringArray", "Codes", "").0.clone(),
            TypeRef::Array(Box::new(TypeRef::String))
        );
        assert_eq!(
            spec_type("object", "searchBy", "").0,
            TypeRef::Named("SearchBy".into())
        );
        assert_eq!(
            spec_type("Date", "x", "date-time ISO 8601").0,
            TypeRef::DateTime
        );
        assert!(spec_type("weird", "x", "").1.is_some());
        assert!(!reads_like_amount("private key"));
    }

    #[test]
    fn rows_without_a_marker() {
        assert_eq!(
            untyped_row("Code The 2Checkout unique pricing code."),
            Some(("Code".into(), "The 2Checkout unique pricing code.".into()))
        );
        assert_eq!(untyped_row("Details below."), None);
        assert_eq!(untyped_row("The currency ISO code"), None);
        assert_eq!(untyped_row("Start date, format YYYY-MM-DD."), None);
        assert_eq!(
            dash_row("Code - Integer identifying the error."),
            Some(("Code".into(), "Integer identifying the error.".into()))
        );
        assert_eq!(dash_row("Use it - or not."), None);
        assert_eq!(
            described_type("Integer identifying the error.").as_deref(),
            Some("Integer")
        );
        assert_eq!(
            described_type("Error description (string).").as_deref(),
            Some("string")
        );
        assert_eq!(described_type("The code."), None);
        assert!(is_word_name("ShippingClass.Name"));
        assert!(!is_word_name("Default."));
    }

    #[test]
    fn nulls_and_value_lists() {
        assert!(can_be_null("Reseller phone. Can be NULL."));
        assert_eq!(
            possible_values("Possible values: FIXED or PERCENT."),
            Some(vec!["FIXED".to_owned(), "PERCENT".to_owned()])
        );
        assert_eq!(possible_values("Possible values: any text you like."), None);
    }
}
