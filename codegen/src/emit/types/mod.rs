//! Named types: objects, enums, tagged unions.
//!
//! Every emitted item refers to the runtime through `__rpc::…` paths (each module imports
//! `::twocheckout_rpc as __rpc`, and the support types by name) and to
//! other named types by their bare name (the modules of the generated crate glob-import each
//! other), so the output compiles in any crate that depends only on `twocheckout-rpc`.
//!
//! - [`structs`]: objects, with field-by-field serde impls that keep unknown fields;
//! - [`builders`]: typestate builders of objects (required fields checked at compile time);
//! - [`enums`]: closed value sets that keep values the spec does not list;
//! - [`unions`]: tagged unions dispatching on their tag field;
//! - [`shapes`]: shape unions dispatching on the kind of JSON value.
//!
//! Every named type also implements the runtime's `Wire` trait, through which fields are read in
//! any of their real forms and written back in the form they arrived in.

pub mod builders;
pub mod enums;
pub mod shapes;
pub mod structs;
pub mod unions;

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use crate::model::{Spec, TypeDef, TypeRef};

/// All items for one named type: the type, its impls, and for objects its builder.
pub fn type_def(def: &TypeDef, spec: &Spec) -> TokenStream {
    match def {
        TypeDef::Struct(s) => structs::struct_def(s),
        TypeDef::Enum(e) => enums::enum_def(e),
        TypeDef::Union(u) => unions::union_def(u, spec),
        TypeDef::Shape(u) => shapes::shape_def(u),
    }
}

/// The bare Rust type of a value, without the presence / nullability wrappers.
pub fn value_type(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::Integer => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::Money => quote!(Money),
        TypeRef::Date => quote!(Date),
        TypeRef::DateTime => quote!(DateTime),
        TypeRef::Json => quote!(Json),
        TypeRef::Unit => quote!(()),
        TypeRef::Array(item) => {
            let item = value_type(item);
            quote!(Vec<#item>)
        }
        TypeRef::Map(item) => {
            let item = value_type(item);
            quote!(::std::collections::BTreeMap<String, #item>)
        }
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(#name)
        }
    }
}

/// `impl Wire for {name}` reading with `read` (a runtime function generic over the deserializer)
/// and writing with `write` (one generic over the serializer); with `write_json` (writing `self`
/// into `out`) as the type's own `Wire::write_json`, or the default (through `serde_json`) when
/// it is empty.
pub fn wire_impl(
    name: &proc_macro2::Ident,
    read: TokenStream,
    write: TokenStream,
    write_json: TokenStream,
) -> TokenStream {
    let write_json = if write_json.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            #[inline]
            fn write_json(
                &self,
                out: &mut Vec<u8>,
            ) -> Result<(), __rpc::__private::serde_json::Error> {
                #write_json(self, out)
            }
        }
    };
    quote! {
        impl __rpc::support::wire::Wire for #name {
            fn read<'de, __D: __rpc::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> Result<__rpc::support::wire::Read<Self>, __D::Error> {
                #read(deserializer)
            }

            fn write<__S: __rpc::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> Result<__S::Ok, __S::Error> {
                #write(self, serializer)
            }

            #write_json
        }
    }
}

/// How a field or param is present on the wire: the spec's `T`, `Nullable<T>`, `Option<T>` or
/// `Option<Nullable<T>>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// `T`: always present, never `null`.
    Required,
    /// `Nullable<T>`: always present, may be `null` (`Option<T>`, `None` sent as `null`).
    Nullable,
    /// `Option<T>`: may be absent (`Option<T>`, `None` omitted).
    Optional,
    /// `Option<Nullable<T>>`: may be absent or `null` (`Maybe<T>`).
    Maybe,
}

impl Slot {
    /// The slot of a field or param from its model flags.
    pub fn of(required: bool, nullable: bool) -> Slot {
        match (required, nullable) {
            (true, false) => Slot::Required,
            (true, true) => Slot::Nullable,
            (false, false) => Slot::Optional,
            (false, true) => Slot::Maybe,
        }
    }
}

/// The Rust type of a field or param: `T`, `Option<T>` or `Maybe<T>`.
pub fn slot_type(ty: &TypeRef, required: bool, nullable: bool) -> TokenStream {
    let value = value_type(ty);
    match Slot::of(required, nullable) {
        Slot::Required => value,
        Slot::Nullable | Slot::Optional => quote!(Option<#value>),
        Slot::Maybe => quote!(Maybe<#value>),
    }
}

/// Whether setters of this type take `impl Into<T>` (text-like values: `&str` and `String` both
/// work; `Json` from a `serde_json::Value`) rather than `T`.
pub fn takes_into(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String | TypeRef::Date | TypeRef::DateTime | TypeRef::Json
    )
}

#[cfg(test)]
mod tests;
