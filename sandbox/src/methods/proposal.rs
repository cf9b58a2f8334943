//! Proposals: retrieval and `performAction`, a state machine over the documented statuses.

use serde_json::Value;

use super::Call;
use crate::rpc::RpcError;

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
