//! Reading the attributes of one item, field, param or variant: known names, right place, well
//! formed, not repeated.

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, ExprLit, Ident, Lit, LitStr, Meta, Token};

use super::Ctx;
use super::names;
use crate::diagnostic::Diagnostic;
use crate::model::{ApiFamily, Docs, ErrorDoc};

/// Where attributes are written; decides which ones are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// `#![…]` at the top of a file.
    Module,
    /// A `struct`.
    Struct,
    /// An `enum`.
    Enum,
    /// A `fn`.
    Method,
    /// A field of a struct or inline variant.
    Field,
    /// A param of a method.
    Param,
    /// A variant of an enum.
    Variant,
}

impl Place {
    fn describe(self) -> &'static str {
        match self {
            Place::Module => "at the top of a file",
            Place::Struct => "on a struct",
            Place::Enum => "on an enum",
            Place::Method => "on a method",
            Place::Field => "on a field",
            Place::Param => "on a param",
            Place::Variant => "on a variant",
        }
    }
}

/// Every attribute of the language, with the places it may be written.
const KNOWN: &[(&str, &[Place], &str)] = &[
    (
        "doc",
        &[
            Place::Module,
            Place::Struct,
            Place::Enum,
            Place::Method,
            Place::Field,
            Place::Param,
            Place::Variant,
        ],
        "everywhere",
    ),
    (
        "source",
        &[
            Place::Struct,
            Place::Enum,
            Place::Method,
            Place::Field,
            Place::Param,
            Place::Variant,
        ],
        "items, fields, params and variants",
    ),
    (
        "note",
        &[
            Place::Struct,
            Place::Enum,
            Place::Method,
            Place::Field,
            Place::Param,
            Place::Variant,
        ],
        "items, fields, params and variants",
    ),
    ("api", &[Place::Method], "methods"),
    ("partner", &[Place::Method], "methods"),
    ("cart", &[Place::Method], "methods"),
    ("retry_safe", &[Place::Method], "methods"),
    ("no_session", &[Place::Method], "methods"),
    ("error", &[Place::Method], "methods"),
    (
        "lenient",
        &[Place::Field, Place::Param],
        "fields and params",
    ),
    (
        "sensitive",
        &[Place::Field, Place::Param],
        "fields and params",
    ),
    ("tag", &[Place::Enum], "enums"),
    ("untagged", &[Place::Enum], "enums"),
    (
        "rust_name",
        &[Place::Method, Place::Field, Place::Param, Place::Variant],
        "methods, fields, params and variants",
    ),
];

/// The attributes that may appear at most once.
const SINGLE: &[&str] = &[
    "api",
    "partner",
    "cart",
    "retry_safe",
    "no_session",
    "lenient",
    "sensitive",
    "tag",
    "untagged",
    "rust_name",
];

/// What the attributes of one node say. Invalid attributes are reported and left out.
#[derive(Debug, Default)]
pub struct Attrs {
    /// Doc text, sources and notes.
    pub docs: Docs,
    /// `#[api(…)]`: the families and the attribute's span.
    pub api: Option<(Vec<ApiFamily>, Span)>,
    /// `#[partner]`, with its span.
    pub partner: Option<Span>,
    /// `#[cart]`, with its span.
    pub cart: Option<Span>,
    /// `#[retry_safe]`
    pub retry_safe: bool,
    /// `#[no_session]`
    pub no_session: bool,
    /// `#[error(CODE, "meaning")]`, each with the code's span.
    pub errors: Vec<(ErrorDoc, Span)>,
    /// `#[lenient("why")]`, with its span (the reason may be empty: already reported).
    pub lenient: Option<(String, Span)>,
    /// `#[sensitive]`
    pub sensitive: bool,
    /// `#[tag("field")]`, with its span.
    pub tag: Option<(String, Span)>,
    /// `#[untagged]`, with its span.
    pub untagged: Option<Span>,
    /// `#[rust_name("…")]`, with the literal's span.
    pub rust_name: Option<(String, Span)>,
}

/// Reads the attributes written at `place`, reporting every problem.
pub fn read(ctx: &mut Ctx<'_>, attrs: &[Attribute], place: Place) -> Attrs {
    let mut out = Attrs::default();
    let mut doc_lines: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for attr in attrs {
        let path = attr.path();
        let name = match path.get_ident() {
            Some(ident) => ident.to_string(),
            None => {
                let written = quote::quote!(#path).to_string().replace(' ', "");
                unknown(ctx, attr, &written);
                continue;
            }
        };
        let Some((_, places, allowed)) = KNOWN.iter().find(|(known, _, _)| *known == name) else {
            unknown(ctx, attr, &name);
            continue;
        };
        if !places.contains(&place) {
            ctx.report(
                Diagnostic::new(
                    ctx.file,
                    attr.span(),
                    format!("`#[{name}]` is not allowed {}", place.describe()),
                )
                .with_hint(format!("`#[{name}]` goes on {allowed}")),
            );
            continue;
        }
        if SINGLE.contains(&name.as_str()) {
            if seen.contains(&name) {
                ctx.report(
                    Diagnostic::new(ctx.file, attr.span(), format!("duplicate `#[{name}]`"))
                        .with_hint("write it once"),
                );
                continue;
            }
            seen.push(name.clone());
        }
        match name.as_str() {
            "doc" => {
                if let Some(text) = doc_text(ctx, attr) {
                    doc_lines.push(text);
                }
            }
            "source" => {
                if let Some(text) = string_arg(ctx, attr, "source", "the doc page or catalog entry")
                {
                    out.docs.sources.push(text.value());
                }
            }
            "note" => {
                if let Some(text) =
                    string_arg(ctx, attr, "note", "how the contradiction was resolved")
                {
                    out.docs.notes.push(text.value());
                }
            }
            "api" => out.api = api_families(ctx, attr),
            "partner" => {
                if flag(ctx, attr, "partner") {
                    out.partner = Some(attr.span());
                }
            }
            "cart" => {
                if flag(ctx, attr, "cart") {
                    out.cart = Some(attr.span());
                }
            }
            "retry_safe" => out.retry_safe = flag(ctx, attr, "retry_safe"),
            "no_session" => out.no_session = flag(ctx, attr, "no_session"),
            "error" => {
                if let Some(error) = error_doc(ctx, attr) {
                    out.errors.push(error);
                }
            }
            "lenient" => out.lenient = Some((lenient_reason(ctx, attr), attr.span())),
            "sensitive" => out.sensitive = flag(ctx, attr, "sensitive"),
            "tag" => {
                if let Some(text) = string_arg(ctx, attr, "tag", "the tag field's wire name") {
                    out.tag = Some((text.value(), attr.span()));
                }
            }
            "untagged" => {
                if flag(ctx, attr, "untagged") {
                    out.untagged = Some(attr.span());
                }
            }
            "rust_name" => {
                if let Some(text) = string_arg(ctx, attr, "rust_name", "the Rust name") {
                    out.rust_name = Some((text.value(), text.span()));
                }
            }
            _ => unknown(ctx, attr, &name),
        }
    }
    out.docs.text = join_doc_lines(&doc_lines);
    out
}

/// Joins doc lines: one leading space stripped from each line, then trimmed.
pub fn join_doc_lines(lines: &[String]) -> String {
    let joined: Vec<&str> = lines
        .iter()
        .flat_map(|line| line.split('\n'))
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect();
    joined.join("\n").trim().to_owned()
}

fn unknown(ctx: &mut Ctx<'_>, attr: &Attribute, name: &str) {
    let known = KNOWN
        .iter()
        .map(|(known, _, _)| *known)
        .filter(|k| *k != "doc");
    let hint = match names::nearest(name, known) {
        Some(near) => format!("did you mean `#[{near}]`?"),
        None => {
            "known attributes: `source`, `note`, `api`, `partner`, `cart`, `retry_safe`, `no_session`, \
                 `error`, `lenient`, `sensitive`, `tag`, `untagged`, `rust_name` and `///` doc comments"
                .to_owned()
        }
    };
    ctx.report(
        Diagnostic::new(
            ctx.file,
            attr.span(),
            format!("unknown attribute `#[{name}]`"),
        )
        .with_hint(hint),
    );
}

fn malformed(ctx: &mut Ctx<'_>, span: Span, name: &str, expected: &str) {
    ctx.report(
        Diagnostic::new(ctx.file, span, format!("malformed `#[{name}]`"))
            .with_hint(format!("expected {expected}")),
    );
}

fn doc_text(ctx: &mut Ctx<'_>, attr: &Attribute) -> Option<String> {
    if let Meta::NameValue(nv) = &attr.meta
        && let Expr::Lit(ExprLit {
            lit: Lit::Str(text),
            ..
        }) = &nv.value
    {
        return Some(text.value());
    }
    malformed(
        ctx,
        attr.span(),
        "doc",
        "a `///` doc comment or `#[doc = \"…\"]`",
    );
    None
}

/// `#[name("text")]` with a non-empty text.
fn string_arg(ctx: &mut Ctx<'_>, attr: &Attribute, name: &str, what: &str) -> Option<LitStr> {
    let expected = format!("`#[{name}(\"…\")]` with {what}");
    let Meta::List(list) = &attr.meta else {
        malformed(ctx, attr.span(), name, &expected);
        return None;
    };
    match list.parse_args::<LitStr>() {
        Ok(text) if text.value().trim().is_empty() => {
            malformed(ctx, text.span(), name, &expected);
            None
        }
        Ok(text) => Some(text),
        Err(_) => {
            malformed(ctx, attr.span(), name, &expected);
            None
        }
    }
}

fn flag(ctx: &mut Ctx<'_>, attr: &Attribute, name: &str) -> bool {
    if matches!(attr.meta, Meta::Path(_)) {
        true
    } else {
        malformed(
            ctx,
            attr.span(),
            name,
            &format!("`#[{name}]` without arguments"),
        );
        false
    }
}

fn lenient_reason(ctx: &mut Ctx<'_>, attr: &Attribute) -> String {
    let reason = match &attr.meta {
        Meta::List(list) => list.parse_args::<LitStr>().ok().map(|text| text.value()),
        _ => None,
    };
    match reason {
        Some(reason) if !reason.trim().is_empty() => reason,
        _ => {
            ctx.report(
                Diagnostic::new(ctx.file, attr.span(), "`#[lenient]` needs a reason")
                    .with_hint("say why the value cannot be trusted: `#[lenient(\"…\")]`"),
            );
            String::new()
        }
    }
}

fn api_families(ctx: &mut Ctx<'_>, attr: &Attribute) -> Option<(Vec<ApiFamily>, Span)> {
    const EXPECTED: &str = "`#[api(…)]` listing `rpc6`, `rpc3`, `cm21` or `cm6`";
    let Meta::List(list) = &attr.meta else {
        malformed(ctx, attr.span(), "api", EXPECTED);
        return None;
    };
    let Ok(idents) = list.parse_args_with(Punctuated::<Ident, Token![,]>::parse_terminated) else {
        malformed(ctx, attr.span(), "api", EXPECTED);
        return None;
    };
    if idents.is_empty() {
        malformed(ctx, attr.span(), "api", EXPECTED);
        return None;
    }
    let all = [
        ApiFamily::Rpc6,
        ApiFamily::Rpc3,
        ApiFamily::Cm21,
        ApiFamily::Cm6,
    ];
    let mut families = Vec::new();
    for ident in &idents {
        let written = ident.to_string();
        match all.iter().find(|f| f.spec_name() == written) {
            Some(family) if families.contains(family) => ctx.report(
                Diagnostic::new(ctx.file, ident.span(), format!("duplicate API `{written}`"))
                    .with_hint("list each API once"),
            ),
            Some(family) => families.push(*family),
            None => {
                let hint = match names::nearest(&written, all.iter().map(|f| f.spec_name())) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "the APIs are `rpc6`, `rpc3`, `cm21` and `cm6`".to_owned(),
                };
                ctx.report(
                    Diagnostic::new(ctx.file, ident.span(), format!("unknown API `{written}`"))
                        .with_hint(hint),
                );
            }
        }
    }
    families.sort();
    Some((families, attr.span()))
}

fn error_doc(ctx: &mut Ctx<'_>, attr: &Attribute) -> Option<(ErrorDoc, Span)> {
    const EXPECTED: &str =
        "`#[error(CODE, \"meaning\")]`, the code an identifier, an integer or a string literal";
    let Meta::List(list) = &attr.meta else {
        malformed(ctx, attr.span(), "error", EXPECTED);
        return None;
    };
    let parsed = list.parse_args_with(|input: syn::parse::ParseStream| {
        let code: (String, Span) = if input.peek(LitStr) {
            let text: LitStr = input.parse()?;
            (text.value(), text.span())
        } else if input.peek(syn::LitInt) {
            let number: syn::LitInt = input.parse()?;
            (number.base10_digits().to_owned(), number.span())
        } else {
            let ident: Ident = syn::ext::IdentExt::parse_any(input)?;
            (ident.to_string(), ident.span())
        };
        input.parse::<Token![,]>()?;
        let meaning: LitStr = input.parse()?;
        if input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
        }
        Ok((code, meaning.value()))
    });
    match parsed {
        Ok(((code, span), meaning)) if !code.is_empty() && !meaning.trim().is_empty() => {
            Some((ErrorDoc { code, meaning }, span))
        }
        _ => {
            malformed(ctx, attr.span(), "error", EXPECTED);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::join_doc_lines;

    #[test]
    fn doc_lines_lose_one_leading_space_and_are_trimmed() {
        let lines = [" First line.", "  indented", "", " Last. "].map(String::from);
        assert_eq!(join_doc_lines(&lines), "First line.\n indented\n\nLast.");
        assert_eq!(join_doc_lines(&[" ".to_owned()]), "");
        assert_eq!(join_doc_lines(&["\n one\n two\n".to_owned()]), "one\ntwo");
    }
}
