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
        quote!(#wire => Some(Self::#variant),)
    });
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

        impl __rpc::support::wire::WireEnum for #name {
            const NAME: &'static str = #name_text;
            const VALUES: &'static [Self] = Self::VALUES;

            fn exact(text: &str) -> Option<Self> {
                match text {
                    #(#from_wire)*
                    _ => None,
                }
            }

            fn as_str(&self) -> &str {
                Self::as_str(self)
            }

            fn unknown(text: String) -> Self {
                Self::Unknown(text)
            }
        }

        __rpc::__enum_impls!(#name);
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
