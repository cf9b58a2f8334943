//! `#[lenient]` without saying why.

use twocheckout_macros::api;

api! {
    /// An order line.
    #[source("https://docs.2checkout.com/api/order")]
    struct Item {
        /// Quantity.
        #[lenient("")]
        Quantity: i64,
    }
}

fn main() {}
