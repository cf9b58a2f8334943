//! Stage 1: spec text (or macro tokens) → syntax tree, every node with its span.
//!
//! The top level is first cut into items (`split`), then each item is parsed on its own
//! (`syntax`). A syntax error therefore spoils one item only: the others are still parsed, so
//! several syntax errors are reported together and the checker still sees the healthy items.

mod split;
mod syntax;

use std::str::FromStr;

use proc_macro2::{TokenStream, TokenTree};
use syn::Attribute;
use syn::parse::Parser;

pub use syntax::{
    FieldSyntax, Item, ItemEnum, ItemFn, ItemStruct, Name, TypeSyntax, VariantKind, VariantSyntax,
};

/// The syntax tree of one spec file (or one macro input).
#[derive(Clone)]
pub struct SpecFile {
    /// Inner attributes at the top (`//!` module docs).
    pub inner_attrs: Vec<Attribute>,
    /// The items that parsed, in source order.
    pub items: Vec<Item>,
    /// Names of `struct` / `enum` items that did not parse. The checker knows these types exist,
    /// so it does not add "unknown type" errors on top of the syntax error.
    pub broken_types: Vec<String>,
    /// Every syntax error, in source order.
    pub errors: Vec<syn::Error>,
    /// Whether the text could be tokenized at all (when not, the file is one lexing error).
    pub tokenized: bool,
}

/// Tokenizes spec text. Spans of the result carry the text's lines and columns.
///
/// # Errors
///
/// A lexing error (unterminated string, unbalanced delimiter, …) at its position.
pub fn tokenize(text: &str) -> Result<TokenStream, syn::Error> {
    TokenStream::from_str(text).map_err(|e| {
        let start = e.span().start();
        let at = text
            .lines()
            .nth(start.line.saturating_sub(1))
            .and_then(|line| line.chars().nth(start.column));
        syn::Error::new(e.span(), lexing_message(at))
    })
}

/// What the lexer most likely tripped on, from the character where it stopped.
fn lexing_message(at: Option<char>) -> String {
    match at {
        Some(open @ ('{' | '(' | '[')) => format!("syntax error: unclosed `{open}`"),
        Some(close @ ('}' | ')' | ']')) => format!("syntax error: unmatched `{close}`"),
        Some('"') => "syntax error: unterminated string literal".to_owned(),
        _ => "syntax error: the text cannot be split into tokens here".to_owned(),
    }
}

/// Parses spec text: tokenizes, then parses every item.
pub fn parse_text(text: &str) -> SpecFile {
    match tokenize(text) {
        Ok(tokens) => parse_tokens(tokens),
        Err(error) => SpecFile {
            inner_attrs: Vec::new(),
            items: Vec::new(),
            broken_types: Vec::new(),
            errors: vec![error],
            tokenized: false,
        },
    }
}

/// Parses a token stream (from [`tokenize`] or handed over by a proc-macro).
pub fn parse_tokens(tokens: TokenStream) -> SpecFile {
    let mut file = SpecFile {
        inner_attrs: Vec::new(),
        items: Vec::new(),
        broken_types: Vec::new(),
        errors: Vec::new(),
        tokenized: true,
    };
    let (inner, rest) = split::take_inner_attrs(tokens);
    if let Some(error) = refused(&inner) {
        file.errors.push(error);
    } else if !inner.is_empty() {
        match Parser::parse2(Attribute::parse_inner, inner.into_iter().collect()) {
            Ok(attrs) => file.inner_attrs = attrs,
            Err(error) => file.errors.push(error),
        }
    }
    for chunk in split::items(rest) {
        let parsed = match refused(&chunk) {
            Some(error) => Err(error),
            None => parse_chunk(&chunk),
        };
        match parsed {
            Ok(item) => file.items.push(item),
            Err(error) => {
                file.errors.push(error);
                if let Some(name) = split::declared_type_name(&chunk) {
                    file.broken_types.push(name);
                }
            }
        }
    }
    file
}

/// Why a piece is not handed to `syn` at all: input that would make its recursive descent
/// overflow the stack.
fn refused(piece: &[TokenTree]) -> Option<syn::Error> {
    if let Some(span) = split::too_deep(piece) {
        return Some(syn::Error::new(
            span,
            format!(
                "delimiters nested more than {} levels deep",
                split::MAX_NESTING
            ),
        ));
    }
    split::unreadable_attribute_value(piece).map(|span| {
        syn::Error::new(
            span,
            "an attribute value after `=` must be one literal, such as a string",
        )
    })
}

/// Parses the tokens of one item.
fn parse_chunk(chunk: &[TokenTree]) -> syn::Result<Item> {
    syntax::parse_all(chunk, "unexpected tokens after the item")
}

#[cfg(test)]
mod tests;
