//! JSON text without the whitespace between its tokens, keys kept in their order (as the API
//! sends it; `serde_json::Value` would sort the keys). Also used by the codec profile example.

/// `text` with every whitespace character outside strings dropped.
pub fn compact_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if !c.is_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}
