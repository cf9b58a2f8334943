//! A spec without `//!` docs still gives a documented module; unused bindings raise no warning
//! in a binary.

#![deny(missing_docs, warnings)]

twocheckout_macros::api! {
    /// Discount or margin kind.
    #[source("seed: upgradePartnerSubscriptions")]
    enum AmountType {
        /// A fixed amount in the order currency.
        FIXED,
        /// A percentage.
        PERCENT,
    }

    /// Retrieve a product by its code.
    #[source("https://docs.2checkout.com/api/get-product-by-code")]
    #[api(rpc6)]
    fn getProductByCode(
        /// The product code.
        ProductCode: String,
    ) -> Json;
}

fn main() {
    assert_eq!(api::AmountType::Fixed.to_string(), "FIXED");
}
