//! Checking structs and methods.

use proc_macro2::Span;

use super::attrs::{self, Attrs, Place};
use super::members::{check_fields, check_params};
use super::naming::{self, Case, Naming};
use super::types::{self};
use super::unique::Scope;
use super::{Ctx, names};
use crate::diagnostic::{Diagnostic, location};
use crate::model::{ApiFamily, Method, StructDef, TypeRef};
use crate::parse::{ItemFn, ItemStruct};

/// Checks a `struct`.
pub fn check_struct(ctx: &mut Ctx<'_>, item: &ItemStruct) -> StructDef {
    let name = item.name.to_string();
    let attrs = attrs::read(ctx, &item.attrs, Place::Struct);
    type_name(ctx, &name, item.name.span());
    require_item_docs(ctx, &attrs, "struct", &name, item.name.span());
    let fields = check_fields(ctx, &item.fields, &name, None);
    StructDef {
        name,
        docs: attrs.docs,
        fields,
        location: location(ctx.file, item.name.span()),
    }
}

/// Checks a `fn`.
pub fn check_method(ctx: &mut Ctx<'_>, item: &ItemFn) -> Method {
    let wire = item.name.to_string();
    let span = item.name.span();
    let attrs = attrs::read(ctx, &item.attrs, Place::Method);
    require_item_docs(ctx, &attrs, "method", &wire, span);
    let rust_name = naming::choose(
        ctx,
        Naming {
            what: "method",
            wire: &wire,
            span,
            rename: attrs.rust_name.as_ref(),
            derived: names::method_name(&wire),
            case: Case::Snake,
        },
    );
    let name_span = attrs.rust_name.as_ref().map_or(span, |(_, s)| *s);
    naming::refuse_reserved(
        ctx,
        name_span,
        "method",
        &rust_name,
        names::RESERVED_METHOD_NAMES,
        "the generated client or request types use that name; name it with `#[rust_name(\"…\")]`",
    );
    let type_name = names::type_name(&rust_name);
    naming::refuse_reserved(
        ctx,
        name_span,
        "request type",
        &type_name,
        names::RESERVED_TYPE_NAMES,
        "the generated code uses that name; name the method with `#[rust_name(\"…\")]`",
    );
    let apis = match &attrs.api {
        Some((apis, _)) => apis.clone(),
        None => {
            ctx.report(
                Diagnostic::new(
                    ctx.file,
                    span,
                    format!("missing `#[api(…)]` on method `{wire}`"),
                )
                .with_hint("list the APIs that serve it: `rpc6`, `rpc3`, `cm21`, `cm6`"),
            );
            Vec::new()
        }
    };
    if let (Some(partner), Some((apis, _))) = (attrs.partner, &attrs.api)
        && !apis.contains(&ApiFamily::Cm21)
    {
        ctx.report(
            Diagnostic::new(
                ctx.file,
                partner,
                format!("`#[partner]` on method `{wire}`, which is not in `cm21`"),
            )
            .with_hint(
                "partner contexts exist only in Channel Manager 2.1: add `cm21` to `#[api(…)]` \
                 or remove `#[partner]`",
            ),
        );
    }
    if let Some(cart) = attrs.cart {
        if attrs.partner.is_none() {
            ctx.report(
                Diagnostic::new(
                    ctx.file,
                    cart,
                    format!("`#[cart]` on method `{wire}`, which is not `#[partner]`"),
                )
                .with_hint(
                    "the cart lives in a partner's session: add `#[partner]` or remove `#[cart]`",
                ),
            );
        }
        if let Some((apis, _)) = &attrs.api
            && apis.as_slice() != [ApiFamily::Cm21]
        {
            ctx.report(
                Diagnostic::new(
                    ctx.file,
                    cart,
                    format!("`#[cart]` on method `{wire}`, which is not in `cm21` alone"),
                )
                .with_hint(
                    "only Channel Manager 2.1 keeps a cart in the session: write `#[api(cm21)]` \
                     or remove `#[cart]`",
                ),
            );
        }
    }
    let mut codes = Scope::new("error code", &wire);
    for (error, span) in &attrs.errors {
        codes.wire(ctx, &error.code, *span);
    }
    let params = check_params(ctx, &item.params, &wire);
    let returns = match &item.returns {
        Some(ty) => types::resolve_return(ctx, ty),
        None => {
            ctx.report(
                Diagnostic::new(
                    ctx.file,
                    span,
                    format!("method `{wire}` has no return type"),
                )
                .with_hint("write `-> ()` when the response carries nothing meaningful"),
            );
            TypeRef::Unit
        }
    };
    Method {
        wire_name: wire,
        rust_name,
        type_name,
        docs: attrs.docs,
        apis,
        partner: attrs.partner.is_some(),
        cart: attrs.cart.is_some(),
        retry_safe: attrs.retry_safe,
        session: !attrs.no_session,
        params,
        returns,
        errors: attrs.errors.into_iter().map(|(error, _)| error).collect(),
        location: location(ctx.file, span),
    }
}

/// Checks a type name: a valid UpperCamelCase identifier, not reserved.
pub fn type_name(ctx: &mut Ctx<'_>, name: &str, span: Span) {
    if names::is_keyword(name) || !names::is_identifier(name) {
        ctx.report(
            Diagnostic::new(ctx.file, span, format!("`{name}` is not a valid type name"))
                .with_hint("choose an UpperCamelCase name that is not a Rust keyword"),
        );
    } else if !names::is_upper_camel_case(name) {
        let hint = names::type_name(name);
        ctx.report(
            Diagnostic::new(
                ctx.file,
                span,
                format!("the type name `{name}` is not UpperCamelCase"),
            )
            .with_hint(format!("write `{hint}`")),
        );
    }
    // `Map` and `Nullable` are the spec language's own; the rest are the generated code's.
    let why = if names::SPEC_TYPE_NAMES.contains(&name) {
        "the spec language uses that name for its own types (`Map<T>`, `Nullable<T>`); choose another one"
    } else {
        "the generated code uses that name; choose another one"
    };
    naming::refuse_reserved(ctx, span, "type", name, names::RESERVED_TYPE_NAMES, why);
}

/// Requires doc comments and at least one `#[source]` on an item.
pub fn require_item_docs(ctx: &mut Ctx<'_>, attrs: &Attrs, what: &str, name: &str, span: Span) {
    if attrs.docs.text.is_empty() {
        ctx.report(
            Diagnostic::new(
                ctx.file,
                span,
                format!("missing doc comment on {what} `{name}`"),
            )
            .with_hint("add a `/// …` line above it"),
        );
    }
    if attrs.docs.sources.is_empty() {
        ctx.report(
            Diagnostic::new(
                ctx.file,
                span,
                format!("missing `#[source(\"…\")]` on {what} `{name}`"),
            )
            .with_hint("name the doc page or catalog entry the facts come from"),
        );
    }
}
