//! The crosscheck binary: parse arguments, run one command, exit with its
//! status. The command-line layer lives in `cli/`; the engine in the library.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            // Help and version are not errors; every usage error is 2.
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    // Standard error stays unlocked: the progress bar writes to it from the
    // worker threads while a command runs.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let status = cli::run(&args, &mut out, &mut std::io::stderr());
    let _ = std::io::Write::flush(&mut out);
    ExitCode::from(status as u8)
}
