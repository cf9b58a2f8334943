//! `#[partner]` on a method outside Channel Manager 2.1.

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
    #[api(rpc6)]
    #[partner]
    fn getProduct(
        /// Product code.
        Code: String,
    ) -> Product;
}

fn main() {}
