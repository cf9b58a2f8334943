//! A field of a type the spec does not define.

use twocheckout_macros::api;

api! {
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    struct Product {
        /// Product code.
        Code: Strng,
    }
}

fn main() {}
