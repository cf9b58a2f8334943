//! `Paginated` impls and `.pages()` for search methods.
//!
//! A method is a search when it answers an array, or an object whose `Items` field is an array
//! (with the total count in `Pagination.Count` when it has one, as `searchOrders` answers), and
//! exactly one of its params is an object
//! whose optional integer fields `Page` and `Limit` say which page to return, either directly or
//! in an optional `Pagination` object field that has them (`SubscriptionSearchOptions` has both).
//! When that param is optional its object must be buildable from `Default` (no required field),
//! so a walk can start from nothing. For such a method this emits
//! `impl ::twocheckout_rpc::Paginated` on the unbound request and a `pages()` on a bound one,
//! which walks every page with `::twocheckout_rpc::Pages`.
//!
//! The walk writes the page into the top-level `Page` / `Limit` fields when the object has them;
//! it writes the nested `Pagination` only when there are no top-level fields, or when the caller
//! set a `Pagination` already.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use super::types::builders::has_required;
use super::types::{Slot, value_type};
use crate::model::{Field, Method, Spec, StructDef, TypeDef, TypeRef};

/// Where a search object keeps its page and page size.
struct Paging<'s> {
    /// The param holding the search object, and its index.
    param: usize,
    /// Whether the param must be given.
    required: bool,
    /// Top-level `Page` and `Limit`.
    direct: Option<(&'s Field, &'s Field)>,
    /// The `Pagination` field and its `Page` / `Limit`.
    nested: Option<(&'s Field, &'s Field, &'s Field)>,
}

/// The `Paginated` impl and `pages()` of `method`, or nothing when it is not a search.
pub fn paginated(method: &Method, spec: &Spec) -> TokenStream {
    let Some(answer) = answer(&method.returns, spec) else {
        return TokenStream::new();
    };
    let Some(paging) = paging(method, spec) else {
        return TokenStream::new();
    };
    let name = ident(&method.type_name);
    let item = value_type(answer.item);
    let response = match answer.items {
        None => quote!(::std::vec::Vec<#item>),
        Some(_) => value_type(&method.returns),
    };
    let into_page = answer.page_body();
    let field = ident(&method.params[paging.param].rust_name);
    let (read_options, write_options) = if paging.required {
        (
            quote!(let options = ::core::option::Option::Some(&self.#field);),
            quote!(let options = &mut request.#field;),
        )
    } else {
        (
            quote!(let options = self.#field.as_ref();),
            quote!(let options = request.#field.get_or_insert_with(::core::default::Default::default);),
        )
    };
    let read_direct = paging.direct.map(|(page, limit)| {
        let (page, limit) = (read(page, quote!(o)), read(limit, quote!(o)));
        quote! {
            if let ::core::option::Option::Some(o) = options {
                page = page.or(#page);
                limit = limit.or(#limit);
            }
        }
    });
    let read_nested = paging.nested.map(|(pagination, page, limit)| {
        let pagination = nested_ref(pagination, quote!(o));
        let (page, limit) = (read(page, quote!(p)), read(limit, quote!(p)));
        quote! {
            if let ::core::option::Option::Some(p) = options.and_then(|o| #pagination) {
                page = page.or(#page);
                limit = limit.or(#limit);
            }
        }
    });
    let write_direct = paging.direct.map(|(page, limit)| {
        let (page, limit) = (
            write(page, quote!(options), quote!(page)),
            write(limit, quote!(options), quote!(limit)),
        );
        quote! { #page #limit }
    });
    let write_nested = paging.nested.map(|(pagination, page, limit)| {
        let pagination_field = ident(&pagination.rust_name);
        let (page, limit) = (
            write(page, quote!(p), quote!(page)),
            write(limit, quote!(p), quote!(limit)),
        );
        let present = nested_mut(pagination, quote!(options));
        if paging.direct.is_some() {
            quote! {
                if let ::core::option::Option::Some(p) = #present {
                    #page
                    #limit
                }
            }
        } else {
            let set = set_default(pagination, quote!(options.#pagination_field));
            quote! {
                if (#present).is_none() {
                    #set
                }
                if let ::core::option::Option::Some(p) = #present {
                    #page
                    #limit
                }
            }
        }
    });
    let pages_docs = format!(
        " Walks every page of `{}`, starting at the page this request asks for: a stream of \
         the items (see [`::twocheckout_rpc::pages`]), asking for each page once.",
        method.wire_name
    );
    quote! {
        impl ::twocheckout_rpc::Paginated for #name {
            type Item = #item;

            fn requested_page(&self) -> (::core::option::Option<i64>, ::core::option::Option<i64>) {
                #read_options
                let mut page: ::core::option::Option<i64> = ::core::option::Option::None;
                let mut limit: ::core::option::Option<i64> = ::core::option::Option::None;
                #read_direct
                #read_nested
                (page, limit)
            }

            fn for_page(&self, page: i64, limit: i64) -> Self {
                let mut request = ::core::clone::Clone::clone(self);
                {
                    #write_options
                    #write_direct
                    #write_nested
                }
                request
            }

            fn into_page(response: #response) -> ::twocheckout_rpc::Page<#item> {
                #into_page
            }
        }

        impl<'c, S: ::twocheckout_rpc::Scope> #name<&'c S>
        where
            #name: ::twocheckout_rpc::AvailableOn<S::Marker>,
        {
            #[doc = #pages_docs]
            pub fn pages(self) -> ::twocheckout_rpc::Pages<'c, S, #name> {
                let (client, request) = self.unbind();
                ::twocheckout_rpc::Pages::new(client, request)
            }
        }
    }
}

/// Where a search answer keeps its items and its total count.
struct Answer<'s> {
    /// The item type.
    item: &'s TypeRef,
    /// `Items` of an object answer (`None`: the answer is the array itself).
    items: Option<&'s Field>,
    /// `Pagination` of an object answer and its `Count`.
    count: Option<(&'s Field, &'s Field)>,
}

impl Answer<'_> {
    /// The body of `into_page`, reading `response`.
    fn page_body(&self) -> TokenStream {
        let Some(items) = self.items else {
            return quote!(::twocheckout_rpc::Page::of(response));
        };
        let items_name = ident(&items.rust_name);
        let items_value = match Slot::of(items.required, items.nullable) {
            Slot::Required => quote!(response.#items_name),
            Slot::Maybe => quote!(response.#items_name.into_option().unwrap_or_default()),
            _ => quote!(response.#items_name.unwrap_or_default()),
        };
        let total = match self.count {
            Some((pagination, count)) => {
                let pagination = match Slot::of(pagination.required, pagination.nullable) {
                    Slot::Required => {
                        let name = ident(&pagination.rust_name);
                        quote!(::core::option::Option::Some(&response.#name))
                    }
                    _ => nested_ref(pagination, quote!(response)),
                };
                let count = match Slot::of(count.required, count.nullable) {
                    Slot::Required => {
                        let name = ident(&count.rust_name);
                        quote!(::core::option::Option::Some(p.#name))
                    }
                    _ => read(count, quote!(p)),
                };
                quote! {
                    (#pagination)
                        .and_then(|p| #count)
                        .and_then(|n| u64::try_from(n).ok())
                }
            }
            None => quote!(::core::option::Option::None),
        };
        quote! {
            let total = #total;
            ::twocheckout_rpc::Page { items: #items_value, total }
        }
    }
}

/// The items of a search answer: an array, or an object with an `Items` array.
fn answer<'s>(returns: &'s TypeRef, spec: &'s Spec) -> Option<Answer<'s>> {
    if let TypeRef::Array(item) = returns {
        return Some(Answer {
            item,
            items: None,
            count: None,
        });
    }
    let def = object(spec, returns)?;
    let items = def.fields.iter().find(|f| f.wire_name == "Items")?;
    let TypeRef::Array(item) = &items.ty else {
        return None;
    };
    let count = def
        .fields
        .iter()
        .find(|f| f.wire_name == "Pagination")
        .and_then(|pagination| {
            object(spec, &pagination.ty)?
                .fields
                .iter()
                .find(|f| f.wire_name == "Count" && f.ty == TypeRef::Integer)
                .map(|count| (pagination, count))
        });
    Some(Answer {
        item,
        items: Some(items),
        count,
    })
}

fn paging<'s>(method: &Method, spec: &'s Spec) -> Option<Paging<'s>> {
    let mut found = None;
    for (index, param) in method.params.iter().enumerate() {
        let Some(def) = object(spec, &param.ty) else {
            continue;
        };
        let direct = page_and_limit(def);
        let nested = def
            .fields
            .iter()
            .find(|f| f.wire_name == "Pagination" && !f.required)
            .and_then(|f| {
                object(spec, &f.ty)
                    .and_then(page_and_limit)
                    .map(|(p, l)| (f, p, l))
            });
        if direct.is_none() && nested.is_none() {
            continue;
        }
        if !param.required && has_required(def) {
            continue;
        }
        if found.is_some() {
            // Two paged objects: which one pages is not clear, so no walk.
            return None;
        }
        found = Some(Paging {
            param: index,
            required: param.required,
            direct,
            nested,
        });
    }
    found
}

fn object<'s>(spec: &'s Spec, ty: &TypeRef) -> Option<&'s StructDef> {
    match ty {
        TypeRef::Named(name) => match spec.type_def(name)? {
            TypeDef::Struct(def) => Some(def),
            _ => None,
        },
        _ => None,
    }
}

fn page_and_limit(def: &StructDef) -> Option<(&Field, &Field)> {
    let integer = |name: &str| {
        def.fields
            .iter()
            .find(|f| f.wire_name == name && f.ty == TypeRef::Integer && !f.required)
    };
    Some((integer("Page")?, integer("Limit")?))
}

/// `Option<i64>` read from the field of `holder`.
fn read(field: &Field, holder: TokenStream) -> TokenStream {
    let name = ident(&field.rust_name);
    match Slot::of(field.required, field.nullable) {
        Slot::Maybe => quote!(#holder.#name.as_option().copied()),
        _ => quote!(#holder.#name),
    }
}

/// Sets the field of `holder` to `value`.
fn write(field: &Field, holder: TokenStream, value: TokenStream) -> TokenStream {
    let name = ident(&field.rust_name);
    match Slot::of(field.required, field.nullable) {
        Slot::Maybe => quote!(#holder.#name = ::twocheckout_rpc::support::Maybe::Value(#value);),
        _ => quote!(#holder.#name = ::core::option::Option::Some(#value);),
    }
}

/// `Option<&Pagination>` of `holder`.
fn nested_ref(field: &Field, holder: TokenStream) -> TokenStream {
    let name = ident(&field.rust_name);
    match Slot::of(field.required, field.nullable) {
        Slot::Maybe => quote!(#holder.#name.as_option()),
        _ => quote!(#holder.#name.as_ref()),
    }
}

/// `Option<&mut Pagination>` of `holder`.
fn nested_mut(field: &Field, holder: TokenStream) -> TokenStream {
    let name = ident(&field.rust_name);
    match Slot::of(field.required, field.nullable) {
        Slot::Maybe => quote!(#holder.#name.as_option_mut()),
        _ => quote!(#holder.#name.as_mut()),
    }
}

/// Sets an absent nested object to its default.
fn set_default(field: &Field, place: TokenStream) -> TokenStream {
    match Slot::of(field.required, field.nullable) {
        Slot::Maybe => {
            quote!(#place = ::twocheckout_rpc::support::Maybe::Value(::core::default::Default::default());)
        }
        _ => quote!(#place = ::core::option::Option::Some(::core::default::Default::default());),
    }
}
