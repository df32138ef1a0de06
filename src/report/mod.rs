//! Reports: the run (`run::Run`) rendered in every format users' tools
//! read. One model, many views: renderers only format what the comparer and
//! triage decided; nothing here re-computes a verdict. All text from
//! sources is escaped for the output it goes to.

pub mod chart;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod table;

use std::io::{self, Write};

pub use crate::escape;
use crate::run::Run;

/// The formats a run is reported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The terminal table.
    Table,
    /// A pull-request comment: summary first, details folded.
    Markdown,
    /// The whole run, in a versioned schema (`src/report/report.schema.json`).
    Json,
    /// One finding per line.
    Jsonl,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// JUnit XML: one test case per compared fact.
    Junit,
    /// GitHub Actions workflow commands (`::error file=…`).
    Github,
    /// GitLab's Code Quality report.
    Gitlab,
    /// One self-contained HTML file with charts.
    Html,
}

impl Format {
    pub const ALL: &'static [(&'static str, Format)] = &[
        ("table", Format::Table),
        ("markdown", Format::Markdown),
        ("json", Format::Json),
        ("jsonl", Format::Jsonl),
        ("sarif", Format::Sarif),
        ("junit", Format::Junit),
        ("github", Format::Github),
        ("gitlab", Format::Gitlab),
        ("html", Format::Html),
    ];

    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.iter().find(|(n, _)| *n == s).map(|(_, f)| *f)
    }

    pub fn name(self) -> &'static str {
        Format::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("table", |(n, _)| n)
    }

    /// The file extension a report in this format takes.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Table => "txt",
            Format::Markdown => "md",
            Format::Json | Format::Gitlab => "json",
            Format::Jsonl => "jsonl",
            Format::Sarif => "sarif",
            Format::Junit => "xml",
            Format::Github => "txt",
            Format::Html => "html",
        }
    }
}

/// How the terminal table looks, and where a report file's links lead.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Style {
    /// The table's width in columns; `None`: as wide as its content.
    pub width: Option<u16>,
    /// ANSI colours.
    pub color: bool,
    /// `path:line:col` as terminal hyperlinks (OSC 8) to the file.
    pub links: bool,
    /// Printed on a terminal: without a width, the terminal's.
    pub terminal: bool,
    /// For a report file in another folder than the one the run was made
    /// in: the way from the file's folder back to it (`..`), so its links
    /// to sources resolve (HTML).
    pub link_base: Option<std::path::PathBuf>,
}

/// Renders a run in a format.
pub fn render(run: &Run, format: Format, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => table::render(run, style, out),
        Format::Markdown => markdown::render(run, out),
        Format::Json => json::render(run, out),
        Format::Jsonl => json::render_lines(run, out),
        Format::Html => match &style.link_base {
            Some(base) => html::render_from(run, base, out),
            None => html::render(run, out),
        },
        Format::Sarif => sarif::render(run, out),
        Format::Junit => junit::render(run, out),
        Format::Github => github::render(run, out),
        Format::Gitlab => gitlab::render(run, out),
    }
}

/// Who stands behind a figure, as reports name it: the authority, or the
/// publisher of the source that states it in its own voice ("Kazinform
/// (003)"), or the source's id when its publisher is unknown.
pub fn origin_name(run: &Run, origin: &crate::fact::Origin) -> String {
    match origin {
        crate::fact::Origin::Authority(a) => a.to_string(),
        crate::fact::Origin::Source(id) => match run.source(id) {
            Some(s) if !s.publisher.trim().is_empty() && s.publisher.trim() != "unknown" => {
                format!("{} ({id})", s.publisher.trim())
            }
            _ => format!("source {id}"),
        },
    }
}

/// A finding's fact and key: "Trade volume between two countries — total ·
/// Israel–Kazakhstan · 2022", the title alone when the rule has no key.
pub fn headline(f: &crate::finding::Finding) -> String {
    if f.key.is_empty() {
        f.title.clone()
    } else {
        format!("{} — {}", f.title, crate::fact::key_label(&f.key))
    }
}

/// One side of a finding: "statistics of Israel: 79M USD
/// (seeds/001.txt:35:259)".
pub fn side(run: &Run, f: &crate::finding::Finding, fact: &crate::fact::Fact) -> String {
    format!(
        "{}: {} ({})",
        origin_name(run, &fact.origin),
        fact.value.display(f.multiplier),
        place(run, fact)
    )
}

/// Where a fact was read: `path:line:col`, the path as it was given.
pub fn place(run: &Run, fact: &crate::fact::Fact) -> String {
    let file = run
        .source(&fact.source)
        .map_or_else(|| fact.source.to_string(), |s| s.path.display().to_string());
    format!("{file}:{}:{}", fact.quote.line, fact.quote.col)
}
