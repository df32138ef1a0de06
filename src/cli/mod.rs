//! The binary's command-line layer: arguments, settings, one file per
//! command, and the exit policy. Everything here calls the library's engine;
//! nothing in the library calls back.
//!
//! Exit statuses are decided here and only here: 0 clean, 1 contradictions
//! at or above the threshold (`check`, `compare`) or failing rule tests
//! (`rules test`), 2 usage or input errors.

mod args;
mod check;
mod explain;
mod init;
pub mod output;
mod progress;
mod rules;
mod settings;
mod values;

use std::io::Write;
use std::path::{Path, PathBuf};

use crosscheck::Engine;
use crosscheck::calendar::Day;
use crosscheck::diag::Diagnostic;
use crosscheck::rules::RuleSet;

pub use args::Cli;
use args::{Command, RunArgs};
use settings::Config;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Clean = 0,
    Contradictions = 1,
    InputError = 2,
}

pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> Status {
    match &cli.command {
        Command::Check { run, out: file } => {
            check::check(run, check::Mode::Check(file.clone()), out, err)
        }
        Command::Report { run, out: file } => {
            check::check(run, check::Mode::Report(file.clone()), out, err)
        }
        Command::Baseline { file, run } => {
            check::check(run, check::Mode::Baseline(file.clone()), out, err)
        }
        Command::Extract {
            run,
            files_from,
            out: file,
        } => check::extract(run, files_from.as_deref(), file.as_deref(), out, err),
        Command::Compare {
            files,
            rules,
            output,
            out: file,
        } => check::compare(files, rules.clone(), output, file.as_deref(), out, err),
        Command::Values {
            text,
            file,
            lang,
            date,
            json,
        } => values::command(
            text.as_deref(),
            file.as_deref(),
            lang,
            date.as_deref(),
            *json,
            out,
            err,
        ),
        Command::Rules { command } => rules::command(command, out, err),
        Command::Explain {
            rule,
            source,
            text,
            date,
            run,
        } => explain::command(
            rule,
            source.as_deref(),
            text.as_deref(),
            date.as_deref(),
            run,
            out,
            err,
        ),
        // Both are made in memory, then written: clap_complete panics on a
        // write error (a closed pipe), and nothing here may panic.
        Command::Init { dir, force } => init::init(dir, *force, out, err),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "crosscheck", &mut script);
            let _ = out.write_all(&script);
            Status::Clean
        }
        Command::Man => {
            use clap::CommandFactory;
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => {
                    let _ = out.write_all(&page);
                    Status::Clean
                }
                Err(e) => {
                    let _ = writeln!(err, "crosscheck: cannot make the manual page: {e}");
                    Status::InputError
                }
            }
        }
        Command::Config(args) => match settings::resolve(&cwd(), args) {
            Ok(cfg) => {
                let _ = write!(out, "{}", cfg.describe());
                Status::Clean
            }
            Err(d) => fail(&d, err),
        },
    }
}

/// Whether standard output takes colours and hyperlinks: `--color always`,
/// or `auto` on a terminal without NO_COLOR.
pub fn styled_stdout(cli: &Cli) -> bool {
    use std::io::IsTerminal;
    let output = match &cli.command {
        Command::Check { run, .. } | Command::Report { run, .. } => &run.output,
        Command::Compare { output, .. } => output,
        _ => return false,
    };
    match output.color {
        args::Color::Always => true,
        args::Color::Never => false,
        args::Color::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn cwd() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// The settings, the engine built from the rules, and where the sources are.
pub struct Inputs {
    pub config: Config,
    pub engine: Engine,
    pub sources: Vec<PathBuf>,
    /// How sources are found and decoded (`--glob`, `--encoding`).
    pub input: crosscheck::source::InputOptions,
    /// `--strict`: any warning fails the run.
    pub strict: bool,
    /// Warnings loading gave.
    pub warnings: Vec<Diagnostic>,
    /// How conflicts are judged.
    pub policy: crosscheck::triage::Policy,
}

/// Explicit paths replace the folders: `.toml` files are rules, the rest sources.
fn split_paths(cfg: &Config, paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (r, s): (Vec<PathBuf>, Vec<PathBuf>) = paths.iter().cloned().partition(|p| {
        p.extension().is_some_and(|e| e == "toml")
            && p.file_name()
                .is_none_or(|n| n != crosscheck::source::MANIFEST)
    });
    let r = if r.is_empty() { cfg.rule_paths() } else { r };
    let s = if s.is_empty() {
        cfg.sources.value.clone()
    } else {
        s
    };
    (r, s)
}

/// Loads the settings and rules and builds the engine. Input errors come
/// back as diagnostics.
pub fn load(args: &RunArgs) -> Result<Inputs, Vec<Diagnostic>> {
    let config = settings::resolve(&cwd(), args)?;
    let mut diags = Vec::new();
    let (rule_paths, sources) = split_paths(&config, &args.paths);
    let rules = crosscheck::rules::load_with(
        &rule_paths,
        config.tolerance.value,
        &config.entities,
        &mut diags,
    );
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    if rules.rules.is_empty() {
        let at = rule_paths.first().cloned().unwrap_or_default();
        diags.push(
            Diagnostic::error("io", &at, "no rules found")
                .help("add .toml rule files or pass --rules DIR"),
        );
        return Err(diags);
    }
    let engine = build_engine(rules, &mut diags)?;
    diags.extend(engine.warnings().iter().cloned());
    let baseline = match &config.baseline.value {
        Some(p) => Some(crosscheck::triage::Baseline::read(p).map_err(|d| {
            diags.push(d);
            std::mem::take(&mut diags)
        })?),
        None => None,
    };
    let policy = crosscheck::triage::Policy {
        fail_on: config.threshold.value,
        baseline,
        suppressions: config.suppressions.clone(),
        today: Some(today()),
    };
    Ok(Inputs {
        config,
        engine,
        sources,
        input: crosscheck::source::InputOptions {
            globs: args.globs.clone(),
            encoding: args.encoding,
        },
        strict: args.strict,
        policy,
        warnings: diags,
    })
}

/// Today, from the system clock: suppressions' expiry dates are checked
/// against it.
fn today() -> Day {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Day((secs / 86_400) as i32)
}

fn build_engine(rules: RuleSet, diags: &mut Vec<Diagnostic>) -> Result<Engine, Vec<Diagnostic>> {
    Engine::new(rules).map_err(|mut e| {
        diags.append(&mut e);
        std::mem::take(diags)
    })
}

/// Prints diagnostics and says the input is broken.
pub fn fail(diags: &[Diagnostic], err: &mut dyn Write) -> Status {
    print_diags(diags, err);
    let n = diags.iter().filter(|d| d.is_error()).count();
    let _ = writeln!(
        err,
        "crosscheck: {n} error{} in the input; nothing was compared",
        if n == 1 { "" } else { "s" }
    );
    Status::InputError
}

/// Says a file was not written, and that the input or output is broken.
pub fn fail_output(d: &Diagnostic, err: &mut dyn Write) -> Status {
    let _ = write!(err, "{}", d.render());
    Status::InputError
}

pub fn print_diags(diags: &[Diagnostic], err: &mut dyn Write) {
    for d in diags {
        let _ = write!(err, "{}", d.render());
    }
}

/// A `--date` flag as a day, or a usage diagnostic.
pub fn parse_date(d: Option<&str>) -> Result<Option<Day>, Diagnostic> {
    match d {
        None => Ok(None),
        Some(s) => Day::parse_iso(s).map(Some).ok_or_else(|| {
            Diagnostic::error("usage", Path::new("--date"), format!("`{s}` is not a date"))
                .help("write it as YYYY-MM-DD")
        }),
    }
}
