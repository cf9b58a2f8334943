//! The syntax tree of the spec language and its `syn` parsers.
//!
//! The tree is deliberately loose where the checker gives better messages: attributes are kept as
//! `syn::Attribute`s, a type is any name with any number of type arguments, a tuple variant may
//! hold any number of types. The checker validates all of that with the item in context.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
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
            let variants = Punctuated::<VariantSyntax, Token![,]>::parse_terminated(&content)?;
            Ok(Item::Enum(ItemEnum {
                attrs,
                name,
                variants: variants.into_iter().collect(),
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
    let fields = Punctuated::<FieldSyntax, Token![,]>::parse_terminated(input)?;
    Ok(fields.into_iter().collect())
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
            let types = Punctuated::<TypeSyntax, Token![,]>::parse_terminated(&content)?;
            VariantKind::Tuple(types.into_iter().collect(), parens.span.join())
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
