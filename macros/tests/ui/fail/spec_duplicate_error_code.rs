//! The same documented error code twice.

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
    #[error(INVALID_PRODUCT, "No product with this code.")]
    #[error(INVALID_PRODUCT, "The product is disabled.")]
    fn getProduct(
        /// Product code.
        Code: String,
    ) -> Product;
}

fn main() {}
