//! `check`, `report`, `extract` and `compare`: the engine run whole, or in
//! two halves with facts as JSON Lines between them. `compare` over any
//! sharding of `extract`'s output prints exactly what `check` prints.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use crosscheck::diag::Diagnostic;
use crosscheck::{Extraction, Options, Run, interchange, report};

use super::args::{OutputArgs, RunArgs};
use super::output::{self, Target, is_broken_pipe};
use super::progress::Bar;
use super::settings::Config;
use super::{Inputs, Status, fail, fail_output, load, print_diags};

fn options(args: &RunArgs, inputs: &Inputs, bar: &Bar) -> Options {
    Options {
        threads: args.threads.map(usize::from),
        cache: inputs.config.cache_dir.value.clone(),
        progress: bar.callback(),
        input: inputs.input.clone(),
        policy: inputs.policy.clone(),
    }
}

/// `check`, and with `report_out`, `report`.
pub fn check(
    args: &RunArgs,
    report_out: Option<Option<PathBuf>>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Status {
    let inputs = match load(args) {
        Ok(i) => i,
        Err(d) => return fail(&d, err),
    };
    let bar = Bar::new(args.output.quiet);
    let mut run = inputs
        .engine
        .run(&inputs.sources, &options(args, &inputs, &bar));
    bar.clear();
    let report_out = report_out.map(|p| match p {
        Some(p) => Target::from_arg(&p),
        None => Target::File(default_report_path(&inputs)),
    });
    present(&mut run, &inputs, &args.output, report_out, out, err)
}

/// Prints a run as `check` does, writes the Markdown report when asked,
/// and decides the exit status.
fn present(
    run: &mut Run,
    inputs: &Inputs,
    output: &OutputArgs,
    report_out: Option<Target>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Status {
    // Nothing read at all (none found, or every file skipped) is an input
    // error, not a clean run.
    if run.sources.is_empty() {
        let mut diags = inputs.warnings.clone();
        diags.extend(run.diagnostics.iter().cloned());
        let at = inputs.sources.first().cloned().unwrap_or_default();
        let message = match run.stats.skipped {
            0 => "no sources found",
            _ => "no source could be read",
        };
        diags.push(
            Diagnostic::error("io", &at, message)
                .help("add .txt, .md or .html files or pass --sources DIR"),
        );
        return fail(&diags, err);
    }
    // Quotes are read from the sources only where a report shows them.
    if !output.quiet || report_out.is_some() {
        run.load_quotes(true);
    }
    print_diags(&inputs.warnings, err);
    print_diags(&run.diagnostics, err);
    if output.verbose {
        let s = run.stats;
        let _ = writeln!(
            err,
            "crosscheck: {} sources ({:.1} MB), {} sentences, {} read by the grammars ({:.0}%), {} facts, {} findings, {} skipped, {} from the cache",
            s.sources,
            s.bytes as f64 / 1e6,
            s.sentences,
            s.candidates,
            100.0 * s.candidates as f64 / s.sentences.max(1) as f64,
            run.facts,
            run.findings.len(),
            s.skipped,
            s.cached
        );
    }
    let cfg: &Config = &inputs.config;
    // The report file first: it is written whatever becomes of standard
    // output (a reader that stops early, `| head`).
    let wrote = match &report_out {
        Some(Target::File(path)) => {
            match output::write_file(path, |w| report::markdown::render(run, w)) {
                Ok(()) => Some(path),
                Err(d) => return fail_output(&d, err),
            }
        }
        _ => None,
    };
    let written = if report_out == Some(Target::Stdout) {
        report::markdown::render(run, out)
    } else if output.quiet {
        writeln!(out, "{}", run.summary().line(run.fail_on))
    } else {
        report::table::render(
            run,
            &report::Style {
                width: Some(cfg.width.value),
                ..Default::default()
            },
            out,
        )
    };
    if let Err(e) = written
        && !is_broken_pipe(&e)
    {
        let _ = writeln!(err, "crosscheck: cannot write the report: {e}");
        return Status::InputError;
    }
    let errors = run.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        let _ = writeln!(
            err,
            "crosscheck: {errors} error{} in the input; the report covers the rest",
            if errors == 1 { "" } else { "s" }
        );
    }
    // --strict: a warning (a file skipped, a rule that matches nothing)
    // fails the run as an input error does.
    let errors = if inputs.strict {
        let warnings = inputs.warnings.len() + run.diagnostics.len() - errors;
        if warnings > 0 {
            let _ = writeln!(
                err,
                "crosscheck: {warnings} warning{} with --strict",
                if warnings == 1 { "" } else { "s" }
            );
        }
        errors + warnings
    } else {
        errors
    };
    if let Some(path) = wrote {
        let _ = writeln!(
            err,
            "crosscheck: wrote {}",
            crosscheck::escape::terminal(&path.display().to_string())
        );
    }
    if errors > 0 {
        Status::InputError
    } else if report_out.is_some() || run.summary().failing == 0 {
        Status::Clean
    } else {
        Status::Contradictions
    }
}

/// <report_dir>/<name of the first sources folder or file>.md
fn default_report_path(inputs: &Inputs) -> PathBuf {
    let stem = inputs
        .sources
        .first()
        .and_then(|p| p.file_stem())
        .map_or("report".to_string(), |s| s.to_string_lossy().into_owned());
    inputs.config.report_dir.value.join(format!("{stem}.md"))
}

/// `extract`: facts as JSON Lines.
pub fn extract(
    args: &RunArgs,
    files_from: Option<&Path>,
    out_file: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Status {
    let mut args = args.clone();
    if let Some(list) = files_from {
        match read_list(list) {
            Ok(paths) => {
                // An empty list is an empty shard, not the default folder.
                if paths.is_empty() && args.paths.iter().all(|p| is_rule_file(p)) {
                    args.sources = Some(Vec::new());
                }
                args.paths.extend(paths);
            }
            Err(d) => return fail(&[d], err),
        }
    }
    let inputs = match load(&args) {
        Ok(i) => i,
        Err(d) => return fail(&d, err),
    };
    print_diags(&inputs.warnings, err);
    let bar = Bar::new(args.output.quiet);
    let mut ex = inputs
        .engine
        .extract(&inputs.sources, &options(&args, &inputs, &bar));
    bar.clear();
    ex.load_quotes();
    let fingerprint = &inputs.engine.rules().fingerprint;
    match out_file.map(Target::from_arg) {
        Some(Target::File(path)) => {
            match output::write_file(&path, |w| interchange::write(&ex, fingerprint, w)) {
                Ok(()) => Status::Clean,
                Err(d) => fail_output(&d, err),
            }
        }
        _ => {
            let mut w = BufWriter::new(out);
            match interchange::write(&ex, fingerprint, &mut w).and_then(|_| w.flush()) {
                Err(e) if !is_broken_pipe(&e) => {
                    let _ = writeln!(err, "crosscheck: cannot write the facts: {e}");
                    Status::InputError
                }
                _ => Status::Clean,
            }
        }
    }
}

fn is_rule_file(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "toml")
}

/// Paths, one per line, from a file or standard input (`-`).
fn read_list(list: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let read = |r: &mut dyn BufRead| -> std::io::Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        for line in r.lines() {
            let line = line?;
            let line = line.trim_end_matches('\r');
            if !line.trim().is_empty() {
                out.push(PathBuf::from(line));
            }
        }
        Ok(out)
    };
    let result = if list == Path::new("-") {
        read(&mut std::io::stdin().lock())
    } else {
        std::fs::File::open(list).and_then(|f| read(&mut BufReader::new(f)))
    };
    result.map_err(|e| {
        Diagnostic::error("io", list, format!("cannot read the list of sources: {e}"))
            .help("give a file with one path per line, or - for standard input")
    })
}

/// `compare`: the facts of `extract`, from any number of shards.
pub fn compare(
    files: &[PathBuf],
    rules: Option<Vec<PathBuf>>,
    output: &OutputArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Status {
    let args = RunArgs {
        rules,
        output: output.clone(),
        ..RunArgs::default()
    };
    let inputs = match load(&args) {
        Ok(i) => i,
        Err(d) => return fail(&d, err),
    };
    let fingerprint = inputs.engine.rules().fingerprint.clone();
    let mut parts = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        let part = if file == Path::new("-") {
            interchange::read(&mut std::io::stdin().lock(), &fingerprint)
        } else {
            match std::fs::File::open(file) {
                Ok(f) => interchange::read(&mut BufReader::new(f), &fingerprint),
                Err(e) => {
                    problems.push(Diagnostic::error("io", file, format!("cannot read: {e}")));
                    continue;
                }
            }
        };
        match part {
            Ok(p) => parts.push(p),
            Err(e) => problems.push(
                Diagnostic::error(
                    "facts-invalid",
                    file,
                    format!("line {}: {}", e.line, e.message),
                )
                .help("compare reads what `crosscheck extract` writes, with the same rules"),
            ),
        }
    }
    if !problems.is_empty() {
        return fail(&problems, err);
    }
    let mut run = inputs
        .engine
        .compare(Extraction::merge(parts), &inputs.policy);
    present(&mut run, &inputs, output, None, out, err)
}
