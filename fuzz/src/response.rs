//! Response bytes → envelope + typed decode of a method's response type: never a panic; every
//! failure is a typed `Error` naming the method and the first characters of the body.
//!
//! Input: a first line naming the method (its wire name, optionally followed by an HTTP status,
//! `getProductByCode 500`; any other text picks a method by its hash), then the body.

use std::sync::OnceLock;

use twocheckout::{__MethodVisitor, __visit_methods};
use twocheckout_rpc::error::EXCERPT_CHARS;
use twocheckout_rpc::{Error, Method};

/// The request id the answers are read for.
pub const REQUEST_ID: u64 = 1;

/// One method of the generated crate, with its decoder.
pub struct Entry {
    /// The wire name.
    pub name: &'static str,
    /// The module that defines it.
    pub module: &'static str,
    /// Reads an answer (status, body, request id) as a call of this method does.
    pub read: fn(u16, Vec<u8>, u64) -> Result<(), Error>,
}

fn read_as<M: Method>(status: u16, body: Vec<u8>, id: u64) -> Result<(), Error> {
    twocheckout_rpc::__private::read_answer::<M>(status, body, id).map(|_| ())
}

struct Collect(Vec<Entry>);

impl __MethodVisitor for Collect {
    fn visit<M: Method>(&mut self, module: &'static str) {
        self.0.push(Entry {
            name: M::NAME,
            module,
            read: read_as::<M>,
        });
    }
}

/// Every method of the generated crate, in spec order.
pub fn methods() -> &'static [Entry] {
    static METHODS: OnceLock<Vec<Entry>> = OnceLock::new();
    METHODS.get_or_init(|| {
        let mut collect = Collect(Vec::new());
        __visit_methods(&mut collect);
        collect.0
    })
}

/// Splits the input into the methods it names, the status and the body.
pub fn split(data: &[u8]) -> (Vec<&'static Entry>, u16, &[u8]) {
    let (head, body) = match data.iter().position(|&b| b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (&data[..0], data),
    };
    let head = String::from_utf8_lossy(head);
    let mut words = head.split_whitespace();
    let name = words.next().unwrap_or_default();
    let status = words
        .next()
        .and_then(|s| s.parse::<u16>().ok())
        .unwrap_or(200);
    let all = methods();
    let named: Vec<&Entry> = all.iter().filter(|e| e.name == name).collect();
    let chosen = if named.is_empty() {
        let hash = head.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        vec![&all[(hash % all.len() as u64) as usize]]
    } else {
        named
    };
    (chosen, status, body)
}

/// Reads the body as the answer of every method the first line names.
pub fn check(data: &[u8]) {
    let (entries, status, body) = split(data);
    for entry in entries {
        let outcome = (entry.read)(status, body.to_vec(), REQUEST_ID);
        judge(entry, status, body, outcome);
    }
}

/// Asserts the outcome keeps the contract.
pub fn judge(entry: &Entry, status: u16, body: &[u8], outcome: Result<(), Error>) {
    let name = entry.name;
    let error = match outcome {
        Ok(()) => {
            assert!(
                (200..300).contains(&status),
                "{name}: HTTP {status} read as a success"
            );
            return;
        }
        Err(error) => error,
    };
    match &error {
        Error::Malformed {
            method,
            request_id,
            reason,
            excerpt,
        } => {
            assert_eq!(*method, name, "{error}");
            assert_eq!(*request_id, REQUEST_ID, "{error}");
            assert!(!reason.is_empty(), "{error}");
            starts_the_body(body, excerpt, &error);
        }
        Error::Http {
            method,
            status: seen,
            excerpt,
        } => {
            assert_eq!(*method, name, "{error}");
            assert_eq!(*seen, status, "{error}");
            assert!(!(200..300).contains(seen), "{error}");
            starts_the_body(body, excerpt, &error);
        }
        Error::Decode {
            method,
            request_id,
            reason,
            excerpt,
        } => {
            // A success for this request whose result is not the documented shape.
            assert_eq!(*method, name, "{error}");
            assert_eq!(*request_id, REQUEST_ID, "{error}");
            assert!((200..300).contains(&status), "{error}");
            assert!(!reason.is_empty(), "{error}");
            starts_the_body(body, excerpt, &error);
        }
        Error::WrongId {
            method,
            request_id,
            received,
            excerpt,
        } => {
            assert_eq!(*method, name, "{error}");
            assert_eq!(*request_id, REQUEST_ID, "{error}");
            assert!(!received.is_empty(), "{error}");
            starts_the_body(body, excerpt, &error);
        }
        Error::RateLimited {
            method, excerpt, ..
        } => {
            assert_eq!(*method, name, "{error}");
            assert_eq!(status, 429, "{error}");
            starts_the_body(body, excerpt, &error);
        }
        Error::Rpc(rpc) => {
            assert_eq!(rpc.method, name, "{error}");
            assert_eq!(rpc.request_id, REQUEST_ID, "{error}");
        }
        other => panic!("{name}: unexpected kind of error: {other:?}"),
    }
    let text = error.to_string();
    assert!(
        text.contains(name),
        "the message does not name {name}: {text}"
    );
}

/// Asserts `excerpt` shows the first characters of `body`, whitespace folded.
fn starts_the_body(body: &[u8], excerpt: &str, error: &Error) {
    assert!(!excerpt.is_empty(), "empty excerpt: {error}");
    if body.is_empty() {
        return;
    }
    let head = &body[..body.len().min(EXCERPT_CHARS * 4)];
    if excerpt.starts_with("<withheld") {
        // A login answer: never shown, it carries the session id.
        return;
    }
    let folded = fold(&String::from_utf8_lossy(head));
    if folded.trim().is_empty() {
        assert!(
            excerpt.starts_with("<only white space or control characters: "),
            "a blank body shown as {excerpt:?}: {error}"
        );
        return;
    }
    let kept = excerpt.strip_suffix('…').unwrap_or(excerpt).trim_end();
    assert!(
        folded.trim_start().starts_with(kept),
        "excerpt {excerpt:?} does not start the body {folded:?}"
    );
}

/// Whitespace and control characters as single spaces.
fn fold(text: &str) -> String {
    let mut out = String::new();
    let mut last_space = false;
    for c in text.chars() {
        let c = if c.is_whitespace() || c.is_control() {
            ' '
        } else {
            c
        };
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        out.push(c);
    }
    out
}
