//! Closed value sets: an `enum` with one variant per listed value plus `Unknown(String)`, written
//! and read as a JSON string, converted from text with `From<&str>` and `FromStr` (never failing).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::{doc_attrs_with, lines_to_attrs};
use crate::emit::names::ident;
use crate::model::{Docs, EnumDef};

/// The enum, `VALUES`, `as_str()`, `Display`, `From<&str>`, `FromStr` and the serde impls.
pub fn enum_def(def: &EnumDef) -> TokenStream {
    let name = ident(&def.name);
    let name_text = &def.name;
    let docs = doc_attrs_with(
        &def.docs,
        &[
            "Values the spec does not list are kept in `Unknown` and sent back as they arrived.\n\
           Reading matches the exact spelling first, then ignoring ASCII case (the API does not \
           tell `visa` from `Visa`); a value read in another spelling is sent back in it."
                .to_owned(),
        ],
    );
    let variants = def.values.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let docs = variant_docs(&v.docs, &v.wire);
        quote! {
            #docs
            #variant
        }
    });
    let all = def.values.iter().map(|v| {
        let variant = ident(&v.rust_name);
        quote!(Self::#variant)
    });
    let to_wire = def.values.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire;
        quote!(Self::#variant => #wire,)
    });
    let from_wire = def.values.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.wire;
        quote!(#wire => ::core::option::Option::Some(Self::#variant),)
    });
    let matching = lines_to_attrs(&[
        "Converts a wire value; values the spec does not list become `Unknown`.".to_owned(),
        String::new(),
        "The exact spelling is tried first, then the values ignoring ASCII case.".to_owned(),
    ]);
    let wire = super::wire_impl(
        &name,
        quote!(::twocheckout_rpc::support::wire::read_enum),
        quote!(::twocheckout_rpc::support::wire_enum::write),
    );
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants,)*
            /// A value the spec does not list, kept exactly as sent.
            Unknown(String),
        }

        impl #name {
            /// Every value the spec lists, in spec order.
            pub const VALUES: &'static [Self] = &[#(#all),*];

            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::twocheckout_rpc::support::wire::WireEnum for #name {
            const NAME: &'static str = #name_text;
            const VALUES: &'static [Self] = Self::VALUES;

            fn exact(text: &str) -> ::core::option::Option<Self> {
                match text {
                    #(#from_wire)*
                    _ => ::core::option::Option::None,
                }
            }

            fn as_str(&self) -> &str {
                Self::as_str(self)
            }

            fn unknown(text: String) -> Self {
                Self::Unknown(text)
            }
        }

        impl ::core::convert::From<&str> for #name {
            #matching
            fn from(value: &str) -> Self {
                ::twocheckout_rpc::support::wire::lookup(value).0
            }
        }

        impl ::core::str::FromStr for #name {
            type Err = ::core::convert::Infallible;

            /// Same as `From<&str>`: never fails.
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from(value))
            }
        }

        impl ::twocheckout_rpc::__private::serde::Serialize for #name {
            fn serialize<__S: ::twocheckout_rpc::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                ::twocheckout_rpc::support::wire_enum::write(self, serializer)
            }
        }

        impl<'de> ::twocheckout_rpc::__private::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::twocheckout_rpc::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                ::twocheckout_rpc::support::wire_enum::deserialize(deserializer)
            }
        }

        #wire
    }
}

/// A variant's rustdoc: the spec's, or one written from the wire value, then the wire value.
pub fn variant_docs(docs: &Docs, wire: &str) -> TokenStream {
    let wire_line = format!("Wire value `{wire}`.");
    if docs.text.trim().is_empty() && docs.sources.is_empty() && docs.notes.is_empty() {
        return lines_to_attrs(&[wire_line]);
    }
    crate::emit::docs::doc_attrs_with(docs, &[wire_line])
}
