//! The documentation's own PHP JSON-RPC samples (the seed pages in `shared/seeds/`), run with the
//! PHP command-line interpreter against the sandbox: each must be accepted as the real API
//! accepts it, changed only in host, credentials and placeholders (see `support/php_samples.rs`).
//!
//! Outside CI a missing seed folder or a missing `php` skips with a message; under `CI` both are
//! failures (`.ci/run` installs PHP).

#[path = "support/php_samples.rs"]
mod php_samples;

use std::process::Command;

use php_samples::{Sample, Target};
use twocheckout_tests::{PARTNER, sandbox};

/// How the sandbox must answer a sample.
enum Expect {
    /// Every call succeeds.
    Accepted,
    /// One call is refused with a message containing the text.
    Refused(&'static str),
}

/// The expected outcome of each sample, by the methods it calls.
fn expectation(methods: &[String]) -> Option<Expect> {
    let methods: Vec<&str> = methods.iter().map(String::as_str).collect();
    Some(match methods.as_slice() {
        // The sample builds the proposal id but sends only the payload, in the id's place: the
        // refusal must point at that param, not at the payload it seems to be missing.
        ["performAction"] => Expect::Refused("Invalid value for ProposalId in performAction"),
        ["updateOrderReseller"]
        | ["getPartnerResellers"]
        | ["updateReseller"]
        | ["getProductByCode", "updateProduct"]
        | ["setLanguageForMyAccount"]
        | ["addPriceOptionGroup"]
        | ["setRenewalNotificationStatus"]
        | ["getCustomerSubscriptions"]
        | ["cancelSubscription"]
        | ["setOrderReseller"] => Expect::Accepted,
        _ => return None,
    })
}

fn samples() -> Option<Vec<Sample>> {
    let Some(dir) = php_samples::seeds_dir() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but the seed pages (shared/seeds) are missing"
        );
        eprintln!("seed pages not found: skipped outside CI");
        return None;
    };
    match php_samples::samples_in(&dir) {
        Ok(samples) => Some(samples),
        Err(error) => panic!("reading the seed pages in {}: {error}", dir.display()),
    }
}

fn php_available() -> bool {
    let found = Command::new("php")
        .arg("-v")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but `php` is not installed (.ci/run installs php-cli and php-curl)"
        );
        eprintln!("php not found: the docs' samples are skipped outside CI");
    }
    found
}

#[test]
fn the_seed_pages_yield_their_samples() {
    let Some(samples) = samples() else {
        return;
    };
    let rpc: Vec<&Sample> = samples.iter().filter(|s| s.is_json_rpc()).collect();
    let soap = samples.len() - rpc.len();
    assert_eq!(rpc.len(), 11, "JSON-RPC samples in the seed pages");
    assert_eq!(soap, 6, "SOAP samples (not run)");
    for sample in &rpc {
        assert!(
            sample.code.trim_start().starts_with("<?php"),
            "{} starts with <?php",
            sample.place()
        );
        assert!(
            !sample.code.contains("\nResponse\n") && !sample.code.contains("\nErrors"),
            "{}: the page's prose after the sample is not part of it:\n{}",
            sample.place(),
            sample.code
        );
        assert!(
            expectation(&sample.methods()).is_some(),
            "{} calls {:?}: say how the sandbox answers it",
            sample.place(),
            sample.methods()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_json_rpc_sample_runs_against_the_sandbox() {
    let Some(samples) = samples() else {
        return;
    };
    if !php_available() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("twocheckout-docs-samples-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let mut failures = Vec::new();
    let mut ran = 0;
    for (index, sample) in samples.iter().filter(|s| s.is_json_rpc()).enumerate() {
        let methods = sample.methods();
        let Some(expect) = expectation(&methods) else {
            failures.push(format!(
                "{}: no expectation for {methods:?}",
                sample.place()
            ));
            continue;
        };
        let sandbox = sandbox().await;
        let target = Target {
            base: sandbox.url(),
            rpc6: sandbox.rpc6_url(),
            cm21: sandbox.cm21_url(),
            merchant_code: sandbox.merchant_code().to_string(),
            secret_key: sandbox.secret_key().to_string(),
            partner: PARTNER.to_string(),
        };
        let script = dir.join(format!("sample_{index}.php"));
        std::fs::write(&script, php_samples::prepare(sample, &target)).expect("script");
        let output = tokio::task::spawn_blocking(move || {
            Command::new("php")
                .args(["-d", "display_errors=stderr", "-d", "error_reporting=E_ALL"])
                .arg(&script)
                .output()
        })
        .await
        .expect("php task")
        .expect("php runs");
        let stats = sandbox.stats();
        sandbox.shutdown().await;
        ran += 1;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let place = format!("{} ({})", sample.place(), methods.join(", "));
        let mut problems = Vec::new();
        if !output.status.success() || stderr.contains("Fatal error") {
            problems.push(format!("php failed ({})", output.status));
        }
        // login, then each call (setPartner too when the sample selects a partner).
        let calls = 1 + methods.len() as u64;
        if stats.requests < calls {
            problems.push(format!(
                "{} requests reached the sandbox, expected at least {calls}",
                stats.requests
            ));
        }
        if stats.logins != 1 {
            problems.push(format!("{} logins, expected 1", stats.logins));
        }
        if stats.nonconforming != 0 {
            problems.push(format!(
                "{} answers did not match the spec",
                stats.nonconforming
            ));
        }
        match expect {
            Expect::Accepted if stats.errors != 0 => {
                problems.push(format!("{} calls were refused", stats.errors));
            }
            Expect::Refused(message) if stats.errors != 1 || !stdout.contains(message) => {
                problems.push(format!(
                    "expected one refusal saying {message:?}, got {} errors",
                    stats.errors
                ));
            }
            _ => {}
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{place}: {}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
                problems.join("; ")
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_eq!(ran, 11, "every JSON-RPC sample ran");
}
