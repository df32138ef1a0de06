//! The crosscheck binary: parse arguments, run one command, exit with its
//! status. The command-line layer lives in `cli/`; the engine in the library.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use crosscheck::escape::TerminalWriter;

use cli::output::Watched;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) if e.use_stderr() => {
            // A usage error echoes the arguments: shown plain and escaped.
            let mut err = TerminalWriter::plain(std::io::stderr());
            let _ = write!(err, "{}", e.render());
            return ExitCode::from(2);
        }
        Err(e) => {
            // Help and version are not errors.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    // Both streams pass through `TerminalWriter`, so no control byte from a
    // source, a file name or a rule reaches the terminal raw, whatever
    // printed it. Standard error stays unlocked: the progress bar writes to
    // it from the worker threads while a command runs.
    let stdout = Watched::new(std::io::stdout().lock());
    let mut out = std::io::BufWriter::new(if cli::styled_stdout(&args) {
        TerminalWriter::styled(stdout)
    } else {
        TerminalWriter::plain(stdout)
    });
    let mut err = TerminalWriter::plain(std::io::stderr());
    let mut status = cli::run(&args, &mut out, &mut err);
    let _ = out.flush();
    // A reader that went away (`| head`) is not an error; any other failure
    // to write standard output is, whatever the command decided.
    if let Some(e) = out.get_ref().0.failure() {
        let _ = writeln!(err, "crosscheck: cannot write to standard output: {e}");
        status = cli::Status::InputError;
    }
    ExitCode::from(status as u8)
}
