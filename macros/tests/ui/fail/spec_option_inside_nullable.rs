//! `Nullable<Option<T>>` instead of `Option<Nullable<T>>`.

use twocheckout_macros::api;

api! {
    /// An order.
    #[source("https://docs.2checkout.com/api/order")]
    struct Order {
        /// Purchase order number.
        PoNumber: Nullable<Option<String>>,
    }
}

fn main() {}
