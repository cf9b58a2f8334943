//! `#[lenient]` on an object-typed field.

use twocheckout_macros::api;

api! {
    /// A product.
    #[source("https://docs.2checkout.com/api/product")]
    struct Product {
        /// Product code.
        Code: String,
    }

    /// An order line.
    #[source("https://docs.2checkout.com/api/order")]
    struct Item {
        /// The product.
        #[lenient("sent as a string by old accounts")]
        Product: Product,
    }
}

fn main() {}
