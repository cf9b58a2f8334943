//! Checking fields and params: docs, names, types, `#[lenient]`, order.

use proc_macro2::Span;

use super::attrs::{self, Place};
use super::naming::{self, Case, Naming};
use super::types::{self, Slotted};
use super::unique::Scope;
use super::{Ctx, names};
use crate::diagnostic::{Diagnostic, location};
use crate::model::{Field, Param};
use crate::parse::FieldSyntax;

/// Checks the params of a method: each one, and required ones before optional ones.
pub fn check_params(ctx: &mut Ctx<'_>, params: &[FieldSyntax], method: &str) -> Vec<Param> {
    let mut scope = Scope::new("param", method);
    let mut first_optional: Option<String> = None;
    let mut out = Vec::new();
    for param in params {
        let (field, name_span) = check_member(ctx, param, Place::Param, method, &mut scope);
        naming::refuse_reserved(
            ctx,
            name_span,
            "param",
            &field.rust_name,
            names::RESERVED_PARAM_NAMES,
            "the generated request type uses that name; name it with `#[rust_name(\"…\")]`",
        );
        if field.required {
            if let Some(optional) = &first_optional {
                ctx.report(
                    Diagnostic::new(
                        ctx.file,
                        param.name.span,
                        format!(
                            "required param `{}` after the optional param `{optional}`",
                            field.wire_name
                        ),
                    )
                    .with_hint("move it before the optional params, or make it `Option<…>`"),
                );
            }
        } else if first_optional.is_none() {
            first_optional = Some(field.wire_name.clone());
        }
        out.push(Param {
            wire_name: field.wire_name,
            rust_name: field.rust_name,
            ty: field.ty,
            required: field.required,
            nullable: field.nullable,
            lenient: field.lenient,
            sensitive: field.sensitive,
            docs: field.docs,
            location: field.location,
        });
    }
    out
}

/// Checks the fields of a struct or inline variant. `tag` is the union's tag field, which the
/// payload must not repeat.
pub fn check_fields(
    ctx: &mut Ctx<'_>,
    fields: &[FieldSyntax],
    owner: &str,
    tag: Option<&str>,
) -> Vec<Field> {
    let mut scope = Scope::new("field", owner);
    let mut out = Vec::new();
    for syntax in fields {
        let (field, name_span) = check_member(ctx, syntax, Place::Field, owner, &mut scope);
        naming::refuse_reserved(
            ctx,
            name_span,
            "field",
            &field.rust_name,
            names::RESERVED_FIELD_NAMES,
            "the generated struct or its builder uses that name; name it with `#[rust_name(\"…\")]`",
        );
        if let Some(tag) = tag
            && field.wire_name == tag
        {
            ctx.report(repeated_tag(ctx.file, syntax.name.span, tag, owner));
        }
        out.push(field);
    }
    out
}

/// The error for a payload field named like the union's tag.
pub fn repeated_tag(file: &str, span: Span, tag: &str, owner: &str) -> Diagnostic {
    Diagnostic::new(
        file,
        span,
        format!("field `{tag}` of `{owner}` repeats the union's tag field"),
    )
    .with_hint("the union writes and reads its tag itself; remove the field")
}

/// Checks one field or param; returns it as a field and the span of its Rust name.
fn check_member(
    ctx: &mut Ctx<'_>,
    syntax: &FieldSyntax,
    place: Place,
    owner: &str,
    scope: &mut Scope<'_>,
) -> (Field, Span) {
    let what = if place == Place::Param {
        "param"
    } else {
        "field"
    };
    let wire = syntax.name.value.clone();
    let span = syntax.name.span;
    let attrs = attrs::read(ctx, &syntax.attrs, place);
    if attrs.docs.text.is_empty() {
        ctx.report(
            Diagnostic::new(
                ctx.file,
                span,
                format!("missing doc comment on {what} `{wire}` of `{owner}`"),
            )
            .with_hint("add a `/// …` line above it"),
        );
    }
    let rust_name = naming::choose(
        ctx,
        Naming {
            what,
            wire: &wire,
            span,
            rename: attrs.rust_name.as_ref(),
            derived: names::field_name(&wire),
            case: Case::Snake,
        },
    );
    let name_span = attrs.rust_name.as_ref().map_or(span, |(_, s)| *s);
    if scope.wire(ctx, &wire, span) {
        scope.rust(ctx, &wire, &rust_name, name_span);
    }
    let reported_before = ctx.reported();
    let Slotted {
        ty,
        required,
        nullable,
    } = types::resolve_value(ctx, &syntax.ty);
    // A type that did not resolve was already reported; its placeholder says nothing.
    let type_resolved = ctx.reported() == reported_before;
    let lenient = attrs.lenient.map(|(reason, lenient_span)| {
        if type_resolved && !types::is_lenient_target(&ty) {
            ctx.report(
                Diagnostic::new(
                    ctx.file,
                    lenient_span,
                    format!("`#[lenient]` on {what} `{wire}`, whose type is not a scalar"),
                )
                .with_hint(
                    "only `String`, `bool`, `i64`, `f64`, `Date`, `DateTime` (or a `Vec` of one) \
                     can be read leniently",
                ),
            );
        }
        reason
    });
    let field = Field {
        wire_name: wire,
        rust_name,
        ty,
        required,
        nullable,
        lenient,
        sensitive: attrs.sensitive,
        docs: attrs.docs,
        location: location(ctx.file, span),
    };
    (field, name_span)
}
