//! Objects: a struct with one public field per spec field plus `unknown_fields`, and serde impls
//! that read and write field by field through `::twocheckout_rpc::support::object`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Slot, builders, slot_type, value_type};
use crate::emit::debug::{self, Holder, Member};
use crate::emit::docs::{doc_attrs, doc_attrs_with};
use crate::emit::names::ident;
use crate::model::{Field, StructDef};

/// The struct, its `Object` / `Serialize` / `Deserialize` impls and its builder.
pub fn struct_def(def: &StructDef) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(&def.docs);
    let fields = def.fields.iter().map(field_decl);
    // Objects with no field that must be given can start from `Default`.
    let default = if builders::has_required(def) {
        quote!()
    } else {
        quote!(Default,)
    };
    let (derive_debug, debug_impl) = debug_of(def);
    let object = object_impl(def);
    let serde = serde_impls(&name);
    let builder = builders::builder(def);
    quote! {
        #docs
        #[derive(#derive_debug Clone, PartialEq, #default)]
        pub struct #name {
            #(#fields,)*
            /// Fields the server sent that the spec does not list.
            ///
            /// Sent back as they arrived, so a read-modify-write round trip loses nothing. A key
            /// that one of the typed fields also writes is skipped.
            pub unknown_fields: ::twocheckout_rpc::support::Extra,
        }

        #debug_impl
        #object
        #serde
        #builder
    }
}

/// `Debug,` for the derive list, or a redacting impl when a field is `#[sensitive]`.
fn debug_of(def: &StructDef) -> (TokenStream, TokenStream) {
    if !def.fields.iter().any(|f| f.sensitive) {
        return (quote!(Debug,), TokenStream::new());
    }
    let members: Vec<Member<'_>> = def
        .fields
        .iter()
        .map(|f| Member {
            rust_name: &f.rust_name,
            holder: Holder::of(Slot::of(f.required, f.nullable)),
            sensitive: f.sensitive,
        })
        .chain([Member {
            rust_name: "unknown_fields",
            holder: Holder::Plain,
            sensitive: false,
        }])
        .collect();
    (
        TokenStream::new(),
        debug::redacting_impl(&def.name, &[], &members),
    )
}

/// One field declaration with its rustdoc.
fn field_decl(field: &Field) -> TokenStream {
    let docs = doc_attrs_with(&field.docs, &field_facts(field));
    let name = ident(&field.rust_name);
    let ty = slot_type(&field.ty, field.required, field.nullable);
    quote! {
        #docs
        pub #name: #ty
    }
}

/// Generated paragraphs of a field's rustdoc: its wire key and presence, and leniency.
pub fn field_facts(field: &Field) -> Vec<String> {
    let key = &field.wire_name;
    let presence = match Slot::of(field.required, field.nullable) {
        Slot::Required => format!("JSON key `{key}`: always present, never `null`."),
        Slot::Nullable => format!("JSON key `{key}`: always present; `None` is sent as `null`."),
        Slot::Optional => format!(
            "JSON key `{key}`: may be absent; `None` is omitted (a `null` from the server also \
             reads as `None`)."
        ),
        Slot::Maybe => format!(
            "JSON key `{key}`: may be absent or `null`; `Maybe::Absent` is omitted, \
             `Maybe::Null` is sent as `null`."
        ),
    };
    let mut facts = vec![presence];
    if let Some(reason) = &field.lenient {
        facts.push(format!(
            "Read leniently (a number, boolean or string holding the value is accepted; the \
             declared type is always written): {}",
            reason.trim()
        ));
    }
    facts
}

/// The local variable holding a field while an object is read (prefixed so it can never clash
/// with the reader's own variables).
fn local(field: &Field) -> proc_macro2::Ident {
    format_ident!("f_{}", field.rust_name.trim_start_matches("r#"))
}

/// `impl Object`: the wire keys, the writer and the reader.
fn object_impl(def: &StructDef) -> TokenStream {
    let name = ident(&def.name);
    let name_text = &def.name;
    let keys = def.fields.iter().map(|f| &f.wire_name);
    let writes = def.fields.iter().map(write_field);
    let inits = def.fields.iter().map(|f| {
        let local = local(f);
        // Required slots hold `Option<T>` until the key is seen; optional ones start absent.
        match Slot::of(f.required, f.nullable) {
            Slot::Required | Slot::Nullable | Slot::Optional => {
                quote!(let mut #local = ::core::option::Option::None;)
            }
            Slot::Maybe => quote!(let mut #local = ::twocheckout_rpc::support::Maybe::Absent;),
        }
    });
    let arms = def.fields.iter().enumerate().map(|(i, f)| read_arm(i, f));
    let finish = def.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let local = local(f);
        let key = &f.wire_name;
        match Slot::of(f.required, f.nullable) {
            Slot::Required | Slot::Nullable => {
                quote!(#field: ::twocheckout_rpc::support::object::required(#local, #key)?)
            }
            Slot::Optional | Slot::Maybe => quote!(#field: #local),
        }
    });
    // An object without fields keeps every key; a `match` with only a catch-all arm would be
    // flagged by clippy.
    let dispatch = if def.fields.is_empty() {
        quote!(keys.keep(&mut map, &mut unknown_fields, key)?;)
    } else {
        quote! {
            match key {
                #(#arms)*
                key => keys.keep(&mut map, &mut unknown_fields, key)?,
            }
        }
    };
    quote! {
        impl ::twocheckout_rpc::support::object::Object for #name {
            const NAME: &'static str = #name_text;
            const FIELDS: &'static [&'static str] = &[#(#keys),*];

            fn write_fields<__M: ::twocheckout_rpc::__private::serde::ser::SerializeMap>(
                &self,
                map: &mut __M,
            ) -> ::core::result::Result<(), __M::Error> {
                #(#writes)*
                ::twocheckout_rpc::support::object::write_extra(map, &self.unknown_fields, Self::FIELDS)
            }

            fn read_fields<'de, __A: ::twocheckout_rpc::__private::serde::de::MapAccess<'de>>(
                mut map: __A,
            ) -> ::core::result::Result<Self, __A::Error> {
                #(#inits)*
                let mut unknown_fields = ::twocheckout_rpc::support::Extra::new();
                let mut keys = ::twocheckout_rpc::support::object::Keys::new(Self::FIELDS);
                while let ::core::option::Option::Some(key) = keys.next(&mut map)? {
                    #dispatch
                }
                ::core::result::Result::Ok(Self {
                    #(#finish,)*
                    unknown_fields,
                })
            }
        }
    }
}

/// The statement writing one field.
fn write_field(field: &Field) -> TokenStream {
    let name = ident(&field.rust_name);
    let key = &field.wire_name;
    // Lenient fields have their own writers: canonical form, a whole float as an integer.
    let write = match (
        Slot::of(field.required, field.nullable),
        field.lenient.is_some(),
    ) {
        (Slot::Required | Slot::Nullable, false) => quote!(write),
        (Slot::Optional, false) => quote!(write_optional),
        (Slot::Maybe, false) => quote!(write_maybe),
        (Slot::Required | Slot::Nullable, true) => quote!(write_lenient),
        (Slot::Optional, true) => quote!(write_optional_lenient),
        (Slot::Maybe, true) => quote!(write_maybe_lenient),
    };
    quote!(::twocheckout_rpc::support::object::#write(map, #key, &self.#name)?;)
}

/// The match arm reading one field's value.
fn read_arm(index: usize, field: &Field) -> TokenStream {
    let index = Literal::usize_unsuffixed(index);
    let local = local(field);
    let slot = Slot::of(field.required, field.nullable);
    let value = if field.lenient.is_some() {
        // The lenient reader is generic over the slot's full type (`Option<T>`, `Maybe<T>`).
        let ty = match slot {
            Slot::Required => value_type(&field.ty),
            _ => slot_type(&field.ty, field.required, field.nullable),
        };
        quote!(::twocheckout_rpc::support::object::lenient::<_, #ty>(&mut map)?)
    } else {
        quote!(map.next_value()?)
    };
    let assign = match slot {
        Slot::Required | Slot::Nullable => quote!(#local = ::core::option::Option::Some(#value)),
        Slot::Optional | Slot::Maybe => quote!(#local = #value),
    };
    quote!(::twocheckout_rpc::support::object::Key::Known(#index) => #assign,)
}

/// `Serialize` and `Deserialize` through the runtime's object codec.
fn serde_impls(name: &proc_macro2::Ident) -> TokenStream {
    quote! {
        impl ::twocheckout_rpc::__private::serde::Serialize for #name {
            fn serialize<__S: ::twocheckout_rpc::__private::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                ::twocheckout_rpc::support::object::serialize(self, serializer)
            }
        }

        impl<'de> ::twocheckout_rpc::__private::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::twocheckout_rpc::__private::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                ::twocheckout_rpc::support::object::deserialize(deserializer)
            }
        }
    }
}
