//! Shape unions: an `enum` with one tuple variant per JSON shape a value really arrives in, plus
//! `Other(Json)` keeping any other JSON whole, read through
//! `__rpc::support::wire::read_shape`.

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
            __rpc::support::JsonKind::#kind => {
                __rpc::support::wire::shape_variant(text, Self::#variant)
            }
        }
    });
    let writes = def.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        quote!(Self::#variant(value) => __rpc::support::wire::Wire::write(value, serializer),)
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
            Other(Json),
        }

        impl __rpc::support::wire::Wire for #name {
            fn read<'de, __D: __rpc::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> Result<__rpc::support::wire::Read<Self>, __D::Error> {
                __rpc::support::wire::read_shape(
                    deserializer,
                    |kind, text| match kind {
                        #(#picks)*
                        _ => None,
                    },
                    Self::Other,
                )
            }

            fn write<__S: __rpc::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> Result<__S::Ok, __S::Error> {
                match self {
                    #(#writes)*
                    Self::Other(json) => __rpc::support::wire::Wire::write(json, serializer),
                }
            }
        }

        impl __rpc::__private::serde::Serialize for #name {
            fn serialize<__S: __rpc::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> Result<__S::Ok, __S::Error> {
                __rpc::support::wire::Wire::write(self, serializer)
            }
        }

        impl<'de> __rpc::__private::serde::Deserialize<'de> for #name {
            fn deserialize<__D: __rpc::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> Result<Self, __D::Error> {
                __rpc::support::wire::value(
                    __rpc::support::wire::Wire::read(deserializer)?,
                )
            }
        }
    }
}
