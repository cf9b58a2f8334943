//! Bind 2Checkout JSON-RPC methods from spec text at compile time.
//!
//! Two entry points over the very language of `api-spec/README.md`:
//!
//! - [`api!`] takes the spec text inline;
//! - [`include_api!`] reads a spec file of the calling crate.
//!
//! Both expand to exactly what `twocheckout-codegen generate` writes for the same spec, wrapped in
//! a `pub mod`: the request types, the objects with their builders, the enums, and the extension
//! trait `{Module}Methods` that puts every method on the clients of the APIs it belongs to. The
//! expansion refers to the runtime by absolute `::twocheckout_rpc::…` paths, so the calling crate
//! needs `twocheckout-rpc` as a dependency (and nothing else).
//!
//! A spec the checker rejects is a compile error at the offending token (inline text) or at the
//! path literal with `file:line:col` (spec file), every error at once.
//!
//! All the work happens in `twocheckout-codegen`; this crate only hands tokens over and back.

mod errors;
mod include;
mod inline;
mod module_attr;
mod output;

#[cfg(test)]
mod equality;

use proc_macro::TokenStream;

/// Binds the methods and objects of inline spec text.
///
/// The output is one module, `api` unless the input starts with `#![module = "name"]`; its
/// extension trait is named after it in UpperCamelCase (`ApiMethods`, `ShopMethods`).
#[proc_macro]
pub fn api(input: TokenStream) -> TokenStream {
    inline::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Binds the methods and objects of a spec file.
///
/// The path is relative to the calling crate's `Cargo.toml` directory (`CARGO_MANIFEST_DIR`). The
/// output is one module named after the file stem (`specs/shop.api` → `shop`, trait
/// `ShopMethods`); editing the file rebuilds the crate.
#[proc_macro]
pub fn include_api(input: TokenStream) -> TokenStream {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(std::path::PathBuf::from);
    include::expand(input.into(), manifest_dir.as_deref())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
