//! An object named like the extension trait of the module.

use twocheckout_macros::api;

api! {
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    struct ApiMethods {
        /// Product code.
        Code: String,
    }

    /// Retrieve a product.
    #[source("https://docs.2checkout.com/api/get-product")]
    #[api(rpc6)]
    fn getProduct(
        /// Product code.
        Code: String,
    ) -> ApiMethods;
}

fn main() {}
