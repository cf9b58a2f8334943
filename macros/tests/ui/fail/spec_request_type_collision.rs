//! An object named like the request type of a method.

use twocheckout_macros::api;

api! {
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    struct GetProduct {
        /// Product code.
        Code: String,
    }

    /// Retrieve a product.
    #[source("https://docs.2checkout.com/api/get-product")]
    #[api(rpc6)]
    fn getProduct(
        /// Product code.
        Code: String,
    ) -> GetProduct;
}

fn main() {}
