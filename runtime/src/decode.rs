//! The inverse of [`Method::serialize_params`](crate::Method::serialize_params): reading a
//! request back from the positional params a client sent.
//!
//! Servers and test doubles use it to see a call as the typed request the caller built (the
//! sandbox's test kit records every call and decodes it on demand). Params are read leniently,
//! as responses are: a request decodes from any form the bindings would accept in a response.

use std::fmt;

use serde_json::value::RawValue;

use crate::support::wire::{De, Wire};

/// A request type that can be read back from its positional params (after the session id).
///
/// Implemented by every generated request type.
pub trait DecodeParams: Sized {
    /// Reads the request from `params`, in the order
    /// [`Method::serialize_params`](crate::Method::serialize_params) writes them. Missing trailing optional params are
    /// unset; a missing required param or one of the wrong shape is an error naming it.
    fn decode_params(params: &[&RawValue]) -> Result<Self, DecodeError>;
}

/// The params of one call being decoded, read in order: each read takes the next position.
///
/// Generated [`DecodeParams`] impls (through `__decode_params!`) create one with
/// [`Params::new`], which checks the count, then read each field with [`Params::required`] or
/// [`Params::optional`] in param order.
#[derive(Debug, Clone, Copy)]
pub struct Params<'a> {
    params: &'a [&'a RawValue],
    method: &'static str,
    next: usize,
}

impl<'a> Params<'a> {
    /// The params of a call of `method`, which takes at most `max`.
    pub fn new(
        params: &'a [&'a RawValue],
        method: &'static str,
        max: usize,
    ) -> Result<Self, DecodeError> {
        at_most(params, max, method)?;
        Ok(Params {
            params,
            method,
            next: 0,
        })
    }

    /// The next param, which must be there; `param` is its documented name.
    pub fn required<T: Wire>(&mut self, param: &'static str) -> Result<T, DecodeError> {
        let index = self.advance();
        required(self.params, index, self.method, param)
    }

    /// The next param, or `T::default()` when the call stops before it.
    pub fn optional<T: Wire + Default>(&mut self, param: &'static str) -> Result<T, DecodeError> {
        let index = self.advance();
        optional(self.params, index, self.method, param)
    }

    fn advance(&mut self) -> usize {
        let index = self.next;
        self.next += 1;
        index
    }
}

/// Why params did not decode as a request: which method, which param and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The method's wire name.
    pub method: &'static str,
    /// The documented name of the param at fault, or `None` when the count was wrong.
    pub param: Option<&'static str>,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.param {
            Some(param) => write!(f, "{}: param {param}: {}", self.method, self.message),
            None => write!(f, "{}: {}", self.method, self.message),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Fails when more than `max` params were sent.
pub fn at_most(params: &[&RawValue], max: usize, method: &'static str) -> Result<(), DecodeError> {
    if params.len() > max {
        return Err(DecodeError {
            method,
            param: None,
            message: format!("takes at most {max} params, got {}", params.len()),
        });
    }
    Ok(())
}

/// The required param at `index`.
pub fn required<T: Wire>(
    params: &[&RawValue],
    index: usize,
    method: &'static str,
    param: &'static str,
) -> Result<T, DecodeError> {
    match params.get(index) {
        Some(raw) => read(raw, method, param),
        None => Err(DecodeError {
            method,
            param: Some(param),
            message: "missing".into(),
        }),
    }
}

/// The optional param at `index`: its default (`None`, `Absent`) when it was not sent.
pub fn optional<T: Wire + Default>(
    params: &[&RawValue],
    index: usize,
    method: &'static str,
    param: &'static str,
) -> Result<T, DecodeError> {
    match params.get(index) {
        Some(raw) => read(raw, method, param),
        None => Ok(T::default()),
    }
}

fn read<T: Wire>(
    raw: &RawValue,
    method: &'static str,
    param: &'static str,
) -> Result<T, DecodeError> {
    serde_json::from_str::<De<T>>(raw.get())
        .map(|De(value)| value)
        .map_err(|error| DecodeError {
            method,
            param: Some(param),
            message: error.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::support::Maybe;

    fn raws(text: &str) -> Vec<Box<RawValue>> {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn reads_required_and_optional_params() {
        let owned = raws(r#"["ABC", "7", null]"#);
        let params: Vec<&RawValue> = owned.iter().map(AsRef::as_ref).collect();
        let reference: String = required(&params, 0, "m", "Reference").unwrap();
        let days: i64 = required(&params, 1, "m", "Days").unwrap();
        let note: Maybe<String> = optional(&params, 2, "m", "Note").unwrap();
        let absent: Option<String> = optional(&params, 3, "m", "Later").unwrap();
        assert_eq!((reference.as_str(), days), ("ABC", 7));
        assert_eq!(note, Maybe::Null);
        assert_eq!(absent, None);
        assert!(at_most(&params, 4, "m").is_ok());
    }

    #[test]
    fn names_what_is_wrong() {
        let owned = raws(r#"[{"a": 1}]"#);
        let params: Vec<&RawValue> = owned.iter().map(AsRef::as_ref).collect();
        let error = required::<i64>(&params, 0, "renewSubscription", "Days").unwrap_err();
        assert_eq!(error.param, Some("Days"));
        assert!(
            error
                .to_string()
                .starts_with("renewSubscription: param Days: ")
        );
        let missing = required::<i64>(&params, 1, "renewSubscription", "Price").unwrap_err();
        assert_eq!(
            missing.to_string(),
            "renewSubscription: param Price: missing"
        );
        let many = at_most(&params, 0, "getTimezone").unwrap_err();
        assert_eq!(
            many.to_string(),
            "getTimezone: takes at most 0 params, got 1"
        );
    }

    #[test]
    fn params_are_read_in_order() {
        let owned = raws(r#"["ABC", "7"]"#);
        let params: Vec<&RawValue> = owned.iter().map(AsRef::as_ref).collect();
        let mut reader = Params::new(&params, "m", 3).unwrap();
        let reference: String = reader.required("Reference").unwrap();
        let days: i64 = reader.required("Days").unwrap();
        let note: Option<String> = reader.optional("Note").unwrap();
        assert_eq!((reference.as_str(), days, note), ("ABC", 7, None));
        let mut short = Params::new(&params, "m", 3).unwrap();
        let _: String = short.required("Reference").unwrap();
        let _: i64 = short.required("Days").unwrap();
        let missing = short.required::<String>("Code").unwrap_err();
        assert_eq!(missing.to_string(), "m: param Code: missing");
        let many = Params::new(&params, "getTimezone", 1).unwrap_err();
        assert_eq!(
            many.to_string(),
            "getTimezone: takes at most 1 params, got 2"
        );
    }

    /// A request shaped as the generated ones, decoded through `__decode_params!`.
    #[derive(Debug, PartialEq)]
    struct Touch<C = ()> {
        client: C,
        code: String,
        note: Maybe<String>,
    }

    crate::__decode_params!(Touch, "touch", code: required "Code", note: optional "Note");

    #[test]
    fn the_macro_reads_each_field_from_its_position() {
        let owned = raws(r#"["X", null]"#);
        let params: Vec<&RawValue> = owned.iter().map(AsRef::as_ref).collect();
        let touch = Touch::decode_params(&params).unwrap();
        assert_eq!(
            touch,
            Touch {
                client: (),
                code: "X".into(),
                note: Maybe::Null
            }
        );
        let error = Touch::decode_params(&params[..0]).unwrap_err();
        assert_eq!(error.to_string(), "touch: param Code: missing");
    }
}
