//! Command-line flags of the `twocheckout-sandbox` binary.

use std::fmt;
use std::net::SocketAddr;
use std::time::Duration;

use crate::faults::Faults;
use crate::server::{
    DEFAULT_MERCHANT_CODE, DEFAULT_SECRET_KEY, DEFAULT_SESSION_LIFETIME, Sandbox, SandboxBuilder,
};

/// The address the binary listens on when `--listen` is not given.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8085";

/// The usage text.
pub const USAGE: &str = "\
Usage: twocheckout-sandbox [OPTIONS]

Serves the 2Checkout JSON-RPC protocol locally until stopped (Ctrl-C).

Options:
  --listen ADDR             address to listen on (default 127.0.0.1:8085; port 0 picks a free one)
  --merchant-code CODE      merchant code login accepts (default MERCHANT)
  --secret-key KEY          secret key login hashes are checked with (default SECRET_KEY)
  --session-lifetime SECS   seconds a session lives after login (default 600)
  --fail-every N            every Nth request answers a JSON-RPC INTERNAL_ERROR
  --http-500-every N        every Nth request answers HTTP 500
  --latency-ms MS           delay every answer by MS milliseconds
  -h, --help                print this help
";

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Print the usage text.
    Help,
    /// Serve with these options.
    Serve(Options),
}

/// The parsed options.
#[derive(Clone, PartialEq, Eq)]
pub struct Options {
    /// `--listen`.
    pub listen: SocketAddr,
    /// `--merchant-code`.
    pub merchant_code: String,
    /// `--secret-key`.
    pub secret_key: String,
    /// `--session-lifetime`.
    pub session_lifetime: Duration,
    /// `--fail-every`, `--http-500-every`, `--latency-ms`.
    pub faults: Faults,
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("listen", &self.listen)
            .field("merchant_code", &self.merchant_code)
            .field("secret_key", &"<redacted>")
            .field("session_lifetime", &self.session_lifetime)
            .field("faults", &self.faults)
            .finish()
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            listen: SocketAddr::from(([127, 0, 0, 1], 8085)),
            merchant_code: DEFAULT_MERCHANT_CODE.into(),
            secret_key: DEFAULT_SECRET_KEY.into(),
            session_lifetime: DEFAULT_SESSION_LIFETIME,
            faults: Faults::default(),
        }
    }
}

impl Options {
    /// A sandbox builder configured with these options.
    pub fn builder(&self) -> SandboxBuilder {
        Sandbox::builder()
            .listen(self.listen)
            .merchant_code(self.merchant_code.clone())
            .secret_key(self.secret_key.clone())
            .session_lifetime(self.session_lifetime)
            .faults(self.faults)
    }
}

/// A bad command line: what was wrong, for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n\nRun with --help for the options.", self.0)
    }
}

impl std::error::Error for UsageError {}

/// Parses the arguments after the program name. Accepts `--flag value` and `--flag=value`.
pub fn parse<I, S>(args: I) -> Result<Command, UsageError>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut options = Options::default();
    let mut args = args.into_iter().map(Into::into);
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_string(), Some(value.to_string()))
            }
            _ => (arg.clone(), None),
        };
        if !flag.starts_with("--") {
            return Err(UsageError(format!("unexpected argument {arg:?}")));
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| UsageError(format!("{flag} needs a value")))
        };
        match flag.as_str() {
            "--listen" => {
                let text = value()?;
                options.listen = text.parse().map_err(|_| {
                    UsageError(format!(
                        "--listen: {text:?} is not an address like 127.0.0.1:8085"
                    ))
                })?;
            }
            "--merchant-code" => options.merchant_code = non_empty(&flag, value()?)?,
            "--secret-key" => options.secret_key = non_empty(&flag, value()?)?,
            "--session-lifetime" => {
                let seconds = number(&flag, &value()?)?;
                if seconds == 0 {
                    return Err(UsageError(
                        "--session-lifetime must be at least 1 second".into(),
                    ));
                }
                options.session_lifetime = Duration::from_secs(seconds);
            }
            "--fail-every" => options.faults.fail_every = every(&flag, &value()?)?,
            "--http-500-every" => options.faults.http_500_every = every(&flag, &value()?)?,
            "--latency-ms" => {
                options.faults.latency = Duration::from_millis(number(&flag, &value()?)?)
            }
            _ => return Err(UsageError(format!("unknown option {flag}"))),
        }
    }
    Ok(Command::Serve(options))
}

fn non_empty(flag: &str, value: String) -> Result<String, UsageError> {
    if value.is_empty() {
        Err(UsageError(format!("{flag} must not be empty")))
    } else {
        Ok(value)
    }
}

fn number(flag: &str, value: &str) -> Result<u64, UsageError> {
    value
        .parse()
        .map_err(|_| UsageError(format!("{flag}: {value:?} is not a whole number")))
}

fn every(flag: &str, value: &str) -> Result<Option<u64>, UsageError> {
    let n = number(flag, value)?;
    Ok((n > 0).then_some(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serve(args: &[&str]) -> Options {
        match parse(args.iter().copied()) {
            Ok(Command::Serve(options)) => options,
            other => panic!("expected options, got {other:?}"),
        }
    }

    #[test]
    fn defaults_without_flags() {
        assert_eq!(serve(&[]), Options::default());
        assert_eq!(Options::default().listen.to_string(), DEFAULT_LISTEN);
    }

    #[test]
    fn every_flag() {
        let options = serve(&[
            "--listen",
            "127.0.0.1:9000",
            "--merchant-code",
            "ACME",
            "--secret-key=k",
            "--session-lifetime",
            "5",
            "--fail-every",
            "7",
            "--http-500-every=0",
            "--latency-ms",
            "20",
        ]);
        assert_eq!(options.listen.port(), 9000);
        assert_eq!(
            (options.merchant_code.as_str(), options.secret_key.as_str()),
            ("ACME", "k")
        );
        assert_eq!(options.session_lifetime, Duration::from_secs(5));
        assert_eq!(options.faults.fail_every, Some(7));
        assert_eq!(options.faults.http_500_every, None);
        assert_eq!(options.faults.latency, Duration::from_millis(20));
    }

    #[test]
    fn clear_errors() {
        let error = |args: &[&str]| parse(args.iter().copied()).expect_err("bad flags").0;
        assert!(error(&["--listen", "nowhere"]).contains("not an address"));
        assert!(error(&["--fail-every", "x"]).contains("not a whole number"));
        assert!(error(&["--bogus"]).contains("unknown option --bogus"));
        assert!(error(&["--latency-ms"]).contains("needs a value"));
        assert!(error(&["stray"]).contains("unexpected argument"));
        assert!(error(&["--session-lifetime", "0"]).contains("at least 1 second"));
        assert_eq!(parse(["--help"]), Ok(Command::Help));
    }

    #[test]
    fn debug_hides_the_key() {
        let options = serve(&["--secret-key", "hunter2"]);
        assert!(!format!("{options:?}").contains("hunter2"));
    }
}
