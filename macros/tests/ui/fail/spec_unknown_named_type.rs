//! A param naming an object the spec does not define.

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
        /// The product.
        Product: Prodcut,
    ) -> Product;
}

fn main() {}
