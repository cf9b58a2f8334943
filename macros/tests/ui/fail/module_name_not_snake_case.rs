//! `#![module]` with a name that is not a snake_case identifier.

use twocheckout_macros::api;

api! {
    #![module = "Shop"]
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    struct Product {
        /// Product code.
        Code: String,
    }
}

fn main() {}
