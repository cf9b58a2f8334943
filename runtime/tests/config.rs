//! Builder validation.

use std::time::Duration;

use twocheckout_rpc::api::{Cm21, Rpc3, Rpc6};
use twocheckout_rpc::{Client, Credentials, Error, RetryPolicy};

fn credentials() -> Credentials {
    Credentials::new("CODE", "KEY")
}

#[test]
fn default_endpoints() {
    assert_eq!(
        Client::<Rpc6>::new(credentials()).unwrap().endpoint(),
        "https://api.2checkout.com/rpc/6.0/"
    );
    assert_eq!(
        Client::<Rpc3>::new(credentials()).unwrap().endpoint(),
        "https://api.avangate.com/rpc/3.0/"
    );
    assert_eq!(
        Client::<Cm21>::new(credentials()).unwrap().endpoint(),
        "https://api.avangate.com/channel-manager/2.1/rpc/"
    );
}

fn build_with(endpoint: &str) -> Result<Client<Rpc6>, Error> {
    Client::<Rpc6>::builder(credentials())
        .endpoint(endpoint)
        .build()
}

#[test]
fn endpoints_are_checked() {
    for ok in [
        "https://proxy.example/rpc/6.0/",
        "http://127.0.0.1:8080/rpc/",
        "http://localhost/rpc/",
        "http://[::1]:9/rpc/",
    ] {
        assert!(build_with(ok).is_ok(), "{ok}");
    }
    for (bad, why) in [
        ("not a url", "not a valid URL"),
        ("http://api.2checkout.com/rpc/6.0/", "plain http"),
        ("ftp://127.0.0.1/", "scheme `ftp`"),
    ] {
        match build_with(bad) {
            Err(Error::Config(message)) => assert!(message.contains(why), "{message}"),
            other => panic!("{bad}: expected a config error, got {other:?}"),
        }
    }
    assert!(
        Client::<Rpc6>::builder(credentials())
            .endpoint("http://10.0.0.5/rpc/")
            .danger_allow_plain_http(true)
            .build()
            .is_ok()
    );
}

#[test]
fn settings_are_checked() {
    let error = Client::<Rpc6>::builder(Credentials::new("", "KEY"))
        .build()
        .unwrap_err();
    assert!(
        matches!(&error, Error::Config(m) if m.contains("merchant code")),
        "{error:?}"
    );
    let error = Client::<Rpc6>::builder(credentials())
        .retry_policy(RetryPolicy {
            max_attempts: 0,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap_err();
    assert!(
        matches!(&error, Error::Config(m) if m.contains("max_attempts")),
        "{error:?}"
    );
    let error = Client::<Rpc6>::builder(credentials())
        .session_renewal_margin(Duration::from_secs(700))
        .build()
        .unwrap_err();
    assert!(
        matches!(&error, Error::Config(m) if m.contains("renewal margin")),
        "{error:?}"
    );
}
