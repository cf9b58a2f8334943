//! Typestate builders of objects.
//!
//! `Reseller::builder()` returns a `ResellerBuilder` with one type parameter per field that must
//! be given (required and not nullable). Each starts as `Unset`; its setter turns it into
//! `Set<T>`. `build()` requires `Provided<Reseller_partner_code>` of that parameter, a marker
//! type named after the struct and field, because rustc prints only that name in the error:
//! ``missing required field `Reseller_partner_code` ``.
//!
//! Nullable required fields (`Nullable<T>`) start as `None`, which is sent as `null` and is a
//! valid value, so they need no type parameter.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{Slot, slot_type, takes_into, value_type};
use crate::emit::debug::{self, Holder, Member};
use crate::emit::docs::lines_to_attrs;
use crate::emit::names::{builder_name, ident, required_marker_name};
use crate::model::{Field, StructDef, TypeRef};

/// Whether the field must be given to the builder before `build()`.
fn is_typestate(field: &Field) -> bool {
    Slot::of(field.required, field.nullable) == Slot::Required
}

/// Whether the object has a field that must be given (then it has no `Default`).
pub fn has_required(def: &StructDef) -> bool {
    def.fields.iter().any(is_typestate)
}

/// Whether every field that must be given has a type with a `Default` (scalars, `Json`, arrays,
/// maps): the reader can then start from a blank value holding those defaults, which nobody else
/// sees (a missing field is still an error), and read the object in place.
pub fn required_fields_have_defaults(def: &StructDef) -> bool {
    def.fields
        .iter()
        .filter(|f| is_typestate(f))
        .all(|f| !matches!(f.ty, TypeRef::Named(_) | TypeRef::Unit))
}

/// The fields that must be given, each with its type parameter name (`P0`, `P1`, …).
fn typestate_fields(def: &StructDef) -> Vec<(&Field, Ident)> {
    def.fields
        .iter()
        .filter(|f| is_typestate(f))
        .enumerate()
        .map(|(i, f)| (f, format_ident!("P{}", i)))
        .collect()
}

/// The builder struct, its setters, `build()`, the markers, and `{Type}::builder()`.
pub fn builder(def: &StructDef) -> TokenStream {
    let name = ident(&def.name);
    let builder = ident(&builder_name(&def.name));
    let states = typestate_fields(def);
    let params: Vec<&Ident> = states.iter().map(|(_, p)| p).collect();

    let markers = states.iter().map(|(f, _)| marker_def(def, f));
    let decl_fields = def.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        match states.iter().find(|(s, _)| s.rust_name == f.rust_name) {
            Some((_, param)) => quote!(#field: #param),
            None => {
                let ty = slot_type(&f.ty, f.required, f.nullable);
                quote!(#field: #ty)
            }
        }
    });
    let start_fields = def.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        if is_typestate(f) {
            quote!(#field: Unset)
        } else {
            quote!(#field: Default::default())
        }
    });
    let setters = setter_runs(def, &states);
    let build = build_fn(def, &states);
    let with_required = if states.is_empty() {
        TokenStream::new()
    } else {
        with_required(def, &states)
    };

    let struct_doc = lines_to_attrs(&[
        format!(
            "Builder of [`{}`], from [`{}::builder`].",
            def.name, def.name
        ),
        String::new(),
        if states.is_empty() {
            "Every field is optional: set the ones you need, then call `build()`.".to_owned()
        } else {
            "Each type parameter tracks one field that must be given: `build()` compiles once \
             every one is set, and otherwise names the missing field."
                .to_owned()
        },
    ]);
    let builder_fn_doc = lines_to_attrs(&[format!(
        "A builder of [`{}`]: set the fields with its setters, then call `build()`.",
        def.name
    )]);
    let generics = if params.is_empty() {
        quote!()
    } else {
        quote!(<#(#params = Unset),*>)
    };
    let impl_generics = if params.is_empty() {
        quote!()
    } else {
        quote!(<#(#params),*>)
    };
    if states.is_empty() {
        return optional_builder(def, struct_doc, builder_fn_doc);
    }
    let (derive_debug, debug_impl) = builder_debug(def, &states);
    quote! {
        #(#markers)*

        #struct_doc
        #[derive(#derive_debug Clone)]
        #[must_use = "a builder does nothing until `.build()` is called"]
        pub struct #builder #generics {
            #(#decl_fields,)*
        }

        #debug_impl

        impl #name {
            #builder_fn_doc
            #[inline]
            pub fn builder() -> #builder {
                #builder {
                    #(#start_fields,)*
                }
            }
        }

        impl #impl_generics #builder #impl_generics {
            #with_required
            #setters
            #build
        }
    }
}

/// The builder of an object without fields that must be given: the object itself, started
/// from `Default`, behind setters. Its `Debug` is the object's (which redacts what is sensitive).
fn optional_builder(
    def: &StructDef,
    struct_doc: TokenStream,
    builder_fn_doc: TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let builder = ident(&builder_name(&def.name));
    let rows = def.fields.iter().map(|f| setter_row(def, f, true));
    let setters = quote!(__rpc::__setters! { [.0]; #(#rows)* });
    let build_doc = lines_to_attrs(&[format!("The finished [`{}`].", def.name)]);
    quote! {
        #struct_doc
        #[derive(Debug, Clone)]
        #[must_use = "a builder does nothing until `.build()` is called"]
        pub struct #builder(#name);

        impl #name {
            #builder_fn_doc
            #[inline]
            pub fn builder() -> #builder {
                #builder(<#name as Default>::default())
            }
        }

        impl #builder {
            #setters

            #build_doc
            #[inline]
            pub fn build(self) -> #name {
                self.0
            }
        }
    }
}

/// One row of `__setters!` for a field that need not be given: its doc, `#[inline]` when
/// `inline` and the argument is a concrete type, the name, how the argument is taken and how
/// it is stored.
fn setter_row(def: &StructDef, field: &Field, inline: bool) -> TokenStream {
    let name = ident(&field.rust_name);
    let value_ty = value_type(&field.ty);
    let doc = lines_to_attrs(&setter_doc(def, field));
    // A setter taking `impl Into<T>` is generic already; one taking `T` is not, and
    // `#[inline]` leaves its code generation to the crates that call it.
    let (inline, mode) = if takes_into(&field.ty) {
        (TokenStream::new(), quote!(into))
    } else if inline {
        (quote!(#[inline]), quote!(value))
    } else {
        (TokenStream::new(), quote!(value))
    };
    let wrap = match Slot::of(field.required, field.nullable) {
        Slot::Maybe => quote!(maybe),
        Slot::Required | Slot::Nullable | Slot::Optional => quote!(some),
    };
    quote! {
        #doc
        #inline
        #name: #mode #value_ty => #wrap;
    }
}

/// The setters of a builder with fields that must be given, in field order: each run of fields
/// that need not be given as one `__setters!`, each field that must be given as its own method.
fn setter_runs(def: &StructDef, states: &[(&Field, Ident)]) -> TokenStream {
    let mut out = TokenStream::new();
    let mut run = Vec::new();
    for field in &def.fields {
        if is_typestate(field) {
            if !run.is_empty() {
                out.extend(quote!(__rpc::__setters! { []; #(#run)* }));
                run.clear();
            }
            out.extend(setter(def, field, states));
        } else {
            run.push(setter_row(def, field, false));
        }
    }
    if !run.is_empty() {
        out.extend(quote!(__rpc::__setters! { []; #(#run)* }));
    }
    out
}

/// `Debug,` for the derive list, or a redacting impl (with derive's bounds on the state
/// parameters) when a field is `#[sensitive]`: a builder holds the values it was given.
fn builder_debug(def: &StructDef, states: &[(&Field, Ident)]) -> (TokenStream, TokenStream) {
    if !def.fields.iter().any(|f| f.sensitive) {
        return (quote!(Debug,), TokenStream::new());
    }
    let members: Vec<Member<'_>> = def
        .fields
        .iter()
        .map(|f| Member {
            rust_name: &f.rust_name,
            // A state parameter is `Unset` or `Set<T>`; its redacted form hides which.
            holder: if is_typestate(f) {
                Holder::Plain
            } else {
                Holder::of(Slot::of(f.required, f.nullable))
            },
            sensitive: f.sensitive,
        })
        .collect();
    let params: Vec<Ident> = states.iter().map(|(_, p)| p.clone()).collect();
    (
        TokenStream::new(),
        debug::redacting_impl(&builder_name(&def.name), &params, &members),
    )
}

/// The marker type naming a required field in the error of an incomplete builder.
fn marker_def(def: &StructDef, field: &Field) -> TokenStream {
    let marker = ident(&required_marker_name(&def.name, &field.rust_name));
    // Named `Type_field` so the compile error names both; the module allows the casing.
    quote! {
        #[doc(hidden)]
        pub enum #marker {}
    }
}

/// The setter of one field that must be given.
fn setter(def: &StructDef, field: &Field, states: &[(&Field, Ident)]) -> TokenStream {
    let name = ident(&field.rust_name);
    let value_ty = value_type(&field.ty);
    let (arg_ty, value) = if takes_into(&field.ty) {
        (quote!(impl Into<#value_ty>), quote!(value.into()))
    } else {
        (value_ty.clone(), quote!(value))
    };
    let doc = lines_to_attrs(&setter_doc(def, field));
    let Some(index) = states
        .iter()
        .position(|(s, _)| s.rust_name == field.rust_name)
    else {
        // Fields that need not be given are set through `__setters!` (`setter_runs`).
        return TokenStream::new();
    };
    // A required field changes the builder's type: `__with_required` moves the other fields
    // across, the closure picks the new states.
    let builder = ident(&builder_name(&def.name));
    let out_params = states.iter().enumerate().map(|(i, (_, p))| {
        if i == index {
            quote!(Set<#value_ty>)
        } else {
            quote!(#p)
        }
    });
    let ins = states.iter().enumerate().map(|(i, (_, p))| {
        if i == index {
            quote!(_)
        } else {
            let p = format_ident!("{}", p.to_string().to_lowercase());
            quote!(#p)
        }
    });
    let outs = states.iter().enumerate().map(|(i, (_, p))| {
        if i == index {
            quote!(Set(#value))
        } else {
            let p = format_ident!("{}", p.to_string().to_lowercase());
            quote!(#p)
        }
    });
    let made = if states.len() == 1 {
        quote!(#(#outs)*)
    } else {
        quote!((#(#outs),*))
    };
    quote! {
        #doc
        pub fn #name(self, value: #arg_ty) -> #builder<#(#out_params),*> {
            self.__with_required(|#(#ins),*| #made)
        }
    }
}

/// `__with_required`: the builder with its required states replaced by what `f` makes of them,
/// every other field moved across. Each required setter calls it.
fn with_required(def: &StructDef, states: &[(&Field, Ident)]) -> TokenStream {
    let builder = ident(&builder_name(&def.name));
    let params: Vec<&Ident> = states.iter().map(|(_, p)| p).collect();
    let news: Vec<Ident> = states
        .iter()
        .map(|(_, p)| format_ident!("Q{}", &p.to_string()[1..]))
        .collect();
    let names: Vec<Ident> = states.iter().map(|(f, _)| ident(&f.rust_name)).collect();
    let olds = names.iter().map(|n| quote!(self.#n));
    let moves = def.fields.iter().filter(|f| !is_typestate(f)).map(|f| {
        let field = ident(&f.rust_name);
        quote!(#field: self.#field,)
    });
    // One state needs no tuple.
    let pattern = if states.len() == 1 {
        quote!(#(#names)*)
    } else {
        quote!((#(#names),*))
    };
    let (result, call) = if states.len() == 1 {
        (quote!(#(#news)*), quote!(f(#(#olds)*)))
    } else {
        (quote!((#(#news),*)), quote!(f(#(#olds),*)))
    };
    quote! {
        fn __with_required<#(#news),*>(
            self,
            f: impl FnOnce(#(#params),*) -> #result,
        ) -> #builder<#(#news),*> {
            let #pattern = #call;
            #builder {
                #(#moves)*
                #(#names,)*
            }
        }
    }
}

/// A setter's rustdoc: one line linking the field it sets (whose docs say the rest).
fn setter_doc(def: &StructDef, field: &Field) -> Vec<String> {
    let name = field.rust_name.trim_start_matches("r#");
    if is_typestate(field) {
        vec![format!(
            "Sets [`{}::{name}`]; required: `build()` compiles only once it is set.",
            def.name
        )]
    } else {
        vec![format!("Sets [`{}::{name}`].", def.name)]
    }
}

/// `build()`: bounded by `Provided<Marker>` for each required field.
fn build_fn(def: &StructDef, states: &[(&Field, Ident)]) -> TokenStream {
    let name = ident(&def.name);
    let bounds = states.iter().map(|(f, p)| {
        let marker = ident(&required_marker_name(&def.name, &f.rust_name));
        let ty = value_type(&f.ty);
        quote!(#p: Provided<#marker, Value = #ty>)
    });
    let where_clause = if states.is_empty() {
        quote!()
    } else {
        quote!(where #(#bounds),*)
    };
    let fields = def.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        match states.iter().find(|(s, _)| s.rust_name == f.rust_name) {
            Some((_, p)) => {
                let marker = ident(&required_marker_name(&def.name, &f.rust_name));
                quote! {
                    #field: <#p as Provided<#marker>>::into_value(self.#field)
                }
            }
            None => quote!(#field: self.#field),
        }
    });
    let doc = lines_to_attrs(&[format!("The finished [`{}`].", def.name)]);
    quote! {
        #doc
        pub fn build(self) -> #name #where_clause {
            #name {
                #(#fields,)*
                unknown_fields: Extra::new(),
                wire_forms: WireForms::new(),
            }
        }
    }
}
