//! Orchestration: config → load → match → compare → report → exit status.
//!
//! The one place that decides exit statuses: 0 clean, 1 contradictions at or
//! above the threshold (`check`) or failing rule tests (`rules test`), 2
//! usage or input errors.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command, RunArgs};
use crate::compare;
use crate::config::{self, Config};
use crate::diag::Diagnostic;
use crate::matcher::Matcher;
use crate::report::{self, Report, SourceInfo};
use crate::rules::{self, RuleSet};
use crate::source::{self, Source};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Clean = 0,
    Contradictions = 1,
    InputError = 2,
}

/// Rules and sources as a run sees them, with the warnings loading gave.
pub struct Inputs {
    pub config: Config,
    pub rules: RuleSet,
    pub sources: Vec<Source>,
    pub warnings: Vec<Diagnostic>,
}

fn cwd() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// Explicit paths replace the folders: `.toml` files are rules, the rest sources.
fn split_paths(cfg: &Config, paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (r, s): (Vec<PathBuf>, Vec<PathBuf>) = paths.iter().cloned().partition(|p| {
        p.extension().is_some_and(|e| e == "toml")
            && p.file_name().is_none_or(|n| n != source::MANIFEST)
    });
    let r = if r.is_empty() { cfg.rule_paths() } else { r };
    let s = if s.is_empty() {
        cfg.sources.value.clone()
    } else {
        s
    };
    (r, s)
}

/// Loads the configuration, rules and sources. Input errors come back as
/// diagnostics.
pub fn load(args: &RunArgs, need_sources: bool) -> Result<Inputs, Vec<Diagnostic>> {
    let config = config::resolve(&cwd(), args)?;
    let mut diags = Vec::new();
    let (rule_paths, source_paths) = split_paths(&config, &args.paths);
    let rules = rules::load_with(&rule_paths, config.tolerance.value, &mut diags);
    let sources = if need_sources {
        source::load(&source_paths, &mut diags)
    } else {
        Vec::new()
    };
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
    if need_sources && sources.is_empty() {
        let at = source_paths.first().cloned().unwrap_or_default();
        diags.push(
            Diagnostic::error("io", &at, "no sources found")
                .help("add .txt or .md files or pass --sources DIR"),
        );
        return Err(diags);
    }
    Ok(Inputs {
        config,
        rules,
        sources,
        warnings: diags,
    })
}

/// Loads, matches and compares.
pub fn build(args: &RunArgs) -> Result<(Report, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut inputs = load(args, true)?;
    let report = build_report(&mut inputs);
    Ok((report, inputs.warnings))
}

fn build_report(inputs: &mut Inputs) -> Report {
    let matcher = Matcher::new(&inputs.rules);
    let facts: Vec<_> = inputs
        .sources
        .iter()
        .flat_map(|s| matcher.match_source(s))
        .collect();
    for r in &inputs.rules.rules {
        if !facts.iter().any(|f| f.rule == r.id) {
            let text = std::fs::read_to_string(&r.file).unwrap_or_default();
            let at = text.find(&format!("\"{}\"", r.id)).unwrap_or(0);
            inputs.warnings.push(
                Diagnostic::warning(
                    "rule-matches-nothing",
                    &r.file,
                    format!("rule `{}` matches nothing in any source", r.id),
                )
                .at(&text, at)
                .help(format!(
                    "such a rule is usually broken: try `crosscheck explain {} SOURCE`",
                    r.id
                )),
            );
        }
    }
    let findings = compare::compare(&inputs.rules, &facts);
    Report {
        sources: inputs.sources.iter().map(SourceInfo::from_source).collect(),
        rules: inputs.rules.rules.len(),
        facts: facts.len(),
        findings,
        threshold: inputs.config.threshold.value,
    }
}

pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> Status {
    match &cli.command {
        Command::Check(args) => check_or_report(args, None, out, err),
        Command::Report { run, out: file } => check_or_report(run, Some(file.clone()), out, err),
        Command::Values {
            text,
            file,
            lang,
            date,
            json,
        } => crate::values::command(
            text.as_deref(),
            file.as_deref(),
            *lang,
            date.as_deref(),
            *json,
            out,
            err,
        ),
        Command::Rules { command } => crate::authoring::command(command, out, err),
        Command::Explain {
            rule,
            source,
            text,
            date,
            run,
        } => crate::explain::command(
            rule,
            source.as_deref(),
            text.as_deref(),
            date.as_deref(),
            run,
            out,
            err,
        ),
        Command::Config(args) => match config::resolve(&cwd(), args) {
            Ok(cfg) => {
                let _ = write!(out, "{}", cfg.describe());
                Status::Clean
            }
            Err(d) => fail(&d, err),
        },
    }
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

fn check_or_report(
    args: &RunArgs,
    out_file: Option<Option<PathBuf>>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Status {
    let mut inputs = match load(args, true) {
        Ok(i) => i,
        Err(d) => return fail(&d, err),
    };
    let report = build_report(&mut inputs);
    print_diags(&inputs.warnings, err);
    if let Err(e) = report::table::render(&report, inputs.config.width.value, out) {
        let _ = writeln!(err, "crosscheck: cannot write the report: {e}");
        return Status::InputError;
    }
    let Some(path) = out_file else {
        return if report.summary().failing > 0 {
            Status::Contradictions
        } else {
            Status::Clean
        };
    };
    let path = path.unwrap_or_else(|| default_report_path(&inputs.config, &args.paths));
    let mut buf = Vec::new();
    match report::markdown::render(&report, &mut buf).and_then(|_| write_atomic(&path, &buf)) {
        Ok(()) => {
            let _ = writeln!(err, "crosscheck: wrote {}", path.display());
            Status::Clean
        }
        Err(e) => {
            let d = Diagnostic::error("io", &path, format!("cannot write the report: {e}"))
                .help("choose another file with --out");
            let _ = write!(err, "{}", d.render());
            Status::InputError
        }
    }
}

pub fn print_diags(diags: &[Diagnostic], err: &mut dyn Write) {
    for d in diags {
        let _ = write!(err, "{}", d.render());
    }
}

/// <report_dir>/<name of the first sources folder or file>.md
fn default_report_path(cfg: &Config, paths: &[PathBuf]) -> PathBuf {
    let (_, sources) = split_paths(cfg, paths);
    let stem = sources
        .first()
        .and_then(|p| p.file_stem())
        .map_or("report".to_string(), |s| s.to_string_lossy().into_owned());
    cfg.report_dir.value.join(format!("{stem}.md"))
}

/// Writes through a temporary file in the same folder and a rename, so a
/// reader never sees half a file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or("report".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A `--date` flag as a day, or a usage diagnostic.
pub fn parse_date(d: Option<&str>) -> Result<Option<crate::calendar::Day>, Diagnostic> {
    match d {
        None => Ok(None),
        Some(s) => crate::calendar::Day::parse_iso(s).map(Some).ok_or_else(|| {
            Diagnostic::error("usage", Path::new("--date"), format!("`{s}` is not a date"))
                .help("write it as YYYY-MM-DD")
        }),
    }
}
