//! Bind 2Checkout JSON-RPC methods from spec text at compile time.
//!
//! Two entry points over the very language of `api-spec/README.md`:
//!
//! - [`api!`] takes the spec text inline;
//! - [`include_api!`] reads spec files of the calling crate.
//!
//! Both expand to exactly what `twocheckout-codegen generate` writes for the same spec (a test
//! compares them byte for byte), wrapped in a `pub mod`: the request types, the objects with their
//! builders, the enums and unions, and the extension trait `{Module}Methods` that puts every
//! method on the clients of the APIs it belongs to. The expansion names the runtime by absolute
//! `::twocheckout_rpc::…` paths, so the calling crate needs `twocheckout-rpc` as a dependency and
//! nothing else.
//!
//! # Binding a method the spec does not have yet
//!
//! Write it in the spec language, call it through the client you already have:
//!
//! ```
//! use twocheckout_macros::api;
//!
//! api! {
//!     //! Methods this application needs before the bindings have them.
//!
//!     /// A product, as far as this application reads it.
//!     #[source("https://docs.2checkout.com/api/get-product-by-code")]
//!     struct Product {
//!         /// Product code.
//!         ProductCode: String,
//!         /// Product name.
//!         ProductName: String,
//!         /// Whether the product can be bought.
//!         Enabled: Option<bool>,
//!     }
//!
//!     /// Retrieve a product by its code.
//!     #[source("https://docs.2checkout.com/api/get-product-by-code")]
//!     #[api(rpc6)]
//!     #[retry_safe]
//!     #[error(INVALID_PRODUCT, "No product with this code.")]
//!     fn getProductByCode(
//!         /// The product code.
//!         ProductCode: String,
//!         /// Language of the texts.
//!         Language: Option<String>,
//!     ) -> Product;
//! }
//!
//! use api::ApiMethods;
//!
//! async fn product_name(
//!     client: &twocheckout_rpc::Client<twocheckout_rpc::api::Rpc6>,
//! ) -> Result<String, twocheckout_rpc::Error> {
//!     // Required params are arguments, optional ones chained setters; the response type
//!     // is the one the spec declares.
//!     let product = client
//!         .get_product_by_code("NewProdCodeAPI12345")
//!         .language("en")
//!         .await?;
//!     Ok(product.product_name)
//! }
//!
//! fn main() {
//!     // Requests are plain values too, ready for `client.call(…)`.
//!     let request = api::GetProductByCode::new("NewProdCodeAPI12345");
//!     assert_eq!(request.product_code, "NewProdCodeAPI12345");
//! #   let _ = product_name;
//! }
//! ```
//!
//! The module is `api` and its trait `ApiMethods` unless the text starts with
//! `#![module = "name"]` (then `name` and `NameMethods`). Once the method is in `api-spec/` and the
//! bindings are regenerated, delete the block and import the generated trait instead: the calls
//! stay the same.
//!
//! # What the compiler checks
//!
//! Everything the generated bindings check: required params and object fields, types, enum
//! variants, and the API a method belongs to. A partner method of Channel Manager 2.1 needs a
//! partner-scoped handle:
//!
//! ```compile_fail
//! twocheckout_macros::api! {
//!     /// A reseller.
//!     #[source("https://docs.2checkout.com/channel-manager-api/reseller")]
//!     struct Reseller {
//!         /// Reseller code.
//!         ResellerCode: String,
//!     }
//!
//!     /// Update a reseller.
//!     #[source("https://docs.2checkout.com/channel-manager-api/update-reseller")]
//!     #[api(cm21)]
//!     #[partner]
//!     fn updateReseller(
//!         /// The reseller.
//!         Reseller: Reseller,
//!     ) -> bool;
//! }
//!
//! use api::ApiMethods;
//!
//! async fn update(client: &twocheckout_rpc::Client<twocheckout_rpc::api::Cm21>) {
//!     let reseller = api::Reseller::builder().reseller_code("Q6WSZXXAA7").build();
//!     // error: `UpdateReseller` cannot be sent on a `Cm21` client
//!     // (`client.with_partner("Test Avangate").update_reseller(reseller)` compiles)
//!     let _ = client.update_reseller(reseller).await;
//! }
//!
//! fn main() {}
//! ```
//!
//! # Errors in the spec
//!
//! A spec the checker rejects is a compile error, every error at once: at the offending token for
//! inline text, at the path literal with `file:line:col` for a spec file. For instance a misspelled
//! type gives `unknown type `Strng`` under the misspelling, with the hint `did you mean
//! `String`?`.
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
/// extension trait is named after it in UpperCamelCase (`ApiMethods`, `ShopMethods`). Choose
/// another name when `api` is taken where the macro is called (by `use twocheckout_rpc::api;`, or
/// a second `api!`). The text must stand alone: it cannot name types of the generated crate.
/// Errors in the text are reported at the offending tokens.
///
/// ```
/// twocheckout_macros::api! {
///     #![module = "catalog"]
///     //! The discount kinds of partner subscriptions.
///
///     /// Discount or margin kind.
///     #[source("seed: upgradePartnerSubscriptions")]
///     enum AmountType {
///         /// A fixed amount in the order currency.
///         FIXED,
///         /// A percentage.
///         PERCENT,
///     }
/// }
///
/// fn main() {
///     use catalog::AmountType;
///     assert_eq!(AmountType::Percent.as_str(), "PERCENT");
///     // Values the spec does not list are kept, never an error.
///     assert_eq!(AmountType::from("TIERED"), AmountType::Unknown("TIERED".to_owned()));
/// }
/// ```
#[proc_macro]
pub fn api(input: TokenStream) -> TokenStream {
    inline::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Binds the methods and objects of one or more spec files.
///
/// Paths are relative to the calling crate's `Cargo.toml` directory (`CARGO_MANIFEST_DIR`). Each
/// file becomes one module named after its stem (`specs/shop.api` → `shop`, trait
/// `ShopMethods`); editing a file rebuilds the crate. The files are checked as one spec, so one
/// may use the types of another; with several files the modules are also glob re-exported, as in
/// the generated crate, so each finds the others' types. Errors are reported at the path literal
/// of the file they are in, each with `file:line:col`.
///
/// ```
/// twocheckout_macros::include_api!("tests/specs/shop.api");
///
/// fn main() {
///     let reseller = shop::Reseller::builder()
///         .reseller_code("Q6WSZXXAA7")
///         .company("Reseller Inc.")
///         .build();
///     let request = shop::UpdateReseller::new(reseller);
///     assert_eq!(request.reseller.company, "Reseller Inc.");
/// }
/// ```
#[proc_macro]
pub fn include_api(input: TokenStream) -> TokenStream {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(std::path::PathBuf::from);
    include::expand(input.into(), manifest_dir.as_deref())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
