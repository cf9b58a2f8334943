//! A method attribute on an object.

use twocheckout_macros::api;

api! {
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    #[retry_safe]
    struct Product {
        /// Product code.
        Code: String,
    }
}

fn main() {}
