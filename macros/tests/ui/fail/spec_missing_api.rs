//! A method without `#[api]`.

use twocheckout_macros::api;

api! {
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    struct Product {
        /// Product code.
        Code: String,
    }

    /// Retrieve a product.
    #[source("https://docs.2checkout.com/api/get-product")]
    fn getProduct(
        /// Product code.
        Code: String,
    ) -> Product;
}

fn main() {}
