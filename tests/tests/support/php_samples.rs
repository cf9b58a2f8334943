//! The PHP request samples of the documentation pages in `shared/seeds/`, taken out of the page
//! text and made runnable against a local sandbox.
//!
//! A page holds its samples as plain text: a sample starts at `<?php` and ends at `?>`, or at the
//! first line of prose after it (a line outside any bracket or heredoc that does not read as
//! PHP). A sample is a JSON-RPC one when it builds a `jsonrpc` request; the SOAP samples
//! (`SoapClient`) are listed but not run.
//!
//! [`prepare`] changes a sample only where the docs leave the reader to fill in: the API host,
//! the credentials, `require ('PATH_TO_AUTH')` / `require ('PATH_TO_SET_PARTNER')` (replaced by a
//! login and a `setPartner` written like the docs' authentication sample) and the
//! `YOUR_…`-style placeholders, which get identifiers the sandbox seeds.

use std::path::{Path, PathBuf};

/// One sample of one page.
#[derive(Debug, Clone)]
pub struct Sample {
    /// The seed file's name.
    pub page: String,
    /// The 1-based line of `<?php` in the page.
    pub line: usize,
    /// The PHP text as the page shows it.
    pub code: String,
}

impl Sample {
    /// Whether the sample speaks JSON-RPC (rather than SOAP).
    pub fn is_json_rpc(&self) -> bool {
        self.code.contains("jsonrpc") && !self.code.contains("SoapClient")
    }

    /// The methods the sample calls, in order, `login` and `setPartner` left out.
    pub fn methods(&self) -> Vec<String> {
        let mut found = Vec::new();
        for line in self.code.lines() {
            let line = line.trim();
            let is_method = line.starts_with("'method'")
                || line.starts_with("$jsonRpcRequest->method")
                || line.starts_with("public const ACTION");
            if !is_method {
                continue;
            }
            if let Some(name) = quoted(line.split_once(['=', '>']).map_or("", |(_, rest)| rest))
                && name != "login"
                && name != "setPartner"
            {
                found.push(name.to_string());
            }
        }
        found
    }

    /// Where the sample is, for messages.
    pub fn place(&self) -> String {
        format!("{} line {}", self.page, self.line)
    }
}

/// The first single- or double-quoted text in `text`.
fn quoted(text: &str) -> Option<&str> {
    let start = text.find(['\'', '"'])?;
    let quote = text[start..].chars().next()?;
    let rest = &text[start + 1..];
    rest.find(quote).map(|end| &rest[..end])
}

/// The seed pages folder (`shared/seeds/` next to the repository), when it is there.
pub fn seeds_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds");
    dir.is_dir().then_some(dir)
}

/// Every sample of every page in `dir`, in file order.
pub fn samples_in(dir: &Path) -> std::io::Result<Vec<Sample>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut samples = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path)?;
        let page = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        samples.extend(extract(&page, &text));
    }
    Ok(samples)
}

/// The PHP samples of one page's text.
pub fn extract(page: &str, text: &str) -> Vec<Sample> {
    let lines: Vec<&str> = text.lines().collect();
    let mut samples = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        if lines[index].trim() != "<?php" {
            index += 1;
            continue;
        }
        let start = index;
        let mut scanner = Scanner::default();
        let mut end = lines.len();
        for (offset, line) in lines[start + 1..].iter().enumerate() {
            let at = start + 1 + offset;
            if scanner.at_top() && line.trim() == "?>" {
                end = at + 1;
                break;
            }
            if scanner.at_top() && line.trim() == "<?php" {
                end = at;
                break;
            }
            if scanner.at_top() && is_prose(line) {
                end = at;
                break;
            }
            scanner.feed(line);
        }
        let mut body: Vec<&str> = lines[start..end].to_vec();
        while body.last().is_some_and(|l| l.trim().is_empty()) {
            body.pop();
        }
        let mut code = body.join("\n");
        code.push('\n');
        samples.push(Sample {
            page: page.to_string(),
            line: start + 1,
            code,
        });
        index = end.max(start + 1);
    }
    samples
}

/// A line at the top level of a sample that is not PHP: a page heading or paragraph.
fn is_prose(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return false;
    }
    let php_start = ["//", "#", "/*", "*", "$", "}", "?>"];
    if php_start.iter().any(|p| line.starts_with(p)) {
        return false;
    }
    let keywords = [
        "require",
        "include",
        "try",
        "catch",
        "finally",
        "function",
        "class",
        "declare",
        "abstract",
        "final",
        "interface",
        "namespace",
        "use",
        "if",
        "else",
        "echo",
        "return",
        "var_dump",
        "print",
        "new",
        "const",
        "public",
        "private",
        "protected",
    ];
    let first: String = line
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if keywords.contains(&first.as_str()) {
        return false;
    }
    let php_end = [';', '{', '}', '(', ',', '['];
    !line.ends_with(php_end)
}

/// Tracks brackets, strings, comments and heredocs across the lines of a sample.
#[derive(Default)]
struct Scanner {
    depth: i64,
    /// The closing label of the heredoc being read.
    heredoc: Option<String>,
}

impl Scanner {
    fn at_top(&self) -> bool {
        self.depth <= 0 && self.heredoc.is_none()
    }

    fn feed(&mut self, line: &str) {
        if let Some(label) = &self.heredoc {
            let trimmed = line.trim_start();
            if trimmed
                .strip_prefix(label.as_str())
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
            {
                self.heredoc = None;
            }
            return;
        }
        if let Some((_, rest)) = line.split_once("<<<") {
            let label: String = rest
                .trim()
                .trim_matches(['\'', '"'])
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !label.is_empty() {
                self.heredoc = Some(label);
            }
        }
        let mut chars = line.chars().peekable();
        let mut quote: Option<char> = None;
        while let Some(c) = chars.next() {
            match quote {
                Some(q) => {
                    if c == '\\' {
                        chars.next();
                    } else if c == q {
                        quote = None;
                    }
                }
                None => match c {
                    '\'' | '"' => quote = Some(c),
                    '#' => break,
                    '/' if chars.peek() == Some(&'/') => break,
                    '(' | '[' | '{' => self.depth += 1,
                    ')' | ']' | '}' => self.depth -= 1,
                    _ => {}
                },
            }
        }
    }
}

/// Where and as whom a prepared sample calls.
#[derive(Debug, Clone)]
pub struct Target {
    /// The sandbox's base URL (`http://127.0.0.1:PORT`).
    pub base: String,
    /// The JSON-RPC 6.0 URL.
    pub rpc6: String,
    /// The Channel Manager 2.1 URL.
    pub cm21: String,
    /// Merchant code.
    pub merchant_code: String,
    /// Secret key.
    pub secret_key: String,
    /// The partner `PATH_TO_SET_PARTNER` selects.
    pub partner: String,
}

/// The hosts the samples call, replaced by the sandbox's.
const HOSTS: &[&str] = &[
    "https://api.avangate.com",
    "https://api.2checkout.com",
    "https://api.2checkout.local",
    "http://api.avangate.local",
];

/// The credential placeholders of the samples: merchant codes, then secret keys.
const MERCHANT_CODES: &[&str] = &[
    "'MERCHANT'",
    "\"MERCHANT_CODE\"",
    "\"YOURCODE12345\"",
    "\"YOUR_MERCHANT_CODE\"",
];
const SECRET_KEYS: &[&str] = &["'SECRET_KEY'", "\"SECRET_KEY\"", "\"YOUR_SECRET_KEY\""];

/// Placeholder strings and the seeded identifiers they become.
const PLACEHOLDERS: &[(&str, &str)] = &[
    ("'YOUR_SUBSCRIPTION_REFERENCE'", "'30E47F8699'"),
    ("'YOUR_LANGUAGE_ISO_CODE'", "'en'"),
    ("'EXTERNAL_CUSTOMER_REFERENCE'", "'EXT-CUST-001'"),
    ("'YOUR_ORDER_REFERENCE_NUMBER'", "'731522353'"),
    ("'NEW_RESELLER_CODE'", "'DB6F1A946E'"),
];

/// Placeholder constants the samples use without defining them (`CUSTOMER_REFERENCE`; and
/// `ExternalCustomerReference`, written without its `$`, which PHP 7 read as a string and PHP 8
/// refuses as an undefined constant), defined ahead of the sample with seeded values.
const CONSTANTS: &[(&str, &str)] = &[
    ("CUSTOMER_REFERENCE", "258075058"),
    ("ExternalCustomerReference", "'EXT-CUST-001'"),
];

/// The sample, runnable against `target`.
pub fn prepare(sample: &Sample, target: &Target) -> String {
    let mut code = sample.code.clone();
    for host in HOSTS {
        code = code.replace(host, &target.base);
    }
    let code_literal = php_string(&target.merchant_code);
    let key_literal = php_string(&target.secret_key);
    for placeholder in MERCHANT_CODES {
        code = code.replace(placeholder, &code_literal);
    }
    for placeholder in SECRET_KEYS {
        code = code.replace(placeholder, &key_literal);
    }
    for (placeholder, value) in PLACEHOLDERS {
        code = code.replace(placeholder, value);
    }
    let partner = code.contains("PATH_TO_SET_PARTNER");
    let host = if partner { &target.cm21 } else { &target.rpc6 };
    let mut prelude = String::new();
    for (name, value) in CONSTANTS {
        let used = code
            .match_indices(name)
            .any(|(at, _)| is_bare_constant(&code, at, name.len()));
        if used {
            prelude.push_str(&format!("define('{name}', {value});\n"));
        }
    }
    let auth = auth_php(host, target);
    let set_partner = set_partner_php(&target.partner);
    let mut out = String::new();
    for line in code.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("require") && trimmed.contains("PATH_TO_AUTH") {
            out.push_str(&auth);
        } else if trimmed.starts_with("require") && trimmed.contains("PATH_TO_SET_PARTNER") {
            out.push_str(&set_partner);
        } else {
            out.push_str(line);
            out.push('\n');
        }
        if trimmed == "<?php" {
            out.push_str(&prelude);
        }
    }
    out
}

/// Whether the `len` bytes at `at` are a whole bare identifier (no `$`, no quotes, no letters
/// around it).
fn is_bare_constant(code: &str, at: usize, len: usize) -> bool {
    let before = code[..at].chars().next_back();
    let after = code[at + len..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !word(before)
        && !word(after)
        && !matches!(before, Some('$' | '\'' | '"' | '>'))
        && !matches!(after, Some('\'' | '"'))
}

fn php_string(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// What `PATH_TO_AUTH` stands for: the docs' `callRPC` helper, `$host`, a `login` and the
/// `$sessionID` and `$i` the samples go on with.
fn auth_php(host: &str, target: &Target) -> String {
    format!(
        r#"// PATH_TO_AUTH: callRPC, $host, login.
function callRPC($Request, $hostUrl, $Debug = true) {{
    $curl = curl_init($hostUrl);
    curl_setopt($curl, CURLOPT_POST, 1);
    curl_setopt($curl, CURLOPT_RETURNTRANSFER, 1);
    curl_setopt($curl, CURLOPT_HTTPHEADER, array('Content-Type: application/json', 'Accept: application/json'));
    curl_setopt($curl, CURLOPT_POSTFIELDS, json_encode($Request));
    $ResponseString = curl_exec($curl);
    if (!empty($ResponseString)) {{
        $Response = json_decode($ResponseString);
        if (isset($Response->result)) {{
            return $Response->result;
        }}
        if (!is_null($Response->error)) {{
            var_dump($Request->method, $Response->error);
        }}
    }} else {{
        return null;
    }}
}}
$host = {host};
$merchantCode = {code};
$key = {key};
$date = gmdate('Y-m-d H:i:s');
$string = strlen($merchantCode) . $merchantCode . strlen($date) . $date;
$hash = hash_hmac('sha256', $string, $key);
$i = 1;
$jsonRpcRequest = new stdClass();
$jsonRpcRequest->jsonrpc = '2.0';
$jsonRpcRequest->method = 'login';
$jsonRpcRequest->params = array($merchantCode, $date, $hash, 'sha256');
$jsonRpcRequest->id = $i++;
$sessionID = callRPC($jsonRpcRequest, $host);
"#,
        host = php_string(host),
        code = php_string(&target.merchant_code),
        key = php_string(&target.secret_key),
    )
}

/// What `PATH_TO_SET_PARTNER` stands for: `setPartner` on the session.
fn set_partner_php(partner: &str) -> String {
    format!(
        r#"// PATH_TO_SET_PARTNER: setPartner.
$jsonRpcRequest = new stdClass();
$jsonRpcRequest->jsonrpc = '2.0';
$jsonRpcRequest->method = 'setPartner';
$jsonRpcRequest->params = array($sessionID, {partner});
$jsonRpcRequest->id = $i++;
callRPC($jsonRpcRequest, $host);
"#,
        partner = php_string(partner),
    )
}
