//! Request types, their `Method` impls and the per-module extension traits.
//!
//! For `fn getPartnerResellers(PartnerCode: String, SearchBy: Option<Pagination>) -> Vec<Reseller>`
//! this emits a request struct `GetPartnerResellers<C = ()>` (required params as constructor
//! arguments, optional ones as chained setters), its `__rpc::Method` impl, one
//! `AvailableOn` impl per scope the method may be sent in, `send()` / `IntoFuture` on a request bound
//! to a client, and a method on the module's extension trait (`ResellerMethods`) that starts the
//! request from any client.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::debug::{self, Holder, Member};
use super::docs::doc_attrs;
use super::names::ident;
use super::types::{self, Slot, slot_type, value_type};
use crate::model::{ApiFamily, Method, Module, Param};

/// All items of one method: request struct, constructors, setters, `Method` impl, scope impls,
/// `send()` and `IntoFuture`.
pub fn method(method: &Method) -> TokenStream {
    let request = request_struct(method);
    let constructors = constructors(method);
    // `Method`, `DecodeParams`, `send()` and `IntoFuture` in one `__method!`.
    let method_impl = method_impl(method);
    let scopes = scope_impls(method);
    quote! {
        #request
        #constructors
        #method_impl
        #scopes
    }
}

/// The extension trait `{Module}Methods` with one starter per method of the module, and its
/// blanket impl for every `__rpc::Scope`. Empty when the module has no methods.
pub fn extension_trait(module: &Module, methods: &[&Method]) -> TokenStream {
    if methods.is_empty() {
        return TokenStream::new();
    }
    let trait_name = extension_trait_ident(module);
    let trait_docs = doc(&format!(
        "Methods of the `{}` module, callable on any client or partner-scoped handle.\n\n\
         Each one starts a request; chain its optional params, then `.await` it (or call \
         `.send()`). A method the client's API does not offer does not compile.",
        module.name
    ));
    let starters = methods.iter().map(|m| starter(m));
    quote! {
        #trait_docs
        pub trait #trait_name: __rpc::Scope + ::core::marker::Sized {
            #(#starters)*
        }

        impl<S: __rpc::Scope> #trait_name for S {}
    }
}

/// The name of a module's extension trait: `reseller` → `ResellerMethods`.
pub fn extension_trait_name(module: &Module) -> String {
    use heck::ToUpperCamelCase;
    format!("{}Methods", module.name.to_upper_camel_case())
}

fn extension_trait_ident(module: &Module) -> syn::Ident {
    ident(&extension_trait_name(module))
}

/// The request struct with its docs.
fn request_struct(method: &Method) -> TokenStream {
    let name = ident(&method.type_name);
    let docs = doc_attrs(&method.docs);
    let extra_docs = method_sections(method)
        .into_iter()
        .map(|line| quote!(#[doc = #line]));
    let fields = method.params.iter().enumerate().map(|(index, p)| {
        let field = ident(&p.rust_name);
        let ty = slot_type(&p.ty, p.required, p.nullable);
        let docs = super::docs::doc_attrs_joined(&p.docs, &[param_position(index, p)]);
        quote! {
            #docs
            pub #field: #ty
        }
    });
    let (derive_debug, debug_impl) = request_debug(method);
    quote! {
        #docs
        #(#extra_docs)*
        #[derive(#derive_debug Clone)]
        #[must_use = "a request does nothing until it is sent or awaited"]
        pub struct #name<C = ()> {
            client: C,
            #(#fields,)*
        }

        #debug_impl
    }
}

/// `Debug,` for the derive list, or a redacting impl (with derive's `C: Debug` bound) when a
/// param is `#[sensitive]`.
fn request_debug(method: &Method) -> (TokenStream, TokenStream) {
    if !method.params.iter().any(|p| p.sensitive) {
        return (quote!(Debug,), TokenStream::new());
    }
    let client = Member {
        rust_name: "client",
        holder: Holder::Plain,
        sensitive: false,
    };
    let members: Vec<Member<'_>> = std::iter::once(client)
        .chain(method.params.iter().map(|p| Member {
            rust_name: &p.rust_name,
            holder: Holder::of(Slot::of(p.required, p.nullable)),
            sensitive: p.sensitive,
        }))
        .collect();
    let client_param = proc_macro2::Ident::new("C", proc_macro2::Span::call_site());
    (
        TokenStream::new(),
        debug::redacting_impl(&method.type_name, &[client_param], &members),
    )
}

/// Where a param goes in the params array and how its absence or `None` is sent.
fn param_position(index: usize, param: &Param) -> String {
    let head = format!("Param {} (`{}`)", index + 1, param.wire_name);
    match (param.required, param.nullable) {
        (true, false) => format!("{head}: required."),
        (true, true) => format!("{head}: required; `None` is sent as `null`."),
        (false, false) => format!(
            "{head}: optional; `None` is omitted when no later param is set, else sent as `null`."
        ),
        (false, true) => format!(
            "{head}: optional; `Absent` is omitted when no later param is set, else sent as \
             `null`; `Null` is always sent as `null`."
        ),
    }
}

/// `new` (required params), the setters of the optional params, `bind` and `unbind`.
fn constructors(method: &Method) -> TokenStream {
    let name = ident(&method.type_name);
    let required: Vec<&Param> = method.params.iter().filter(|p| p.required).collect();
    let args = required.iter().map(|p| {
        let arg = ident(&p.rust_name);
        let ty = arg_type(p);
        quote!(#arg: #ty)
    });
    let inits = method.params.iter().map(|p| {
        let field = ident(&p.rust_name);
        if p.required {
            if takes_into(p) {
                quote!(#field: #field.into())
            } else {
                quote!(#field)
            }
        } else {
            quote!(#field: Default::default())
        }
    });
    let has_optional = method.params.iter().any(|p| !p.required);
    let new_docs = doc(&format!(
        "Creates the `{}` request{}.{} Bind it to a client to send it, or start it from the \
         client directly.",
        method.wire_name,
        if required.is_empty() {
            ""
        } else {
            " from its required params"
        },
        if has_optional {
            " Set optional params with the chained setters."
        } else {
            ""
        },
    ));
    let setters = method.params.iter().filter(|p| !p.required).map(setter);
    // `bind`, `unbind` and `rebind` (which moves every param across) come from `__bind!`.
    let moved = method.params.iter().map(|p| ident(&p.rust_name));
    // Requests built from nothing also get `Default` (clippy's `new_without_default`).
    let default = if required.is_empty() {
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    } else {
        TokenStream::new()
    };
    // The wire API positions its params; a constructor mirroring them may take many.
    let allow_many = if required.len() > 7 {
        quote!(#[allow(clippy::too_many_arguments, reason = "one argument per required param of the method")])
    } else {
        TokenStream::new()
    };
    quote! {
        impl #name {
            #new_docs
            #allow_many
            pub fn new(#(#args),*) -> Self {
                Self {
                    client: (),
                    #(#inits,)*
                }
            }
        }

        #default

        impl<C> #name<C> {
            #(#setters)*

            __rpc::__bind!(#name; #(#moved),*);
        }
    }
}

/// The chained setter of an optional param.
fn setter(param: &Param) -> TokenStream {
    let field = ident(&param.rust_name);
    let value = value_type(&param.ty);
    let summary = summary(&param.docs.text);
    let (docs, arg, store): (TokenStream, TokenStream, TokenStream) = if param.nullable {
        let docs = doc(&format!(
            "Sets the optional param `{}`{summary}\n\nPass a value, or \
             `Maybe::Null` to send an explicit `null`.",
            param.wire_name
        ));
        (docs, quote!(impl Into<Maybe<#value>>), quote!(value.into()))
    } else if takes_into(param) {
        let docs = doc(&format!(
            "Sets the optional param `{}`{summary}",
            param.wire_name
        ));
        (docs, quote!(impl Into<#value>), quote!(Some(value.into())))
    } else {
        let docs = doc(&format!(
            "Sets the optional param `{}`{summary}",
            param.wire_name
        ));
        (docs, value, quote!(Some(value)))
    };
    quote! {
        #docs
        pub fn #field(mut self, value: #arg) -> Self {
            self.#field = #store;
            self
        }
    }
}

/// The `__rpc::Method` impl.
fn method_impl(method: &Method) -> TokenStream {
    let name = ident(&method.type_name);
    let wire = &method.wire_name;
    let retry_safe = method.retry_safe;
    let session = method.session;
    let response = value_type(&method.returns);
    let errors = method.errors.iter().map(|e| {
        let code = &e.code;
        let meaning = &e.meaning;
        quote!(error #code #meaning;)
    });
    let count = param_count_row(method);
    let send_docs = format!(
        " Sends `{}` and decodes its documented response.",
        method.wire_name
    );
    // Each param: position, field, whether it must be given (the decoder's reader too) and
    // its documented name.
    let params = method.params.iter().enumerate().map(|(index, p)| {
        let index = Literal::usize_unsuffixed(index);
        let field = ident(&p.rust_name);
        let documented = &p.wire_name;
        let req = if p.required {
            quote!(required)
        } else {
            quote!(optional)
        };
        quote!(#index #field: #req #documented;)
    });
    quote! {
        __rpc::__method! {
            #name, #wire, #response, retry_safe: #retry_safe, session: #session;
            #(#errors)*
            #count
            send #send_docs;
            #(#params)*
        }
    }
}

/// The `count` row of `__method!`, giving `param_count`: the position of the last present
/// param. Required params are always present; optional ones count from the last one that is
/// set, so trailing absent ones are omitted. `counted` when an optional param is written only
/// below the count.
fn param_count_row(method: &Method) -> TokenStream {
    let required = method.params.iter().filter(|p| p.required).count();
    let mut branches = Vec::new();
    for (index, p) in method.params.iter().enumerate().rev() {
        if p.required {
            break;
        }
        let field = ident(&p.rust_name);
        let present = if p.nullable {
            quote!(not_absent)
        } else {
            quote!(is_some)
        };
        let count = Literal::usize_unsuffixed(index + 1);
        branches.push(quote!(#field #present #count,));
    }
    let required = Literal::usize_unsuffixed(required);
    let mode = if method.params.iter().any(|p| !p.required) {
        quote!(counted)
    } else {
        quote!(fixed)
    };
    quote!(count #mode: #(#branches)* #required;)
}

/// The scope markers a method is available on.
///
/// `rpc6` and `cm6` → the 6.0 endpoint; `rpc3` → the 3.0 endpoint; `cm21` → the Channel Manager
/// 2.1 client and its partner-scoped handle, or the partner-scoped handle only for `#[partner]`,
/// or the cart handle only for `#[cart]`.
pub fn scopes(method: &Method) -> Vec<TokenStream> {
    let mut rpc6 = false;
    let mut rpc3 = false;
    let mut cm21 = false;
    for api in &method.apis {
        match api {
            ApiFamily::Rpc6 | ApiFamily::Cm6 => rpc6 = true,
            ApiFamily::Rpc3 => rpc3 = true,
            ApiFamily::Cm21 => cm21 = true,
        }
    }
    let mut out = Vec::new();
    if rpc6 {
        out.push(quote!(__rpc::api::Rpc6));
    }
    if rpc3 {
        out.push(quote!(__rpc::api::Rpc3));
    }
    if cm21 && method.cart {
        out.push(quote!(__rpc::api::Cart<__rpc::api::Cm21>));
    } else if cm21 {
        if !method.partner {
            out.push(quote!(__rpc::api::Cm21));
        }
        out.push(quote!(__rpc::api::Partner<__rpc::api::Cm21>));
    }
    out
}

fn scope_impls(method: &Method) -> TokenStream {
    let name = ident(&method.type_name);
    let impls = scopes(method)
        .into_iter()
        .map(|scope| quote!(impl<C> __rpc::AvailableOn<#scope> for #name<C> {}));
    quote!(#(#impls)*)
}

/// One method of the extension trait.
fn starter(method: &Method) -> TokenStream {
    let name = ident(&method.type_name);
    let fn_name = ident(&method.rust_name);
    let required: Vec<&Param> = method.params.iter().filter(|p| p.required).collect();
    let args = required.iter().map(|p| {
        let arg = ident(&p.rust_name);
        let ty = arg_type(p);
        quote!(#arg: #ty)
    });
    let pass = required.iter().map(|p| ident(&p.rust_name));
    let summary = summary(&method.docs.text);
    let docs = doc(&format!(
        "`{}`{summary}\n\nStarts a [`{}`] request on this client; `.await` it to send it.",
        method.wire_name, method.type_name
    ));
    // With `&self`, more than six arguments trips clippy's `too_many_arguments`.
    let allow_many = if required.len() > 6 {
        quote!(#[allow(clippy::too_many_arguments, reason = "one argument per required param of the method")])
    } else {
        TokenStream::new()
    };
    quote! {
        #docs
        #allow_many
        fn #fn_name(&self, #(#args),*) -> #name<&Self>
        where
            #name: __rpc::AvailableOn<Self::Marker>,
        {
            #name::new(#(#pass),*).bind(self)
        }
    }
}

/// `#[doc]` attributes for a text, one per line, each with the leading space rustdoc expects.
fn doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// Whether a param's argument is taken as `impl Into<T>` (text-like values). A required nullable
/// param takes its `Option<T>` as is.
fn takes_into(param: &Param) -> bool {
    !(param.required && param.nullable) && types::takes_into(&param.ty)
}

/// The constructor argument type of a required param.
fn arg_type(param: &Param) -> TokenStream {
    if takes_into(param) {
        let value = value_type(&param.ty);
        quote!(impl Into<#value>)
    } else {
        slot_type(&param.ty, param.required, param.nullable)
    }
}

/// `: ` and the first paragraph of a doc text on one line, or `.` when there is no text.
fn summary(text: &str) -> String {
    let paragraph: Vec<&str> = text
        .trim()
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .collect();
    let paragraph = paragraph.join(" ");
    if paragraph.is_empty() {
        ".".to_owned()
    } else {
        format!(": {paragraph}")
    }
}

/// Doc lines after the spec docs: availability, partner requirement, retry safety, errors.
fn method_sections(method: &Method) -> Vec<String> {
    let mut lines = vec![String::new(), " # Calling".to_owned(), String::new()];
    lines.push(format!(" - Wire name: `{}`.", method.wire_name));
    let apis: Vec<String> = method
        .apis
        .iter()
        .map(|api| format!("{} (`{}`)", api_title(*api), api.spec_name()))
        .collect();
    lines.push(format!(" - API families: {}.", apis.join(", ")));
    if method.cart {
        lines.push(
            " - Works on the cart kept in the session: send it on a cart handle \
             (`client.with_partner(code).cart()`), which owns its session for the cart's \
             lifetime."
                .to_owned(),
        );
    } else if method.partner {
        lines.push(
            " - Needs a partner context: send it on a partner-scoped handle \
             (`client.with_partner(code)`)."
                .to_owned(),
        );
    }
    if method.retry_safe {
        lines.push(
            " - Retry safe: sent again automatically after a transport error or a 5xx.".to_owned(),
        );
    } else {
        lines.push(" - Not retry safe: never sent twice automatically.".to_owned());
    }
    if !method.session {
        lines.push(" - Sent without a session id.".to_owned());
    }
    let mut params = method.params.iter().peekable();
    if params.peek().is_some() {
        let names: Vec<String> = method
            .params
            .iter()
            .map(|p| {
                let presence = match (p.required, p.nullable) {
                    (true, false) => "",
                    (true, true) => " (nullable)",
                    (false, false) => " (optional)",
                    (false, true) => " (optional, nullable)",
                };
                format!("`{}`{presence}", p.wire_name)
            })
            .collect();
        lines.push(format!(" - Params, in order: {}.", names.join(", ")));
    }
    if !method.errors.is_empty() {
        lines.extend([
            String::new(),
            " # Documented errors".to_owned(),
            String::new(),
            " | Code | Meaning |".to_owned(),
            " |---|---|".to_owned(),
        ]);
        for error in &method.errors {
            lines.push(format!(
                " | `{}` | {} |",
                error.code.replace('`', "'").replace('|', "\\|"),
                escape_inline(&error.meaning)
            ));
        }
    }
    lines
}

/// The human name of an API family.
fn api_title(api: ApiFamily) -> &'static str {
    match api {
        ApiFamily::Rpc6 => "JSON-RPC 6.0",
        ApiFamily::Rpc3 => "JSON-RPC 3.0",
        ApiFamily::Cm21 => "Channel Manager 2.1",
        ApiFamily::Cm6 => "Channel Manager 6.0",
    }
}

/// Escapes Markdown that rustdoc would otherwise read as links, HTML or table cells.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '[' | ']' | '<' | '>' | '|' | '*' | '_' | '`' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Location, TypeRef};

    fn method(apis: &[ApiFamily], partner: bool) -> Method {
        Method {
            wire_name: "getThing".into(),
            rust_name: "get_thing".into(),
            type_name: "GetThing".into(),
            docs: Default::default(),
            apis: apis.to_vec(),
            partner,
            cart: false,
            retry_safe: false,
            session: true,
            params: Vec::new(),
            returns: TypeRef::Bool,
            errors: Vec::new(),
            location: Location::default(),
        }
    }

    fn scope_names(apis: &[ApiFamily], partner: bool) -> Vec<String> {
        scopes(&method(apis, partner))
            .iter()
            .map(|s| s.to_string().replace(' ', ""))
            .collect()
    }

    #[test]
    fn api_families_map_to_scopes() {
        use ApiFamily::*;
        let rpc6 = "__rpc::api::Rpc6";
        let rpc3 = "__rpc::api::Rpc3";
        let cm21 = "__rpc::api::Cm21";
        let partner = "__rpc::api::Partner<__rpc::api::Cm21>";
        assert_eq!(scope_names(&[Rpc6], false), [rpc6]);
        assert_eq!(scope_names(&[Cm6], false), [rpc6]);
        assert_eq!(
            scope_names(&[Rpc6, Cm6], false),
            [rpc6],
            "one impl per scope"
        );
        assert_eq!(scope_names(&[Rpc3], false), [rpc3]);
        assert_eq!(scope_names(&[Cm21], false), [cm21, partner]);
        assert_eq!(scope_names(&[Cm21], true), [partner]);
        assert_eq!(scope_names(&[Cm21, Cm6], true), [rpc6, partner]);
        assert_eq!(
            scope_names(&[Rpc6, Rpc3, Cm21, Cm6], false),
            [rpc6, rpc3, cm21, partner]
        );
        let cart = Method {
            cart: true,
            ..method(&[Cm21], true)
        };
        let names: Vec<String> = scopes(&cart)
            .iter()
            .map(|s| s.to_string().replace(' ', ""))
            .collect();
        assert_eq!(
            names,
            ["__rpc::api::Cart<__rpc::api::Cm21>"],
            "cart methods go on the cart handle only"
        );
    }

    #[test]
    fn summaries_take_the_first_paragraph_on_one_line() {
        assert_eq!(
            summary("First line\nsecond line.\n\nMore."),
            ": First line second line."
        );
        assert_eq!(summary("  "), ".");
    }

    #[test]
    fn table_cells_escape_markdown() {
        assert_eq!(
            escape_inline("Add [Code] <x> | a_b\nnext"),
            "Add \\[Code\\] \\<x\\> \\| a\\_b next"
        );
    }
}
