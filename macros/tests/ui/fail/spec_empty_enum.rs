//! A closed set without values.

use twocheckout_macros::api;

api! {
    /// Discount kind.
    #[source("seed: upgradePartnerSubscriptions")]
    enum AmountType {}
}

fn main() {}
