//! A field without its colon.

use twocheckout_macros::api;

api! {
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    struct Product {
        /// Product code.
        Code String,
    }
}

fn main() {}
