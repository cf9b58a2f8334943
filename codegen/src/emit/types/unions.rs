//! Tagged unions: an `enum` with one variant per tag value, each holding its payload struct, plus
//! `Unknown(Extra)` keeping the whole object of a tag the spec does not list.

use proc_macro2::TokenStream;
use quote::quote;

use super::enums::variant_docs;
use crate::emit::docs::doc_attrs_with;
use crate::emit::names::ident;
use crate::model::{Spec, TypeDef, UnionDef};

/// The union, `tag()`, and the serde impls through `__rpc::support::union`.
///
/// A payload that is not an object in `spec` (which the checker rules out) becomes a
/// `compile_error!` naming it, rather than code that fails to compile obscurely.
pub fn union_def(def: &UnionDef, spec: &Spec) -> TokenStream {
    if let Some(bad) = def
        .variants
        .iter()
        .find(|v| !matches!(spec.type_def(&v.payload), Some(TypeDef::Struct(_))))
    {
        let message = format!(
            "variant `{}` of tagged union `{}` needs an object payload, and `{}` is not one",
            bad.rust_name, def.name, bad.payload
        );
        return quote!(::core::compile_error!(#message););
    }
    let name = ident(&def.name);
    let name_text = &def.name;
    let tag = &def.tag;
    let matching = format!(
        "Serialized as one JSON object: the `{tag}` field first, then the payload's fields. \
         Reading matches the `{tag}` value exactly (case sensitive); an object whose `{tag}` \
         the spec does not list is kept whole in `Unknown`."
    );
    let docs = doc_attrs_with(&def.docs, &[matching]);
    let variants = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let payload = ident(&v.payload);
        let docs = variant_docs(&v.docs, &v.wire);
        quote! {
            #docs
            #variant(#payload)
        }
    });
    let tags = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire;
        quote!(Self::#variant(_) => #wire,)
    });
    let writes = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire;
        quote! {
            Self::#variant(payload) => {
                __rpc::support::union::write_variant(map, Self::TAG, #wire, payload)
            }
        }
    });
    let reads = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire;
        quote! {
            #wire => __rpc::support::union::read_payload(rest).map(Self::#variant),
        }
    });
    let wire = super::wire_impl(
        &name,
        quote!(__rpc::support::wire::read_union),
        quote!(__rpc::support::union::serialize),
        quote!(__rpc::support::union::write_json),
    );
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[allow(
            clippy::large_enum_variant,
            reason = "payloads are held by value so they can be matched and built directly"
        )]
        pub enum #name {
            #(#variants,)*
            /// An object whose tag value the spec does not list, kept whole (tag included).
            Unknown(Extra),
        }

        impl #name {
            /// The tag value on the wire.
            pub fn tag(&self) -> &str {
                match self {
                    #(#tags)*
                    Self::Unknown(object) => __rpc::support::union::unknown_tag(#tag, object),
                }
            }
        }

        impl __rpc::support::union::Union for #name {
            const NAME: &'static str = #name_text;
            const TAG: &'static str = #tag;

            fn write_fields<__M: __FieldMap>(
                &self,
                map: &mut __M,
            ) -> Result<(), __M::Error> {
                match self {
                    #(#writes)*
                    Self::Unknown(object) => __rpc::support::union::write_unknown(map, object),
                }
            }

            fn read_variant<'de, __A: __MapAccess<'de>>(
                tag: String,
                rest: __rpc::support::union::Rest<__A>,
            ) -> Result<Self, __A::Error> {
                match tag.as_str() {
                    #(#reads)*
                    _ => __rpc::support::union::read_unknown(Self::TAG, tag, rest).map(Self::Unknown),
                }
            }
        }

        impl __rpc::__private::serde::Serialize for #name {
            fn serialize<__S: __rpc::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> Result<__S::Ok, __S::Error> {
                __rpc::support::union::serialize(self, serializer)
            }
        }

        impl<'de> __rpc::__private::serde::Deserialize<'de> for #name {
            fn deserialize<__D: __rpc::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> Result<Self, __D::Error> {
                __rpc::support::union::deserialize(deserializer)
            }
        }

        #wire
    }
}
