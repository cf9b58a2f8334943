//! A wire name that gives no Rust identifier without `#[rust_name]`.

use twocheckout_macros::api;

api! {
    /// A customer.
    #[source("https://docs.2checkout.com/api/customer")]
    struct Customer {
        /// System-generated customer reference.
        "2CheckoutCustomerReference": Option<i64>,
    }
}

fn main() {}
