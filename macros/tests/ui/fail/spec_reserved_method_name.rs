//! A method whose Rust name is reserved by the request types.

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
    fn send(
        /// Product code.
        Code: String,
    ) -> Product;
}

fn main() {}
