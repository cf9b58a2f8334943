//! The `twocheckout-sandbox` binary: flags, the printed banner, serving until stopped.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::Raw;
use serde_json::json;
use twocheckout_sandbox::auth::{Algorithm, compute_hash};
use twocheckout_sandbox::login_date_now;

const BINARY: &str = env!("CARGO_BIN_EXE_twocheckout-sandbox");

/// Stops the child server even when an assertion fails first.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn serves_with_the_given_credentials() {
    let mut child = Running(
        Command::new(BINARY)
            .args([
                "--listen",
                "127.0.0.1:0",
                "--merchant-code",
                "ACME",
                "--secret-key",
                "k3y",
            ])
            .stdout(Stdio::piped())
            .spawn()
            .expect("the binary starts"),
    );
    let stdout = child.0.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let banner = lines.next().expect("a banner line").expect("utf-8");
    let url = banner
        .rsplit(' ')
        .next()
        .filter(|u| u.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in {banner:?}"))
        .to_string();

    let raw = Raw::new(format!("{url}/rpc/6.0/"));
    let date = login_date_now();
    let hash = compute_hash(Algorithm::Sha256, "k3y", "ACME", &date);
    let response = raw
        .call("login", json!(["ACME", date, hash, "sha256"]))
        .await;
    assert!(response["result"].is_string(), "{response}");
}

#[cfg(unix)]
#[test]
fn sigterm_stops_it_cleanly() {
    let mut child = Command::new(BINARY)
        .args(["--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("piped stdout");
    // Wait until it serves before signalling; signal it whatever the banner says, so a failed
    // assertion never leaves it running.
    let banner = BufReader::new(stdout).lines().next();
    let pid = child.id().to_string();
    let sent = Command::new("kill").args(["-TERM", &pid]).status();
    let status = child.wait().expect("the child exits");
    assert!(banner.is_some_and(|line| line.is_ok_and(|l| l.contains("listening"))));
    assert!(sent.is_ok_and(|s| s.success()), "kill -TERM {pid}");
    assert_eq!(
        status.code(),
        Some(0),
        "graceful exit, not killed by the signal"
    );
}

#[test]
fn bad_flags_exit_with_a_clear_message() {
    let output = Command::new(BINARY)
        .args(["--fail-every", "often"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--fail-every: \"often\" is not a whole number"),
        "{stderr}"
    );
}

#[test]
fn help_lists_the_options() {
    let output = Command::new(BINARY).arg("--help").output().expect("runs");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    for flag in [
        "--listen",
        "--merchant-code",
        "--secret-key",
        "--session-lifetime",
        "--fail-every",
        "--http-500-every",
        "--latency-ms",
    ] {
        assert!(stdout.contains(flag), "{flag} missing from the help");
    }
}
