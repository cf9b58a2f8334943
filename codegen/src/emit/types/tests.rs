//! Token-level tests of the type emitter.

use super::*;
use crate::model::Spec;

fn norm(tokens: TokenStream) -> String {
    tokens.to_string().replace(' ', "")
}

#[test]
fn value_types() {
    assert_eq!(norm(value_type(&TypeRef::String)), "String");
    assert_eq!(norm(value_type(&TypeRef::Date)), "Date");
    assert_eq!(
        norm(value_type(&TypeRef::Array(Box::new(TypeRef::Named(
            "Reseller".into()
        ))))),
        "Vec<Reseller>"
    );
    assert_eq!(
        norm(value_type(&TypeRef::Map(Box::new(TypeRef::Integer)))),
        "::std::collections::BTreeMap<String,i64>"
    );
    assert_eq!(norm(value_type(&TypeRef::Unit)), "()");
}

#[test]
fn slot_types() {
    assert_eq!(norm(slot_type(&TypeRef::Bool, true, false)), "bool");
    assert_eq!(norm(slot_type(&TypeRef::Bool, true, true)), "Option<bool>");
    assert_eq!(
        norm(slot_type(&TypeRef::Bool, false, false)),
        "Option<bool>"
    );
    assert_eq!(norm(slot_type(&TypeRef::Bool, false, true)), "Maybe<bool>");
}

fn spec(text: &str) -> Spec {
    let source = crate::load::Source {
        name: "test.api".into(),
        text: text.into(),
    };
    match crate::load::load_sources(&[source]) {
        Ok(spec) => spec,
        Err(diagnostics) => panic!("test spec has errors:\n{diagnostics}"),
    }
}

fn emitted(spec: &Spec, name: &str) -> String {
    let def = spec
        .type_def(name)
        .unwrap_or_else(|| panic!("no type {name}"));
    norm(type_def(def, spec))
}

const SPEC: &str = r#"
//! Test module.

/// An object with a required field.
#[source("seed: test")]
struct Reseller {
    /// Code.
    PartnerCode: String,
    /// Fax.
    Fax: Nullable<String>,
    /// Phone.
    Phone: Option<Nullable<String>>,
}

/// An object without required fields.
#[source("seed: test")]
struct Address {
    /// Street.
    Street: Option<String>,
    /// Must be sent, may be null.
    Zip: Nullable<String>,
}

/// An object with a required field of a spec type.
#[source("seed: test")]
struct Shipment {
    /// Where to.
    Destination: Address,
}

/// Kinds.
#[source("seed: test")]
enum Kind {
    /// Fixed.
    FIXED,
    in_review,
}

/// Actions.
#[source("seed: test")]
#[tag("action")]
enum Action {
    /// Send.
    send {
        /// Who.
        SentBy: String,
    },
    /// Move.
    move(Address),
}
"#;

#[test]
fn objects_never_use_serde_flatten_or_derives() {
    let spec = spec(SPEC);
    for def in &spec.types {
        let out = norm(type_def(def, &spec));
        assert!(!out.contains("flatten"), "{out}");
        assert!(!out.contains("derive(Serialize") && !out.contains("derive(Deserialize"));
    }
}

#[test]
fn only_objects_without_required_fields_are_default() {
    let spec = spec(SPEC);
    let reseller = emitted(&spec, "Reseller");
    assert!(
        reseller.contains("#[derive(Debug,Clone,PartialEq,)]"),
        "{reseller}"
    );
    let address = emitted(&spec, "Address");
    assert!(
        address.contains("#[derive(Debug,Clone,PartialEq,Default,)]"),
        "{address}"
    );
}

#[test]
fn builders_have_one_type_parameter_per_required_field() {
    let spec = spec(SPEC);
    let out = emitted(&spec, "Reseller");
    assert!(out.contains("pubstructResellerBuilder<P0=Unset>"), "{out}");
    assert!(out.contains("pubenumReseller_partner_code{}"), "{out}");
    assert!(
        out.contains("P0:Provided<Reseller_partner_code,Value=String>"),
        "{out}"
    );
    // Nullable required fields start as `None` (sent as null): no type parameter.
    assert!(!out.contains("P1"), "{out}");
    let address = emitted(&spec, "Address");
    // Without required fields the builder is the object itself, from `Default`.
    assert!(
        address.contains("pubstructAddressBuilder(Address);"),
        "{address}"
    );
    // Its setters are rows of `__setters!` on the wrapped object (`[.0]`).
    assert!(address.contains("__setters!{[.0];"), "{address}");
    assert!(address.contains("street:intoString=>some;"), "{address}");
}

#[test]
fn fields_are_written_with_the_slot_writer() {
    let spec = spec(SPEC);
    let out = emitted(&spec, "Reseller");
    // One `__object!` row per field: index, name, writer, reader, key. Its required fields
    // have types with a `Default`, so it is read in place from a blank value.
    assert!(
        out.contains("__object!{Reseller,\"Reseller\",blank;"),
        "{out}"
    );
    assert!(
        out.contains("0partner_code:requiredvalue\"PartnerCode\";"),
        "{out}"
    );
    assert!(out.contains("1fax:requiredvalue\"Fax\";"), "{out}");
    assert!(out.contains("2phone:maybeset\"Phone\";"), "{out}");
    let address = emitted(&spec, "Address");
    assert!(address.contains(",\"Address\",in_place;"), "{address}");
    // A required field of a spec type has no blank value: every field is read into a local.
    let shipment = emitted(&spec, "Shipment");
    assert!(shipment.contains(",\"Shipment\",locals;"), "{shipment}");
}

#[test]
fn enums_document_every_variant_and_keep_unknown_values() {
    let spec = spec(SPEC);
    let out = emitted(&spec, "Kind");
    assert!(
        out.contains("#[doc=\"Wirevalue`in_review`.\"]InReview"),
        "{out}"
    );
    assert!(out.contains("Unknown(String)"), "{out}");
    assert!(out.contains("\"in_review\"=>Some(Self::InReview)"), "{out}");
    assert!(out.contains("__rpc::__enum_impls!(Kind);"), "{out}");
}

#[test]
fn unions_hold_payload_structs_and_unknown_objects() {
    let spec = spec(SPEC);
    let out = emitted(&spec, "Action");
    assert!(out.contains("Send(ActionSend)"), "{out}");
    assert!(out.contains("Move(Address)"), "{out}");
    assert!(out.contains("Unknown(Extra)"), "{out}");
    assert!(out.contains("constTAG:&'staticstr=\"action\""), "{out}");
    assert!(spec.type_def("ActionSend").is_some());
}

#[test]
fn a_union_with_a_non_object_payload_becomes_a_compile_error() {
    let mut spec = spec(SPEC);
    let Some(crate::model::TypeDef::Union(union)) =
        spec.types.iter_mut().find(|t| t.name() == "Action")
    else {
        panic!("Action is a union");
    };
    union.variants[1].payload = "Kind".into();
    let out = emitted(&spec, "Action");
    assert!(out.starts_with("::core::compile_error!"), "{out}");
    assert!(out.contains("`Kind`isnotone"), "{out}");
}

#[test]
fn output_is_deterministic() {
    let first = spec(SPEC);
    let second = spec(SPEC);
    for (a, b) in first.types.iter().zip(&second.types) {
        assert_eq!(
            type_def(a, &first).to_string(),
            type_def(b, &second).to_string()
        );
    }
}
