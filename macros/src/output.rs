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

/// One module: exactly the tokens the generator writes for the spec file, wrapped in `pub mod`
/// (the generator gives a module without `//!` docs a placeholder, so it is never undocumented).
fn module_item(spec: &model::Spec, module: &model::Module) -> syn::Result<TokenStream> {
    let name = syn::parse_str::<syn::Ident>(&module.name).map_err(|_| {
        syn::Error::new(
            Span::call_site(),
            format!("module name `{}` is not an identifier", module.name),
        )
    })?;
    let contents = emit::module(spec, module);
    Ok(quote! {
        pub mod #name {
            #contents
        }
    })
}
