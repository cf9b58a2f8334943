//! A field named like the catch-all of unknown fields.

use twocheckout_macros::api;

api! {
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    struct Product {
        /// Fields nobody documented.
        unknown_fields: String,
    }
}

fn main() {}
