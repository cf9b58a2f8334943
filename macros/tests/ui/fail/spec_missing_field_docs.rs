//! A field without docs.

use twocheckout_macros::api;

api! {
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    struct Product {
        Code: String,
    }
}

fn main() {}
