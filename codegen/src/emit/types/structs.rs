//! Objects: a struct with one public field per spec field plus `unknown_fields`, and serde impls
//! that read and write field by field through `::twocheckout_rpc::support::object`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Slot, builders, slot_type};
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
    let wire = super::wire_impl(
        &name,
        quote!(::twocheckout_rpc::support::wire::read_object),
        quote!(::twocheckout_rpc::support::object::serialize),
    );
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
            /// How the server wrote the fields that arrived in another form than their type's
            /// own (a number as a string, `""` for none, …).
            ///
            /// Such a field is sent back in its original form for as long as its value is
            /// unchanged. Usually empty; `Default` for values built in code.
            pub wire_forms: ::twocheckout_rpc::support::WireForms,
        }

        #debug_impl
        #object
        #serde
        #wire
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
        .chain([
            Member {
                rust_name: "unknown_fields",
                holder: Holder::Plain,
                sensitive: false,
            },
            Member {
                rust_name: "wire_forms",
                holder: Holder::Plain,
                sensitive: false,
            },
        ])
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
            "Seen in other forms than documented: {} It is read from any of them and sent back \
             in the form it arrived in.",
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
    // The reader's key lookup table (see `emit::keys`).
    let wire_names: Vec<&str> = def.fields.iter().map(|f| f.wire_name.as_str()).collect();
    let table = crate::emit::keys::table(&wire_names)
        .into_iter()
        .map(Literal::u16_unsuffixed);
    let writes = def
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| write_field(i, f));
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
    // Without fields, neither the writer nor the forms are ever changed.
    let mutable = if def.fields.is_empty() {
        TokenStream::new()
    } else {
        quote!(mut)
    };
    quote! {
        impl ::twocheckout_rpc::support::object::Object for #name {
            const NAME: &'static str = #name_text;
            const FIELDS: &'static [&'static str] = &[#(#keys),*];

            fn write_fields<__M: ::twocheckout_rpc::__private::serde::ser::SerializeMap>(
                &self,
                map: &mut __M,
            ) -> ::core::result::Result<(), __M::Error> {
                let #mutable fields = ::twocheckout_rpc::support::wire::Fields::new(map, Self::FIELDS, &self.wire_forms);
                #(#writes)*
                fields.extra(&self.unknown_fields)
            }

            fn read_fields<'de, __A: ::twocheckout_rpc::__private::serde::de::MapAccess<'de>>(
                mut map: __A,
            ) -> ::core::result::Result<Self, __A::Error> {
                #(#inits)*
                let mut unknown_fields = ::twocheckout_rpc::support::Extra::new();
                let #mutable wire_forms = ::twocheckout_rpc::support::WireForms::new();
                let mut keys = ::twocheckout_rpc::support::object::Keys::hashed(Self::FIELDS, &[#(#table),*]);
                while let ::core::option::Option::Some(key) = keys.next(&mut map)? {
                    #dispatch
                }
                ::core::result::Result::Ok(Self {
                    #(#finish,)*
                    unknown_fields,
                    wire_forms,
                })
            }
        }
    }
}

/// The statement writing field `index`.
fn write_field(index: usize, field: &Field) -> TokenStream {
    let name = ident(&field.rust_name);
    let index = Literal::usize_unsuffixed(index);
    let write = match Slot::of(field.required, field.nullable) {
        Slot::Required | Slot::Nullable => quote!(required),
        Slot::Optional => quote!(optional),
        Slot::Maybe => quote!(maybe),
    };
    quote!(fields.#write(#index, &self.#name)?;)
}

/// The match arm reading field `index`'s value.
fn read_arm(index: usize, field: &Field) -> TokenStream {
    let index = Literal::usize_unsuffixed(index);
    let local = local(field);
    let assign = match Slot::of(field.required, field.nullable) {
        Slot::Required | Slot::Nullable => quote! {
            #local = ::core::option::Option::Some(keys.value(&mut map, &mut wire_forms, #index)?)
        },
        Slot::Optional => quote!(#local = keys.optional(&mut map, &mut wire_forms, #index)?),
        Slot::Maybe => quote!(#local = keys.value(&mut map, &mut wire_forms, #index)?),
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
