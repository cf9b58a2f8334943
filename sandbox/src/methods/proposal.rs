//! Proposals: creation, retrieval, `performAction` (a state machine over the documented
//! statuses) and the version history it leaves.

use serde_json::{Map, Value};
use twocheckout_codegen::model::TypeRef;

use super::Call;
use crate::rpc::RpcError;
use crate::validate::{INVALID_PARAMETER, canonical_value, check_request_value};

/// `createProposal(Proposal)`: a new proposal, version 1, status `opened`.
///
/// The sample writes the payload's keys in PascalCase (`Name`, `Type`, `Content` with
/// `LineItems`, `BillTo`, `SellTo`) and the proposal object answers them in lowerCamel; both are
/// read, and the record is kept in the answer's spelling. The billing and selling parties are
/// any JSON and kept as sent.
pub fn create_proposal(call: &Call<'_>) -> Result<Value, RpcError> {
    let Some(Value::Object(payload)) = call.params.first() else {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            "createProposal takes the new proposal as an object after the session id",
        ));
    };
    let mut record = lower_camel_keys(payload);
    for nested in ["content", "tac"] {
        if let Some(Value::Object(inner)) = record.get(nested) {
            let mut inner = lower_camel_keys(inner);
            if let Some(Value::Array(lines)) = inner.get("lineItems") {
                let lines = lines
                    .iter()
                    .map(|line| match line {
                        Value::Object(line) => Value::Object(lower_camel_keys(line)),
                        other => other.clone(),
                    })
                    .collect();
                inner.insert("lineItems".into(), Value::Array(lines));
            }
            record.insert(nested.into(), Value::Object(inner));
        }
    }
    // The table marks the content and its lines required (the sample sends no name).
    let has_lines = record
        .get("content")
        .and_then(|content| content.get("lineItems"))
        .is_some_and(Value::is_array);
    if !has_lines {
        return Err(crate::validate::missing(
            call.method,
            if record.get("content").is_some_and(Value::is_object) {
                "lineItems"
            } else {
                "proposalContent"
            },
        ));
    }
    let mut store = call.state.write();
    store.created_proposals += 1;
    let id = format!("00000000-0000-4000-8000-{:012x}", store.created_proposals);
    let now = Value::String(crate::time::iso8601(crate::time::now()));
    // What the system sets, whatever the payload says.
    for (key, value) in [
        ("proposalId", Value::String(id.clone())),
        ("version", Value::from(1)),
        ("createDate", now.clone()),
        ("updateDate", now),
        ("locked", Value::Bool(false)),
        ("status", Value::String("opened".into())),
        ("source", Value::String("MERCHANT_API".into())),
    ] {
        record.insert(key.into(), value);
    }
    let mut record = Value::Object(record);
    let proposal = TypeRef::Named("Proposal".into());
    check_request_value(call.spec, call.method, &proposal, &record, "Proposal")?;
    canonical_value(call.spec, call.method, &proposal, &mut record);
    if let Value::Object(stored) = &record {
        store.proposals.insert(id, stored.clone());
    }
    Ok(record)
}

/// The keys of `object` with their first letter in lower case (`LineItems` → `lineItems`),
/// keeping the order; a key already present in that spelling wins over its PascalCase twin.
fn lower_camel_keys(object: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, value) in object {
        let mut chars = key.chars();
        let lower = match chars.next() {
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => String::new(),
        };
        if lower != *key && object.contains_key(&lower) {
            continue;
        }
        out.insert(lower, value.clone());
    }
    out
}

/// `searchProposalHistoryById(ProposalId, {Offset, Limit, HasStatusComment})`: the proposal's
/// versions, newest first (the current one included), a page at a time.
pub fn search_proposal_history(call: &Call<'_>) -> Result<Value, RpcError> {
    let id = call.required_text("ProposalId")?;
    let offset = call.arg("Offset").and_then(Value::as_i64).unwrap_or(0);
    let limit = call.arg("Limit").and_then(Value::as_i64).unwrap_or(10);
    if offset < 0 || limit < 1 {
        return Err(RpcError::business(
            INVALID_PARAMETER,
            format!("Offset must be 0 or more and Limit 1 or more, got {offset} and {limit}"),
        ));
    }
    // Documented as the strings "true" / "false".
    let with_comment = match call
        .text("HasStatusComment")
        .map(|t| t.to_ascii_lowercase())
    {
        None => None,
        Some(text) if text == "true" => Some(true),
        Some(text) if text == "false" => Some(false),
        Some(other) => {
            return Err(RpcError::business(
                INVALID_PARAMETER,
                format!("HasStatusComment must be \"true\" or \"false\", got {other:?}"),
            ));
        }
    };
    let store = call.state.read();
    let current = store
        .proposals
        .get(&id)
        .ok_or_else(|| unknown_proposal(call, &id))?;
    let earlier = store
        .proposal_versions
        .get(&id)
        .map_or(&[][..], Vec::as_slice);
    let versions: Vec<&Map<String, Value>> = std::iter::once(current)
        .chain(earlier.iter().rev())
        .filter(|version| {
            with_comment.is_none_or(|wanted| {
                let has = version
                    .get("statusComment")
                    .and_then(Value::as_str)
                    .is_some_and(|c| !c.trim().is_empty());
                has == wanted
            })
        })
        .collect();
    let count = versions.len();
    let page: Vec<Value> = versions
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|version| Value::Object(version.clone()))
        .collect();
    Ok(serde_json::json!({
        "Versions": page,
        "Count": count,
        "Limit": limit,
        "Offset": offset,
    }))
}

/// `getProposalById(proposalId)`.
pub fn get_proposal_by_id(call: &Call<'_>) -> Result<Value, RpcError> {
    let id = call.required_text("proposalId")?;
    let store = call.state.read();
    store
        .proposals
        .get(&id)
        .map(|p| Value::Object(p.clone()))
        .ok_or_else(|| unknown_proposal(call, &id))
}

/// The statuses an action may start from, and the status it leads to.
///
/// The docs list the actions and the statuses but not the transitions; these follow the
/// proposal lifecycle the docs describe: a proposal is opened, sent, then accepted or declined;
/// close ends it (won once accepted, lost otherwise); discard drops one that was never accepted;
/// reopen brings back one that ended without a sale.
fn transition(action: &str, from: &str) -> Option<&'static str> {
    let to = match action {
        "send" => match from {
            "opened" | "reviewed" | "in_review" => "sent",
            _ => return None,
        },
        "accept" => match from {
            "sent" | "in_review" | "reviewed" => "accepted",
            _ => return None,
        },
        "decline" => match from {
            "sent" | "in_review" | "reviewed" => "declined",
            _ => return None,
        },
        "close" => match from {
            "accepted" => "closed_won",
            "opened" | "sent" | "in_review" | "reviewed" | "declined" | "expired" => "closed_lost",
            _ => return None,
        },
        "discard" => match from {
            "opened" | "sent" | "in_review" | "reviewed" | "expired" => "closed_lost",
            _ => return None,
        },
        "reopen" => match from {
            "closed_lost" | "declined" | "expired" => "opened",
            _ => return None,
        },
        _ => return None,
    };
    Some(to)
}

/// The actions the sandbox knows, lowercase as the spec writes them.
const ACTIONS: [&str; 6] = ["send", "accept", "close", "discard", "reopen", "decline"];

/// `performAction(proposalId, {action, …})`: applies the action and returns the proposal.
pub fn perform_action(call: &Call<'_>) -> Result<Value, RpcError> {
    let id = call.required_text("proposalId")?;
    let action = call.required_text("action")?.to_ascii_lowercase();
    if !ACTIONS.contains(&action.as_str()) {
        return Err(RpcError::business(
            crate::validate::INVALID_PARAMETER,
            format!(
                "Unknown action {action:?}: expected one of {}",
                ACTIONS.join(", ")
            ),
        ));
    }
    let mut store = call.state.write();
    let store = &mut *store;
    let proposal = store
        .proposals
        .get_mut(&id)
        .ok_or_else(|| unknown_proposal(call, &id))?;
    let from = proposal
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or("opened")
        .to_string();
    let Some(to) = transition(&action, &from) else {
        return Err(call.error(
            "INVALID_PROPOSAL_ACTION",
            &format!("Cannot {action} proposal {id}: its status is {from}."),
        ));
    };
    // The version being replaced goes to the history.
    store
        .proposal_versions
        .entry(id.clone())
        .or_default()
        .push(proposal.clone());
    let version = proposal.get("version").and_then(Value::as_i64).unwrap_or(1);
    proposal.insert("status".into(), Value::String(to.into()));
    proposal.insert("version".into(), Value::from(version.saturating_add(1)));
    proposal.insert(
        "updateDate".into(),
        Value::String(crate::time::iso8601(crate::time::now())),
    );
    proposal.insert(
        "locked".into(),
        Value::Bool(matches!(to, "closed_won" | "closed_lost")),
    );
    if let Some(comment) = call.text("statusComment") {
        proposal.insert("statusComment".into(), Value::String(comment));
    }
    if let Some(user) = call.text("userId") {
        proposal.insert("updatedBy".into(), Value::String(user));
    }
    if action == "send" {
        if let Some(expiration) = call
            .text("ExpirationDate")
            .or_else(|| call.text("exirationDate"))
        {
            proposal.insert("expirationDate".into(), Value::String(expiration));
        }
        if let Some(sender) = call.arg("SentBy") {
            proposal.insert("sentBy".into(), sender.clone());
        }
    }
    Ok(Value::Object(proposal.clone()))
}

fn unknown_proposal(call: &Call<'_>, id: &str) -> RpcError {
    call.error(
        "PROPOSAL_NOT_FOUND",
        &format!("No proposal found with id {id:?}."),
    )
}

#[cfg(test)]
mod tests {
    use super::transition;

    #[test]
    fn lifecycle() {
        assert_eq!(transition("send", "opened"), Some("sent"));
        assert_eq!(transition("accept", "sent"), Some("accepted"));
        assert_eq!(transition("close", "accepted"), Some("closed_won"));
        assert_eq!(transition("reopen", "closed_won"), None);
        assert_eq!(transition("decline", "opened"), None);
        assert_eq!(transition("reopen", "declined"), Some("opened"));
        assert_eq!(transition("discard", "accepted"), None);
    }
}
