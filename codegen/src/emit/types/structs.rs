//! Objects: a struct with one public field per spec field plus `unknown_fields`, and serde impls
//! that read and write field by field through `__rpc::support::object`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Slot, builders, slot_type};
use crate::emit::debug::{self, Holder, Member};
use crate::emit::docs::{doc_attrs, doc_attrs_joined};
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
            /// Fields the server sent that the spec does not list, sent back as they arrived.
            pub unknown_fields: Extra,
            /// The original forms of fields that arrived in another form than their type's own
            /// (a number as a string, `""` for none, …), sent back while the value is unchanged.
            pub wire_forms: WireForms,
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
    let docs = doc_attrs_joined(&field.docs, &field_facts(field));
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
///
/// The reader is one `match` arm per field around the runtime's `Reader`. Objects that have a
/// `Default` (no field that must be given) are read in place: fields that may be absent go
/// straight into the value; fields that must be present are held in an `Option` and checked at
/// the end.
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
    let in_place = !builders::has_required(def);
    // Which fields are read into a local first: all of them, or (in place) those that must be
    // present.
    let held = |f: &Field| {
        !in_place
            || matches!(
                Slot::of(f.required, f.nullable),
                Slot::Required | Slot::Nullable
            )
    };
    let inits = def.fields.iter().filter(|f| held(f)).map(|f| {
        let local = local(f);
        match Slot::of(f.required, f.nullable) {
            Slot::Maybe => quote!(let mut #local = Maybe::Absent;),
            _ => quote!(let mut #local = None;),
        }
    });
    // The call reading each field's value.
    let reads: Vec<TokenStream> = def
        .fields
        .iter()
        .map(|f| {
            let slot = if held(f) {
                let local = local(f);
                quote!(&mut #local)
            } else {
                let field = ident(&f.rust_name);
                quote!(&mut v.#field)
            };
            let read = match Slot::of(f.required, f.nullable) {
                Slot::Required | Slot::Nullable => quote!(value),
                Slot::Optional => quote!(optional),
                Slot::Maybe => quote!(set),
            };
            quote!(r.#read(&mut map, #slot)?)
        })
        .collect();
    let arms = reads.iter().enumerate().map(|(i, read)| {
        let index = Literal::usize_unsuffixed(i);
        quote!(#index => #read,)
    });
    let finish = def
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| held(f))
        .map(|(i, f)| {
            let field = ident(&f.rust_name);
            let local = local(f);
            let index = Literal::usize_unsuffixed(i);
            let value = match Slot::of(f.required, f.nullable) {
                Slot::Required | Slot::Nullable => quote!(r.required(#local, #index)?),
                Slot::Optional | Slot::Maybe => quote!(#local),
            };
            (field, value)
        });
    let read_loop = if def.fields.is_empty() {
        quote!(while r.next(&mut map)?.is_some() {})
    } else if let [read] = reads.as_slice() {
        // The reader yields known keys only: with one field, every key is that field.
        quote!(while r.next(&mut map)?.is_some() { #read; })
    } else {
        quote! {
            while let Some(i) = r.next(&mut map)? {
                match i {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    };
    let body = if in_place {
        let assigns = finish.map(|(field, value)| quote!(v.#field = #value;));
        quote! {
            let mut v = <Self as Default>::default();
            #(#inits)*
            #read_loop
            #(#assigns)*
            v.unknown_fields = r.extra;
            v.wire_forms = r.forms;
            Ok(v)
        }
    } else {
        let fields = finish.map(|(field, value)| quote!(#field: #value,));
        quote! {
            #(#inits)*
            #read_loop
            Ok(Self {
                #(#fields)*
                unknown_fields: r.extra,
                wire_forms: r.forms,
            })
        }
    };
    // Without fields, the writer is never changed.
    let mutable = if def.fields.is_empty() {
        TokenStream::new()
    } else {
        quote!(mut)
    };
    quote! {
        impl __Object for #name {
            const NAME: &'static str = #name_text;
            const FIELDS: &'static [&'static str] = &[#(#keys),*];

            fn write_fields<__M: __FieldMap>(
                &self,
                map: &mut __M,
            ) -> Result<(), __M::Error> {
                let #mutable fields = __Fields::new(map, Self::FIELDS, &self.wire_forms);
                #(#writes)*
                fields.extra(&self.unknown_fields)
            }

            fn read_fields<'de, __A: __MapAccess<'de>>(
                mut map: __A,
            ) -> Result<Self, __A::Error> {
                let mut r = __Reader::new(Self::FIELDS, &[#(#table),*]);
                #body
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

/// `Serialize`, `Deserialize` and `Wire` through the runtime's object codec.
fn serde_impls(name: &proc_macro2::Ident) -> TokenStream {
    quote!(__rpc::__object_impls!(#name);)
}
