//! Checks a method's positional params against the spec: arity, JSON types (lenient where the
//! spec says so), required object fields, enum values, nested objects, arrays and unions.

use serde_json::Value;
use twocheckout_codegen::model::{Method, Spec, TypeDef, TypeRef};

use crate::rpc::{RpcError, kind};

/// The code of a type or arity error when the method documents none of its own.
pub const INVALID_PARAMETER: &str = "INVALID_PARAMETER";
/// The code of a missing required param or field when the method documents none of its own.
pub const MISSING_PARAMETER: &str = "MISSING_PARAMETER";

/// Validates `params` (after the session id) for `method`.
///
/// Every scalar is read as the bindings read it: a number or boolean where a string is declared
/// (the docs' samples send ids either way), a numeric string or a whole float where an integer
/// is, a numeric string where a number is, `0`/`1`/`"true"` where a boolean is, and `""`,
/// `false` or `[]` as "no value" for an optional field of any other type.
///
/// The params that were sent are checked in order before any missing one is reported, so a
/// value sent in the wrong place (an object where an id belongs, the next param's value) is
/// named as the wrong param rather than reported as a later param missing.
pub fn validate_params(spec: &Spec, method: &Method, params: &[Value]) -> Result<(), RpcError> {
    let required = method.params.iter().filter(|p| p.required).count();
    if params.len() > method.params.len() {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            format!(
                "{} takes at most {} params after the session id, got {}",
                method.wire_name,
                method.params.len(),
                params.len()
            ),
        ));
    }
    let checker = Checker {
        spec,
        method,
        request: true,
    };
    for (param, value) in method.params.iter().zip(params) {
        if value.is_null() {
            if param.required && !param.nullable {
                return Err(missing(method, &param.wire_name));
            }
            continue;
        }
        if !param.required && is_empty_stand_in(value, &param.ty) {
            continue;
        }
        checker.check(value, &param.ty, true, &param.wire_name)?;
    }
    if params.len() < required {
        return Err(missing(method, &method.params[params.len()].wire_name));
    }
    Ok(())
}

/// `params` (already accepted by [`validate_params`]) with every leniently read scalar written in
/// its declared form: a number sent for a string becomes that string, a numeric string sent for
/// an integer or a number becomes the number, `0`/`1`/`"true"` sent for a boolean becomes the
/// boolean, and a `""`/`false`/`[]` stand-in for an optional value becomes `null`.
///
/// The handlers store what they are given and later answer it, and the real API answers its
/// canonical forms whatever form a request used; so records are kept canonical. Amounts, dates,
/// enum spellings and JSON values are kept as sent (answers may carry any of their forms).
pub fn canonical_params(spec: &Spec, method: &Method, params: &[Value]) -> Vec<Value> {
    let checker = Checker {
        spec,
        method,
        request: true,
    };
    let mut params = params.to_vec();
    for (param, value) in method.params.iter().zip(params.iter_mut()) {
        if !param.required && checker.is_foreign_stand_in(value, &param.ty, false) {
            *value = Value::Null;
        } else {
            checker.canonical(value, &param.ty, 0);
        }
    }
    params
}

/// Checks a value a request carries as any JSON (a payload the handler reads as `ty`) the way
/// params are checked: scalars leniently, `path` naming the value in the error.
pub fn check_request_value(
    spec: &Spec,
    method: &Method,
    ty: &TypeRef,
    value: &Value,
    path: &str,
) -> Result<(), RpcError> {
    Checker {
        spec,
        method,
        request: true,
    }
    .check(value, ty, true, path)
}

/// Writes the leniently read scalars of `value` in the forms `ty` declares, as
/// [`canonical_params`] does for params.
pub fn canonical_value(spec: &Spec, method: &Method, ty: &TypeRef, value: &mut Value) {
    Checker {
        spec,
        method,
        request: true,
    }
    .canonical(value, ty, 0);
}

/// `""`, `false` or `[]` sent for a value of a type they cannot hold: "no value", as the bindings
/// read it.
fn is_empty_stand_in(value: &Value, ty: &TypeRef) -> bool {
    let empty = match value {
        Value::String(text) => text.is_empty(),
        Value::Bool(b) => !b,
        Value::Array(items) => items.is_empty(),
        _ => false,
    };
    empty
        && !matches!(
            ty,
            TypeRef::String | TypeRef::Bool | TypeRef::Array(_) | TypeRef::Json
        )
}

/// Whether `value` has the shape of `ty` (used to check the sandbox's own answers in tests).
pub fn conforms(spec: &Spec, method: &Method, ty: &TypeRef, value: &Value) -> Result<(), RpcError> {
    Checker {
        spec,
        method,
        request: false,
    }
    .check(value, ty, false, "result")
}

/// The error for a missing required param or field `name`: the code the method documents for it
/// (`Missing required parameter: PartnerCode`, `EMPTY_ORDER_REFERENCE`, …), else
/// `MISSING_PARAMETER`.
pub fn missing(method: &Method, name: &str) -> RpcError {
    let message = format!("Missing required parameter: {name}");
    let screaming = screaming_snake(name);
    let documented = method
        .errors
        .iter()
        .find(|e| e.code.eq_ignore_ascii_case(&message) || is_empty_code_for(&e.code, &screaming));
    match documented {
        Some(error) => RpcError::business(error.code.clone(), message),
        None => RpcError::business(MISSING_PARAMETER, message),
    }
}

/// Whether `code` is an `EMPTY_…` code for the field `screaming`: `EMPTY_` + at most one
/// qualifying word + the field (`EMPTY_RESELLER_FIRST_NAME` is FirstName's, not Name's).
fn is_empty_code_for(code: &str, screaming: &str) -> bool {
    let Some(rest) = code.strip_prefix("EMPTY_") else {
        return false;
    };
    match rest.strip_suffix(screaming) {
        Some("") => true,
        Some(qualifier) => qualifier
            .strip_suffix('_')
            .is_some_and(|word| !word.is_empty() && !word.contains('_')),
        None => false,
    }
}

/// `OrderRefNo` → `ORDER_REF_NO`, `refNo` → `REF_NO`.
fn screaming_snake(name: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() && previous_lower {
            out.push('_');
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        out.push(c.to_ascii_uppercase());
    }
    out
}

#[derive(Clone, Copy)]
struct Checker<'a> {
    spec: &'a Spec,
    method: &'a Method,
    /// Checking a request: every scalar is read leniently. The sandbox's own answers are held
    /// to the declared forms, except where a field is marked `#[lenient]`.
    request: bool,
}

impl Checker<'_> {
    fn check(
        &self,
        value: &Value,
        ty: &TypeRef,
        lenient: bool,
        path: &str,
    ) -> Result<(), RpcError> {
        let lenient = lenient || self.request;
        let ok = match ty {
            TypeRef::Json | TypeRef::Unit => true,
            TypeRef::String => {
                value.is_string() || (lenient && (value.is_number() || value.is_boolean()))
            }
            TypeRef::Bool => value.is_boolean() || (lenient && lenient_bool(value)),
            TypeRef::Integer => {
                value.is_i64()
                    || value.is_u64()
                    || (lenient
                        && (value
                            .as_str()
                            .is_some_and(|s| s.trim().parse::<i64>().is_ok())
                            || value
                                .as_f64()
                                .is_some_and(|n| n.fract() == 0.0 && n.abs() < 9.0e15)))
            }
            TypeRef::Number => {
                value.is_number()
                    || (lenient
                        && value
                            .as_str()
                            .is_some_and(|s| s.trim().parse::<f64>().is_ok_and(f64::is_finite)))
            }
            // Amounts arrive as numbers or as numeric strings (`"0.00"`), documented or not.
            TypeRef::Money => {
                value.is_number()
                    || value
                        .as_str()
                        .is_some_and(|s| crate::money::parse(s.trim()).is_some())
            }
            TypeRef::Date => value.as_str().is_some_and(crate::time::is_date),
            TypeRef::DateTime => value.as_str().is_some_and(crate::time::is_date_time),
            TypeRef::Array(item) => {
                let Value::Array(items) = value else {
                    return Err(self.invalid(path, "an array", value));
                };
                for (index, element) in items.iter().enumerate() {
                    self.check(element, item, lenient, &format!("{path}[{index}]"))?;
                }
                true
            }
            TypeRef::Map(item) => {
                let Value::Object(entries) = value else {
                    return Err(self.invalid(path, "an object", value));
                };
                for (key, element) in entries {
                    self.check(element, item, lenient, &format!("{path}.{key}"))?;
                }
                true
            }
            TypeRef::Named(name) => return self.check_named(value, name, path),
        };
        if ok {
            Ok(())
        } else {
            Err(self.invalid(path, expected(ty), value))
        }
    }

    fn check_named(&self, value: &Value, name: &str, path: &str) -> Result<(), RpcError> {
        match self.spec.type_def(name) {
            // The checker guarantees every name resolves; an unresolved one accepts anything
            // rather than failing requests over a model inconsistency.
            None => Ok(()),
            Some(TypeDef::Struct(def)) => {
                let Value::Object(fields) = value else {
                    return Err(self.invalid(path, &format!("a {name} object"), value));
                };
                for field in &def.fields {
                    let field_path = format!("{path}.{}", field.wire_name);
                    match fields.get(&field.wire_name) {
                        None if field.required => {
                            return Err(missing(self.method, &field.wire_name));
                        }
                        None => {}
                        // The docs' own samples send `null` for every unused optional field.
                        Some(Value::Null) if field.nullable || !field.required => {}
                        Some(Value::Null) => return Err(missing(self.method, &field.wire_name)),
                        Some(inner)
                            if self.request
                                && !field.required
                                && is_empty_stand_in(inner, &field.ty) => {}
                        Some(inner) => {
                            self.check(inner, &field.ty, field.lenient.is_some(), &field_path)?;
                        }
                    }
                }
                Ok(())
            }
            // Enum values match in any case, as the bindings read them (they keep the spelling
            // they read, and the docs' own samples write `VISA` for `Visa`). Union tags below
            // are matched in any case too, since the docs spell the same action `SEND` and `send`.
            Some(TypeDef::Enum(def)) => {
                let text = value.as_str().unwrap_or_default();
                if value.is_string() && def.values.iter().any(|v| v.wire.eq_ignore_ascii_case(text))
                {
                    return Ok(());
                }
                let values: Vec<&str> = def.values.iter().map(|v| v.wire.as_str()).collect();
                Err(RpcError::business(
                    INVALID_PARAMETER,
                    format!(
                        "Invalid value for {path}: {value} is not one of {}",
                        values.join(", ")
                    ),
                ))
            }
            // A shape union keeps any JSON it does not recognise, so every value is acceptable.
            Some(TypeDef::Shape(_)) => Ok(()),
            Some(TypeDef::Union(def)) => {
                let Value::Object(fields) = value else {
                    return Err(self.invalid(path, &format!("a {name} object"), value));
                };
                let Some(tag) = fields.get(&def.tag) else {
                    return Err(missing(self.method, &def.tag));
                };
                let variant = tag.as_str().and_then(|text| {
                    def.variants
                        .iter()
                        .find(|v| v.wire.eq_ignore_ascii_case(text))
                });
                match variant {
                    Some(variant) => self.check_named(value, &variant.payload, path),
                    None => {
                        let values: Vec<&str> =
                            def.variants.iter().map(|v| v.wire.as_str()).collect();
                        Err(RpcError::business(
                            INVALID_PARAMETER,
                            format!(
                                "Invalid value for {path}.{}: {tag} is not one of {}",
                                def.tag,
                                values.join(", ")
                            ),
                        ))
                    }
                }
            }
        }
    }

    /// Writes the scalars in `value` in the forms `ty` declares (see [`canonical_params`]).
    /// `depth` bounds the walk on recursive types, as JSON nesting is unbounded.
    fn canonical(&self, value: &mut Value, ty: &TypeRef, depth: usize) {
        if depth > 64 {
            return;
        }
        match (ty, &*value) {
            (TypeRef::String, Value::Number(n)) => *value = Value::String(n.to_string()),
            (TypeRef::String, Value::Bool(b)) => *value = Value::String(b.to_string()),
            (TypeRef::Integer, Value::String(text)) => {
                if let Ok(n) = text.trim().parse::<i64>() {
                    *value = Value::from(n);
                }
            }
            (TypeRef::Integer, Value::Number(n)) if !(n.is_i64() || n.is_u64()) => {
                if let Some(whole) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15) {
                    // Exact: a whole float below 2^53 converts without loss.
                    *value = Value::from(whole as i64);
                }
            }
            (TypeRef::Number, Value::String(text)) => {
                if let Ok(n) = text.trim().parse::<serde_json::Number>() {
                    *value = Value::Number(n);
                }
            }
            (TypeRef::Bool, Value::String(text)) => match text.to_ascii_lowercase().as_str() {
                "true" | "1" => *value = Value::Bool(true),
                "false" | "0" => *value = Value::Bool(false),
                _ => {}
            },
            (TypeRef::Bool, Value::Number(n)) => match n.as_i64() {
                Some(1) => *value = Value::Bool(true),
                Some(0) => *value = Value::Bool(false),
                _ => {}
            },
            (TypeRef::Array(item), Value::Array(_)) => {
                if let Value::Array(items) = value {
                    for element in items {
                        self.canonical(element, item, depth + 1);
                    }
                }
            }
            (TypeRef::Map(item), Value::Object(_)) => {
                if let Value::Object(entries) = value {
                    for (_, element) in entries.iter_mut() {
                        self.canonical(element, item, depth + 1);
                    }
                }
            }
            (TypeRef::Named(name), _) => self.canonical_named(value, name, depth),
            _ => {}
        }
    }

    /// A "no value" stand-in that the declared type cannot hold even in an answer: those become
    /// `null`. Types that keep any JSON (shape unions, `Json`) keep the stand-in as sent, since
    /// the API itself answers `[]` for some empty values (`Translations`).
    fn is_foreign_stand_in(&self, value: &Value, ty: &TypeRef, lenient: bool) -> bool {
        is_empty_stand_in(value, ty)
            && Checker {
                request: false,
                ..*self
            }
            .check(value, ty, lenient, "")
            .is_err()
    }

    fn canonical_named(&self, value: &mut Value, name: &str, depth: usize) {
        match self.spec.type_def(name) {
            Some(TypeDef::Struct(def)) => {
                let Value::Object(fields) = value else {
                    return;
                };
                for field in &def.fields {
                    let Some(inner) = fields.get_mut(&field.wire_name) else {
                        continue;
                    };
                    if inner.is_null() {
                        continue;
                    }
                    if !field.required
                        && self.is_foreign_stand_in(inner, &field.ty, field.lenient.is_some())
                    {
                        *inner = Value::Null;
                    } else {
                        self.canonical(inner, &field.ty, depth + 1);
                    }
                }
            }
            Some(TypeDef::Union(def)) => {
                let variant = value
                    .get(&def.tag)
                    .and_then(Value::as_str)
                    .and_then(|text| {
                        def.variants
                            .iter()
                            .find(|v| v.wire.eq_ignore_ascii_case(text))
                    })
                    .map(|variant| variant.payload.clone());
                if let Some(payload) = variant {
                    self.canonical_named(value, &payload, depth + 1);
                }
            }
            Some(TypeDef::Enum(_) | TypeDef::Shape(_)) | None => {}
        }
    }

    fn invalid(&self, path: &str, expected: &str, got: &Value) -> RpcError {
        RpcError::business(
            INVALID_PARAMETER,
            format!(
                "Invalid value for {path} in {}: expected {expected}, got {}",
                self.method.wire_name,
                kind(got)
            ),
        )
    }
}

fn lenient_bool(value: &Value) -> bool {
    match value {
        Value::String(text) => matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "1" | "0"
        ),
        Value::Number(n) => n.as_i64().is_some_and(|n| n == 0 || n == 1),
        _ => false,
    }
}

fn expected(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String => "a string",
        TypeRef::Bool => "a boolean",
        TypeRef::Integer => "an integer",
        TypeRef::Number => "a number",
        TypeRef::Money => "an amount (a number)",
        TypeRef::Date => "a date YYYY-MM-DD",
        TypeRef::DateTime => "a date and time (YYYY-MM-DD HH:MM:SS or ISO 8601)",
        TypeRef::Array(_) => "an array",
        TypeRef::Map(_) => "an object",
        TypeRef::Json | TypeRef::Unit | TypeRef::Named(_) => "a value",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use twocheckout_codegen::load::{Source, load_sources};

    use super::*;

    const SPEC: &str = r#"
//! Test module.

/// A thing.
#[source("test")]
struct Thing {
    /// Code.
    Code: String,
    /// Count.
    #[lenient("sent either way")]
    Count: Option<i64>,
    /// Kind.
    Kind: Option<Kind>,
    /// Note.
    Note: Option<Nullable<String>>,
}

/// Kinds.
#[source("test")]
enum Kind {
    /// A.
    ALPHA,
    /// B.
    BETA,
}

/// Action.
#[source("test")]
#[tag("action")]
enum Action {
    /// Go.
    go {
        /// Where.
        Target: String,
    },
    /// Stop.
    stop {},
}

/// Does things.
#[source("test")]
#[api(rpc6)]
#[error("Missing required parameter: Code", "Add it.")]
fn doThing(
    /// The thing.
    Thing: Thing,
    /// The action.
    Action: Option<Action>,
    /// Tags.
    Tags: Option<Vec<String>>,
) -> Thing;
"#;

    fn spec() -> Spec {
        load_sources(&[Source {
            name: "test.api".into(),
            text: SPEC.into(),
        }])
        .unwrap_or_else(|d| panic!("test spec loads: {d}"))
    }

    fn check(params: serde_json::Value) -> Result<(), RpcError> {
        let spec = spec();
        let method = spec.methods_named("doThing").first().expect("method");
        let params = params.as_array().cloned().unwrap_or_default();
        validate_params(&spec, method, &params)
    }

    fn code(result: Result<(), RpcError>) -> String {
        result.expect_err("invalid").error_code
    }

    #[test]
    fn accepts_valid_params() {
        assert_eq!(check(json!([{"Code": "x"}])), Ok(()));
        assert_eq!(
            check(json!([{"Code": "x", "Count": "7", "Kind": "BETA", "Note": null, "Extra": 1}])),
            Ok(())
        );
        assert_eq!(
            check(json!([{"Code": "x"}, {"action": "GO", "Target": "t"}, ["a"]])),
            Ok(())
        );
        assert_eq!(check(json!([{"Code": "x"}, null, ["a"]])), Ok(()));
    }

    #[test]
    fn rejects_invalid_params() {
        assert_eq!(code(check(json!([]))), MISSING_PARAMETER);
        assert_eq!(code(check(json!([{}]))), "Missing required parameter: Code");
        assert_eq!(code(check(json!([{"Code": {}}]))), INVALID_PARAMETER);
        assert_eq!(
            code(check(json!([{"Code": "x", "Count": "many"}]))),
            INVALID_PARAMETER
        );
        assert_eq!(
            code(check(json!([{"Code": "x", "Kind": "GAMMA"}]))),
            INVALID_PARAMETER
        );
        // Enum values match in any case (the docs' samples send `VISA` for `Visa`).
        assert_eq!(check(json!([{"Code": "x", "Kind": "beta"}])), Ok(()));
        assert_eq!(
            code(check(json!([{"Code": "x"}, {"action": "fly"}]))),
            INVALID_PARAMETER
        );
        assert_eq!(
            code(check(json!([{"Code": "x"}, {"action": "go"}]))),
            MISSING_PARAMETER
        );
        assert_eq!(
            code(check(json!([{"Code": "x"}, {"Target": "t"}]))),
            MISSING_PARAMETER
        );
        assert_eq!(
            code(check(json!([{"Code": "x"}, null, ["a", {}]]))),
            INVALID_PARAMETER
        );
        assert_eq!(
            code(check(json!([{"Code": "x"}, null, null, 4]))),
            INVALID_PARAMETER
        );
    }

    #[test]
    fn scalars_in_the_forms_the_bindings_read() {
        // An id as a number, a count as a whole float, "no value" stand-ins for optional fields.
        assert_eq!(check(json!([{"Code": 731522351, "Count": 7.0}])), Ok(()));
        assert_eq!(check(json!([{"Code": true, "Count": ""}])), Ok(()));
        assert_eq!(check(json!([{"Code": "x", "Kind": false}, "", []])), Ok(()));
        assert_eq!(
            code(check(json!([{"Code": "x", "Count": 7.5}]))),
            INVALID_PARAMETER
        );
        assert_eq!(code(check(json!([{"Code": "x"}, "go"]))), INVALID_PARAMETER);
    }

    #[test]
    fn leniently_read_scalars_are_kept_in_their_declared_forms() {
        let spec = spec();
        let method = spec.methods_named("doThing").first().expect("method");
        let sent = [
            json!({"Code": 731522351, "Count": "7", "Kind": false, "Note": ""}),
            json!({"action": "GO", "Target": 5}),
            json!([1, true, "x"]),
        ];
        assert_eq!(validate_params(&spec, method, &sent), Ok(()));
        let canonical = canonical_params(&spec, method, &sent);
        assert_eq!(
            canonical,
            vec![
                json!({"Code": "731522351", "Count": 7, "Kind": null, "Note": ""}),
                json!({"action": "GO", "Target": "5"}),
                json!(["1", "true", "x"]),
            ]
        );
        // What the sandbox answers from canonical records conforms to the declared types.
        assert_eq!(
            conforms(&spec, method, &method.returns, &canonical[0]),
            Ok(())
        );
        assert_eq!(
            canonical_params(
                &spec,
                method,
                &[json!({"Code": "x", "Count": 7.0}), json!("")]
            ),
            vec![json!({"Code": "x", "Count": 7}), Value::Null]
        );
    }

    #[test]
    fn the_first_wrong_param_is_named_before_a_missing_one() {
        let spec = spec();
        let method = spec.methods_named("doThing").first().expect("method");
        // Two required params, the first sent with the second's value.
        let mut two = method.clone();
        two.params[1].required = true;
        let error = validate_params(&spec, &two, &[json!("text")]).expect_err("not an object");
        assert_eq!(error.error_code, INVALID_PARAMETER);
        assert!(error.message.contains("Thing"), "{}", error.message);
        let error = validate_params(&spec, &two, &[json!({"Code": "x"})]).expect_err("missing");
        assert_eq!(error.message, "Missing required parameter: Action");
    }

    #[test]
    fn checks_results_too() {
        let spec = spec();
        let method = spec.methods_named("doThing").first().expect("method");
        assert!(conforms(&spec, method, &method.returns, &json!({"Code": "x"})).is_ok());
        assert!(conforms(&spec, method, &method.returns, &json!({"Count": 1})).is_err());
    }

    #[test]
    fn empty_codes_match_whole_field_names() {
        assert!(is_empty_code_for("EMPTY_RESELLER_FIRST_NAME", "FIRST_NAME"));
        assert!(is_empty_code_for("EMPTY_RESELLER_COMPANY", "COMPANY"));
        assert!(is_empty_code_for("EMPTY_COMPANY", "COMPANY"));
        assert!(!is_empty_code_for("EMPTY_RESELLER_FIRST_NAME", "NAME"));
        assert!(!is_empty_code_for("EMPTY_ORDER_REFERENCE", "REF_NO"));
        assert!(!is_empty_code_for("INVALID_COMPANY", "COMPANY"));
    }

    #[test]
    fn screaming_snake_names() {
        assert_eq!(screaming_snake("OrderRefNo"), "ORDER_REF_NO");
        assert_eq!(screaming_snake("refNo"), "REF_NO");
        assert_eq!(screaming_snake("FirstName"), "FIRST_NAME");
    }
}
