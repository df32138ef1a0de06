//! `check`, `report`, `extract` and `compare`: the engine run whole, or in
//! two halves with facts as JSON Lines between them. `compare` over any
//! sharding of `extract`'s output prints exactly what `check` prints.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use crosscheck::diag::Diagnostic;
use crosscheck::{Extraction, Options, Run, interchange, report};

use super::args::{Color, OutputArgs, RunArgs};
use super::output::{self, Target, is_broken_pipe};
use super::progress::Bar;
use super::settings::Config;
use super::{Inputs, Status, fail, fail_output, load, print_diags};
use crosscheck::report::Format;

fn options(args: &RunArgs, inputs: &Inputs, bar: &Bar) -> Options {
    Options {
        threads: args.threads.map(usize::from),
        cache: inputs.config.cache_dir.value.clone(),
        progress: bar.callback(),
        input: inputs.input.clone(),
        policy: inputs.policy.clone(),
    }
}

/// What a command does with the run it reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// `check` and `compare`: print (or write) the report; exit 1 on
    /// failing conflicts.
    Check(Option<PathBuf>),
    /// `report`: write report files; exit 0 unless the input is broken.
    Report(Option<PathBuf>),
    /// `baseline FILE`: write the run's conflicts as a baseline.
    Baseline(PathBuf),
}

/// `check`, `report` and `baseline`.
pub fn check(args: &RunArgs, mode: Mode, out: &mut dyn Write, err: &mut dyn Write) -> Status {
    // `-` among the sources: standard input, kept in a temporary file so
    // quotes can be read back from it as from any source.
    let mut args = args.clone();
    let stdin = match stdin_source(&mut args) {
        Ok(s) => s,
        Err(d) => return fail(&[d], err),
    };
    let inputs = match load(&args) {
        Ok(i) => i,
        Err(d) => return fail(&d, err),
    };
    let bar = Bar::new(args.output.quiet);
    let mut run = inputs
        .engine
        .run(&inputs.sources, &options(&args, &inputs, &bar));
    bar.clear();
    // Standard input's quotes are read now, from the temporary file; then
    // the source is named as the user gave it.
    if let Some(dir) = &stdin {
        run.load_quotes(false);
        for s in run
            .sources
            .iter_mut()
            .filter(|s| s.path.starts_with(dir.path()))
        {
            s.path = PathBuf::from("<stdin>");
            s.file = "<stdin>".into();
        }
    }
    let status = present(&mut run, &inputs, &args.output, &mode, out, err);
    drop(stdin);
    status
}

/// Replaces a source path `-` by a temporary file holding standard input.
fn stdin_source(args: &mut RunArgs) -> Result<Option<tempfile::TempDir>, Diagnostic> {
    let dash = Path::new("-");
    if !args.paths.iter().any(|p| p == dash) {
        return Ok(None);
    }
    let fail = |e: std::io::Error| {
        Diagnostic::error("io", dash, format!("cannot read standard input: {e}"))
    };
    let dir = tempfile::tempdir().map_err(fail)?;
    let path = dir.path().join("stdin.txt");
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map_err(fail)?;
    std::fs::write(&path, bytes).map_err(fail)?;
    for p in args.paths.iter_mut().filter(|p| *p == dash) {
        *p = path.clone();
    }
    Ok(Some(dir))
}

/// Whether a format shows every fact's quote, or only conflicts'.
fn quotes_of_all(format: Format) -> bool {
    matches!(
        format,
        Format::Json | Format::Jsonl | Format::Html | Format::Junit | Format::Sarif
    )
}

/// Prints or writes a run as the mode asks, and decides the exit status.
fn present(
    run: &mut Run,
    inputs: &Inputs,
    output: &OutputArgs,
    mode: &Mode,
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
    let cfg: &Config = &inputs.config;
    // The files to write and what goes to standard output.
    let stem = default_stem(inputs);
    let mut files: Vec<(Format, PathBuf)> = Vec::new();
    let mut stdout_format = Some(output.format.unwrap_or(Format::Table));
    match mode {
        Mode::Check(Some(p)) | Mode::Report(Some(p)) => {
            let format = output.format.unwrap_or_else(|| match mode {
                Mode::Report(_) => format_of(p).unwrap_or(Format::Markdown),
                _ => format_of(p).unwrap_or(Format::Table),
            });
            match Target::from_arg(p) {
                Target::File(path) => {
                    files.push((format, path));
                    stdout_format = None;
                }
                Target::Stdout => stdout_format = Some(format),
            }
        }
        Mode::Report(None) => {
            let formats = match output.format {
                Some(f) => vec![f],
                None => vec![Format::Markdown, Format::Html, Format::Json],
            };
            for f in formats {
                let path = cfg
                    .report_dir
                    .value
                    .join(format!("{stem}.{}", f.extension()));
                files.push((f, path));
            }
            stdout_format = None;
        }
        Mode::Check(None) | Mode::Baseline(_) => {}
    }
    if matches!(mode, Mode::Baseline(_)) {
        stdout_format = None;
    }
    if output.quiet {
        stdout_format = None;
    }
    // Quotes are read from the sources only where a report shows them.
    let shown: Vec<Format> = files.iter().map(|(f, _)| *f).chain(stdout_format).collect();
    if !shown.is_empty() {
        run.load_quotes(!shown.iter().any(|f| quotes_of_all(*f)));
    }
    print_diags(&inputs.warnings, err);
    print_diags(&run.diagnostics, err);
    if output.verbose {
        verbose(run, err);
    }
    let style = style(output, cfg, stdout_format.is_some());
    // Files first: they are written whatever becomes of standard output
    // (a reader that stops early, `| head`).
    let mut wrote = Vec::new();
    for (format, path) in &files {
        let file_style = report::Style {
            link_base: way_back(path),
            ..style.0.clone()
        };
        match output::write_file(path, |w| report::render(run, *format, &file_style, w)) {
            Ok(()) => wrote.push(path.clone()),
            Err(d) => return fail_output(&d, err),
        }
    }
    if let Mode::Baseline(path) = mode {
        let previous = crosscheck::triage::Baseline::read(path).ok();
        let accepted = run
            .conflicts()
            .filter(|f| !matches!(f.status, crosscheck::finding::Status::Suppressed { .. }));
        let b = crosscheck::triage::Baseline::of(path, accepted, previous.as_ref());
        match output::write_file(path, |w| w.write_all(b.to_toml().as_bytes())) {
            Ok(()) => wrote.push(path.clone()),
            Err(d) => return fail_output(&d, err),
        }
        let _ = writeln!(
            err,
            "crosscheck: {} conflict{} in the baseline; give each a reason",
            b.entries.len(),
            if b.entries.len() == 1 { "" } else { "s" }
        );
    }
    let written = match stdout_format {
        Some(format) => report::render(run, format, &style.1, out),
        None if output.quiet || files.is_empty() => {
            writeln!(out, "{}", run.summary().line(run.fail_on))
        }
        None => Ok(()),
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
    for path in wrote {
        let _ = writeln!(
            err,
            "crosscheck: wrote {}",
            crosscheck::escape::terminal(&path.display().to_string())
        );
    }
    if errors > 0 {
        Status::InputError
    } else if !matches!(mode, Mode::Check(_)) || run.summary().failing == 0 {
        Status::Clean
    } else {
        Status::Contradictions
    }
}

/// The table's style for files and for standard output.
fn style(output: &OutputArgs, cfg: &Config, to_stdout: bool) -> (report::Style, report::Style) {
    use std::io::IsTerminal;
    let terminal = to_stdout && std::io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match output.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => terminal && !no_color,
    };
    let file = report::Style {
        width: cfg.width.value,
        ..Default::default()
    };
    let stdout = report::Style {
        width: cfg.width.value,
        color,
        links: terminal && color,
        terminal,
        link_base: None,
    };
    (file, stdout)
}

/// `-v`: what the run read, and per source what it gave.
fn verbose(run: &Run, err: &mut dyn Write) {
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
    let mut per: std::collections::BTreeMap<
        &str,
        (usize, std::collections::BTreeSet<&str>, usize),
    > = Default::default();
    for f in &run.findings {
        for fact in f.facts() {
            let e = per.entry(&fact.source).or_default();
            e.0 += 1;
            e.1.insert(&fact.rule);
            e.2 += usize::from(f.verdict.is_conflict());
        }
    }
    for src in &run.sources {
        let (facts, rules, in_conflict) = per
            .get(src.id.as_str())
            .map_or((0, 0, 0), |(n, r, c)| (*n, r.len(), *c));
        let _ = writeln!(
            err,
            "  {} {} [{}{}]: {facts} facts, {rules} rules, {in_conflict} in conflicts",
            crosscheck::escape::terminal(&src.id),
            crosscheck::escape::terminal(&src.path.display().to_string()),
            crosscheck::escape::terminal(&src.language),
            src.date.map_or(String::new(), |d| format!(", {d}")),
        );
    }
}

/// The way from a report file's folder back to the current folder
/// (`reports/seeds.html` → `..`), for its links to sources; `None` when
/// it is the current folder, or when the way cannot be told.
fn way_back(file: &Path) -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?.canonicalize().ok()?;
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.canonicalize().ok()?,
        _ => return None,
    };
    if dir == cwd {
        return None;
    }
    // Up from the file's folder to the common ancestor, then down.
    let common = cwd.ancestors().find(|a| dir.starts_with(a))?;
    let ups = dir.strip_prefix(common).ok()?.components().count();
    let mut way = PathBuf::new();
    for _ in 0..ups {
        way.push("..");
    }
    way.push(cwd.strip_prefix(common).ok()?);
    Some(way)
}

/// A report file's format from its extension.
fn format_of(p: &Path) -> Option<Format> {
    match p.extension()?.to_str()? {
        "md" | "markdown" => Some(Format::Markdown),
        "html" | "htm" => Some(Format::Html),
        "json" => Some(Format::Json),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "sarif" => Some(Format::Sarif),
        "xml" => Some(Format::Junit),
        _ => None,
    }
}

/// The name of the first sources folder or file: reports/<stem>.md.
fn default_stem(inputs: &Inputs) -> String {
    inputs
        .sources
        .first()
        .and_then(|p| p.file_stem())
        .map_or("report".to_string(), |s| s.to_string_lossy().into_owned())
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
    out_file: Option<&Path>,
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
    let mode = Mode::Check(out_file.map(Path::to_path_buf));
    present(&mut run, &inputs, output, &mode, out, err)
}
