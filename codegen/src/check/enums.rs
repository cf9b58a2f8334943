//! Checking enums: closed value sets and tagged unions.

use proc_macro2::Span;

use super::attrs::{self, Attrs, Place};
use super::items::{require_item_docs, type_name};
use super::members::check_fields;
use super::naming::{self, Case, Naming};
use super::unique::Scope;
use super::{Ctx, Kind, names, types};
use crate::diagnostic::{Diagnostic, location};
use crate::model::{
    Docs, EnumDef, EnumValue, JsonShape, ShapeDef, ShapeVariant, StructDef, TypeDef, TypeRef,
    UnionDef, UnionVariant,
};
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
    if let (Some((_, tag_span)), Some(_)) = (&attrs.tag, &attrs.untagged) {
        ctx.report(
            Diagnostic::new(
                ctx.file,
                *tag_span,
                format!("enum `{name}` is both `#[tag]` and `#[untagged]`"),
            )
            .with_hint("keep `#[tag]` when a field selects the variant, `#[untagged]` when the JSON's kind does"),
        );
    }
    if attrs.untagged.is_some() && attrs.tag.is_none() {
        return check_shape(ctx, item, name, attrs.docs.clone());
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

/// Checks an `#[untagged]` enum: tuple variants of one type each, at most one per JSON kind.
fn check_shape(ctx: &mut Ctx<'_>, item: &ItemEnum, name: String, docs: Docs) -> CheckedEnum {
    let mut scope = Scope::new("variant", &name);
    let mut variants: Vec<ShapeVariant> = Vec::new();
    for variant in &item.variants {
        let attrs = attrs::read(ctx, &variant.attrs, Place::Variant);
        let written = variant.name.value.clone();
        let rust_name = match &attrs.rust_name {
            Some((rename, _)) => rename.clone(),
            None => names::type_name(&written),
        };
        let unique = scope.wire(ctx, &written, variant.name.span)
            && scope.rust(ctx, &written, &rust_name, variant.name.span);
        naming::refuse_reserved(
            ctx,
            variant.name.span,
            "variant",
            &rust_name,
            &[
                names::RESERVED_SHAPE_VARIANT_NAME,
                names::RESERVED_VARIANT_NAME,
            ],
            "shape unions keep JSON of any other shape in `Other`; choose another name",
        );
        let ty = match &variant.kind {
            VariantKind::Tuple(types, _) if types.len() == 1 => {
                let slotted = types::resolve_value(ctx, &types[0]);
                if !slotted.required || slotted.nullable {
                    ctx.report(
                        Diagnostic::new(
                            ctx.file,
                            types[0].span(),
                            format!("variant `{written}` of the shape union `{name}` is optional"),
                        )
                        .with_hint(format!(
                            "write the union's field as `Option<Nullable<{name}>>` instead"
                        )),
                    );
                }
                slotted.ty
            }
            VariantKind::Tuple(_, parens) => {
                ctx.report(
                    Diagnostic::new(
                        ctx.file,
                        *parens,
                        format!(
                            "variant `{written}` of the shape union `{name}` must hold one type"
                        ),
                    )
                    .with_hint(format!("write `{written}(Type)`")),
                );
                continue;
            }
            VariantKind::Unit | VariantKind::Struct(_) => {
                ctx.report(
                    Diagnostic::new(
                        ctx.file,
                        variant.name.span,
                        format!(
                            "variant `{written}` of the shape union `{name}` must hold one type"
                        ),
                    )
                    .with_hint(format!(
                        "write `{written}(Type)`; use a struct for a set of fields"
                    )),
                );
                continue;
            }
        };
        let Some(shape) = json_shape(ctx, &ty) else {
            let what = match &ty {
                TypeRef::Named(n) => format!("the shape union `{n}`"),
                _ => "`Json`".to_owned(),
            };
            ctx.report(
                Diagnostic::new(
                    ctx.file,
                    variant.name.span,
                    format!("variant `{written}` of the shape union `{name}` holds {what}"),
                )
                .with_hint("every shape union already keeps other JSON in its `Other(Json)` variant; list its shapes here instead"),
            );
            continue;
        };
        if let Some(first) = variants.iter().find(|v| v.shape == shape) {
            ctx.report(
                Diagnostic::new(
                    ctx.file,
                    variant.name.span,
                    format!(
                        "variants `{}` and `{written}` of the shape union `{name}` are both {}",
                        first.rust_name,
                        shape.describe()
                    ),
                )
                .with_hint("a shape union tells its variants apart by the kind of JSON value: keep one per kind"),
            );
            continue;
        }
        if unique {
            variants.push(ShapeVariant {
                rust_name,
                ty,
                shape,
                docs: attrs.docs,
            });
        }
    }
    CheckedEnum {
        def: TypeDef::Shape(ShapeDef {
            name,
            docs,
            variants,
            location: location(ctx.file, item.name.span()),
        }),
        inline: Vec::new(),
        referenced: Vec::new(),
    }
}

/// The kind of JSON a type is written as; `None` for `Json` and shape unions (any kind).
fn json_shape(ctx: &Ctx<'_>, ty: &TypeRef) -> Option<JsonShape> {
    Some(match ty {
        TypeRef::String | TypeRef::Date | TypeRef::DateTime => JsonShape::String,
        TypeRef::Integer | TypeRef::Number | TypeRef::Money => JsonShape::Number,
        TypeRef::Bool => JsonShape::Bool,
        TypeRef::Array(_) => JsonShape::Array,
        TypeRef::Map(_) => JsonShape::Object,
        TypeRef::Json | TypeRef::Unit => return None,
        TypeRef::Named(name) => match ctx.types.get(name).map(|d| d.kind) {
            Some(Kind::Enum) => JsonShape::String,
            Some(Kind::Struct | Kind::Union) => JsonShape::Object,
            Some(Kind::Shape) => return None,
            // A broken item: already reported.
            None => JsonShape::Object,
        },
    })
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
