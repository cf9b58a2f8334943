//! A partner method on a real Channel Manager 2.1 client, before `with_partner`.

use twocheckout_macros::api;

api! {
    /// A reseller attached to a partner.
    #[source("https://docs.2checkout.com/channel-manager-api/reseller")]
    struct Reseller {
        /// Partner identifier.
        PartnerCode: String,
        /// Company name.
        Company: String,
        /// Number of seats.
        Seats: Option<i64>,
    }

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
    #[retry_safe]
    fn getProductByCode(
        /// The product code.
        ProductCode: String,
        /// Language of the texts.
        Language: Option<String>,
    ) -> Json;

    /// Update the details of an existing reseller.
    #[source("https://docs.2checkout.com/channel-manager-api/update-reseller")]
    #[api(cm21)]
    #[partner]
    fn updateReseller(
        /// The reseller, with every field to keep.
        Reseller: Reseller,
    ) -> bool;
}
use api::ApiMethods;
use twocheckout_rpc::Client;
use twocheckout_rpc::api::Cm21;

async fn update(client: &Client<Cm21>, reseller: api::Reseller) {
    let _ = client.update_reseller(reseller).await;
}

fn main() {}
