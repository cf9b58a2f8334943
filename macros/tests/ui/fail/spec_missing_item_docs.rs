//! An object without docs.

use twocheckout_macros::api;

api! {
    #[source("https://docs.2checkout.com/api/product")]
    struct Product {
        /// Product code.
        Code: String,
    }
}

fn main() {}
