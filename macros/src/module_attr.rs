//! The optional `#![module = "name"]` inner attribute of `api!`.
//!
//! The spec language itself has no such attribute: the module name is a property of the macro
//! call, so it is taken out of the tokens here before the spec text reaches the front end.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};

/// Module name used when the input does not choose one.
pub const DEFAULT_MODULE: &str = "api";

/// The module name chosen for an `api!` call and the spec tokens without the attribute.
pub struct ModuleChoice {
    /// snake_case module name.
    pub name: String,
    /// The remaining spec tokens.
    pub spec: TokenStream,
}

/// Removes a leading `#![module = "name"]` (among the leading inner attributes) from `input`.
pub fn take_module_name(input: TokenStream) -> syn::Result<ModuleChoice> {
    let tokens: Vec<TokenTree> = input.into_iter().collect();
    let mut kept = Vec::with_capacity(tokens.len());
    let mut name: Option<(String, Span)> = None;
    let mut i = 0;
    // Inner attributes are `#` `!` `[...]`; only the leading ones can be module attributes.
    while let Some(body) = inner_attribute_at(&tokens, i) {
        match module_attribute_value(body)? {
            Some((value, span)) => {
                if let Some((_, first)) = &name {
                    let mut error =
                        syn::Error::new(span, "the module name is given twice; keep one");
                    error.combine(syn::Error::new(*first, "first given here"));
                    return Err(error);
                }
                check_module_name(&value, span)?;
                name = Some((value, span));
            }
            None => kept.extend_from_slice(&tokens[i..i + 3]),
        }
        i += 3;
    }
    kept.extend_from_slice(&tokens[i..]);
    Ok(ModuleChoice {
        name: name.map_or_else(|| DEFAULT_MODULE.to_owned(), |(value, _)| value),
        spec: kept.into_iter().collect(),
    })
}

/// The bracketed body of an inner attribute starting at `tokens[i]`, if there is one.
fn inner_attribute_at(tokens: &[TokenTree], i: usize) -> Option<&proc_macro2::Group> {
    match tokens.get(i..i + 3)? {
        [
            TokenTree::Punct(hash),
            TokenTree::Punct(bang),
            TokenTree::Group(body),
        ] if hash.as_char() == '#'
            && bang.as_char() == '!'
            && body.delimiter() == Delimiter::Bracket =>
        {
            Some(body)
        }
        _ => None,
    }
}

/// `Some(value)` when `body` is `module = "value"`; `None` for any other attribute.
fn module_attribute_value(body: &proc_macro2::Group) -> syn::Result<Option<(String, Span)>> {
    let mut inner = body.stream().into_iter();
    match inner.next() {
        Some(TokenTree::Ident(ident)) if ident == "module" => {}
        _ => return Ok(None),
    }
    let usage = "expected `#![module = \"name\"]`";
    let value = match (inner.next(), inner.next(), inner.next()) {
        (Some(TokenTree::Punct(eq)), Some(TokenTree::Literal(lit)), None)
            if eq.as_char() == '=' =>
        {
            syn::parse2::<syn::LitStr>(TokenTree::Literal(lit).into())
                .map_err(|e| syn::Error::new(e.span(), usage))?
        }
        _ => return Err(syn::Error::new(body.span(), usage)),
    };
    Ok(Some((value.value(), value.span())))
}

/// Accepts only a plain snake_case identifier: it becomes a module name and, in UpperCamelCase,
/// the prefix of the extension trait.
fn check_module_name(name: &str, span: Span) -> syn::Result<()> {
    let mut chars = name.chars();
    let starts_well = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let is_keyword = syn::parse_str::<syn::Ident>(name).is_err();
    if starts_well && rest_ok && !is_keyword {
        Ok(())
    } else {
        Err(syn::Error::new(
            span,
            format!(
                "module name `{name}` is not a snake_case identifier (lowercase letters, digits, `_`, not a keyword)"
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn default_name_when_absent() {
        let choice = take_module_name(quote!(#![doc = "x"] struct A {})).unwrap();
        assert_eq!(choice.name, "api");
        assert_eq!(
            choice.spec.to_string(),
            quote!(#![doc = "x"] struct A {}).to_string()
        );
    }

    #[test]
    fn takes_the_attribute_out_and_keeps_the_rest() {
        let choice =
            take_module_name(quote!(#![doc = "x"] #![module = "shop"] struct A {})).unwrap();
        assert_eq!(choice.name, "shop");
        assert_eq!(
            choice.spec.to_string(),
            quote!(#![doc = "x"] struct A {}).to_string()
        );
    }

    #[test]
    fn rejects_bad_names_and_shapes() {
        for input in [
            quote!(#![module = "Shop"]),
            quote!(#![module = "fn"]),
            quote!(#![module = "a-b"]),
            quote!(#![module = ""]),
            quote!(#![module(shop)]),
            quote!(#![module = shop]),
            quote!(#![module = "a"] #![module = "b"]),
        ] {
            assert!(take_module_name(input.clone()).is_err(), "{input}");
        }
    }
}
