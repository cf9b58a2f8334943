//! An object named like a type the bindings reserve.

use twocheckout_macros::api;

api! {
    /// A client of the merchant.
    #[source("https://docs.2checkout.com/api/client")]
    struct Client {
        /// Client code.
        Code: String,
    }
}

fn main() {}
