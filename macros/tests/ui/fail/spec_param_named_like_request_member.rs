//! A param whose Rust name the request type already uses.

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
    fn getProduct(
        /// Who asks.
        Client: String,
    ) -> Product;
}

fn main() {}
