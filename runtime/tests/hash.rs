//! Login hash vectors and the login request itself.

mod common;

use common::methods::Echo;
use common::{Account, MERCHANT, SECRET, echo_server};
use twocheckout_rpc::api::{Cm21, Rpc3, Rpc6};
use twocheckout_rpc::auth::{HashAlgorithm, hash_source, login_hash};
use twocheckout_rpc::{Client, Credentials};

const CODE: &str = "AVANGATE";
const DATE: &str = "2010-05-13 12:12:12";
const KEY: &str = "SECRET_KEY";

#[test]
fn documented_source_string() {
    assert_eq!(hash_source(CODE, DATE), "8AVANGATE192010-05-13 12:12:12");
}

#[test]
fn md5_vector() {
    assert_eq!(
        login_hash(HashAlgorithm::Md5, CODE, DATE, KEY),
        "bf763db7d333e9c3038698cf59ada3e6"
    );
}

#[test]
fn sha256_vector() {
    assert_eq!(
        login_hash(HashAlgorithm::Sha256, CODE, DATE, KEY),
        "29e85dbf92ce0113e7755c31c0438a7db98a4de9f910bf0a527e005f35e43739"
    );
}

#[test]
fn sha3_256_vector() {
    assert_eq!(
        login_hash(HashAlgorithm::Sha3_256, CODE, DATE, KEY),
        "0c7e9c0c96148e5bf8e199a0a0e27977edc099ff0b27794e761853b96e04c7fb"
    );
}

#[test]
fn lengths_are_byte_lengths() {
    // 6 Cyrillic letters: 6 characters, 12 bytes.
    let code = "МАГАЗИ";
    assert_eq!(code.chars().count(), 6);
    assert_eq!(hash_source(code, DATE), format!("12{code}19{DATE}"));
    let by_bytes = login_hash(HashAlgorithm::Md5, code, DATE, KEY);
    assert_ne!(by_bytes, login_hash(HashAlgorithm::Md5, "МАГАЗ", DATE, KEY));
    assert_eq!(by_bytes.len(), 32);
}

#[test]
fn long_keys_are_accepted() {
    let key = "k".repeat(1000);
    assert_eq!(
        login_hash(HashAlgorithm::Sha256, CODE, DATE, &key).len(),
        64
    );
}

fn is_login_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

#[tokio::test]
async fn login_params_per_algorithm() {
    for (algorithm, algo_param) in [
        (HashAlgorithm::Md5, None),
        (HashAlgorithm::Sha256, Some("sha256")),
        (HashAlgorithm::Sha3_256, Some("SHA3-256")),
    ] {
        let account = Account::new();
        let server = echo_server(account.clone()).await;
        let client = Client::<Rpc6>::builder(Credentials::new(MERCHANT, SECRET))
            .endpoint(&server.url)
            .hash_algorithm(algorithm)
            .build()
            .unwrap();
        client.call(Echo::new("x")).await.unwrap();
        let login = &server.calls("login")[0];
        let params = login["params"].as_array().unwrap();
        assert_eq!(params.len(), if algo_param.is_some() { 4 } else { 3 });
        assert_eq!(params[0], MERCHANT);
        let date = params[1].as_str().unwrap();
        assert!(is_login_date(date), "{date}");
        // The server accepted the hash, so it was computed over the very `date` sent.
        assert_eq!(
            params[2].as_str().unwrap(),
            login_hash(algorithm, MERCHANT, date, SECRET)
        );
        assert_eq!(params.get(3).and_then(|v| v.as_str()), algo_param);
        assert_eq!(account.logins(), 1);
    }
}

#[tokio::test]
async fn default_hash_per_api() {
    async fn algo_sent<A: twocheckout_rpc::api::Api>() -> Option<String>
    where
        Echo: twocheckout_rpc::AvailableOn<A>,
    {
        let server = echo_server(Account::new()).await;
        let client = Client::<A>::builder(Credentials::new(MERCHANT, SECRET))
            .endpoint(&server.url)
            .build()
            .unwrap();
        client.call(Echo::new("x")).await.unwrap();
        server.calls("login")[0]["params"][3]
            .as_str()
            .map(str::to_owned)
    }
    assert_eq!(algo_sent::<Rpc6>().await.as_deref(), Some("sha256"));
    assert_eq!(algo_sent::<Rpc3>().await, None);
    assert_eq!(algo_sent::<Cm21>().await, None);
}

#[tokio::test]
async fn wrong_key_is_a_login_error_not_retried() {
    let account = Account::new();
    let server = echo_server(account.clone()).await;
    let client = Client::<Rpc6>::builder(Credentials::new(MERCHANT, "wrong"))
        .endpoint(&server.url)
        .build()
        .unwrap();
    let error = client.call(Echo::new("x")).await.unwrap_err();
    let rpc = error.rpc().expect("an RPC error");
    assert_eq!(rpc.method, "login");
    assert!(error.rpc_code_is("10000") && error.has_code("FORBIDDEN"));
    assert!(!error.is_session_error());
    assert_eq!(server.count("login"), 1);
    assert_eq!(server.count("echo"), 0);
}
