//! TLS certificate verification: on by default, off only through the loudly named opt-out.

mod common;

use std::sync::Arc;

use common::methods::Echo;
use common::{Account, MERCHANT, SECRET, ok, read_request, write_response};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use twocheckout_rpc::api::Rpc6;
use twocheckout_rpc::{Client, Credentials, Error, RetryPolicy};

/// A self-signed certificate for `localhost` / 127.0.0.1 and its key (test fixtures only).
const CERT: &[u8] = include_bytes!("fixtures/self-signed-cert.der");
const KEY: &[u8] = include_bytes!("fixtures/self-signed-key.der");

/// An HTTPS server with the self-signed certificate; returns its URL and the number of HTTP
/// requests it read (after a completed handshake).
async fn https_server() -> (String, Arc<std::sync::atomic::AtomicUsize>) {
    let config = ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(CERT.to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(KEY.to_vec())),
        )
        .expect("server TLS config");
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("https://{}/rpc/", listener.local_addr().expect("addr"));
    let requests = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = requests.clone();
    let account = Account::new();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let account = account.clone();
            let seen = seen.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut buffer = Vec::new();
                while let Some(body) = read_request(&mut tls, &mut buffer).await {
                    seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let request: serde_json::Value =
                        serde_json::from_slice(&body).unwrap_or_default();
                    let action = account
                        .handle(&request)
                        .unwrap_or_else(|| ok(&request, request["params"][1].clone()));
                    let common::Action::Json(reply) = action else {
                        return;
                    };
                    let reply = reply.to_string();
                    if write_response(&mut tls, 200, "application/json", &reply)
                        .await
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
    (url, requests)
}

fn builder(url: &str) -> twocheckout_rpc::ClientBuilder<Rpc6> {
    Client::<Rpc6>::builder(Credentials::new(MERCHANT, SECRET))
        .endpoint(url)
        .retry_policy(RetryPolicy::NONE)
}

#[tokio::test]
async fn self_signed_certificate_is_refused_by_default() {
    let (url, requests) = https_server().await;
    let error = builder(&url)
        .build()
        .unwrap()
        .call(Echo::new("x"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Connect {
                method: "login",
                ..
            }
        ),
        "{error:?}"
    );
    // Nothing was sent: the handshake failed before any request.
    assert_eq!(requests.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[tokio::test]
async fn danger_accept_invalid_certs_is_the_only_way_in() {
    let (url, requests) = https_server().await;
    let client = builder(&url)
        .danger_accept_invalid_certs(true)
        .build()
        .unwrap();
    assert_eq!(
        client.call(Echo::new("over tls")).await.unwrap(),
        "over tls"
    );
    assert_eq!(requests.load(std::sync::atomic::Ordering::SeqCst), 2);
}
