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

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Rule files (.toml) and sources (files or folders) to use instead of
    /// the --rules and --sources folders.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Folder (or file) of TOML rules.
    #[arg(long, value_name = "DIR", default_value = "rules")]
    pub rules: Vec<PathBuf>,
    /// Folder (or file) of sources (.txt, .md, with an optional sources.toml).
    #[arg(long, value_name = "DIR", default_value = "seeds")]
    pub sources: Vec<PathBuf>,
    /// The conflict grade from which `check` fails.
    #[arg(long, value_enum, default_value_t = Threshold::Major)]
    pub threshold: Threshold,
    /// Width of the printed table in columns.
    #[arg(long, default_value_t = 140)]
    pub width: u16,
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
