//! Checking enums: closed value sets and tagged unions.

use proc_macro2::Span;

use super::attrs::{self, Attrs, Place};
use super::items::{require_item_docs, type_name};
use super::members::check_fields;
use super::naming::{self, Case, Naming};
use super::unique::Scope;
use super::{Ctx, names};
use crate::diagnostic::{Diagnostic, location};
use crate::model::{Docs, EnumDef, EnumValue, StructDef, TypeDef, UnionDef, UnionVariant};
use crate::parse::{ItemEnum, VariantKind, VariantSyntax};

/// What an enum item becomes: the type, plus what can only be checked once every item is known.
pub struct CheckedEnum {
    /// The enum or tagged union.
    pub def: TypeDef,
    /// The structs of its inline variants.
    pub inline: Vec<InlineStruct>,
    /// The payloads of its tuple variants.
    pub referenced: Vec<PayloadRef>,
}

/// The `{Union}{Variant}` struct of an inline variant.
pub struct InlineStruct {
    /// The struct.
    pub def: StructDef,
    /// The file of the union.
    pub file: String,
    /// The variant's name.
    pub span: Span,
}

/// The payload of a tuple variant `b(Struct)`.
pub struct PayloadRef {
    /// The file of the union.
    pub file: String,
    /// The union's name.
    pub union: String,
    /// The variant's wire name.
    pub variant: String,
    /// The payload type as written.
    pub payload: String,
    /// Where the payload type is written.
    pub span: Span,
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
        "generated enums and unions keep unlisted values in `Unknown`; name it with `#[rust_name(\"…\")]`",
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
                    inline.push(InlineStruct {
                        def: StructDef {
                            name: payload.clone(),
                            docs,
                            fields,
                            location: location(ctx.file, variant.name.span),
                        },
                        file: ctx.file.to_owned(),
                        span: variant.name.span,
                    });
                }
                payload
            }
            VariantKind::Tuple(types, parens) => match types.as_slice() {
                [crate::parse::TypeSyntax::Path { name: ty, args }] if args.is_empty() => {
                    let ty_name = ty.to_string();
                    referenced.push(PayloadRef {
                        file: ctx.file.to_owned(),
                        union: name.clone(),
                        variant: wire.clone(),
                        payload: ty_name.clone(),
                        span: ty.span(),
                    });
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
