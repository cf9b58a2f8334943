//! Checking one item at a time: structs, enums and tagged unions, methods.

use proc_macro2::Span;

use super::attrs::{self, Attrs, Place};
use super::naming::{self, Case, Naming};
use super::types::{self, Slotted};
use super::unique::Scope;
use super::{Ctx, names};
use crate::diagnostic::{Diagnostic, location};
use crate::model::{
    ApiFamily, Docs, EnumDef, EnumValue, Field, Method, Param, StructDef, TypeDef, TypeRef,
    UnionDef, UnionVariant,
};
use crate::parse::{FieldSyntax, ItemEnum, ItemFn, ItemStruct, VariantKind, VariantSyntax};

/// What an enum item becomes: the type, plus the structs of its inline variants.
pub struct CheckedEnum {
    /// The enum or tagged union.
    pub def: TypeDef,
    /// `{Union}{Variant}` structs of inline variants, with the span of the variant's name.
    pub inline: Vec<(StructDef, Span)>,
    /// Tuple payloads: (variant wire name, struct name, span of the type), checked once every
    /// struct is known.
    pub referenced: Vec<(String, String, Span)>,
}

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

/// Checks an `enum`: a closed value set, or a tagged union with `#[tag]`.
pub fn check_enum(ctx: &mut Ctx<'_>, item: &ItemEnum) -> CheckedEnum {
    let name = item.name.to_string();
    let span = item.name.span();
    let attrs = attrs::read(ctx, &item.attrs, Place::Enum);
    type_name(ctx, &name, span);
    require_item_docs(ctx, &attrs, "enum", &name, span);
    if item.variants.is_empty() {
        ctx.report(
            Diagnostic::new(ctx.file, span, format!("enum `{name}` has no values"))
                .with_hint("list its values, or use `String` where the set is not documented"),
        );
    }
    match &attrs.tag {
        Some((tag, _)) => check_union(ctx, item, name, attrs.docs.clone(), tag.clone()),
        None => {
            if item
                .variants
                .iter()
                .any(|v| !matches!(v.kind, VariantKind::Unit))
            {
                ctx.report(
                    Diagnostic::new(
                        ctx.file,
                        span,
                        format!("enum `{name}` has variants with payloads but no `#[tag(\"…\")]`"),
                    )
                    .with_hint("add `#[tag(\"field\")]` naming the field that selects the variant"),
                );
            }
            let values = check_values(ctx, &item.variants, &name);
            CheckedEnum {
                def: TypeDef::Enum(EnumDef {
                    name,
                    docs: attrs.docs,
                    values,
                    location: location(ctx.file, span),
                }),
                inline: Vec::new(),
                referenced: Vec::new(),
            }
        }
    }
}

fn check_values(ctx: &mut Ctx<'_>, variants: &[VariantSyntax], owner: &str) -> Vec<EnumValue> {
    let mut scope = Scope::new("value", owner);
    let mut values = Vec::new();
    for variant in variants {
        let attrs = attrs::read(ctx, &variant.attrs, Place::Variant);
        let rust_name = variant_name(ctx, variant, &attrs, "value");
        if scope.wire(ctx, &variant.name.value, variant.name.span) {
            scope.rust(ctx, &variant.name.value, &rust_name, variant.name.span);
        }
        values.push(EnumValue {
            wire: variant.name.value.clone(),
            rust_name,
            docs: attrs.docs,
        });
    }
    values
}

fn variant_name(ctx: &mut Ctx<'_>, variant: &VariantSyntax, attrs: &Attrs, what: &str) -> String {
    let rust_name = naming::choose(
        ctx,
        Naming {
            what,
            wire: &variant.name.value,
            span: variant.name.span,
            rename: attrs.rust_name.as_ref(),
            derived: names::type_name(&variant.name.value),
            case: Case::UpperCamel,
        },
    );
    let span = attrs
        .rust_name
        .as_ref()
        .map_or(variant.name.span, |(_, s)| *s);
    naming::refuse_reserved(
        ctx,
        span,
        "variant",
        &rust_name,
        &[names::RESERVED_VARIANT_NAME],
        "generated enums keep undocumented values in `Unknown`; name it with `#[rust_name(\"…\")]`",
    );
    rust_name
}

fn check_union(
    ctx: &mut Ctx<'_>,
    item: &ItemEnum,
    name: String,
    docs: Docs,
    tag: String,
) -> CheckedEnum {
    let mut scope = Scope::new("variant", &name);
    let mut variants = Vec::new();
    let mut inline = Vec::new();
    let mut referenced = Vec::new();
    for variant in &item.variants {
        let attrs = attrs::read(ctx, &variant.attrs, Place::Variant);
        let wire = variant.name.value.clone();
        let rust_name = variant_name(ctx, variant, &attrs, "variant");
        // A repeated variant would also repeat its payload struct: one error is enough.
        let unique = scope.wire(ctx, &wire, variant.name.span)
            && scope.rust(ctx, &wire, &rust_name, variant.name.span);
        let payload = match &variant.kind {
            VariantKind::Unit => {
                ctx.report(
                    Diagnostic::new(
                        ctx.file,
                        variant.name.span,
                        format!("variant `{wire}` of the tagged union `{name}` has no payload"),
                    )
                    .with_hint(format!(
                        "write `{wire} {{}}` when the variant carries no other field"
                    )),
                );
                String::new()
            }
            VariantKind::Struct(fields) => {
                let payload = format!("{name}{rust_name}");
                let fields = check_fields(ctx, fields, &payload, Some(&tag));
                let text = if attrs.docs.text.is_empty() {
                    format!("The fields of `{name}::{rust_name}` (`{tag}` = `{wire}`).")
                } else {
                    attrs.docs.text.clone()
                };
                let docs = Docs {
                    text,
                    sources: docs.sources.clone(),
                    notes: attrs.docs.notes.clone(),
                };
                if unique {
                    inline.push((
                        StructDef {
                            name: payload.clone(),
                            docs,
                            fields,
                            location: location(ctx.file, variant.name.span),
                        },
                        variant.name.span,
                    ));
                }
                payload
            }
            VariantKind::Tuple(types, parens) => match types.as_slice() {
                [crate::parse::TypeSyntax::Path { name: ty, args }] if args.is_empty() => {
                    let ty_name = ty.to_string();
                    referenced.push((wire.clone(), ty_name.clone(), ty.span()));
                    ty_name
                }
                _ => {
                    ctx.report(
                        Diagnostic::new(
                            ctx.file,
                            *parens,
                            format!("the payload of variant `{wire}` must be one struct"),
                        )
                        .with_hint(format!("write `{wire}(SomeStruct)` or `{wire} {{ … }}`")),
                    );
                    String::new()
                }
            },
        };
        variants.push(UnionVariant {
            wire,
            rust_name,
            docs: attrs.docs,
            payload,
        });
    }
    CheckedEnum {
        def: TypeDef::Union(UnionDef {
            name,
            docs,
            tag,
            variants,
            location: location(ctx.file, item.name.span()),
        }),
        inline,
        referenced,
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
        "the client already has a method of that name; name it with `#[rust_name(\"…\")]`",
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
        retry_safe: attrs.retry_safe,
        session: !attrs.no_session,
        params,
        returns,
        errors: attrs.errors.into_iter().map(|(error, _)| error).collect(),
        location: location(ctx.file, span),
    }
}

fn check_params(ctx: &mut Ctx<'_>, params: &[FieldSyntax], method: &str) -> Vec<Param> {
    let mut scope = Scope::new("param", method);
    let mut first_optional: Option<String> = None;
    let mut out = Vec::new();
    for param in params {
        let (field, _) = check_member(ctx, param, Place::Param, method, &mut scope);
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
            docs: field.docs,
            location: field.location,
        });
    }
    out
}

/// Checks the fields of a struct or inline variant. `tag` is the union's tag field, which the
/// payload must not repeat.
fn check_fields(
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
            &[names::RESERVED_FIELD_NAME],
            "generated structs keep undocumented fields there; name it with `#[rust_name(\"…\")]`",
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
        docs: attrs.docs,
        location: location(ctx.file, span),
    };
    (field, name_span)
}

fn type_name(ctx: &mut Ctx<'_>, name: &str, span: Span) {
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
    naming::refuse_reserved(
        ctx,
        span,
        "type",
        name,
        names::RESERVED_TYPE_NAMES,
        "the generated code uses that name; choose another one",
    );
}

fn require_item_docs(ctx: &mut Ctx<'_>, attrs: &Attrs, what: &str, name: &str, span: Span) {
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
