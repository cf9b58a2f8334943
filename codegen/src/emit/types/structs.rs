//! Objects: a struct with one public field per spec field plus `unknown_fields`, and serde impls
//! that read and write field by field through `__rpc::support::object`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

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

/// `impl Object`: the wire keys, the writer and the reader, as one `__object!` row per field.
///
/// The reader is one `match` arm per field around the runtime's `Reader`. Objects that have a
/// `Default` (no field that must be given) are read in place (`in_place`): fields that may be
/// absent go straight into the value; fields that must be present are held in an `Option` and
/// checked at the end. Objects whose fields that must be given all have a type with a `Default`
/// are read in place too (`blank`), from a value the reader fills with those defaults. The others
/// (`locals`) read every field into a local first.
fn object_impl(def: &StructDef) -> TokenStream {
    let name = ident(&def.name);
    let name_text = &def.name;
    // The reader's key lookup table (see `emit::keys`).
    let wire_names: Vec<&str> = def.fields.iter().map(|f| f.wire_name.as_str()).collect();
    let table = crate::emit::keys::table(&wire_names)
        .into_iter()
        .map(Literal::u16_unsuffixed);
    let mode = if !builders::has_required(def) {
        quote!(in_place)
    } else if builders::required_fields_have_defaults(def) {
        quote!(blank)
    } else {
        quote!(locals)
    };
    let rows = def.fields.iter().enumerate().map(|(i, f)| {
        let index = Literal::usize_unsuffixed(i);
        let field = ident(&f.rust_name);
        // The writer's method (and how the reader holds it), then the reader's method.
        let (kind, read) = match Slot::of(f.required, f.nullable) {
            Slot::Required | Slot::Nullable => (quote!(required), quote!(value)),
            Slot::Optional => (quote!(optional), quote!(optional)),
            Slot::Maybe => (quote!(maybe), quote!(set)),
        };
        let key = &f.wire_name;
        quote!(#index #field: #kind #read #key;)
    });
    quote! {
        __rpc::__object! {
            #name, #name_text, #mode;
            [#(#table),*];
            #(#rows)*
        }
    }
}

/// `Serialize`, `Deserialize` and `Wire` through the runtime's object codec.
fn serde_impls(name: &proc_macro2::Ident) -> TokenStream {
    quote!(__rpc::__object_impls!(#name);)
}
