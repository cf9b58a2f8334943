//! The syntax tree of the spec language and its `syn` parsers.
//!
//! The tree is deliberately loose where the checker gives better messages: attributes are kept as
//! `syn::Attribute`s, a type is any name with any number of type arguments, a tuple variant may
//! hold any number of types. The checker validates all of that with the item in context.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream, Parser};
use syn::{Attribute, Ident, LitStr, Token};

/// One top-level item.
#[derive(Clone)]
pub enum Item {
    /// `struct Name { … }`
    Struct(ItemStruct),
    /// `enum Name { … }`
    Enum(ItemEnum),
    /// `fn name(…) -> Type;`
    Fn(ItemFn),
}

/// `struct Name { Field: Type, … }`
#[derive(Clone)]
pub struct ItemStruct {
    /// Outer attributes, doc comments included.
    pub attrs: Vec<Attribute>,
    /// The type's name.
    pub name: Ident,
    /// The fields in source order.
    pub fields: Vec<FieldSyntax>,
}

/// `enum Name { A, b { … }, c(Struct) }`
#[derive(Clone)]
pub struct ItemEnum {
    /// Outer attributes, doc comments included.
    pub attrs: Vec<Attribute>,
    /// The type's name.
    pub name: Ident,
    /// The variants in source order.
    pub variants: Vec<VariantSyntax>,
}

/// One variant of an `enum`.
#[derive(Clone)]
pub struct VariantSyntax {
    /// Outer attributes, doc comments included.
    pub attrs: Vec<Attribute>,
    /// The value on the wire.
    pub name: Name,
    /// What follows the name.
    pub kind: VariantKind,
}

/// The shape of a variant.
#[derive(Clone)]
pub enum VariantKind {
    /// `A`
    Unit,
    /// `a { Field: Type, … }`
    Struct(Vec<FieldSyntax>),
    /// `b(Type, …)`, with the span of the parentheses.
    Tuple(Vec<TypeSyntax>, Span),
}

/// `fn wireName(Param: Type, …) -> Type;`
#[derive(Clone)]
pub struct ItemFn {
    /// Outer attributes, doc comments included.
    pub attrs: Vec<Attribute>,
    /// The method's wire name.
    pub name: Ident,
    /// The params in wire order.
    pub params: Vec<FieldSyntax>,
    /// The return type, if written.
    pub returns: Option<TypeSyntax>,
}

/// A field of a struct or inline variant, or a param of a method: `Name: Type`.
#[derive(Clone)]
pub struct FieldSyntax {
    /// Outer attributes, doc comments included.
    pub attrs: Vec<Attribute>,
    /// The name on the wire.
    pub name: Name,
    /// The written type, wrappers included.
    pub ty: TypeSyntax,
}

/// A wire name: an identifier, or a string literal for names that are not identifiers.
#[derive(Clone)]
pub struct Name {
    /// The name's text (the literal's value for string literals).
    pub value: String,
    /// Where it was written.
    pub span: Span,
}

/// A written type.
#[derive(Clone)]
pub enum TypeSyntax {
    /// `()`
    Unit(Span),
    /// `Name` or `Name<Arg, …>`.
    Path {
        /// The type's name.
        name: Ident,
        /// The type arguments, if any.
        args: Vec<TypeSyntax>,
    },
}

impl TypeSyntax {
    /// Where the type starts.
    pub fn span(&self) -> Span {
        match self {
            TypeSyntax::Unit(span) => *span,
            TypeSyntax::Path { name, .. } => name.span(),
        }
    }
}

impl std::fmt::Display for TypeSyntax {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TypeSyntax::Unit(_) => f.write_str("()"),
            TypeSyntax::Path { name, args } => {
                write!(f, "{name}")?;
                if !args.is_empty() {
                    f.write_str("<")?;
                    for (i, arg) in args.iter().enumerate() {
                        if i > 0 {
                            f.write_str(", ")?;
                        }
                        write!(f, "{arg}")?;
                    }
                    f.write_str(">")?;
                }
                Ok(())
            }
        }
    }
}

impl Parse for Item {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(Token![#]) && input.peek2(Token![!]) {
            return Err(input
                .error("inner attributes and `//!` docs are only allowed at the top of the file"));
        }
        let attrs = Attribute::parse_outer(input)?;
        let lookahead = input.lookahead1();
        if lookahead.peek(Token![struct]) {
            input.parse::<Token![struct]>()?;
            let name = Ident::parse_any(input)?;
            let content;
            syn::braced!(content in input);
            let fields = parse_fields(&content)?;
            Ok(Item::Struct(ItemStruct {
                attrs,
                name,
                fields,
            }))
        } else if lookahead.peek(Token![enum]) {
            input.parse::<Token![enum]>()?;
            let name = Ident::parse_any(input)?;
            let content;
            syn::braced!(content in input);
            let variants = parse_list(&content, "variant")?;
            Ok(Item::Enum(ItemEnum {
                attrs,
                name,
                variants,
            }))
        } else if lookahead.peek(Token![fn]) {
            input.parse::<Token![fn]>()?;
            let name = Ident::parse_any(input)?;
            let content;
            syn::parenthesized!(content in input);
            let params = parse_fields(&content)?;
            let returns = if input.peek(Token![->]) {
                input.parse::<Token![->]>()?;
                Some(input.parse()?)
            } else {
                None
            };
            input.parse::<Token![;]>()?;
            Ok(Item::Fn(ItemFn {
                attrs,
                name,
                params,
                returns,
            }))
        } else {
            Err(lookahead.error())
        }
    }
}

fn parse_fields(input: ParseStream) -> syn::Result<Vec<FieldSyntax>> {
    parse_list(input, "field")
}

/// Parses a comma-separated list element by element, so that every broken element is reported
/// (combined in one error), not only the first.
fn parse_list<T: Parse>(input: ParseStream, what: &str) -> syn::Result<Vec<T>> {
    let tokens: Vec<TokenTree> = input.parse::<TokenStream>()?.into_iter().collect();
    let mut elements = Vec::new();
    let mut errors: Option<syn::Error> = None;
    for (piece, comma) in split_commas(&tokens) {
        let parsed = match (piece.is_empty(), comma) {
            (false, _) => parse_all::<T>(piece, &format!("expected `,` after the {what}")),
            (true, Some(comma)) => Err(syn::Error::new(comma, "unexpected `,`")),
            (true, None) => continue,
        };
        match parsed {
            Ok(element) => elements.push(element),
            Err(error) => match &mut errors {
                Some(errors) => errors.combine(error),
                None => errors = Some(error),
            },
        }
    }
    match errors {
        Some(errors) => Err(errors),
        None => Ok(elements),
    }
}

/// Splits tokens at the commas outside of `<…>`, each piece with the span of the comma that ends
/// it (none for the last piece).
fn split_commas(tokens: &[TokenTree]) -> Vec<(&[TokenTree], Option<Span>)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut angle_depth = 0_usize;
    for (i, token) in tokens.iter().enumerate() {
        let TokenTree::Punct(punct) = token else {
            continue;
        };
        match punct.as_char() {
            '<' => angle_depth += 1,
            '>' => angle_depth = angle_depth.saturating_sub(1),
            ',' if angle_depth == 0 => {
                pieces.push((&tokens[start..i], Some(punct.span())));
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces.push((&tokens[start..], None));
    pieces
}

/// Parses `tokens` as exactly one `T`; `leftover` is the error for tokens after it.
///
/// The tokens are wrapped in a group spanning their last token, so that "unexpected end of
/// input" points at the end of the piece rather than nowhere.
pub(super) fn parse_all<T: Parse>(tokens: &[TokenTree], leftover: &str) -> syn::Result<T> {
    let end = tokens.last().map_or_else(Span::call_site, TokenTree::span);
    let mut group = Group::new(Delimiter::Brace, tokens.iter().cloned().collect());
    group.set_span(end);
    let wrapped = TokenStream::from(TokenTree::Group(group));
    Parser::parse2(
        |input: ParseStream| {
            let content;
            syn::braced!(content in input);
            let parsed = T::parse(&content)?;
            if !content.is_empty() {
                return Err(content.error(leftover));
            }
            Ok(parsed)
        },
        wrapped,
    )
}

impl Parse for VariantSyntax {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = Attribute::parse_outer(input)?;
        let name: Name = input.parse()?;
        let kind = if input.peek(syn::token::Brace) {
            let content;
            syn::braced!(content in input);
            VariantKind::Struct(parse_fields(&content)?)
        } else if input.peek(syn::token::Paren) {
            let content;
            let parens = syn::parenthesized!(content in input);
            let types = parse_list(&content, "type")?;
            VariantKind::Tuple(types, parens.span.join())
        } else if input.peek(Token![=]) {
            return Err(input.error("enum values have no discriminant: remove `= …`"));
        } else {
            VariantKind::Unit
        };
        Ok(VariantSyntax { attrs, name, kind })
    }
}

impl Parse for FieldSyntax {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = Attribute::parse_outer(input)?;
        let name: Name = input.parse()?;
        input.parse::<Token![:]>()?;
        let ty = input.parse()?;
        Ok(FieldSyntax { attrs, name, ty })
    }
}

impl Parse for Name {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            let literal: LitStr = input.parse()?;
            Ok(Name {
                value: literal.value(),
                span: literal.span(),
            })
        } else if input.peek(Ident::peek_any) {
            let ident = Ident::parse_any(input)?;
            Ok(Name {
                value: ident.to_string(),
                span: ident.span(),
            })
        } else {
            Err(input.error("expected a name: an identifier or a string literal"))
        }
    }
}

/// How deeply type arguments may nest: far beyond any real type, well within the stack.
const MAX_TYPE_DEPTH: usize = 16;

impl Parse for TypeSyntax {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        parse_type(input, 0)
    }
}

fn parse_type(input: ParseStream, depth: usize) -> syn::Result<TypeSyntax> {
    {
        if depth > MAX_TYPE_DEPTH {
            return Err(input.error("type arguments nested too deeply"));
        }
        if input.peek(syn::token::Paren) {
            let content;
            let parens = syn::parenthesized!(content in input);
            if !content.is_empty() {
                return Err(
                    content.error("expected `()`: tuple types are not part of the language")
                );
            }
            return Ok(TypeSyntax::Unit(parens.span.join()));
        }
        if !input.peek(Ident::peek_any) {
            return Err(input.error("expected a type"));
        }
        let name = Ident::parse_any(input)?;
        let mut args = Vec::new();
        if input.peek(Token![<]) {
            input.parse::<Token![<]>()?;
            loop {
                if input.peek(Token![>]) {
                    break;
                }
                args.push(parse_type(input, depth + 1)?);
                if !input.peek(Token![,]) {
                    break;
                }
                input.parse::<Token![,]>()?;
            }
            input.parse::<Token![>]>()?;
        }
        Ok(TypeSyntax::Path { name, args })
    }
}
