//! The same field written twice.

use twocheckout_macros::api;

api! {
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    struct Product {
        /// Product code.
        Code: String,
        /// Product code, again.
        Code: String,
    }
}

fn main() {}
