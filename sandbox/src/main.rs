//! `twocheckout-sandbox`: serves the 2Checkout JSON-RPC protocol locally until stopped.

use std::io::Write as _;
use std::process::ExitCode;

use twocheckout_sandbox::cli::{self, Command, USAGE};

#[tokio::main]
async fn main() -> ExitCode {
    let options = match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Command::Serve(options)) => options,
        Err(error) => {
            eprintln!("twocheckout-sandbox: {error}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match options.builder().start().await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("twocheckout-sandbox: {error}");
            return ExitCode::FAILURE;
        }
    };
    // Printing the key is the point here: the sandbox is a local stand-in whose credentials the
    // user needs to configure a client. It is never the real account's key.
    let stop = StopSignals::install();
    let banner = format!(
        "2Checkout sandbox listening on {}\n\
         \x20 JSON-RPC 6.0 (and Channel Manager 6.0): {}\n\
         \x20 JSON-RPC 3.0:                           {}\n\
         \x20 Channel Manager 2.1:                    {}\n\
         \x20 merchant code: {}\n\
         \x20 secret key:    {}\n\
         \x20 session lifetime: {} s\n\
         Press Ctrl-C to stop.\n",
        sandbox.url(),
        sandbox.rpc6_url(),
        sandbox.rpc3_url(),
        sandbox.cm21_url(),
        sandbox.merchant_code(),
        sandbox.secret_key(),
        options.session_lifetime.as_secs(),
    );
    // Whoever started the server may close its stdout (a test reading only the first line); the
    // server keeps serving rather than dying of a broken pipe.
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(banner.as_bytes())
        .and_then(|()| stdout.flush());
    drop(stdout);
    stop.wait().await;
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

/// The signals that stop the server: Ctrl-C (SIGINT) and, on Unix, SIGTERM, so a supervisor's
/// stop is graceful too. Installed before the banner is printed, so a stop sent as soon as the
/// banner appears is never missed.
struct StopSignals {
    #[cfg(unix)]
    watched: Option<(tokio::signal::unix::Signal, tokio::signal::unix::Signal)>,
}

impl StopSignals {
    fn install() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let watched = signal(SignalKind::interrupt())
                .and_then(|interrupt| Ok((interrupt, signal(SignalKind::terminate())?)))
                .inspect_err(|error| {
                    eprintln!("twocheckout-sandbox: cannot watch SIGINT/SIGTERM ({error})")
                })
                .ok();
            StopSignals { watched }
        }
        #[cfg(not(unix))]
        StopSignals {}
    }

    async fn wait(self) {
        #[cfg(unix)]
        if let Some((mut interrupt, mut terminate)) = self.watched {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
        if let Err(error) = tokio::signal::ctrl_c().await {
            eprintln!("twocheckout-sandbox: cannot wait for Ctrl-C ({error}); stopping");
        }
    }
}
