//! The crosscheck binary: parse arguments, run, exit with the app's status.

use std::process::ExitCode;

use clap::Parser;
use crosscheck::app;
use crosscheck::cli::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            // Help and version are not errors; every usage error is 2.
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let status = app::run(&cli, &mut stdout.lock(), &mut stderr.lock());
    ExitCode::from(status as u8)
}
