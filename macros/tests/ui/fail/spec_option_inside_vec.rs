//! `Option` inside a `Vec`.

use twocheckout_macros::api;

api! {
    /// An order.
    #[source("https://docs.2checkout.com/api/order")]
    struct Order {
        /// Coupon codes.
        Coupons: Vec<Option<String>>,
    }
}

fn main() {}
