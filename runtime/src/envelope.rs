//! The JSON-RPC envelope: writing a request and reading a response, without an intermediate
//! `serde_json::Value` for the params or the result.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::RpcCode;
use crate::method::Method;
use crate::secret::SessionId;

/// One request: `{"jsonrpc":"2.0","id":N,"method":…,"params":[session?, …]}`.
pub(crate) struct Request<'a, M> {
    pub(crate) id: u64,
    pub(crate) session: Option<&'a SessionId>,
    pub(crate) method: &'a M,
}

impl<M: Method> Serialize for Request<'_, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut envelope = serializer.serialize_struct("Request", 4)?;
        envelope.serialize_field("jsonrpc", "2.0")?;
        envelope.serialize_field("id", &self.id)?;
        envelope.serialize_field("method", M::NAME)?;
        envelope.serialize_field("params", &Params(self))?;
        envelope.end()
    }
}

/// The positional params: the session id (when the method takes one), then the method's own.
struct Params<'r, 'a, M>(&'r Request<'a, M>);

impl<M: Method> Serialize for Params<'_, '_, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let request = self.0;
        let len = usize::from(request.session.is_some()) + request.method.param_count();
        let mut seq = serializer.serialize_seq(Some(len))?;
        if let Some(session) = request.session {
            seq.serialize_element(session.expose())?;
        }
        request.method.serialize_params(&mut seq)?;
        seq.end()
    }
}

/// The echoed request id, as the server wrote it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ReplyId {
    /// No `id` member at all.
    Missing,
    /// `"id": null` (a server that could not read the request).
    Null,
    /// A number or a string.
    Value(serde_json::Value),
}

impl ReplyId {
    /// Whether this echoes `expected` (as a number, or a string holding it).
    pub(crate) fn matches(&self, expected: u64) -> bool {
        match self {
            Self::Value(serde_json::Value::Number(n)) => n.as_u64() == Some(expected),
            Self::Value(serde_json::Value::String(s)) => s.trim().parse::<u64>() == Ok(expected),
            _ => false,
        }
    }

    /// How to describe it in an error.
    pub(crate) fn describe(&self) -> String {
        match self {
            Self::Missing => "no id".to_owned(),
            Self::Null => "id null".to_owned(),
            Self::Value(v) => format!("id {v}"),
        }
    }
}

/// A JSON-RPC error object as read from the wire.
#[derive(Debug, Deserialize)]
pub(crate) struct WireError {
    pub(crate) code: WireCode,
    #[serde(default)]
    pub(crate) message: Option<String>,
    #[serde(default)]
    pub(crate) data: Option<serde_json::Value>,
}

impl WireError {
    /// `data.error_code`, when `data` is an object holding a string (or number) there.
    pub(crate) fn error_code(&self) -> Option<String> {
        match self.data.as_ref()?.get("error_code")? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }
}

/// `error.code`: an integer or a string on the wire.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum WireCode {
    Int(i64),
    Float(f64),
    Str(String),
}

impl From<WireCode> for RpcCode {
    fn from(code: WireCode) -> Self {
        match code {
            WireCode::Int(n) => Self::Int(n),
            // A code written as `10001.0` is still code 10001; anything else is kept as text.
            WireCode::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Self::Int(f as i64),
            WireCode::Float(f) => Self::Str(f.to_string()),
            WireCode::Str(s) => Self::Str(s),
        }
    }
}

/// A decoded response: the echoed id, and either the result or the error object.
pub(crate) struct Reply<T> {
    pub(crate) id: ReplyId,
    pub(crate) outcome: Outcome<T>,
}

/// What the server answered.
pub(crate) enum Outcome<T> {
    /// `result` (or `response`) was present and decoded.
    Success(T),
    /// `error` was present and not null.
    Failure(WireError),
    /// Neither a result nor an error.
    Empty,
}

/// Decodes a response body in one pass. `result` and `response` are both accepted (the first
/// one present wins); `jsonrpc` and unknown members are ignored; an `error` wins over a result.
pub(crate) fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<Reply<T>, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let reply = (&mut deserializer).deserialize_map(ReplyVisitor(PhantomData))?;
    deserializer.end()?;
    Ok(reply)
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Field {
    Id,
    Result,
    Response,
    Error,
    #[serde(other)]
    Other,
}

struct ReplyVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for ReplyVisitor<T> {
    type Value = Reply<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON-RPC response object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut id = ReplyId::Missing;
        // Outer `Option`: member seen; inner: its value was not null.
        let mut result: Option<Option<T>> = None;
        let mut error: Option<WireError> = None;
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Id => {
                    id = match map.next_value::<serde_json::Value>()? {
                        serde_json::Value::Null => ReplyId::Null,
                        value => ReplyId::Value(value),
                    }
                }
                Field::Result | Field::Response if result.is_none() => {
                    result = Some(map.next_value::<Option<T>>()?);
                }
                Field::Error => {
                    if let Some(e) = map.next_value::<Option<WireError>>()? {
                        error = Some(e);
                    }
                }
                Field::Result | Field::Response | Field::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let outcome = match (error, result) {
            (Some(error), _) => Outcome::Failure(error),
            (None, Some(Some(value))) => Outcome::Success(value),
            // `"result": null` is a valid answer for a response type that admits null.
            (None, Some(None)) => match T::deserialize(serde_json::Value::Null) {
                Ok(value) => Outcome::Success(value),
                Err(e) => return Err(de::Error::custom(format_args!("result is null: {e}"))),
            },
            (None, None) => Outcome::Empty,
        };
        Ok(Reply { id, outcome })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn decoded(body: &str) -> Reply<Value> {
        match decode::<Value>(body.as_bytes()) {
            Ok(reply) => reply,
            Err(e) => panic!("{body}: {e}"),
        }
    }

    fn success(reply: Reply<Value>) -> Value {
        match reply.outcome {
            Outcome::Success(value) => value,
            _ => panic!("expected a result"),
        }
    }

    #[test]
    fn first_of_result_and_response_wins() {
        assert_eq!(
            success(decoded(r#"{"id":1,"result":1,"response":2}"#)),
            json!(1)
        );
        assert_eq!(
            success(decoded(r#"{"id":1,"response":2,"result":1}"#)),
            json!(2)
        );
    }

    #[test]
    fn null_error_is_no_error() {
        let reply = decoded(r#"{"id":"7","error":null,"result":{"a":[1]}}"#);
        assert!(reply.id.matches(7));
        assert_eq!(success(reply), json!({"a": [1]}));
    }

    #[test]
    fn error_wins_over_result() {
        let reply = decoded(
            r#"{"id":3,"result":5,"error":{"code":10001.0,"data":{"error_code":"INVALID_SESSION"}}}"#,
        );
        let Outcome::Failure(error) = reply.outcome else {
            panic!("expected an error");
        };
        assert_eq!(error.error_code().as_deref(), Some("INVALID_SESSION"));
        assert_eq!(RpcCode::from(error.code), RpcCode::Int(10001));
        assert_eq!(error.message, None);
    }

    #[test]
    fn ids_are_compared_exactly() {
        assert!(!decoded(r#"{"id":-1,"result":1}"#).id.matches(1));
        assert!(!decoded(r#"{"id":1.5,"result":1}"#).id.matches(1));
        assert!(!decoded(r#"{"id":"one","result":1}"#).id.matches(1));
        assert_eq!(decoded(r#"{"result":1}"#).id, ReplyId::Missing);
        assert_eq!(decoded(r#"{"id":null,"result":1}"#).id, ReplyId::Null);
    }

    #[test]
    fn non_objects_and_trailing_data_are_refused() {
        for body in [
            "",
            "[]",
            "null",
            "<html>",
            r#"{"id":1,"result":1}x"#,
            r#"{"id":1,"#,
        ] {
            assert!(decode::<Value>(body.as_bytes()).is_err(), "{body}");
        }
    }

    #[test]
    fn error_without_code_is_refused() {
        assert!(decode::<Value>(br#"{"id":1,"error":{"message":"x"}}"#).is_err());
    }
}
