//! Assembly of one module per spec file and of the crate root.
//!
//! Every module glob-imports the crate root (`use super::*;`) and the root re-exports every
//! module (`pub use reseller::*;`), so generated code names spec types by their bare identifier
//! wherever they are defined.

use proc_macro2::TokenStream;
use quote::quote;

use super::methods::{extension_trait, extension_trait_name, method};
use super::names::ident;
use super::types::type_def;
use crate::model::{Method, Module, Spec, TypeDef};

/// Items of the runtime re-exported at the crate root, so users need only this crate.
///
/// Each entry is a path below `::twocheckout_rpc`.
pub const RUNTIME_REEXPORTS: &[&str] = &[
    "Client",
    "ClientBuilder",
    "PartnerClient",
    "Credentials",
    "SecretKey",
    "RetryPolicy",
    "auth::HashAlgorithm",
    "Error",
    "RpcError",
    "RpcCode",
    "Method",
    "Scope",
    "AvailableOn",
    "CallFuture",
    "api",
    "support::Date",
    "support::DateTime",
    "support::Extra",
    "support::Json",
    "support::Maybe",
];

/// Names the crate root defines itself, which no module or item may take.
pub const ROOT_NAMES: &[&str] = &["rpc", "prelude"];

/// The types of `module`, in name order.
pub fn module_types<'s>(spec: &'s Spec, module: &Module) -> Vec<&'s TypeDef> {
    spec.types
        .iter()
        .filter(|t| t.location().file == module.file)
        .collect()
}

/// The methods of `module`, in wire-name order.
pub fn module_methods<'s>(spec: &'s Spec, module: &Module) -> Vec<&'s Method> {
    spec.methods
        .iter()
        .filter(|m| m.location.file == module.file)
        .collect()
}

/// The runtime names emitted items use unqualified (short names keep the generated code small):
/// the first lines of every generated module, and of anything else that holds emitted types.
pub fn runtime_imports() -> TokenStream {
    quote! {
        #[allow(unused_imports)]
        use ::twocheckout_rpc::{
            self as __rpc,
            __private::serde::de::MapAccess as __MapAccess,
            __private::serde::ser::SerializeSeq as __SerializeSeq,
            support::object::Object as __Object,
            support::reader::Reader as __Reader,
            support::wire::{FieldMap as __FieldMap, Fields as __Fields},
            support::{Date, DateTime, Extra, Json, Maybe, Money, Provided, Set, Unset, WireForms},
        };
    }
}

/// One module of the generated crate: its docs, the glob import of the crate root, its types,
/// its methods, then its extension trait.
pub fn module(spec: &Spec, module: &Module) -> TokenStream {
    let docs = inner_docs(&module.docs, &module.name);
    let types = module_types(spec, module)
        .into_iter()
        .map(|t| type_def(t, spec));
    let methods = module_methods(spec, module);
    let requests = methods
        .iter()
        .map(|m| {
            let request = method(m);
            let pages = super::pages::paginated(m, spec);
            quote!(#request #pages)
        })
        .collect::<Vec<_>>();
    let extension = extension_trait(module, &methods);
    let imports = runtime_imports();
    quote! {
        #docs
        #![allow(non_camel_case_types, reason = "builder markers are named `Type_field`, so a missing field's compile error names both")]
        #[allow(unused_imports)]
        use super::*;
        #imports

        #(#types)*
        #(#requests)*
        #extension
    }
}

/// The crate root: docs, `pub mod` and `pub use` per module, runtime re-exports, the prelude.
///
/// With `features`, each module, its re-exports, its prelude entry and its types' visits are
/// behind the cargo feature named after the module.
pub fn crate_root(spec: &Spec, features: bool) -> TokenStream {
    let gate = |module: &str| {
        if features {
            quote!(#[cfg(feature = #module)])
        } else {
            TokenStream::new()
        }
    };
    let docs = inner_docs(&crate_docs(spec, features), "twocheckout");
    let mods = spec.modules.iter().map(|m| {
        let name = ident(&m.name);
        let first_line = m.docs.lines().next().unwrap_or_default().trim().to_owned();
        let doc = if first_line.is_empty() {
            format!(" Items of `{}`.", m.file)
        } else {
            format!(" {first_line}")
        };
        // The generator formats its output (prettyplease); rustfmt would reformat it and make
        // `cargo fmt --check` fail on files nobody edits by hand.
        let feature = gate(&m.name);
        quote! {
            #[doc = #doc]
            #feature
            #[rustfmt::skip]
            pub mod #name;
        }
    });
    let globs = spec.modules.iter().map(|m| {
        let name = ident(&m.name);
        let feature = gate(&m.name);
        quote! {
            #feature
            pub use #name::*;
        }
    });
    let runtime = RUNTIME_REEXPORTS.iter().map(|path| {
        let segments = path.split("::").map(ident);
        quote!(pub use ::twocheckout_rpc::#(#segments)::*;)
    });
    let prelude = spec
        .modules
        .iter()
        .filter(|m| !module_methods(spec, m).is_empty())
        .map(|m| {
            let name = ident(&extension_trait_name(m));
            let feature = gate(&m.name);
            quote! {
                #feature
                pub use super::#name;
            }
        });
    let visits = spec.types.iter().map(|t| {
        let ty = ident(t.name());
        let name = t.name();
        let feature = gate(
            spec.module_of(t.location())
                .map(|m| m.name.as_str())
                .unwrap_or_default(),
        );
        quote! {
            #feature
            visitor.visit::<#ty>(#name);
        }
    });
    let method_visits = spec.methods.iter().map(|m| {
        let ty = ident(&m.type_name);
        let module = crate::load::module_name(&m.location.file);
        let feature = gate(&module);
        quote! {
            #feature
            visitor.visit::<#ty>(#module);
        }
    });
    quote! {
        #docs
        #![deny(missing_docs)]
        #![cfg_attr(rustfmt, rustfmt::skip)]

        #(#mods)*

        #(#globs)*

        /// The client core these bindings are built on.
        pub use ::twocheckout_rpc as rpc;
        #(#runtime)*

        /// Every extension trait, so `use twocheckout::prelude::*;` makes all methods callable.
        pub mod prelude {
            #(#prelude)*
        }

        /// Visits every named type (the property tests reach every type through it).
        #[doc(hidden)]
        pub trait __TypeVisitor {
            /// Called once per type, with its name.
            fn visit<T>(&mut self, name: &'static str)
            where
                T: ::twocheckout_rpc::__private::serde::Serialize
                    + ::twocheckout_rpc::__private::serde::de::DeserializeOwned
                    + ::core::cmp::PartialEq
                    + ::core::fmt::Debug;
        }

        /// Calls `visitor` with every named type, in name order.
        #[doc(hidden)]
        pub fn __visit_types<V: __TypeVisitor>(visitor: &mut V) {
            let _ = &visitor;
            #(#visits)*
        }

        /// Visits every method's request type (the fuzz targets decode every response type
        /// through it).
        #[doc(hidden)]
        pub trait __MethodVisitor {
            /// Called once per method, with the module that defines it.
            fn visit<M: ::twocheckout_rpc::Method>(&mut self, module: &'static str);
        }

        /// Calls `visitor` with every method's request type, in the spec's method order.
        #[doc(hidden)]
        pub fn __visit_methods<V: __MethodVisitor>(visitor: &mut V) {
            let _ = &visitor;
            #(#method_visits)*
        }
    }
}

/// The crate's own documentation: what it is and how it is organised.
fn crate_docs(spec: &Spec, features: bool) -> String {
    let mut text = String::from(
        "Typed bindings for the 2Checkout (Avangate / Verifone) JSON-RPC APIs.\n\n\
         Generated from the spec in `api-spec/` by `twocheckout-codegen`; the client core is \
         [`rpc`].\n\n\
         Every method is a request type (`GetProductByCode`) whose required params are \
         constructor arguments and optional params chained setters. Its response type is fixed \
         by the request type. Start a request from a client with the method of the module's \
         extension trait (all are in [`prelude`]) and `.await` it.\n\n",
    );
    if let Some(example) = example(spec) {
        text.push_str(&example);
    }
    text.push_str(
        "Channel Manager partner methods are sent on a partner-scoped handle: \
         `client.with_partner(code)` on a `Client<Cm21>`. A method the client's API does not \
         offer, or a partner method sent without a partner context, does not compile.\n\n",
    );
    if features {
        text.push_str(
            "# Features\n\n\
             Each module below is behind the cargo feature of the same name, which also enables \
             the modules whose types it uses. `default` enables every module (and `time`, typed \
             date access); to build only the areas you call, depend on the crate with \
             `default-features = false, features = [\"order\", \"subscription\"]`.\n\n",
        );
    }
    text.push_str("# Modules\n\n");
    for module in &spec.modules {
        let first_line = module.docs.lines().next().unwrap_or_default().trim();
        let (types, methods) = (
            module_types(spec, module).len(),
            module_methods(spec, module).len(),
        );
        text.push_str(&format!(
            "- [`{}`] — {} ({}, {})\n",
            module.name,
            if first_line.is_empty() {
                module.file.as_str()
            } else {
                first_line
            },
            count(types, "type"),
            count(methods, "method")
        ));
    }
    text
}

/// `1 method`, `2 methods`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A compiled (not run) example calling the first method, by wire name, that a JSON-RPC 6.0
/// client can send without a partner and whose required params are all strings.
fn example(spec: &Spec) -> Option<String> {
    use crate::model::{ApiFamily, TypeRef};

    let method = spec.methods.iter().find(|m| {
        m.session
            && m.apis
                .iter()
                .any(|a| matches!(a, ApiFamily::Rpc6 | ApiFamily::Cm6))
            && m.params
                .iter()
                .filter(|p| p.required)
                .all(|p| p.ty == TypeRef::String && !p.nullable)
    })?;
    let args: Vec<String> = method
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| format!("{:?}", p.wire_name))
        .collect();
    Some(format!(
        "```no_run\n\
         use twocheckout::prelude::*;\n\
         use twocheckout::{{api::Rpc6, Client, Credentials}};\n\
         \n\
         # async fn run() -> Result<(), twocheckout::Error> {{\n\
         let credentials = Credentials::from_env().expect(\"TWOCHECKOUT_MERCHANT_CODE and _SECRET_KEY\");\n\
         let client = Client::<Rpc6>::new(credentials)?;\n\
         let response = client.{}({}).await?;\n\
         # let _ = response;\n\
         # Ok(())\n\
         # }}\n\
         ```\n\n",
        method.rust_name,
        args.join(", ")
    ))
}

/// `#![doc = …]` lines for a text; a placeholder naming `what` when the text is empty, so the
/// item is never undocumented.
fn inner_docs(text: &str, what: &str) -> TokenStream {
    let text = text.trim();
    let fallback;
    let text = if text.is_empty() {
        fallback = format!("Items of `{what}`.");
        fallback.as_str()
    } else {
        text
    };
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #line])
    });
    quote!(#(#lines)*)
}
