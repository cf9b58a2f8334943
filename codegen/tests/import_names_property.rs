//! Whatever names a damaged page holds, the importer's printed spec loads: methods, params,
//! objects, fields and values named from a hostile pool (the names the generated code and the
//! spec language reserve, Rust keywords, names differing only in case or separators, numbered
//! look-alikes, non-ASCII letters, digits first, blanks) go through the importer's merge and
//! printer, and the checker accepts the result.
//!
//! The fuzzer reaches these names only by mutating whole pages; this test builds the imported
//! items directly, so each case is a naming question.

use proptest::prelude::*;
use twocheckout_codegen::check::{
    RESERVED_FIELD_NAMES, RESERVED_METHOD_NAMES, RESERVED_PARAM_NAMES, RESERVED_TYPE_NAMES,
};
use twocheckout_codegen::import::{
    Import, ImportedField, ImportedMethod, ImportedObject, merge, spec,
};
use twocheckout_codegen::load::{self, Source};
use twocheckout_codegen::model::{ApiFamily, TypeRef};

/// Names with a meaning somewhere in the pipeline.
fn pool() -> Vec<String> {
    let mut names: Vec<String> = RESERVED_TYPE_NAMES
        .iter()
        .chain(RESERVED_METHOD_NAMES)
        .chain(RESERVED_FIELD_NAMES)
        .chain(RESERVED_PARAM_NAMES)
        .map(|s| (*s).to_owned())
        .collect();
    names.extend(
        [
            // The catch-all variants of value sets and shape unions.
            "Unknown",
            "Other",
            "ImportedMethods",
            "importedMethods",
            "Imported",
            "Map",
            "Nullable",
            "BTreeMap",
            "Money",
            "DateTime",
            "Self",
            "self",
            "super",
            "crate",
            "ref",
            "type",
            "fn",
            "async",
            "try",
            "gen",
            "r#type",
            "_",
            "__",
            "",
            " ",
            "2checkout",
            "a-b",
            "a_b",
            "AB",
            "ab",
            "A.B",
            "a b",
            "Ǟ",
            "Ǟb",
            "B",
            "ÜberValue",
            "berValue",
            "getOrder",
            "GetOrder",
            "get_order",
            "getOrder2",
            "get_order_2",
            "GetOrderRequest",
            "GetOrder2",
            "sessionID",
            "SessionID",
            "Item",
            "Items",
            "value",
            "Value",
            "field_",
            "call_",
            "V",
            "T",
            "Tb",
            "Object",
            "SelfObject",
        ]
        .into_iter()
        .map(str::to_owned),
    );
    names
}

/// A name from the pool, re-cased or suffixed, or a short random one.
fn name() -> impl Strategy<Value = String> {
    let pool = pool();
    prop_oneof![
        4 => (prop::sample::select(pool), 0..6usize).prop_map(|(name, form)| match form {
            0 => name.to_ascii_lowercase(),
            1 => name.to_ascii_uppercase(),
            2 => format!("{name}2"),
            3 => format!("{name}_2"),
            4 => format!("{name}Object"),
            _ => name,
        }),
        2 => "[A-Za-z0-9_ .\\-ǞǟÜé]{0,8}",
    ]
}

/// A value of a closed set: the readers take ASCII letters, digits and `_` only.
fn value() -> impl Strategy<Value = String> {
    name().prop_map(
        |v| match only(&v, |c| c.is_ascii_alphanumeric() || c == '_') {
            code if code.is_empty() => "_".to_owned(),
            code => code,
        },
    )
}

/// The characters of `name` that `keep` keeps.
fn only(name: &str, keep: impl Fn(char) -> bool) -> String {
    name.chars().filter(|&c| keep(c)).collect()
}

fn family() -> impl Strategy<Value = ApiFamily> {
    prop::sample::select(vec![
        ApiFamily::Rpc6,
        ApiFamily::Rpc3,
        ApiFamily::Cm21,
        ApiFamily::Cm6,
    ])
}

/// A type: a scalar, a reference to one of the objects (by index) or to a name no object has, or
/// a list or map of one.
#[derive(Debug, Clone)]
enum Ty {
    Scalar(TypeRef),
    Object(usize),
    Undescribed(String),
    Array(Box<Ty>),
    Map(Box<Ty>),
}

fn ty() -> impl Strategy<Value = Ty> {
    let leaf = prop_oneof![
        prop::sample::select(vec![
            TypeRef::String,
            TypeRef::Bool,
            TypeRef::Integer,
            TypeRef::Number,
            TypeRef::Money,
            TypeRef::Date,
            TypeRef::DateTime,
            TypeRef::Json,
        ])
        .prop_map(Ty::Scalar),
        (0..6usize).prop_map(Ty::Object),
        // A name no section describes: the merge adds a stub for it.
        name().prop_map(Ty::Undescribed),
    ];
    leaf.prop_recursive(2, 4, 1, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| Ty::Array(Box::new(t))),
            inner.prop_map(|t| Ty::Map(Box::new(t))),
        ]
    })
}

fn resolve(ty: &Ty, objects: &[String]) -> TypeRef {
    match ty {
        Ty::Scalar(t) => t.clone(),
        Ty::Object(i) => match objects.get(i % objects.len().max(1)) {
            Some(name) => TypeRef::Named(name.clone()),
            None => TypeRef::String,
        },
        Ty::Undescribed(name) => TypeRef::Named(name.clone()),
        Ty::Array(t) => TypeRef::Array(Box::new(resolve(t, objects))),
        Ty::Map(t) => TypeRef::Map(Box::new(resolve(t, objects))),
    }
}

#[derive(Debug, Clone)]
struct Member {
    name: String,
    ty: Ty,
    required: bool,
    nullable: bool,
}

fn member() -> impl Strategy<Value = Member> {
    (name(), ty(), any::<bool>(), any::<bool>()).prop_map(|(name, ty, required, nullable)| Member {
        name,
        ty,
        required,
        nullable,
    })
}

#[derive(Debug, Clone)]
struct Object {
    name: String,
    short_name: Option<String>,
    fields: Vec<Member>,
    values: Vec<String>,
    undescribed: bool,
}

fn object() -> impl Strategy<Value = Object> {
    (
        name(),
        prop::option::of(name()),
        prop::collection::vec(member(), 0..5),
        prop_oneof![
            2 => Just(Vec::new()),
            1 => prop::collection::vec(value(), 2..5).prop_map(|mut values| {
                // The readers list each value once.
                let mut seen = std::collections::BTreeSet::new();
                values.retain(|v| seen.insert(v.clone()));
                values
            }),
        ],
        any::<bool>(),
    )
        .prop_map(|(name, short_name, fields, values, undescribed)| Object {
            name,
            short_name,
            undescribed: undescribed && values.is_empty() && fields.is_empty(),
            fields,
            values,
        })
}

#[derive(Debug, Clone)]
struct Call {
    name: String,
    title: Option<String>,
    family: ApiFamily,
    partner: bool,
    session: bool,
    params: Vec<Member>,
    returns: Ty,
}

/// A method's wire name: the sample readers take `[A-Za-z_]\w*` only (`\w` is Unicode).
fn method_name() -> impl Strategy<Value = String> {
    name().prop_map(|name| {
        let word = only(&name, |c| c.is_alphanumeric() || c == '_');
        if word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            word
        } else {
            format!("_{word}")
        }
    })
}

fn call() -> impl Strategy<Value = Call> {
    (
        method_name(),
        prop::option::of(name()),
        family(),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(member(), 0..4),
        ty(),
    )
        .prop_map(
            |(name, title, family, partner, session, mut params, returns)| Call {
                name,
                title,
                family,
                // The readers set a partner only on Channel Manager 2.1 calls.
                partner: partner && family == ApiFamily::Cm21,
                session,
                params: {
                    // The readers put required params first (an optional one before a
                    // required one becomes a required slot that may be null).
                    params.sort_by_key(|p| !p.required);
                    params
                },
                returns,
            },
        )
}

fn field(member: &Member, objects: &[String]) -> ImportedField {
    ImportedField {
        name: member.name.clone(),
        ty: resolve(&member.ty, objects),
        required: member.required,
        nullable: member.nullable,
        doc: String::new(),
        notes: Vec::new(),
    }
}

/// The imported items as the page readers would hand them to the merge: several sections may
/// name the same method or object.
fn import(calls: &[Call], objects: &[Object]) -> Import {
    let names: Vec<String> = objects.iter().map(|o| o.name.clone()).collect();
    let source = "https://docs.example/page".to_owned();
    Import {
        methods: calls
            .iter()
            .map(|c| {
                // One family per section: the merge joins the sections of one method.
                ImportedMethod {
                    name: c.name.clone(),
                    title: c.title.clone(),
                    apis: vec![c.family],
                    partner: c.partner,
                    session: c.session,
                    params: c.params.iter().map(|p| field(p, &names)).collect(),
                    returns: resolve(&c.returns, &names),
                    errors: Vec::new(),
                    sources: vec![source.clone()],
                    notes: Vec::new(),
                }
            })
            .collect(),
        objects: objects
            .iter()
            .map(|o| ImportedObject {
                name: o.name.clone(),
                short_name: o.short_name.clone(),
                fields: o.fields.iter().map(|f| field(f, &names)).collect(),
                values: o.values.clone(),
                undescribed: o.undescribed,
                sources: vec![source.clone()],
                notes: Vec::new(),
            })
            .collect(),
        problems: Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 3000,
        max_shrink_iters: 20_000,
        // Every case found is kept as a named input in `tests/fuzz/`, not in a proptest file.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn printed_imports_load_whatever_the_names(
        calls in prop::collection::vec(call(), 0..5),
        objects in prop::collection::vec(object(), 1..6),
    ) {
        let imported = merge::merge(import(&calls, &objects));
        let printed = spec::to_text(&imported);
        let source = Source { name: spec::FILE.to_owned(), text: printed.clone() };
        if let Err(diagnostics) = load::load_sources(&[source]) {
            return Err(TestCaseError::fail(format!(
                "printed items do not load:\n{diagnostics}\n{printed}"
            )));
        }
    }
}
