//! Request samples (PHP, sometimes folded onto one line): the method's wire name, the params in
//! the order the sample sends them, and what each param's value looks like.
//!
//! The wire name is taken from the call itself (`'method' => 'name'`, `->method = 'name'`,
//! `ACTION = 'name'`, `$client->name($sessionID, …)`), never from the page title, which often
//! differs. When a sample makes several calls (a read before an update), the last one that is
//! not `login` or `setPartner` is the method the page documents.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// What a value in a sample looks like.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string literal.
    Str,
    /// A string literal holding a calendar date (`2020-09-30`).
    DateStr,
    /// A string literal holding a date and a time (`2020-09-30 17:00:00`).
    DateTimeStr,
    /// An integer literal.
    Int,
    /// A literal with a fraction.
    Float,
    /// `true` / `false`.
    Bool,
    /// `null` / `NULL`.
    Null,
    /// An object (`new stdClass()`, an associative array, a JSON object): keys in sample order.
    Object(Vec<(String, Value)>),
    /// An array.
    Array(Vec<Value>),
    /// Something the importer cannot read (a constant, a function call).
    Unknown,
}

impl Value {
    /// The fields of an object, or of the first object in an array.
    pub fn fields(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Object(fields) => Some(fields),
            Value::Array(items) => items.iter().find_map(Value::fields),
            _ => None,
        }
    }
}

/// One param sent by a sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    /// The variable's name without `$` (or `param{n}` for a literal).
    pub name: String,
    /// What its value looks like.
    pub value: Value,
    /// Set when the sample writes the variable without its `$` (a typo in the docs).
    pub bare: bool,
    /// Set when the line assigning the variable carries an `// optional` comment.
    pub optional: bool,
}

/// What a request sample says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sample {
    /// The wire name of the method called, if the sample names one.
    pub method: Option<String>,
    /// The params after the session id, in order.
    pub args: Vec<Arg>,
    /// Whether the first param is the session id.
    pub session: bool,
    /// The endpoint the sample calls, if it names one.
    pub endpoint: Option<String>,
    /// Whether the sample sets a partner first (Channel Manager 2.1).
    pub partner: bool,
    /// Set when the sample defines a payload but the line that sends it is not on the page
    /// (a page cut short): the payload is taken as sent after the session id, as every
    /// `ACTION` / `PAYLOAD` sample sends it.
    pub payload_assumed: bool,
    /// The sample's other documented calls, earlier ones first (a page may show a read
    /// before the call it documents, or a follow-up call after it).
    pub others: Vec<Sample>,
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

static METHOD_KEY: LazyLock<Regex> =
    LazyLock::new(|| regex(r#"['"]method['"]\s*=>\s*['"]([A-Za-z_]\w*)['"]"#));
static METHOD_PROP: LazyLock<Regex> =
    LazyLock::new(|| regex(r#"->method\s*=\s*['"]([A-Za-z_]\w*)['"]"#));
static ACTION: LazyLock<Regex> = LazyLock::new(|| regex(r#"ACTION\s*=\s*['"]([A-Za-z_]\w*)['"]"#));
static CLIENT_CALL: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\$\w+->([A-Za-z_]\w*)\s*\(\s*\$session\w*"));
static PARAMS: LazyLock<Regex> =
    LazyLock::new(|| regex(r#"(?:['"]params['"]\s*=>|->params\s*=)\s*(?:array\s*\(|\[)"#));
static PAYLOAD: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?s)PAYLOAD\s*=\s*<<<'?JSON'?\s*\n(.*?)\n\s*JSON;"));
static PAYLOAD_ARGS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\[\s*\$(?:this->)?session\w*\s*,\s*\$payload\s*[,\]]"));
static SESSION_LIST: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\[\s*\$(?:this->)?session\w*\s*[,\]]"));
static PAYLOAD_TEXT: LazyLock<Regex> =
    LazyLock::new(|| regex(r#"PAYLOAD\s*=\s*(['"]|-?\d|true|false)"#));
static BLOCK_COMMENT: LazyLock<Regex> = LazyLock::new(|| regex(r"(?s)/\*.*?\*/"));
static ENDPOINT: LazyLock<Regex> = LazyLock::new(|| regex(r#"https?://[^\s'"<>]+"#));

/// Methods a sample calls on the way to the one it documents.
const SETUP_CALLS: &[&str] = &["login", "setPartner"];

/// Reads a sample: its last documented call, with the others in [`Sample::others`].
pub fn analyze(code: &str) -> Sample {
    // Commented-out calls are not part of the sample.
    let code = &*BLOCK_COMMENT.replace_all(code, "");
    let calls = method_calls(code);
    let mut samples: Vec<Sample> = calls.iter().map(|c| analyze_call(code, Some(c))).collect();
    let Some(mut last) = samples.pop() else {
        return analyze_call(code, None);
    };
    last.others = samples;
    last
}

fn analyze_call(code: &str, call: Option<&(Call, String, usize)>) -> Sample {
    let mut sample = Sample {
        endpoint: ENDPOINT
            .find_iter(code)
            .map(|m| m.as_str())
            .find(|url| {
                url.contains("/rpc") || url.contains("/soap") || url.contains("channel-manager")
            })
            .map(str::to_owned),
        partner: code.contains("PATH_TO_SET_PARTNER") || code.contains("setPartner"),
        ..Sample::default()
    };
    let Some((kind, name, at)) = call.cloned() else {
        return sample;
    };
    sample.method = Some(name);
    let args = match kind {
        Call::Keyed => nearest_params(code, at).map(split_args),
        Call::Client => balanced(code, code[at..].find('(').map(|i| at + i + 1)).map(split_args),
        Call::Action => {
            let (args, assumed) = payload_args(code);
            sample.payload_assumed = assumed;
            Some(args)
        }
    };
    let mut args = args.unwrap_or_default();
    if args.first().is_some_and(|a| is_session(a)) {
        sample.session = true;
        args.remove(0);
    }
    sample.args = args
        .iter()
        .enumerate()
        .map(|(i, text)| read_arg(code, text, i, at))
        .collect();
    sample
}

#[derive(Debug, Clone, Copy)]
enum Call {
    Keyed,
    Client,
    Action,
}

/// The documented calls of the sample, in order: kind, wire name and offset.
fn method_calls(code: &str) -> Vec<(Call, String, usize)> {
    let mut found: Vec<_> = [
        (Call::Keyed, &*METHOD_KEY),
        (Call::Keyed, &*METHOD_PROP),
        (Call::Action, &*ACTION),
        (Call::Client, &*CLIENT_CALL),
    ]
    .into_iter()
    .flat_map(|(kind, re)| {
        re.captures_iter(code).map(move |c| {
            let whole = c.get(0).expect("match");
            (kind, c[1].to_owned(), whole.start())
        })
    })
    .filter(|(_, name, _)| !SETUP_CALLS.contains(&name.as_str()))
    .collect();
    found.sort_by_key(|(_, _, at)| *at);
    found
}

/// The `params` list closest to the method name at `at`.
fn nearest_params(code: &str, at: usize) -> Option<&str> {
    let m = PARAMS
        .find_iter(code)
        .min_by_key(|m| m.start().abs_diff(at))?;
    balanced(code, Some(m.end()))
}

/// The text from `start` up to the bracket that closes the one just before it.
fn balanced(code: &str, start: Option<usize>) -> Option<&str> {
    let start = start?;
    let mut depth = 0_i32;
    let mut quote: Option<char> = None;
    for (i, c) in code[start..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') if depth == 0 => return Some(&code[start..start + i]),
            (None, ')' | ']' | '}') => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Splits an argument list at its top-level commas.
fn split_args(list: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut depth = 0_i32;
    let mut quote: Option<char> = None;
    let mut current = String::new();
    for c in list.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, ',') if depth == 0 => {
                args.push(std::mem::take(&mut current).trim().to_owned());
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        args.push(current.trim().to_owned());
    }
    args.retain(|a| !a.is_empty());
    args
}

/// The params of an `ACTION` / `PAYLOAD` sample: the session id, then the payload when the
/// sample sends one.
fn payload_args(code: &str) -> (Vec<String>, bool) {
    let mut args = vec!["$sessionId".to_owned()];
    let defined = PAYLOAD.is_match(code) || PAYLOAD_TEXT.is_match(code);
    let sent = PAYLOAD_ARGS.is_match(code);
    // No argument list at all: the page stops before the call.
    let shown = SESSION_LIST.is_match(code);
    let assumed = defined && !sent && !shown;
    if defined && (sent || assumed) {
        args.push("$payload".to_owned());
    }
    (args, assumed)
}

fn is_session(arg: &str) -> bool {
    let arg = arg
        .trim()
        .trim_start_matches("$this->")
        .trim_start_matches('$');
    arg.to_ascii_lowercase().starts_with("session")
}

fn read_arg(code: &str, text: &str, index: usize, call_at: usize) -> Arg {
    let text = text.trim();
    if text == "$payload" {
        let value = PAYLOAD
            .captures(code)
            .and_then(|c| serde_json::from_str::<Value>(c[1].trim()).ok())
            .or_else(|| {
                let at = PAYLOAD_TEXT.find(code)?.end() - 1;
                Some(php_value(code[at..].split(';').next().unwrap_or("")))
            })
            .unwrap_or(Value::Unknown);
        return Arg {
            name: "Payload".to_owned(),
            value,
            bare: false,
            optional: false,
        };
    }
    if let Some(var) = text.strip_prefix('$')
        && is_word(var)
    {
        return Arg {
            name: var.to_owned(),
            value: variable(code, var, call_at),
            bare: false,
            optional: commented_optional(code, var),
        };
    }
    if is_word(text) && !is_literal_word(text) {
        return Arg {
            name: text.to_owned(),
            value: variable(code, text, call_at),
            bare: true,
            optional: commented_optional(code, text),
        };
    }
    Arg {
        name: format!("param{}", index + 1),
        value: php_value(text),
        bare: false,
        optional: false,
    }
}

/// Whether the assignment of `$name` is followed by an `// optional` comment on its line
/// (the name in any case, as PHP samples are not consistent).
fn commented_optional(code: &str, name: &str) -> bool {
    static REST: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)^\s*=[^;]*;\s*//\s*optional"));
    // ASCII lowering keeps byte offsets, so the positions found apply to `code` too.
    let lower = code.to_ascii_lowercase();
    occurrences(&lower, &format!("${}", name.to_ascii_lowercase()), &REST)
        .next()
        .is_some()
}

/// The matches of `rest` right after each occurrence of `needle` in `code`, left to right and
/// not overlapping: what the pattern `needle` + `rest` would find, without compiling a pattern
/// per variable name (the samples name many). `rest` must be anchored (`^`). Yields the start
/// of each occurrence with the captures of `rest`.
fn occurrences<'c>(
    code: &'c str,
    needle: &str,
    rest: &'static Regex,
) -> impl Iterator<Item = (usize, regex::Captures<'c>)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(offset) = code.get(from..)?.find(needle) {
            let start = from + offset;
            let after = start + needle.len();
            match rest.captures(&code[after..]) {
                Some(captures) => {
                    from = after + captures.get(0).map_or(0, |m| m.end()).max(1);
                    return Some((start, captures));
                }
                // `$` is one byte: the next occurrence starts at a char boundary.
                None => from = start + 1,
            }
        }
        None
    })
}

fn is_word(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !text.starts_with(|c: char| c.is_ascii_digit())
}

fn is_literal_word(text: &str) -> bool {
    matches!(
        text.to_ascii_lowercase().as_str(),
        "true" | "false" | "null"
    )
}

/// What the sample assigns to `$name`: the last plain assignment before the call, or the
/// object its property assignments build.
fn variable(code: &str, name: &str, call_at: usize) -> Value {
    static PROPS: LazyLock<Regex> =
        LazyLock::new(|| regex(r"^((?:->\s*[A-Za-z0-9_]+|\[\s*\d+\s*\])+)\s*=\s*([^;]+);"));
    static PLAIN: LazyLock<Regex> = LazyLock::new(|| regex(r"^\s*=\s*([^;]+);"));
    let needle = format!("${name}");
    let mut object = Value::Unknown;
    for (_, c) in occurrences(code, &needle, &PROPS) {
        insert(&mut object, &path(&c[1]), php_value(&c[2]));
    }
    if object != Value::Unknown {
        return object;
    }
    let assignments: Vec<_> = occurrences(code, &needle, &PLAIN).collect();
    let before = assignments
        .iter()
        .rev()
        .find(|(start, _)| *start < call_at)
        .or(assignments.first());
    before.map_or(Value::Unknown, |(_, c)| php_value(&c[1]))
}

enum Step {
    Prop(String),
    Index(usize),
}

fn path(text: &str) -> Vec<Step> {
    static STEP: LazyLock<Regex> = LazyLock::new(|| regex(r"->\s*([A-Za-z0-9_]+)|\[\s*(\d+)\s*\]"));
    STEP.captures_iter(text)
        .map(|c| match (c.get(1), c.get(2)) {
            (Some(p), _) => Step::Prop(p.as_str().to_owned()),
            (None, Some(i)) => Step::Index(i.as_str().parse().unwrap_or(0).min(64)),
            (None, None) => Step::Index(0),
        })
        .collect()
}

/// Sets the value at `path` inside `target`, creating objects and arrays on the way.
fn insert(target: &mut Value, path: &[Step], value: Value) {
    let Some((step, rest)) = path.split_first() else {
        // A later `= new stdClass()` or `= array()` must not wipe fields already set.
        let keep = matches!(
            (&*target, &value),
            (Value::Object(_), Value::Object(f)) if f.is_empty()
        ) || matches!((&*target, &value), (Value::Array(_), Value::Array(a)) if a.is_empty());
        if !keep {
            *target = value;
        }
        return;
    };
    match step {
        Step::Prop(name) => {
            if !matches!(target, Value::Object(_)) {
                *target = Value::Object(Vec::new());
            }
            let Value::Object(fields) = target else {
                return;
            };
            let slot = match fields.iter().position(|(k, _)| k == name) {
                Some(i) => &mut fields[i].1,
                None => {
                    fields.push((name.clone(), Value::Unknown));
                    &mut fields.last_mut().expect("just pushed").1
                }
            };
            insert(slot, rest, value);
        }
        Step::Index(i) => {
            if !matches!(target, Value::Array(_)) {
                *target = Value::Array(Vec::new());
            }
            let Value::Array(items) = target else { return };
            while items.len() <= *i {
                items.push(Value::Unknown);
            }
            insert(&mut items[*i], rest, value);
        }
    }
}

/// What a PHP expression evaluates to, as far as its shape goes.
pub fn php_value(text: &str) -> Value {
    let text = text.trim().trim_end_matches(';').trim();
    let lower = text.to_ascii_lowercase();
    if text.starts_with('\'') || text.starts_with('"') {
        return string_value(text.trim_matches(['\'', '"']));
    }
    match lower.as_str() {
        "true" | "false" => return Value::Bool,
        "null" => return Value::Null,
        _ => {}
    }
    if lower.starts_with("new stdclass") || lower.starts_with("(object)") {
        return Value::Object(Vec::new());
    }
    let unsigned = text.trim_start_matches('-');
    if !unsigned.is_empty() && unsigned.chars().all(|c| c.is_ascii_digit()) {
        return Value::Int;
    }
    if unsigned.parse::<f64>().is_ok() && unsigned.contains('.') {
        return Value::Float;
    }
    let inner = if lower.starts_with("array") {
        text.find('(').and_then(|i| balanced(text, Some(i + 1)))
    } else if text.starts_with('[') {
        balanced(text, Some(1))
    } else {
        None
    };
    match inner {
        Some(inner) => {
            let items = split_args(inner);
            if items.iter().any(|i| i.contains("=>")) {
                Value::Object(
                    items
                        .iter()
                        .filter_map(|i| i.split_once("=>"))
                        .map(|(k, v)| {
                            let key = k.trim().trim_matches(['\'', '"']).to_owned();
                            (key, php_value(v))
                        })
                        .collect(),
                )
            } else {
                Value::Array(items.iter().map(|i| php_value(i)).collect())
            }
        }
        None => Value::Unknown,
    }
}

static DATE_TEXT: LazyLock<Regex> = LazyLock::new(|| regex(r"^\d{4}-\d{2}-\d{2}$"));
static DATE_TIME_TEXT: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?"));

/// What a string literal looks like: a date, a date-time, or any other text.
fn string_value(text: &str) -> Value {
    let text = text.trim();
    if DATE_TEXT.is_match(text) {
        Value::DateStr
    } else if DATE_TIME_TEXT.is_match(text) {
        Value::DateTimeStr
    } else {
        Value::Str
    }
}

impl Value {
    /// Whether the value is a string literal of any kind.
    pub fn is_string(&self) -> bool {
        matches!(self, Value::Str | Value::DateStr | Value::DateTimeStr)
    }
}

/// JSON payloads keep their key order, which `serde_json::Value` (a sorted map) would lose.
impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Value, E> {
        Ok(Value::Bool)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Value, E> {
        Ok(Value::Int)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Value, E> {
        Ok(Value::Int)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Value, E> {
        Ok(Value::Float)
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Value, E> {
        Ok(string_value(text))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut fields = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            fields.push((key, value));
        }
        Ok(Value::Object(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_request_arrays() {
        let code = "$ref = 'X'; $on = false;\n$r = array (\n'method' => 'setRenewalNotificationStatus',\n'params' => array($sessionID, $ref, $on),\n'id' => $i++);";
        let s = analyze(code);
        assert_eq!(s.method.as_deref(), Some("setRenewalNotificationStatus"));
        assert!(s.session);
        let names: Vec<_> = s
            .args
            .iter()
            .map(|a| (a.name.as_str(), a.value.clone()))
            .collect();
        assert_eq!(names, [("ref", Value::Str), ("on", Value::Bool)]);
    }

    #[test]
    fn last_call_wins_and_login_is_skipped() {
        let code = "$r->method = 'login'; $r->params = array($a, $b);\n$x = array('method' => 'getProductByCode', 'params' => array($sessionID, $c));\n$y = array('method' => 'updateProduct', 'params' => array($sessionID, $p));";
        let s = analyze(code);
        assert_eq!(s.method.as_deref(), Some("updateProduct"));
        assert_eq!(s.args[0].name, "p");
    }

    #[test]
    fn client_calls_and_objects() {
        let code = "$S = new stdClass();\n$S->Email = 'a';\n$S->Pagination = new stdClass();\n$S->Pagination->Page = 1;\n$S->Items[0]->Price = 9.5;\n$r = $client->searchSubscriptions($sessionID, $S);";
        let s = analyze(code);
        assert_eq!(s.method.as_deref(), Some("searchSubscriptions"));
        let Value::Object(fields) = &s.args[0].value else {
            panic!("object expected")
        };
        let keys: Vec<_> = fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["Email", "Pagination", "Items"]);
        assert_eq!(
            fields[2].1,
            Value::Array(vec![Value::Object(vec![("Price".into(), Value::Float)])])
        );
    }

    #[test]
    fn action_payload_samples_keep_key_order() {
        let code = "public const ACTION = 'updateOrderReseller';\npublic const PAYLOAD = <<<JSON\n{\"b\": 1, \"a\": \"x\"}\nJSON;\n$payload = [$this->sessionId, $payload];";
        let s = analyze(code);
        assert_eq!(s.method.as_deref(), Some("updateOrderReseller"));
        assert_eq!(
            s.args[0].value,
            Value::Object(vec![("b".into(), Value::Int), ("a".into(), Value::Str)])
        );
    }

    #[test]
    fn a_payload_whose_call_is_cut_off_is_taken_as_sent() {
        let code = "public const ACTION = 'getInstallments';\npublic const PAYLOAD = <<<JSON\n{\"Amount\": 500}\nJSON;\nclass Client {";
        let s = analyze(code);
        assert!(s.payload_assumed);
        assert_eq!(s.args.len(), 1);
        // A call that sends the session id only is not cut off.
        let code = "public const ACTION = 'getX';\npublic const PAYLOAD = <<<JSON\n{\"A\": 1}\nJSON;\n$args = [$sessionId];";
        let s = analyze(code);
        assert!(!s.payload_assumed);
        assert!(s.args.is_empty());
    }

    #[test]
    fn bare_names_and_folded_lines() {
        let code = "<?php $A = 1; $j = array ( 'method' => 'getCustomerSubscriptions', 'params' => array($sessionID, $A,ExternalCustomerReference), 'id' => 1); ?>";
        let s = analyze(code);
        assert_eq!(s.args.len(), 2);
        assert!(s.args[1].bare);
        assert_eq!(s.args[0].value, Value::Int);
    }

    #[test]
    fn assignments_of_one_variable_among_others() {
        // `$code` is a prefix of `$codeList`; the last plain assignment before the call wins;
        // the `// optional` comment is found whatever the case of the name.
        let code = "$codeList = 5;\n$code = 'A';\n$CODE = 'B'; // Optional\n$code = 7;\n$r = $client->getX($sessionID, $code);\n$code = true;";
        let call_at = code.find("$r =").unwrap_or_default();
        assert_eq!(variable(code, "code", call_at), Value::Int);
        assert_eq!(variable(code, "codeList", call_at), Value::Int);
        assert_eq!(variable(code, "missing", call_at), Value::Unknown);
        assert!(commented_optional(code, "code"));
        assert!(!commented_optional(code, "codeList"));
        // Property assignments build an object; a name followed by neither `->`, `[` nor `=`
        // is skipped.
        let code = "echo $o; $o->A = 1; $o->B[0] = 'x'; $oo->C = 2;";
        let Value::Object(fields) = variable(code, "o", code.len()) else {
            panic!("object expected")
        };
        let keys: Vec<_> = fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["A", "B"]);
    }
}
