//! An object without `#[source]`.

use twocheckout_macros::api;

api! {
    /// A product.
    struct Product {
        /// Product code.
        Code: String,
    }
}

fn main() {}
