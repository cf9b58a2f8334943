//! Bindings from inline spec text: builders, requests, enums and the extension trait.

use twocheckout_macros::api;
use twocheckout_rpc::Scope;
use twocheckout_rpc::api::{Cm21, Partner, Rpc6};

api! {
    #![module = "shop"]
    //! A few methods of the merchant and Channel Manager APIs.

    /// A reseller attached to a partner.
    #[source("https://docs.2checkout.com/channel-manager-api/reseller")]
    struct Reseller {
        /// Partner identifier.
        PartnerCode: String,
        /// Company name.
        Company: String,
        /// Phone number. Can be NULL.
        Phone: Option<Nullable<String>>,
        /// Discount kind applied to the reseller's orders.
        DiscountType: Option<AmountType>,
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
    ) -> Json;

    /// Update the details of an existing reseller.
    #[source("https://docs.2checkout.com/channel-manager-api/update-reseller")]
    #[api(cm21)]
    #[partner]
    fn updateReseller(
        /// The reseller, with every field to keep.
        Reseller: Reseller,
        /// Whether to notify the reseller.
        Notify: Option<bool>,
    ) -> bool;
}

use shop::{AmountType, GetProductByCode, Reseller, ShopMethods, UpdateReseller};
use twocheckout_rpc::Method;

/// Builds the requests a merchant client sends: only methods of its API are offered.
fn merchant_calls<S: Scope<Marker = Rpc6>>(client: &S) -> GetProductByCode<&S> {
    client.get_product_by_code("NewProdCodeAPI12345")
}

/// A partner-scoped handle of Channel Manager 2.1 can update resellers.
fn partner_calls<S: Scope<Marker = Partner<Cm21>>>(client: &S, reseller: Reseller) -> UpdateReseller<&S> {
    client.update_reseller(reseller).notify(true)
}

fn main() {
    let reseller = Reseller::builder()
        .partner_code("Test Avangate")
        .company("Reseller Inc.")
        .build();
    assert_eq!(reseller.partner_code, "Test Avangate");
    assert_eq!(AmountType::Fixed.as_str(), "FIXED");

    let request = UpdateReseller::new(reseller).notify(false);
    assert_eq!(<UpdateReseller as Method>::NAME, "updateReseller");
    assert_eq!(request.param_count(), 2);
    assert!(<GetProductByCode as Method>::RETRY_SAFE);

    let _ = merchant_calls::<NoClient<Rpc6>>;
    let _ = partner_calls::<NoClient<Partner<Cm21>>>;
}

/// A scope that is never called: it only gives the functions above a concrete type.
struct NoClient<M>(std::marker::PhantomData<M>);

impl<M: Send + Sync> Scope for NoClient<M> {
    type Marker = M;

    fn call<'a, T>(&'a self, _method: T) -> twocheckout_rpc::CallFuture<'a, T::Response>
    where
        T: twocheckout_rpc::Method + twocheckout_rpc::AvailableOn<M> + Send + Sync + 'a,
    {
        Box::pin(std::future::pending())
    }
}
