//! Command-line types (clap). No logic here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::finding::Grade;

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
    /// Compare the sources and exit 1 when a conflict reaches the threshold.
    Check(RunArgs),
    /// Print the same report, write it as Markdown, and exit 0 unless the input is broken.
    Report {
        #[command(flatten)]
        run: RunArgs,
        /// Where to write the Markdown report (default: reports/<sources folder>.md).
        #[arg(long, value_name = "FILE")]
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
    /// Print every value the grammars read in a text (table, or JSON lines).
    Values {
        /// The text to read; without it, --file or standard input.
        #[arg(value_name = "TEXT")]
        text: Option<String>,
        /// Read the text from a file.
        #[arg(long, value_name = "FILE", conflicts_with = "text")]
        file: Option<PathBuf>,
        /// The language tables to use (auto: all of them).
        #[arg(long, value_enum, default_value_t = Lang::Auto)]
        lang: Lang,
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
        #[arg(long, value_parser = ["money", "count", "percent", "multiplier", "date", "category"])]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    Auto,
    Ar,
    En,
    Ru,
    He,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Auto => "auto",
            Lang::Ar => "ar",
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::He => "he",
        }
    }
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
    /// Folder (or file) of sources (.txt, .md, with an optional sources.toml)
    /// [default: seeds, or crosscheck.toml's].
    #[arg(long, value_name = "DIR")]
    pub sources: Option<Vec<PathBuf>>,
    /// The conflict grade from which `check` fails [default: major].
    #[arg(long, value_enum)]
    pub threshold: Option<Threshold>,
    /// Width of the printed table in columns [default: 140].
    #[arg(long)]
    pub width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Threshold {
    Minor,
    Discrepancy,
    Major,
}

impl From<Threshold> for Grade {
    fn from(t: Threshold) -> Grade {
        match t {
            Threshold::Minor => Grade::Minor,
            Threshold::Discrepancy => Grade::Discrepancy,
            Threshold::Major => Grade::Major,
        }
    }
}
