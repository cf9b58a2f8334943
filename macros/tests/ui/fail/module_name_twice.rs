//! `#![module]` given twice.

use twocheckout_macros::api;

api! {
    #![module = "shop"]
    #![module = "store"]
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    struct Product {
        /// Product code.
        Code: String,
    }
}

fn main() {}
