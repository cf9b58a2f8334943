//! A loopback JSON-RPC server for the tests: a small HTTP/1.1 server on a tokio listener, so
//! each test can script exactly what goes over the socket (slow answers, resets, cut bodies).

#![allow(dead_code)]

pub mod methods;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use twocheckout_rpc::auth::{HashAlgorithm, login_hash};

pub const MERCHANT: &str = "MERCHANT1";
pub const SECRET: &str = "s3cr3t-KEY-never-printed";

/// What the server does with one request.
pub enum Action {
    /// 200 with this JSON body.
    Json(Value),
    /// This status, content type and body.
    Status(u16, &'static str, String),
    /// These bytes verbatim, then close the connection.
    Raw(Vec<u8>),
    /// Close the connection with a TCP reset, without answering.
    Reset,
    /// Wait, then do the inner action.
    Delay(Duration, Box<Action>),
}

pub type Handler = dyn Fn(&Value) -> Action + Send + Sync;

/// A running server and what it saw.
pub struct TestServer {
    pub url: String,
    /// Every request body, parsed, in arrival order.
    pub requests: Arc<Mutex<Vec<Value>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl TestServer {
    pub async fn start(handler: impl Fn(&Value) -> Action + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let url = format!("http://{}/rpc/", listener.local_addr().expect("local addr"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let log = requests.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let _ = stream.set_nodelay(true);
                tokio::spawn(serve_connection(stream, handler.clone(), log.clone()));
            }
        });
        Self {
            url,
            requests,
            task,
        }
    }

    /// Requests whose `method` is `name`.
    pub fn calls(&self, name: &str) -> Vec<Value> {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r["method"] == name)
            .cloned()
            .collect()
    }

    pub fn count(&self, name: &str) -> usize {
        self.calls(name).len()
    }

    /// Method names in arrival order.
    pub fn sequence(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .map(|r| r["method"].as_str().unwrap_or("?").to_owned())
            .collect()
    }
}

async fn serve_connection(
    mut stream: TcpStream,
    handler: Arc<Handler>,
    log: Arc<Mutex<Vec<Value>>>,
) {
    let mut buffer = Vec::new();
    loop {
        let Some(body) = read_request(&mut stream, &mut buffer).await else {
            return;
        };
        let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        log.lock().unwrap().push(request.clone());
        let mut action = handler(&request);
        loop {
            match action {
                Action::Delay(delay, inner) => {
                    tokio::time::sleep(delay).await;
                    action = *inner;
                }
                Action::Json(value) => {
                    let body = value.to_string();
                    if write_response(&mut stream, 200, "application/json", &body)
                        .await
                        .is_err()
                    {
                        return;
                    }
                    break;
                }
                Action::Status(status, content_type, body) => {
                    if write_response(&mut stream, status, content_type, &body)
                        .await
                        .is_err()
                    {
                        return;
                    }
                    break;
                }
                Action::Raw(bytes) => {
                    let _ = stream.write_all(&bytes).await;
                    let _ = stream.shutdown().await;
                    return;
                }
                Action::Reset => {
                    let _ = stream.set_zero_linger();
                    return;
                }
            }
        }
    }
}

/// Reads one request and returns its body; `None` when the peer closed the connection.
pub async fn read_request<S: AsyncRead + Unpin>(
    stream: &mut S,
    buffer: &mut Vec<u8>,
) -> Option<Vec<u8>> {
    let header_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..header_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buffer.len() < header_end + length {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    let body = buffer[header_end..header_end + length].to_vec();
    buffer.drain(..header_end + length);
    Some(body)
}

pub async fn write_response<S: AsyncWrite + Unpin>(
    stream: &mut S,
    status: u16,
    content_type: &str,
    body: &str,
) -> std::io::Result<()> {
    let response = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.flush().await
}

/// `{"jsonrpc":"2.0","id":<echoed>,"result":value}`.
pub fn ok(request: &Value, result: Value) -> Action {
    Action::Json(json!({"jsonrpc": "2.0", "id": request["id"], "result": result}))
}

/// `{"jsonrpc":"2.0","id":<echoed>,"error":{code,message[,data.error_code]}}`.
pub fn rpc_error(request: &Value, code: Value, message: &str, error_code: Option<&str>) -> Action {
    let mut error = json!({"code": code, "message": message});
    if let Some(error_code) = error_code {
        error["data"] = json!({"error_code": error_code});
    }
    Action::Json(json!({"jsonrpc": "2.0", "id": request["id"], "error": error}))
}

/// A merchant account as the server sees it: checks login hashes, issues and revokes sessions,
/// remembers the partner set on each session.
#[derive(Default)]
pub struct Account {
    pub logins: AtomicUsize,
    pub sessions: Mutex<HashSet<String>>,
    pub partners: Mutex<HashMap<String, String>>,
}

impl Account {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// Answers `login` (checking the hash the way the real API does) and `setPartner`;
    /// returns `None` for other methods.
    pub fn handle(&self, request: &Value) -> Option<Action> {
        let params = request["params"].as_array().cloned().unwrap_or_default();
        match request["method"].as_str()? {
            "login" => {
                let code = params.first()?.as_str()?;
                let date = params.get(1)?.as_str()?;
                let hash = params.get(2)?.as_str()?;
                let algorithm = match params.get(3).and_then(Value::as_str) {
                    None => HashAlgorithm::Md5,
                    Some("sha256") => HashAlgorithm::Sha256,
                    Some("SHA3-256") => HashAlgorithm::Sha3_256,
                    Some(_) => return Some(rpc_error(request, json!(10000), "bad algo", None)),
                };
                if code != MERCHANT || hash != login_hash(algorithm, code, date, SECRET) {
                    return Some(rpc_error(
                        request,
                        json!(10000),
                        "Invalid hash provided",
                        Some("FORBIDDEN"),
                    ));
                }
                let n = self.logins.fetch_add(1, Ordering::SeqCst) + 1;
                let session = format!("SESSION-{n:04}-abcdef0123456789");
                self.sessions.lock().unwrap().insert(session.clone());
                Some(ok(request, json!(session)))
            }
            "setPartner" => {
                let session = params.first()?.as_str()?;
                if !self.is_valid(session) {
                    return Some(self.session_error(request));
                }
                let partner = params.get(1)?.as_str()?;
                self.partners
                    .lock()
                    .unwrap()
                    .insert(session.to_owned(), partner.to_owned());
                Some(ok(request, json!(true)))
            }
            _ => None,
        }
    }

    pub fn is_valid(&self, session: &str) -> bool {
        self.sessions.lock().unwrap().contains(session)
    }

    /// The session a request was sent with, when valid.
    pub fn session_of(&self, request: &Value) -> Option<String> {
        let session = request["params"][0].as_str()?;
        self.is_valid(session).then(|| session.to_owned())
    }

    pub fn session_error(&self, request: &Value) -> Action {
        rpc_error(
            request,
            json!(10001),
            "Session expired or invalid",
            Some("INVALID_SESSION"),
        )
    }

    /// Forgets every session (as after the 10 minutes ran out).
    pub fn expire_all(&self) {
        self.sessions.lock().unwrap().clear();
    }

    pub fn logins(&self) -> usize {
        self.logins.load(Ordering::SeqCst)
    }
}

/// A server for `account` whose other methods answer with `other`.
pub async fn server_with(
    account: Arc<Account>,
    other: impl Fn(&Account, &Value) -> Action + Send + Sync + 'static,
) -> TestServer {
    TestServer::start(move |request| match account.handle(request) {
        Some(action) => action,
        None => other(&account, request),
    })
    .await
}

/// A server whose `echo` answers its first param when the session is valid.
pub async fn echo_server(account: Arc<Account>) -> TestServer {
    server_with(account, |account, request| {
        if account.session_of(request).is_none() {
            return account.session_error(request);
        }
        ok(request, request["params"][1].clone())
    })
    .await
}
