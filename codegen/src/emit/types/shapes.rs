//! Shape unions: an `enum` with one tuple variant per JSON shape a value really arrives in, plus
//! `Other(Json)` keeping any other JSON whole, read through
//! `::twocheckout_rpc::support::wire::read_shape`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::value_type;
use crate::emit::docs::{doc_attrs, doc_attrs_with};
use crate::emit::names::ident;
use crate::model::ShapeDef;

/// The union, its `Wire` impl and its serde impls.
pub fn shape_def(def: &ShapeDef) -> TokenStream {
    let name = ident(&def.name);
    let shapes: Vec<String> = def
        .variants
        .iter()
        .map(|v| format!("{} → `{}`", v.shape.describe(), v.rust_name))
        .collect();
    let docs = doc_attrs_with(
        &def.docs,
        &[format!(
            "Chosen by the kind of JSON value: {}. Anything else, or a value that does not \
             decode as its variant, is kept whole in `Other`; a value is written back in the form \
             it arrived in.",
            shapes.join(", ")
        )],
    );
    let variants = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let ty = value_type(&v.ty);
        let docs = doc_attrs(&v.docs);
        quote! {
            #docs
            #variant(#ty)
        }
    });
    let picks = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let kind = format_ident!("{}", v.shape.kind_name());
        quote! {
            ::twocheckout_rpc::support::JsonKind::#kind => {
                ::twocheckout_rpc::support::wire::shape_variant(text, Self::#variant)
            }
        }
    });
    let writes = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        quote!(Self::#variant(value) => ::twocheckout_rpc::support::wire::Wire::write(value, serializer),)
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[allow(
            clippy::large_enum_variant,
            reason = "variants are held by value so they can be matched and built directly"
        )]
        pub enum #name {
            #(#variants,)*
            /// JSON of any other shape, kept exactly as it arrived.
            Other(::twocheckout_rpc::support::Json),
        }

        impl ::twocheckout_rpc::support::wire::Wire for #name {
            fn read<'de, __D: ::twocheckout_rpc::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<::twocheckout_rpc::support::wire::Read<Self>, __D::Error> {
                ::twocheckout_rpc::support::wire::read_shape(
                    deserializer,
                    |kind, text| match kind {
                        #(#picks)*
                        _ => ::core::option::Option::None,
                    },
                    Self::Other,
                )
            }

            fn write<__S: ::twocheckout_rpc::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                match self {
                    #(#writes)*
                    Self::Other(json) => ::twocheckout_rpc::support::wire::Wire::write(json, serializer),
                }
            }
        }

        impl ::twocheckout_rpc::__private::serde::Serialize for #name {
            fn serialize<__S: ::twocheckout_rpc::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                ::twocheckout_rpc::support::wire::Wire::write(self, serializer)
            }
        }

        impl<'de> ::twocheckout_rpc::__private::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::twocheckout_rpc::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                ::twocheckout_rpc::support::wire::value(
                    ::twocheckout_rpc::support::wire::Wire::read(deserializer)?,
                )
            }
        }
    }
}
