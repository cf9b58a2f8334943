//! `twocheckout-sandbox`: serves the 2Checkout JSON-RPC protocol locally until stopped.

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
    println!("2Checkout sandbox listening on {}", sandbox.url());
    println!(
        "  JSON-RPC 6.0 (and Channel Manager 6.0): {}",
        sandbox.rpc6_url()
    );
    println!(
        "  JSON-RPC 3.0:                           {}",
        sandbox.rpc3_url()
    );
    println!(
        "  Channel Manager 2.1:                    {}",
        sandbox.cm21_url()
    );
    println!("  merchant code: {}", sandbox.merchant_code());
    println!("  secret key:    {}", sandbox.secret_key());
    println!(
        "  session lifetime: {} s",
        options.session_lifetime.as_secs()
    );
    println!("Press Ctrl-C to stop.");
    wait_for_stop().await;
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

/// Returns on Ctrl-C (SIGINT) or, on Unix, SIGTERM, so a supervisor's stop is graceful too.
async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    result = tokio::signal::ctrl_c() => report(result),
                    _ = terminate.recv() => {}
                }
                return;
            }
            Err(error) => eprintln!("twocheckout-sandbox: cannot watch SIGTERM ({error})"),
        }
    }
    report(tokio::signal::ctrl_c().await);
}

fn report(result: std::io::Result<()>) {
    if let Err(error) = result {
        eprintln!("twocheckout-sandbox: cannot wait for Ctrl-C ({error}); stopping");
    }
}
