//! An enum with payload variants but no `#[tag]`.

use twocheckout_macros::api;

api! {
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    struct Product {
        /// Product code.
        Code: String,
    }

    /// What to do with a product.
    #[source("https://docs.2checkout.com/api/perform-action")]
    enum Action {
        /// Enable it.
        enable(Product),
    }
}

fn main() {}
