//! The build benchmark's peer: the spec's objects as a user would write them by hand.
//!
//! Every named type becomes a plain `#[derive(Serialize, Deserialize)]` item: an object is a struct
//! with `Option` for fields that may be absent or `null` and a `#[serde(flatten)]` map for unknown
//! fields; an enum keeps unknown values in an `Unknown` variant; a tagged union is an internally
//! tagged enum; a shape union is an untagged enum ending in a `serde_json::Value`. Amounts are
//! `f64`, dates are strings and raw JSON is a `serde_json::Value`: what a hand-written client
//! without the runtime uses. No methods, no builders, no wire-form memory. The output is one file
//! that depends only on `serde` (with `derive`) and `serde_json`, and contains no inner attributes,
//! so a benchmark can `include!` it several times.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use crate::model::{Spec, TypeDef, TypeRef};

/// The peer source of every named type in `spec`, formatted.
pub fn peer_file(spec: &Spec) -> Result<String, super::FormatError> {
    let items = spec.types.iter().map(peer_type);
    let tokens = quote! {
        #[allow(unused_imports)]
        use ::serde::{Deserialize, Serialize};
        #(#items)*
    };
    super::format(tokens, "api-spec (build benchmark peer)")
}

fn peer_type(def: &TypeDef) -> TokenStream {
    let name = ident(def.name());
    match def {
        TypeDef::Struct(s) => {
            let fields = s.fields.iter().map(|f| {
                let field = ident(&f.rust_name);
                let wire = &f.wire_name;
                let ty = peer_value(&f.ty);
                if f.required && !f.nullable {
                    quote!(#[serde(rename = #wire)] pub #field: #ty,)
                } else {
                    quote! {
                        #[serde(rename = #wire, default, skip_serializing_if = "Option::is_none")]
                        pub #field: Option<#ty>,
                    }
                }
            });
            quote! {
                #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
                pub struct #name {
                    #(#fields)*
                    #[serde(flatten)]
                    pub unknown_fields: ::std::collections::BTreeMap<String, ::serde_json::Value>,
                }
            }
        }
        TypeDef::Enum(e) => {
            let values = e.values.iter().map(|v| {
                let variant = ident(&v.rust_name);
                let wire = &v.wire;
                quote!(#[serde(rename = #wire)] #variant,)
            });
            quote! {
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
                pub enum #name {
                    #(#values)*
                    #[serde(other)]
                    Unknown,
                }
            }
        }
        TypeDef::Union(u) => {
            let tag = &u.tag;
            let variants = u.variants.iter().map(|v| {
                let variant = ident(&v.rust_name);
                let wire = &v.wire;
                let payload = ident(&v.payload);
                quote!(#[serde(rename = #wire)] #variant(#payload),)
            });
            quote! {
                #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
                #[serde(tag = #tag)]
                pub enum #name {
                    #(#variants)*
                }
            }
        }
        TypeDef::Shape(u) => {
            let variants = u.variants.iter().map(|v| {
                let variant = ident(&v.rust_name);
                let ty = peer_value(&v.ty);
                quote!(#variant(#ty),)
            });
            quote! {
                #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
                #[serde(untagged)]
                pub enum #name {
                    #(#variants)*
                    Other(::serde_json::Value),
                }
            }
        }
    }
}

fn peer_value(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String | TypeRef::Date | TypeRef::DateTime => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::Integer => quote!(i64),
        TypeRef::Number | TypeRef::Money => quote!(f64),
        TypeRef::Json => quote!(::serde_json::Value),
        TypeRef::Unit => quote!(()),
        TypeRef::Array(item) => {
            let item = peer_value(item);
            quote!(Vec<#item>)
        }
        TypeRef::Map(item) => {
            let item = peer_value(item);
            quote!(::std::collections::BTreeMap<String, #item>)
        }
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(#name)
        }
    }
}
