//! `Paginated` impls and `.pages()` for search methods.
//!
//! A method is a search when it answers an array; an object whose `Items` field is an array, or
//! that has exactly one array field (`Upsells`, `Versions`), with the total count in
//! `Pagination.Count` (`searchOrders`) or a top-level integer `Count` / `…Count`
//! (`searchProposalHistoryById`, `searchUpsellCampaigns`) when it has one; or, for a method
//! named `search…` that pages, any JSON (`searchSku`, read with `Page::from_json`). Its paging
//! is found in its params:
//!
//! - exactly one param is an object whose integer fields `Page` and `Limit` say which page to
//!   return, either directly or in an optional `Pagination` object field that has them
//!   (`SubscriptionSearchOptions` has both): `Paging::Page`;
//! - or whose integer fields `Offset` and `Limit` say how many results to skip and return
//!   (the proposal searches): `Paging::Offset`;
//! - a method named `search…` with no such object at all answers every match at once
//!   (`searchPartners`): `Paging::Single`, a walk of one request.
//!
//! When the paged param is optional its object must be buildable from `Default` (no required
//! field), so a walk can start from nothing. For such a method this emits
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

/// Where a search object keeps its page (or offset) and page size.
struct Paging<'s> {
    /// The param holding the search object, and its index.
    param: usize,
    /// Whether the param must be given.
    required: bool,
    /// Whether the first field is an `Offset` rather than a `Page`.
    offset: bool,
    /// Top-level `Page` (or `Offset`) and `Limit`.
    direct: Option<(&'s Field, &'s Field)>,
    /// The `Pagination` field and its `Page` / `Limit`.
    nested: Option<(&'s Field, &'s Field, &'s Field)>,
}

/// What the params of a method say about its paging.
enum Found<'s> {
    /// One object pages the results.
    Paged(Paging<'s>),
    /// No param pages.
    Nothing,
    /// Paging fields that cannot drive a walk (two paged objects; an optional one that cannot
    /// start from `Default`).
    Unclear,
}

/// The `Paginated` impl and `pages()` of `method`, or nothing when it is not a search.
pub fn paginated(method: &Method, spec: &Spec) -> TokenStream {
    let Some(answer) = answer(&method.returns, spec) else {
        return TokenStream::new();
    };
    let search = method.wire_name.starts_with("search");
    if answer.is_json() && !search {
        // Any JSON of a method that is not a search: where its items are is not known.
        return TokenStream::new();
    }
    let paging = match paging(method, spec) {
        Found::Paged(paging) => paging,
        Found::Nothing if search && !answer.is_json() => {
            return single(method, &answer);
        }
        Found::Nothing | Found::Unclear => return TokenStream::new(),
    };
    let name = ident(&method.type_name);
    let item = answer.item_type();
    let response = answer.response_type(method);
    let into_page = answer.page_body();
    let style = if paging.offset {
        quote!(::twocheckout_rpc::Paging::Offset)
    } else {
        quote!(::twocheckout_rpc::Paging::Page)
    };
    let start = if paging.offset {
        quote!(window.offset)
    } else {
        quote!(window.page)
    };
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
            write(page, quote!(options), start.clone()),
            write(limit, quote!(options), quote!(window.limit)),
        );
        quote! { #page #limit }
    });
    let write_nested = paging.nested.map(|(pagination, page, limit)| {
        let pagination_field = ident(&pagination.rust_name);
        let (page, limit) = (
            write(page, quote!(p), quote!(window.page)),
            write(limit, quote!(p), quote!(window.limit)),
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
    let pages = pages_fn(method, Some(if paging.offset { "offset" } else { "page" }));
    quote! {
        impl ::twocheckout_rpc::Paginated for #name {
            type Item = #item;

            const PAGING: ::twocheckout_rpc::Paging = #style;

            fn requested_page(&self) -> (::core::option::Option<i64>, ::core::option::Option<i64>) {
                #read_options
                let mut page: ::core::option::Option<i64> = ::core::option::Option::None;
                let mut limit: ::core::option::Option<i64> = ::core::option::Option::None;
                #read_direct
                #read_nested
                (page, limit)
            }

            fn for_window(&self, window: ::twocheckout_rpc::Window) -> Self {
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

        #pages
    }
}

/// The `Paginated` impl of a search without paging: one request answers every match.
fn single(method: &Method, answer: &Answer<'_>) -> TokenStream {
    let name = ident(&method.type_name);
    let item = answer.item_type();
    let response = answer.response_type(method);
    let into_page = answer.page_body();
    let pages = pages_fn(method, None);
    quote! {
        impl ::twocheckout_rpc::Paginated for #name {
            type Item = #item;

            const PAGING: ::twocheckout_rpc::Paging = ::twocheckout_rpc::Paging::Single;

            fn requested_page(&self) -> (::core::option::Option<i64>, ::core::option::Option<i64>) {
                (::core::option::Option::None, ::core::option::Option::None)
            }

            fn for_window(&self, _window: ::twocheckout_rpc::Window) -> Self {
                ::core::clone::Clone::clone(self)
            }

            fn into_page(response: #response) -> ::twocheckout_rpc::Page<#item> {
                #into_page
            }
        }

        #pages
    }
}

/// `pages()` on a bound request of `method`; `start` says where the walk starts (`None`: the
/// method does not page).
fn pages_fn(method: &Method, start: Option<&str>) -> TokenStream {
    let name = ident(&method.type_name);
    let docs = match start {
        Some(start) => format!(
            " Walks every page of `{}`, starting at the {start} this request asks for: a stream \
             of the items (see [`::twocheckout_rpc::pages`]), asking for each page once.",
            method.wire_name
        ),
        None => format!(
            " The items of `{}` as a stream (see [`::twocheckout_rpc::pages`]): the method does \
             not page, so this asks once and yields every item of the answer.",
            method.wire_name
        ),
    };
    quote! {
        impl<'c, S: ::twocheckout_rpc::Scope> #name<&'c S>
        where
            #name: ::twocheckout_rpc::AvailableOn<S::Marker>,
        {
            #[doc = #docs]
            pub fn pages(self) -> ::twocheckout_rpc::Pages<'c, S, #name> {
                let (client, request) = self.unbind();
                ::twocheckout_rpc::Pages::new(client, request)
            }
        }
    }
}

/// Where a search answer keeps its items and its total count.
struct Answer<'s> {
    /// The item type (`None`: any JSON, read with `Page::from_json`).
    item: Option<&'s TypeRef>,
    /// The items field of an object answer (`None`: the answer is the array itself).
    items: Option<&'s Field>,
    /// Where the total count is.
    count: Count<'s>,
}

/// Where an object answer keeps the total count.
enum Count<'s> {
    /// Nowhere.
    None,
    /// `Pagination.Count`.
    Nested(&'s Field, &'s Field),
    /// A top-level integer field (`Count`, `UpsellsCount`).
    Direct(&'s Field),
}

impl Answer<'_> {
    /// Whether the answer is any JSON.
    fn is_json(&self) -> bool {
        self.item.is_none()
    }

    /// The item type as Rust.
    fn item_type(&self) -> TokenStream {
        match self.item {
            Some(item) => value_type(item),
            None => value_type(&TypeRef::Json),
        }
    }

    /// The response type `into_page` takes.
    fn response_type(&self, method: &Method) -> TokenStream {
        match (self.item, self.items) {
            (Some(item), None) => {
                let item = value_type(item);
                quote!(::std::vec::Vec<#item>)
            }
            _ => value_type(&method.returns),
        }
    }

    /// The body of `into_page`, reading `response`.
    fn page_body(&self) -> TokenStream {
        if self.item.is_none() {
            return quote!(::twocheckout_rpc::Page::from_json(&response));
        }
        let Some(items) = self.items else {
            return quote!(::twocheckout_rpc::Page::of(response));
        };
        let items_name = ident(&items.rust_name);
        let items_value = match Slot::of(items.required, items.nullable) {
            Slot::Required => quote!(response.#items_name),
            Slot::Maybe => quote!(response.#items_name.into_option().unwrap_or_default()),
            _ => quote!(response.#items_name.unwrap_or_default()),
        };
        let count_of =
            |count: &Field, holder: TokenStream| match Slot::of(count.required, count.nullable) {
                Slot::Required => {
                    let name = ident(&count.rust_name);
                    quote!(::core::option::Option::Some(#holder.#name))
                }
                _ => read(count, holder),
            };
        let total = match self.count {
            Count::Nested(pagination, count) => {
                let pagination = match Slot::of(pagination.required, pagination.nullable) {
                    Slot::Required => {
                        let name = ident(&pagination.rust_name);
                        quote!(::core::option::Option::Some(&response.#name))
                    }
                    _ => nested_ref(pagination, quote!(response)),
                };
                let count = count_of(count, quote!(p));
                quote! {
                    (#pagination)
                        .and_then(|p| #count)
                        .and_then(|n| u64::try_from(n).ok())
                }
            }
            Count::Direct(count) => {
                let count = count_of(count, quote!(response));
                quote!((#count).and_then(|n| u64::try_from(n).ok()))
            }
            Count::None => quote!(::core::option::Option::None),
        };
        quote! {
            let total = #total;
            ::twocheckout_rpc::Page { items: #items_value, total }
        }
    }
}

/// The items of a search answer: an array, an object with an `Items` array or a single array
/// field, or any JSON.
fn answer<'s>(returns: &'s TypeRef, spec: &'s Spec) -> Option<Answer<'s>> {
    match returns {
        TypeRef::Array(item) => {
            return Some(Answer {
                item: Some(item),
                items: None,
                count: Count::None,
            });
        }
        TypeRef::Json => {
            return Some(Answer {
                item: None,
                items: None,
                count: Count::None,
            });
        }
        _ => {}
    }
    let def = object(spec, returns)?;
    let arrays: Vec<&Field> = def
        .fields
        .iter()
        .filter(|f| matches!(f.ty, TypeRef::Array(_)))
        .collect();
    let items = match arrays.iter().find(|f| f.wire_name == "Items") {
        Some(items) => *items,
        None if arrays.len() == 1 => arrays[0],
        None => return None,
    };
    let TypeRef::Array(item) = &items.ty else {
        return None;
    };
    let nested = def
        .fields
        .iter()
        .find(|f| f.wire_name == "Pagination")
        .and_then(|pagination| {
            object(spec, &pagination.ty)?
                .fields
                .iter()
                .find(|f| f.wire_name == "Count" && f.ty == TypeRef::Integer)
                .map(|count| Count::Nested(pagination, count))
        });
    let direct = || {
        def.fields
            .iter()
            .find(|f| f.wire_name.ends_with("Count") && f.ty == TypeRef::Integer)
            .map(Count::Direct)
    };
    Some(Answer {
        item: Some(item),
        items: Some(items),
        count: nested.or_else(direct).unwrap_or(Count::None),
    })
}

fn paging<'s>(method: &Method, spec: &'s Spec) -> Found<'s> {
    let mut found = None;
    let mut unclear = false;
    for (index, param) in method.params.iter().enumerate() {
        let Some(def) = object(spec, &param.ty) else {
            continue;
        };
        let by_page = window(def, "Page");
        let by_offset = window(def, "Offset");
        let nested = def
            .fields
            .iter()
            .find(|f| f.wire_name == "Pagination" && !f.required)
            .and_then(|f| {
                object(spec, &f.ty)
                    .and_then(|def| window(def, "Page"))
                    .map(|(p, l)| (f, p, l))
            });
        let (offset, direct) = match (by_page, by_offset) {
            (Some(direct), _) => (false, Some(direct)),
            (None, Some(direct)) if nested.is_none() => (true, Some(direct)),
            _ => (false, None),
        };
        if direct.is_none() && nested.is_none() {
            continue;
        }
        if found.is_some() || (!param.required && has_required(def)) {
            // Two paged objects (which one pages is not clear), or one a walk cannot start.
            unclear = true;
            continue;
        }
        found = Some(Paging {
            param: index,
            required: param.required,
            offset,
            direct,
            nested,
        });
    }
    match found {
        _ if unclear => Found::Unclear,
        Some(paging) => Found::Paged(paging),
        None => Found::Nothing,
    }
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

/// The integer fields `start` (`Page` or `Offset`) and `Limit` of `def`.
fn window<'s>(def: &'s StructDef, start: &str) -> Option<(&'s Field, &'s Field)> {
    let integer = |name: &str| {
        def.fields
            .iter()
            .find(|f| f.wire_name == name && f.ty == TypeRef::Integer)
    };
    Some((integer(start)?, integer("Limit")?))
}

/// `Option<i64>` read from the field of `holder`.
fn read(field: &Field, holder: TokenStream) -> TokenStream {
    let name = ident(&field.rust_name);
    match Slot::of(field.required, field.nullable) {
        Slot::Maybe => quote!(#holder.#name.as_option().copied()),
        Slot::Required => quote!(::core::option::Option::Some(#holder.#name)),
        _ => quote!(#holder.#name),
    }
}

/// Sets the field of `holder` to `value`.
fn write(field: &Field, holder: TokenStream, value: TokenStream) -> TokenStream {
    let name = ident(&field.rust_name);
    match Slot::of(field.required, field.nullable) {
        Slot::Maybe => quote!(#holder.#name = ::twocheckout_rpc::support::Maybe::Value(#value);),
        Slot::Required => quote!(#holder.#name = #value;),
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
