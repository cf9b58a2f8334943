//! `()` as a field type.

use twocheckout_macros::api;

api! {
    /// An order.
    #[source("https://docs.2checkout.com/api/order")]
    struct Order {
        /// Nothing at all.
        Nothing: (),
    }
}

fn main() {}
