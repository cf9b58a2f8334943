//! A method of an API family that does not exist.

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
    #[api(rpc7)]
    fn getProduct(
        /// Product code.
        Code: String,
    ) -> Product;
}

fn main() {}
