//! `searchProposals`: the proposals matching the filters, by offset and limit.

use serde_json::Value;

use super::{Call, as_bool, as_f64, as_text};
use crate::rpc::RpcError;
use crate::validate::INVALID_PARAMETER;

/// The documented page size when `Limit` is absent.
const DEFAULT_LIMIT: i64 = 10;

/// `searchProposals(SearchOptions)`: proposals in id order, filtered by name (any part, any
/// case), e-mail (bill-to or sell-to), creator, last editor, source, lock and link id, and by
/// creation and change time; `Offset` results skipped, then at most `Limit`.
pub fn search_proposals(call: &Call<'_>) -> Result<Value, RpcError> {
    let number = |name: &str, default: i64| {
        call.arg(name)
            .and_then(as_f64)
            .map_or(default, |n| n as i64)
    };
    let (offset, limit) = (number("Offset", 0), number("Limit", DEFAULT_LIMIT));
    if offset < 0 || limit < 1 {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            format!("Offset must be at least 0 and Limit at least 1 (got {offset}, {limit})."),
        ));
    }
    let text = |name: &str| call.text(name).filter(|t| !t.is_empty());
    let name = text("Name").map(|n| n.to_lowercase());
    let email = text("Email");
    let created_by = text("CreatedBy");
    let modified_by = text("ModifiedBy");
    let source = text("Source");
    let link = text("LinkId");
    let locked = call.arg("Locked").and_then(as_bool);
    let window = |after: &str, before: &str| (text(after), text(before));
    let created = window("CreatedAfter", "CreatedBefore");
    let modified = window("ModifiedAfter", "ModifiedBefore");
    let store = call.state.read();
    let matching: Vec<Value> = store
        .proposals
        .values()
        .filter(|p| {
            let field = |key: &str| p.get(key).and_then(as_text);
            let party_email = |party: &str| {
                p.get(party)
                    .and_then(|party| party.get("Email").or_else(|| party.get("email")))
                    .and_then(as_text)
            };
            let within = |key: &str, (after, before): &(Option<String>, Option<String>)| {
                let at = field(key).unwrap_or_default();
                after.as_ref().is_none_or(|a| at.as_str() > a.as_str())
                    && before.as_ref().is_none_or(|b| at.as_str() < b.as_str())
            };
            name.as_ref().is_none_or(|n| {
                field("name").is_some_and(|own| own.to_lowercase().contains(n.as_str()))
            }) && email.as_ref().is_none_or(|e| {
                [party_email("billTo"), party_email("sellTo")]
                    .iter()
                    .flatten()
                    .any(|own| own.eq_ignore_ascii_case(e))
            }) && created_by
                .as_ref()
                .is_none_or(|c| field("createdBy").as_ref() == Some(c))
                && modified_by
                    .as_ref()
                    .is_none_or(|m| field("updatedBy").as_ref() == Some(m))
                && source
                    .as_ref()
                    .is_none_or(|s| field("source").is_some_and(|own| own.eq_ignore_ascii_case(s)))
                && link.as_ref().is_none_or(|l| {
                    p.get("links")
                        .is_some_and(|links| links.to_string().contains(l.as_str()))
                })
                && locked.is_none_or(|l| p.get("locked").and_then(as_bool) == Some(l))
                && within("createDate", &created)
                && within("updateDate", &modified)
        })
        .map(|p| Value::Object(p.clone()))
        .collect();
    let (Ok(skip), Ok(take)) = (usize::try_from(offset), usize::try_from(limit)) else {
        return Ok(Value::Array(Vec::new()));
    };
    Ok(Value::Array(
        matching.into_iter().skip(skip).take(take).collect(),
    ))
}
