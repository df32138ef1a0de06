//! Orchestration: load → match → compare → report → exit status.
//!
//! The one place that decides exit statuses: 0 clean, 1 contradictions at or
//! above the threshold (`check` only), 2 usage or input errors.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command, RunArgs};
use crate::compare;
use crate::diag::Diagnostic;
use crate::matcher::Matcher;
use crate::report::{self, Report, SourceInfo};
use crate::rules;
use crate::source;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Clean = 0,
    Contradictions = 1,
    InputError = 2,
}

/// Loads, matches and compares. Errors in the input come back as
/// diagnostics; warnings ride along in the `Ok` case.
pub fn build(args: &RunArgs) -> Result<(Report, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let (rule_paths, source_paths) = split_paths(args);
    let rules = rules::load(&rule_paths, &mut diags);
    let sources = source::load(&source_paths, &mut diags);
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
    if sources.is_empty() {
        let at = source_paths.first().cloned().unwrap_or_default();
        diags.push(
            Diagnostic::error("io", &at, "no sources found")
                .help("add .txt or .md files or pass --sources DIR"),
        );
        return Err(diags);
    }
    let matcher = Matcher::new(&rules);
    let facts: Vec<_> = sources
        .iter()
        .flat_map(|s| matcher.match_source(s))
        .collect();
    for r in &rules.rules {
        if !facts.iter().any(|f| f.rule == r.id) {
            diags.push(
                Diagnostic::warning("rule-matches-nothing", &r.file, format!("rule `{}` matches nothing in any source", r.id))
                    .help("such a rule is usually broken: check its patterns against a sentence it should match"),
            );
        }
    }
    let findings = compare::compare(&rules, &facts);
    let report = Report {
        sources: sources.iter().map(SourceInfo::from_source).collect(),
        rules: rules.rules.len(),
        facts: facts.len(),
        findings,
        threshold: args.threshold.into(),
    };
    Ok((report, diags))
}

/// Explicit paths replace the folders: `.toml` files are rules, the rest sources.
fn split_paths(args: &RunArgs) -> (Vec<PathBuf>, Vec<PathBuf>) {
    if args.paths.is_empty() {
        return (args.rules.clone(), args.sources.clone());
    }
    let (r, s): (Vec<PathBuf>, Vec<PathBuf>) = args.paths.iter().cloned().partition(|p| {
        p.extension().is_some_and(|e| e == "toml")
            && p.file_name().is_none_or(|n| n != source::MANIFEST)
    });
    let r = if r.is_empty() { args.rules.clone() } else { r };
    let s = if s.is_empty() {
        args.sources.clone()
    } else {
        s
    };
    (r, s)
}

pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> Status {
    let (args, out_file) = match &cli.command {
        Command::Check(a) => (a, None),
        Command::Report { run, out } => (run, Some(out.clone())),
        Command::Values {
            text,
            file,
            lang,
            date,
            json,
        } => {
            return values(
                text.as_deref(),
                file.as_deref(),
                *lang,
                date.as_deref(),
                *json,
                out,
                err,
            );
        }
    };
    let (report, warnings) = match build(args) {
        Ok(r) => r,
        Err(diags) => {
            print_diags(&diags, err);
            let n = diags.iter().filter(|d| d.is_error()).count();
            let _ = writeln!(
                err,
                "crosscheck: {n} error{} in the input; nothing was compared",
                if n == 1 { "" } else { "s" }
            );
            return Status::InputError;
        }
    };
    print_diags(&warnings, err);
    if let Err(e) = report::table::render(&report, args.width, out) {
        let _ = writeln!(err, "crosscheck: cannot write the report: {e}");
        return Status::InputError;
    }
    match out_file {
        None => {
            if report.summary().failing > 0 {
                Status::Contradictions
            } else {
                Status::Clean
            }
        }
        Some(path) => {
            let path = path.unwrap_or_else(|| default_report_path(args));
            let mut buf = Vec::new();
            let written =
                report::markdown::render(&report, &mut buf).and_then(|_| write_atomic(&path, &buf));
            match written {
                Ok(()) => {
                    let _ = writeln!(err, "crosscheck: wrote {}", path.display());
                    Status::Clean
                }
                Err(e) => {
                    let _ = writeln!(
                        err,
                        "{}",
                        Diagnostic::error("io", &path, format!("cannot write the report: {e}"))
                            .help("choose another file with --out")
                            .render()
                    );
                    Status::InputError
                }
            }
        }
    }
}

fn print_diags(diags: &[Diagnostic], err: &mut dyn Write) {
    for d in diags {
        let _ = write!(err, "{}", d.render());
    }
}

/// reports/<name of the first sources folder or file>.md
pub fn default_report_path(args: &RunArgs) -> PathBuf {
    let (_, sources) = split_paths(args);
    let stem = sources
        .first()
        .and_then(|p| p.file_stem())
        .map_or("report".to_string(), |s| s.to_string_lossy().into_owned());
    Path::new("reports").join(format!("{stem}.md"))
}

/// Writes through a temporary file in the same folder and a rename, so a
/// reader never sees half a report.
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

fn values(
    text: Option<&str>,
    file: Option<&Path>,
    lang: crate::cli::Lang,
    date: Option<&str>,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Status {
    let fail = |err: &mut dyn Write, d: Diagnostic| {
        let _ = write!(err, "{}", d.render());
        Status::InputError
    };
    let anchor = match date {
        None => None,
        Some(d) => match crate::calendar::Day::parse_iso(d) {
            Some(day) => Some(day),
            None => {
                return fail(
                    err,
                    Diagnostic::error("usage", Path::new("--date"), format!("`{d}` is not a date"))
                        .help("write it as YYYY-MM-DD"),
                );
            }
        },
    };
    let input = match (text, file) {
        (Some(t), _) => t.to_string(),
        (None, Some(f)) => match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                return fail(
                    err,
                    Diagnostic::error("io", f, format!("cannot read: {e}"))
                        .help("check the path, and that the file is UTF-8"),
                );
            }
        },
        (None, None) => {
            let mut s = String::new();
            if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s) {
                return fail(
                    err,
                    Diagnostic::error("io", Path::new("<stdin>"), format!("cannot read: {e}")),
                );
            }
            s
        }
    };
    let Some(lx) = crate::extract::lexicon(lang.code()) else {
        return fail(
            err,
            Diagnostic::error(
                "usage",
                Path::new("--lang"),
                format!("no tables for `{}`", lang.code()),
            ),
        );
    };
    let shown = crate::values::show(&input, anchor, lx);
    let written = if json {
        crate::values::render_json(&shown, out)
    } else {
        crate::values::render_table(&input, &shown, out)
    };
    match written {
        Ok(()) => Status::Clean,
        Err(e) => {
            let _ = writeln!(err, "crosscheck: cannot write: {e}");
            Status::InputError
        }
    }
}
