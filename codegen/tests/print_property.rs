//! parse ∘ print is the identity on generated specs: a spec model built by a proptest strategy
//! (structs, closed value sets, shape and tagged unions, methods of every family, with docs,
//! sources, notes and names that need quoting) prints to text that loads back into the same
//! model, and printing that model again gives the same text.

use proptest::prelude::*;
use twocheckout_codegen::load::{self, Source};
use twocheckout_codegen::model::{
    ApiFamily, Docs, EnumDef, EnumValue, ErrorDoc, Field, JsonShape, Location, Method, Module,
    Param, ShapeDef, ShapeVariant, Spec, StructDef, TypeDef, TypeRef, UnionDef, UnionVariant,
};
use twocheckout_codegen::print;

const FILE: &str = "api-spec/generated.api";

/// One line of prose: letters, digits, punctuation, quotes, backslashes, braces and non-ASCII.
fn prose() -> impl Strategy<Value = String> {
    "[A-Za-z0-9][A-Za-z0-9 .,;:!?`'\"\\\\(){}\\[\\]<>/#*_=+éü€–…-]{0,50}"
        .prop_map(|s| s.trim_end().to_owned())
}

/// Doc text: one to three paragraphs of one or two lines.
fn doc_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(prose(), 1..3), 1..4).prop_map(|paragraphs| {
        paragraphs
            .into_iter()
            .map(|lines| lines.join("\n"))
            .collect::<Vec<_>>()
            .join("\n\n")
    })
}

/// Sources and notes: any text, including what a string literal must escape.
fn attribute_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "https://docs\\.example/[a-z/_0-9]{1,30}",
        "[ -~]{1,40}",
        "[a-z \"\\\\\\t\\n{}#éü€]{1,30}",
    ]
    .prop_filter("attribute texts are not blank", |s| !s.trim().is_empty())
}

fn docs(sources: bool) -> impl Strategy<Value = Docs> {
    let count = if sources { 1..3usize } else { 0..2usize };
    (
        doc_text(),
        prop::collection::vec(attribute_text(), count),
        prop::collection::vec(attribute_text(), 0..2),
    )
        .prop_map(|(text, sources, notes)| Docs {
            text,
            sources,
            notes,
        })
}

/// A wire name of a field or param: an identifier, or text that must be quoted.
fn member_name(i: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(format!("Field{i}")),
        1 => Just(format!("field_{i}_code")),
        1 => Just(format!("{i}CheckoutRef")),
        1 => Just(format!("Some Field {i}")),
    ]
}

fn scalar() -> impl Strategy<Value = TypeRef> {
    prop_oneof![
        Just(TypeRef::String),
        Just(TypeRef::Bool),
        Just(TypeRef::Integer),
        Just(TypeRef::Number),
        Just(TypeRef::Money),
        Just(TypeRef::Date),
        Just(TypeRef::DateTime),
        Just(TypeRef::Json),
    ]
}

/// A type made of scalars and the named types `names`.
fn type_ref(names: Vec<String>) -> impl Strategy<Value = TypeRef> {
    let leaf = if names.is_empty() {
        scalar().boxed()
    } else {
        prop_oneof![2 => scalar(), 1 => prop::sample::select(names).prop_map(TypeRef::Named)]
            .boxed()
    };
    leaf.prop_recursive(2, 4, 1, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| TypeRef::Array(Box::new(t))),
            inner.prop_map(|t| TypeRef::Map(Box::new(t))),
        ]
    })
}

fn is_scalar(ty: &TypeRef) -> bool {
    !matches!(
        ty,
        TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::Named(_) | TypeRef::Json | TypeRef::Unit
    )
}

/// A field or param (as a field), named `wire`.
fn member(wire: String, names: Vec<String>) -> impl Strategy<Value = Field> {
    (
        type_ref(names),
        any::<bool>(),
        any::<bool>(),
        prop::option::weighted(0.2, prose()),
        prop::bool::weighted(0.1),
        docs(false),
    )
        .prop_map(move |(ty, required, nullable, lenient, sensitive, docs)| {
            let lenient = lenient.filter(|_| is_scalar(&ty));
            // A wire name starting with a digit has no derived Rust name: name it.
            let rust_name = match wire.strip_suffix("CheckoutRef") {
                Some(digits) => format!("checkout_ref_{digits}"),
                None => field_name(&wire),
            };
            Field {
                rust_name,
                wire_name: wire.clone(),
                ty,
                required,
                nullable,
                lenient,
                sensitive,
                docs: Docs {
                    sources: Vec::new(),
                    ..docs
                },
                location: Location::default(),
            }
        })
}

fn field_name(wire: &str) -> String {
    twocheckout_codegen::check::field_name(wire)
}

/// Objects whose fields name the enums and the objects before them (so no type contains
/// itself).
fn structs(count: usize, enums: Vec<String>) -> impl Strategy<Value = Vec<StructDef>> {
    (0..count)
        .map(|i| {
            let names: Vec<String> = (0..i)
                .map(|j| format!("Object{j}"))
                .chain(enums.iter().cloned())
                .collect();
            (
                docs(true),
                (0..4usize).prop_flat_map(move |n| {
                    let names = names.clone();
                    (0..n)
                        .map(|k| {
                            let names = names.clone();
                            member_name(k).prop_flat_map(move |wire| member(wire, names.clone()))
                        })
                        .collect::<Vec<_>>()
                }),
            )
                .prop_map(move |(docs, fields)| StructDef {
                    name: format!("Object{i}"),
                    docs,
                    fields,
                    location: Location::default(),
                })
        })
        .collect::<Vec<_>>()
}

fn enum_wire(k: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        Just(format!("VALUE_{k}")),
        Just(format!("in_review_{k}")),
        Just(format!("Visa Electron {k}")),
    ]
}

fn enums(count: usize) -> impl Strategy<Value = Vec<EnumDef>> {
    (0..count)
        .map(|i| {
            (
                docs(true),
                (1..4usize).prop_flat_map(|n| {
                    (0..n)
                        .map(|k| {
                            (enum_wire(k), prop::option::of(doc_text())).prop_map(|(wire, text)| {
                                EnumValue {
                                    rust_name: twocheckout_codegen::check::type_name(&wire),
                                    wire,
                                    docs: Docs {
                                        text: text.unwrap_or_default(),
                                        ..Docs::default()
                                    },
                                }
                            })
                        })
                        .collect::<Vec<_>>()
                }),
            )
                .prop_map(move |(docs, values)| EnumDef {
                    name: format!("Kind{i}"),
                    docs,
                    values,
                    location: Location::default(),
                })
        })
        .collect::<Vec<_>>()
}

/// A shape union over some of the JSON kinds, each held by a type of that kind.
fn shape(i: usize, objects: Vec<String>, enums: Vec<String>) -> impl Strategy<Value = ShapeDef> {
    let string = if enums.is_empty() {
        Just(TypeRef::String).boxed()
    } else {
        prop_oneof![
            Just(TypeRef::String),
            Just(TypeRef::Date),
            prop::sample::select(enums).prop_map(TypeRef::Named)
        ]
        .boxed()
    };
    let object = if objects.is_empty() {
        Just(TypeRef::Map(Box::new(TypeRef::Json))).boxed()
    } else {
        prop_oneof![
            Just(TypeRef::Map(Box::new(TypeRef::Integer))),
            prop::sample::select(objects).prop_map(TypeRef::Named)
        ]
        .boxed()
    };
    let kinds = (
        prop::option::of(string),
        prop::option::of(prop_oneof![
            Just(TypeRef::Integer),
            Just(TypeRef::Money),
            Just(TypeRef::Number)
        ]),
        prop::option::of(Just(TypeRef::Bool)),
        prop::option::of(Just(TypeRef::Array(Box::new(TypeRef::String)))),
        prop::option::of(object),
    );
    (docs(true), kinds, prop::collection::vec(doc_text(), 5))
        .prop_filter("a shape union has a variant", |(_, k, _)| {
            k.0.is_some() || k.1.is_some() || k.2.is_some() || k.3.is_some() || k.4.is_some()
        })
        .prop_map(move |(docs, (s, n, b, a, o), texts)| {
            let slots = [
                ("Text", JsonShape::String, s),
                ("Amount", JsonShape::Number, n),
                ("Flag", JsonShape::Bool, b),
                ("List", JsonShape::Array, a),
                ("Record", JsonShape::Object, o),
            ];
            let variants = slots
                .into_iter()
                .zip(texts)
                .filter_map(|((name, shape, ty), text)| {
                    ty.map(|ty| ShapeVariant {
                        rust_name: name.to_owned(),
                        ty,
                        shape,
                        docs: Docs {
                            text,
                            ..Docs::default()
                        },
                    })
                })
                .collect();
            ShapeDef {
                name: format!("Shape{i}"),
                docs,
                variants,
                location: Location::default(),
            }
        })
}

/// A tagged union whose variants carry named struct payloads.
fn union(i: usize, objects: Vec<String>) -> impl Strategy<Value = UnionDef> {
    (
        docs(true),
        prop::sample::select(vec!["action", "Type", "kind of thing"]),
        prop::collection::vec(
            (prop::sample::select(objects), prop::option::of(doc_text())),
            1..4,
        ),
    )
        .prop_map(move |(docs, tag, payloads)| UnionDef {
            name: format!("Choice{i}"),
            docs,
            tag: tag.to_owned(),
            variants: payloads
                .into_iter()
                .enumerate()
                .map(|(k, (payload, text))| {
                    let wire = format!("ACTION_{k}");
                    UnionVariant {
                        rust_name: twocheckout_codegen::check::type_name(&wire),
                        wire,
                        docs: Docs {
                            text: text.unwrap_or_default(),
                            ..Docs::default()
                        },
                        payload,
                    }
                })
                .collect(),
            location: Location::default(),
        })
}

fn families() -> impl Strategy<Value = (Vec<ApiFamily>, bool, bool)> {
    prop_oneof![
        Just((vec![ApiFamily::Rpc6], false, false)),
        Just((vec![ApiFamily::Rpc6, ApiFamily::Rpc3], false, false)),
        Just((vec![ApiFamily::Rpc3], false, false)),
        Just((vec![ApiFamily::Cm6], false, false)),
        Just((vec![ApiFamily::Cm21], false, false)),
        Just((vec![ApiFamily::Cm21], true, false)),
        Just((vec![ApiFamily::Cm21], true, true)),
        Just((vec![ApiFamily::Rpc6, ApiFamily::Cm21], true, false)),
    ]
}

fn error_doc() -> impl Strategy<Value = ErrorDoc> {
    (
        prop_oneof![
            "[A-Z][A-Z_]{2,12}",
            "[1-9][0-9]{0,5}",
            Just("Missing required parameter: X".to_owned()),
            Just("007".to_owned()),
        ],
        prose(),
    )
        .prop_map(|(code, meaning)| ErrorDoc { code, meaning })
}

fn method(i: usize, names: Vec<String>) -> impl Strategy<Value = Method> {
    (
        docs(true),
        families(),
        any::<bool>(),
        (0..4usize, 0..3usize).prop_flat_map({
            let names = names.clone();
            move |(required, optional)| {
                (0..required + optional)
                    .map(|k| {
                        let names = names.clone();
                        member_name(k)
                            .prop_flat_map(move |wire| member(wire, names.clone()))
                            .prop_map(move |mut field| {
                                field.required = k < required;
                                field
                            })
                    })
                    .collect::<Vec<_>>()
            }
        }),
        prop_oneof![1 => Just(TypeRef::Unit), 4 => type_ref(names)],
        prop::collection::vec(error_doc(), 0..3),
    )
        .prop_map(
            move |(docs, (apis, partner, cart), retry_safe, params, returns, mut errors)| {
                let wire_name = format!("doThing{i}");
                let rust_name = twocheckout_codegen::check::method_name(&wire_name);
                errors.dedup_by(|a, b| a.code == b.code);
                let mut seen = std::collections::HashSet::new();
                errors.retain(|e| seen.insert(e.code.clone()));
                Method {
                    type_name: twocheckout_codegen::check::type_name(&rust_name),
                    rust_name,
                    wire_name,
                    docs,
                    apis,
                    partner,
                    cart,
                    retry_safe,
                    session: true,
                    params: params
                        .into_iter()
                        .map(|f| Param {
                            wire_name: f.wire_name,
                            rust_name: f.rust_name,
                            ty: f.ty,
                            required: f.required,
                            nullable: f.nullable,
                            lenient: f.lenient,
                            sensitive: f.sensitive,
                            docs: f.docs,
                            location: Location::default(),
                        })
                        .collect(),
                    returns,
                    errors,
                    location: Location::default(),
                }
            },
        )
}

/// A whole one-module spec, ordered as the checker orders it, with locations in print order.
fn spec() -> impl Strategy<Value = Spec> {
    (1..4usize, 0..3usize, 0..3usize, 0..2usize, 0..4usize).prop_flat_map(
        |(n_structs, n_enums, n_shapes, n_unions, n_methods)| {
            let objects: Vec<String> = (0..n_structs).map(|i| format!("Object{i}")).collect();
            let enum_names: Vec<String> = (0..n_enums).map(|i| format!("Kind{i}")).collect();
            let all: Vec<String> = objects.iter().chain(&enum_names).cloned().collect();
            (
                doc_text(),
                structs(n_structs, enum_names.clone()),
                enums(n_enums),
                (0..n_shapes)
                    .map(|i| shape(i, objects.clone(), enum_names.clone()))
                    .collect::<Vec<_>>(),
                (0..n_unions)
                    .map(|i| union(i, objects.clone()))
                    .collect::<Vec<_>>(),
                (0..n_methods)
                    .map(|i| method(i, all.clone()))
                    .collect::<Vec<_>>(),
            )
                .prop_map(assemble)
        },
    )
}

/// What [`spec`] generates before it is assembled: module docs, then the items by kind.
type Parts = (
    String,
    Vec<StructDef>,
    Vec<EnumDef>,
    Vec<ShapeDef>,
    Vec<UnionDef>,
    Vec<Method>,
);

fn assemble((module_docs, structs, enums, shapes, unions, methods): Parts) -> Spec {
    let mut types: Vec<TypeDef> = structs
        .into_iter()
        .map(TypeDef::Struct)
        .chain(enums.into_iter().map(TypeDef::Enum))
        .chain(shapes.into_iter().map(TypeDef::Shape))
        .chain(unions.into_iter().map(TypeDef::Union))
        .collect();
    types.sort_by(|a, b| a.name().cmp(b.name()));
    let mut spec = Spec {
        modules: vec![Module {
            name: "generated".to_owned(),
            file: FILE.to_owned(),
            docs: module_docs,
        }],
        methods,
        types,
    };
    // Items are printed in location order: give them distinct lines, types first.
    let mut line = 1;
    let mut at = || {
        line += 1;
        Location {
            file: FILE.to_owned(),
            line,
            column: 1,
        }
    };
    for def in &mut spec.types {
        match def {
            TypeDef::Struct(s) => s.location = at(),
            TypeDef::Enum(e) => e.location = at(),
            TypeDef::Union(u) => u.location = at(),
            TypeDef::Shape(u) => u.location = at(),
        }
    }
    for method in &mut spec.methods {
        method.location = at();
    }
    spec
}

/// The spec with every location cleared (they say where the text is, not what it says).
fn without_locations(mut spec: Spec) -> Spec {
    for method in &mut spec.methods {
        method.location = Location::default();
        for param in &mut method.params {
            param.location = Location::default();
        }
    }
    for def in &mut spec.types {
        match def {
            TypeDef::Struct(s) => {
                s.location = Location::default();
                for field in &mut s.fields {
                    field.location = Location::default();
                }
            }
            TypeDef::Enum(e) => e.location = Location::default(),
            TypeDef::Union(u) => u.location = Location::default(),
            TypeDef::Shape(u) => u.location = Location::default(),
        }
    }
    spec
}

fn text_of(spec: &Spec) -> Vec<Source> {
    print::print_spec(spec)
        .into_iter()
        .map(|(name, text)| Source { name, text })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn parse_of_print_is_the_identity(spec in spec()) {
        let printed = text_of(&spec);
        let loaded = match load::load_sources(&printed) {
            Ok(loaded) => loaded,
            Err(diagnostics) => {
                return Err(TestCaseError::fail(format!(
                    "the printed spec does not load:\n{diagnostics}\n{}",
                    printed[0].text
                )));
            }
        };
        let again = text_of(&loaded);
        prop_assert_eq!(&printed, &again, "printing the loaded spec changed the text");
        prop_assert_eq!(without_locations(loaded), without_locations(spec), "{}", printed[0].text);
    }
}
