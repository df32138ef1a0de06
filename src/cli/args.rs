//! Command-line types (clap). No logic here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use crosscheck::finding::Grade;
use crosscheck::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "Find where sources contradict each other."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare the sources and exit 1 when a conflict fails (see --fail-on
    /// and --baseline). A source path `-` reads a source from standard input.
    Check {
        #[command(flatten)]
        run: RunArgs,
        /// Write the report to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Write the report files (Markdown, HTML and JSON, or the --format
    /// given) and exit 0 unless the input is broken.
    Report {
        #[command(flatten)]
        run: RunArgs,
        /// Where to write the report (default: reports/<sources
        /// folder>.<md|html|json>; `-`: standard output). With --out, one
        /// format: --format, or the file's extension, or Markdown.
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Record the run's conflicts in a baseline file (TOML), each with a
    /// reason to fill in; `check --baseline FILE` then fails only on new or
    /// changed conflicts. Reasons already in the file are kept.
    Baseline {
        /// The baseline file to write.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        run: RunArgs,
    },
    /// Read the sources' facts and write them as JSON Lines (one record per
    /// line: sources, facts, diagnostics), for `compare` to read back.
    Extract {
        #[command(flatten)]
        run: RunArgs,
        /// Read more source paths from this file, one per line (`-`: standard input).
        #[arg(long, value_name = "FILE")]
        files_from: Option<PathBuf>,
        /// Write to this file instead of standard output (`-`: standard output).
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Compare facts that `extract` wrote (any number of shards, `-` for
    /// standard input) and report exactly as `check` does.
    Compare {
        /// JSON Lines files written by `extract`.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        /// Folder (or file) of TOML rules [default: rules, or crosscheck.toml's].
        #[arg(long, value_name = "DIR")]
        rules: Option<Vec<PathBuf>>,
        #[command(flatten)]
        output: OutputArgs,
        /// Write the report to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// List, show, test and draft rules.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Show how a rule reads a source or a text: the patterns that matched,
    /// the values, key and authority, and for sentences without a fact the
    /// nearest miss.
    Explain {
        /// The rule's id.
        rule: String,
        /// A source id or file, optionally with a line: `001`, `001:35`.
        #[arg(value_name = "SOURCE[:LINE]", required_unless_present = "text")]
        source: Option<String>,
        /// Explain this text instead of a source.
        #[arg(long, conflicts_with = "source")]
        text: Option<String>,
        /// The date relative expressions in --text are anchored to.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[command(flatten)]
        run: RunArgs,
    },
    /// Print the effective configuration and where each value came from.
    Config(RunArgs),
    /// Make a folder ready to check: crosscheck.toml, rules/ with an
    /// example rule, sources/ with an example source.
    Init {
        /// The folder (default: the current one).
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
        /// Overwrite the files init writes if they exist.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `crosscheck man > crosscheck.1`.
    Man,
    /// Print every value the grammars read in a text (table, or JSON lines).
    Values {
        /// The text to read; without it, --file or standard input.
        #[arg(value_name = "TEXT")]
        text: Option<String>,
        /// Read the text from a file.
        #[arg(long, value_name = "FILE", conflicts_with = "text")]
        file: Option<PathBuf>,
        /// The language tables to use (auto: all of them).
        #[arg(long, default_value = "auto", value_parser = lang_codes())]
        lang: String,
        /// The date relative expressions are anchored to ("last year").
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// One JSON object per line instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Id, title, kind and file of every rule.
    List(RunArgs),
    /// One rule with its patterns expanded and its examples.
    Show {
        id: String,
        #[command(flatten)]
        run: RunArgs,
    },
    /// Run the rules' examples, and end-to-end fixture folders.
    Test {
        /// Rule files or folders [default: the configured rules].
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Fixture folders: sources with an expected.toml of facts and verdicts.
        #[arg(long, value_name = "DIR")]
        fixtures: Vec<PathBuf>,
        /// Rewrite each fixture's expected.toml from the actual output.
        #[arg(long)]
        bless: bool,
    },
    /// Draft a rule from a sentence, for the author to edit.
    New {
        /// The kind of value the rule compares.
        #[arg(long, value_parser = ["money", "count", "percent", "percent:change", "percent:rate", "percent:share", "multiplier", "quantity", "date", "category"])]
        kind: String,
        /// A sentence that states the fact.
        #[arg(long)]
        text: String,
        /// The new rule's id.
        #[arg(long)]
        id: Option<String>,
        /// The date relative expressions in the sentence are anchored to.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
}

/// `auto` and every language with tables.
fn lang_codes() -> clap::builder::PossibleValuesParser {
    let codes: Vec<&'static str> = std::iter::once("auto")
        .chain(crosscheck::lang::codes())
        .collect();
    clap::builder::PossibleValuesParser::new(codes)
}

fn encoding(s: &str) -> Result<&'static encoding_rs::Encoding, String> {
    crosscheck::source::encoding_for_label(s).ok_or_else(|| {
        "not an encoding label (try windows-1256, windows-1251, windows-1255, koi8-r)".into()
    })
}

fn grade(s: &str) -> Result<Grade, String> {
    Grade::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Grade::ALL.iter().map(|(n, _)| *n).collect();
        format!("use one of: {}", names.join(", "))
    })
}

#[derive(Debug, Args, Default, Clone)]
pub struct RunArgs {
    /// Rule files (.toml) and sources (files or folders) to use instead of
    /// the rules and sources folders.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Folder (or file) of TOML rules [default: rules, or crosscheck.toml's].
    #[arg(long, value_name = "DIR")]
    pub rules: Option<Vec<PathBuf>>,
    /// Folder (or file) of sources (.txt, .md, .html, with an optional
    /// sources.toml) [default: seeds, or crosscheck.toml's].
    #[arg(long, value_name = "DIR")]
    pub sources: Option<Vec<PathBuf>>,
    /// Read only the files of source folders that match this glob, or
    /// leave out those that match `!GLOB` (repeatable; as ripgrep's -g).
    #[arg(short = 'g', long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,
    /// The encoding of source files without a byte-order mark
    /// (windows-1256, windows-1251, windows-1255, …) [default: UTF-8, else detected].
    #[arg(long, value_name = "LABEL", value_parser = encoding)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Fail (exit 2) on any warning, such as a source file skipped.
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Worker threads [default: the available cores]; the output is the
    /// same for any number.
    #[arg(short = 'j', long = "threads", value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Read every source anew: neither use nor fill the cache of facts.
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
    /// Where facts are cached per source [default: .crosscheck_cache beside
    /// crosscheck.toml, or in the current folder].
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

fn format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|(n, _)| *n).collect();
        format!("use one of: {}", names.join(", "))
    })
}

/// When the table is coloured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    /// On a terminal, unless NO_COLOR is set.
    #[default]
    Auto,
    Always,
    Never,
}

/// How a run is reported and judged.
#[derive(Debug, Args, Default, Clone)]
pub struct OutputArgs {
    /// The report's format: table, markdown, json, jsonl, sarif, junit,
    /// github, gitlab, html [default: table; report: markdown, html and json].
    #[arg(long, value_parser = format, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// The conflict grade from which a conflict fails (minor, discrepancy,
    /// major), for rules that set no `fail` [default: major].
    #[arg(long, visible_alias = "threshold", value_parser = grade, value_name = "GRADE")]
    pub fail_on: Option<Grade>,
    /// Fail only on conflicts this baseline (written by `crosscheck
    /// baseline`) does not list, or whose figures moved.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Width of the printed table in columns [default: the terminal's].
    #[arg(long)]
    pub width: Option<u16>,
    /// Colour in the table: auto (on a terminal, unless NO_COLOR is set),
    /// always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = Color::Auto)]
    pub color: Color,
    /// Print only the summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Also print per-source statistics and what the run read, on standard error.
    #[arg(short, long)]
    pub verbose: bool,
}
