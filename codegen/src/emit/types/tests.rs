//! Token-level tests of the type emitter.

use super::*;

fn norm(tokens: TokenStream) -> String {
    tokens.to_string().replace(' ', "")
}

#[test]
fn value_types() {
    assert_eq!(norm(value_type(&TypeRef::String)), "String");
    assert_eq!(
        norm(value_type(&TypeRef::Date)),
        "::twocheckout_rpc::support::Date"
    );
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
    assert_eq!(
        norm(slot_type(&TypeRef::Bool, false, true)),
        "::twocheckout_rpc::support::Maybe<bool>"
    );
}
