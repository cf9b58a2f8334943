//! An attribute the language does not have.

use twocheckout_macros::api;

api! {
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    #[deprecated]
    struct Product {
        /// Product code.
        Code: String,
    }
}

fn main() {}
