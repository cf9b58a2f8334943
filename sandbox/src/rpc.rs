//! The JSON-RPC envelope: decoding requests and encoding results and errors as the API does.

use serde_json::{Value, json};

/// The `code` member of an error: numbers for protocol and authentication errors, the documented
/// string for business and validation errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorCode {
    /// A numeric code (`-32601`, `10001`, …).
    Number(i64),
    /// A documented string code (`INVALID_ID_SALE`, …).
    Text(String),
}

/// An error answer: `{"code": …, "message": …, "data": {"error_code": …}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RpcError {
    /// The `code` member.
    pub code: ErrorCode,
    /// Human-readable meaning.
    pub message: String,
    /// `data.error_code`: the symbolic code.
    pub error_code: String,
}

impl RpcError {
    /// A numeric error with its symbolic `error_code`.
    pub fn numeric(code: i64, error_code: &str, message: impl Into<String>) -> Self {
        RpcError {
            code: ErrorCode::Number(code),
            message: message.into(),
            error_code: error_code.to_string(),
        }
    }

    /// A documented business or validation error: `code` and `data.error_code` are both `code`.
    pub fn business(code: impl Into<String>, message: impl Into<String>) -> Self {
        let code = code.into();
        RpcError {
            code: ErrorCode::Text(code.clone()),
            message: message.into(),
            error_code: code,
        }
    }

    /// The body was not JSON (-32700).
    pub fn parse_error(detail: impl std::fmt::Display) -> Self {
        Self::numeric(-32700, "PARSE_ERROR", format!("Parse error: {detail}"))
    }

    /// The body was JSON but not a request object (-32600).
    pub fn invalid_request(detail: impl Into<String>) -> Self {
        Self::numeric(
            -32600,
            "INVALID_REQUEST",
            format!("Invalid request: {}", detail.into()),
        )
    }

    /// The method does not exist on this endpoint (-32601).
    pub fn method_not_found(method: &str, endpoint: &str) -> Self {
        Self::numeric(
            -32601,
            "METHOD_NOT_FOUND",
            format!("Method not found: {method} is not available on {endpoint}"),
        )
    }

    /// Bad hash, stale date or unknown merchant (10000).
    pub fn authentication_failed(detail: &str) -> Self {
        Self::numeric(
            10000,
            "AUTHENTICATION_FAILED",
            format!("Authentication failed: {detail}"),
        )
    }

    /// The session id is unknown (10001).
    pub fn invalid_session() -> Self {
        Self::numeric(
            10001,
            "INVALID_SESSION",
            "Invalid session: log in to get a session id",
        )
    }

    /// The session has outlived its lifetime (10002).
    pub fn session_expired() -> Self {
        Self::numeric(10002, "SESSION_EXPIRED", "Session expired: log in again")
    }

    /// The response object for request `id`.
    pub fn to_response(&self, id: &Value) -> Value {
        let code = match &self.code {
            ErrorCode::Number(n) => json!(n),
            ErrorCode::Text(s) => json!(s),
        };
        json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": {
                "code": code,
                "message": self.message,
                "data": { "error_code": self.error_code },
            },
        })
    }
}

/// The success response object for request `id`.
pub fn success(id: &Value, result: Value) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "result": result })
}

/// A decoded request.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Echoed back as sent (`null` when absent).
    pub id: Value,
    /// The method's wire name.
    pub method: String,
    /// Positional params (empty when absent).
    pub params: Vec<Value>,
}

/// Decodes a request body. On failure returns the error and the id to answer with (the request's
/// id when it could be read, `null` otherwise).
pub fn decode(body: &[u8]) -> Result<Request, (Value, RpcError)> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| (Value::Null, RpcError::parse_error(e)))?;
    let Value::Object(mut object) = value else {
        return Err((
            Value::Null,
            RpcError::invalid_request(
                "the body must be one JSON object (batches are not supported)",
            ),
        ));
    };
    let id = object.remove("id").unwrap_or(Value::Null);
    let method = match object.remove("method") {
        Some(Value::String(method)) if !method.is_empty() => method,
        Some(_) => {
            return Err((
                id,
                RpcError::invalid_request("`method` must be a non-empty string"),
            ));
        }
        None => return Err((id, RpcError::invalid_request("`method` is missing"))),
    };
    let params = match object.remove("params") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(params)) => params,
        Some(_) => {
            return Err((
                id,
                RpcError::invalid_request("`params` must be a positional array"),
            ));
        }
    };
    Ok(Request { id, method, params })
}

/// A short name of a JSON value's kind, for error messages.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a decimal number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_request() {
        let request = decode(br#"{"jsonrpc":"2.0","id":7,"method":"login","params":["a",1]}"#)
            .expect("valid request");
        assert_eq!(request.id, json!(7));
        assert_eq!(request.method, "login");
        assert_eq!(request.params, vec![json!("a"), json!(1)]);
    }

    #[test]
    fn reports_parse_and_shape_errors() {
        let (id, error) = decode(b"{nope").expect_err("not JSON");
        assert_eq!((id, error.code), (Value::Null, ErrorCode::Number(-32700)));
        let (id, error) = decode(br#"{"id":3,"params":[]}"#).expect_err("no method");
        assert_eq!((id, error.code), (json!(3), ErrorCode::Number(-32600)));
        let (_, error) = decode(br#"{"id":3,"method":"x","params":{"a":1}}"#).expect_err("named");
        assert_eq!(error.code, ErrorCode::Number(-32600));
        let (_, error) = decode(br#"[{"id":3,"method":"x"}]"#).expect_err("batch");
        assert_eq!(error.code, ErrorCode::Number(-32600));
    }

    #[test]
    fn encodes_errors_with_data() {
        let response = RpcError::business("INVALID_ID_SALE", "Invalid order reference.")
            .to_response(&json!(1));
        assert_eq!(response["error"]["code"], "INVALID_ID_SALE");
        assert_eq!(response["error"]["data"]["error_code"], "INVALID_ID_SALE");
        assert_eq!(response["jsonrpc"], "2.0");
    }
}
