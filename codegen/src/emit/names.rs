//! Rust identifiers from spec names.
//!
//! The checker has already validated every name (valid identifier, no collision, keyword fields
//! renamed with a trailing underscore), so this module only has to decide between a plain and a
//! raw identifier, and to derive the helper names the type emitter invents (builders, markers).

use proc_macro2::Span;
use syn::Ident;

/// Keywords that can be written as raw identifiers (`r#type`).
///
/// `self`, `Self`, `super`, `crate` and `_` cannot be raw; the checker rejects them as names.
const RAW_ABLE_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// An identifier for `name`, raw (`r#type`) when `name` is a keyword.
///
/// Never panics: a name that is not an identifier at all (which the checker rules out) is turned
/// into one by replacing every invalid character with `_`, so the emitted code fails to compile
/// with a readable name rather than the generator aborting.
pub fn ident(name: &str) -> Ident {
    let name = sanitize(name);
    if RAW_ABLE_KEYWORDS.contains(&name.as_str()) {
        Ident::new_raw(&name, Span::call_site())
    } else {
        Ident::new(&name, Span::call_site())
    }
}

/// The name of the builder of object `type_name` (`ResellerBuilder`).
pub fn builder_name(type_name: &str) -> String {
    format!("{type_name}Builder")
}

/// The marker type naming required field `field` of object `type_name` in compile errors.
///
/// rustc prints only the last path segment of a type in `#[diagnostic::on_unimplemented]`
/// messages, so the marker's own name carries both parts:
/// ``missing required field `Reseller_partner_code` ``.
pub fn required_marker_name(type_name: &str, field: &str) -> String {
    format!("{type_name}_{}", field.trim_start_matches("r#"))
}

/// `name` with every character that cannot appear in an identifier replaced by `_`.
fn sanitize(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if matches!(out.as_str(), "self" | "Self" | "super" | "crate" | "_") {
        out.push('_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_stay_plain() {
        assert_eq!(ident("partner_code").to_string(), "partner_code");
        assert_eq!(ident("Reseller").to_string(), "Reseller");
    }

    #[test]
    fn keywords_become_raw() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("match").to_string(), "r#match");
    }

    #[test]
    fn invalid_names_are_made_valid_instead_of_panicking() {
        assert_eq!(ident("2Checkout").to_string(), "_2Checkout");
        assert_eq!(ident("Visa Electron").to_string(), "Visa_Electron");
        assert_eq!(ident("").to_string(), "__");
        assert_eq!(ident("self").to_string(), "self_");
    }

    #[test]
    fn helper_names() {
        assert_eq!(builder_name("Reseller"), "ResellerBuilder");
        assert_eq!(
            required_marker_name("Reseller", "partner_code"),
            "Reseller_partner_code"
        );
        assert_eq!(required_marker_name("Product", "r#type"), "Product_type");
    }
}
