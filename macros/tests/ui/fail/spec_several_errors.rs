//! Every error of the spec is reported at once.

use twocheckout_macros::api;

api! {
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    struct Product {
        /// Product code.
        Code: Strng,
        Name: String,
    }

    /// Retrieve a product.
    #[api(rpc6)]
    fn getProduct(
        /// Product code.
        Code: String,
    ) -> Prodct;
}

fn main() {}
