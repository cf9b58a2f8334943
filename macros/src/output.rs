//! What a macro call expands to: one `pub mod` per module of the checked spec.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use twocheckout_codegen::{emit, model};

/// `pub mod <name> { … }` for every module of `spec`, with the generator's module contents.
pub fn modules(spec: &model::Spec) -> syn::Result<TokenStream> {
    spec.modules
        .iter()
        .map(|module| module_item(spec, module))
        .collect()
}

/// One module: exactly the tokens the generator writes for the spec file, wrapped in `pub mod`.
fn module_item(spec: &model::Spec, module: &model::Module) -> syn::Result<TokenStream> {
    let name = syn::parse_str::<syn::Ident>(&module.name).map_err(|_| {
        syn::Error::new(
            Span::call_site(),
            format!("module name `{}` is not an identifier", module.name),
        )
    })?;
    let contents = emit::module(spec, module);
    // A spec without `//!` docs still yields a documented module, so `missing_docs` in the
    // calling crate stays quiet.
    let fallback_doc = module.docs.trim().is_empty().then(|| {
        let text = format!(" Bindings generated from the spec of `{}`.", module.file);
        quote!(#[doc = #text])
    });
    Ok(quote! {
        #fallback_doc
        pub mod #name {
            #contents
        }
    })
}
