//! Two wire names that become the same Rust field.

use twocheckout_macros::api;

api! {
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    struct Product {
        /// Product code.
        ProductCode: String,
        /// Product code, lower case spelling.
        product_code: String,
    }
}

fn main() {}
